package dev.fabric.devlink.model;

/**
 * One devlink multicast message as `devlink monitor` receives it. {@code payload} is an immutable
 * snapshot of the object at the moment the kernel built the message (the printers in the cli
 * module render it), and {@code netns} is the namespace whose listeners get it.
 */
public record Notification(String netns, Kind kind, Cmd cmd, DevHandle dev, Object payload) {

  /** The object group, named as iproute2's monitor prints it. */
  public enum Kind {
    DEV("dev"), PORT("port"), PARAM("param"), REGION("region"), FLASH("flash"), HEALTH("health"),
    TRAP("trap"), TRAP_GROUP("trap-group"), TRAP_POLICER("trap-policer"), RATE("rate");

    public final String label;

    Kind(String label) {
      this.label = label;
    }
  }

  public enum Cmd {
    NEW("new"), DEL("del"), STATUS("status"), BEGIN("begin"), END("end"), SET("set");

    public final String label;

    Cmd(String label) {
      this.label = label;
    }
  }
}
