package dev.fabric.devlink.model;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.fabric.devlink.Wire;

/**
 * One devlink multicast message as `devlink monitor` receives it. {@code payload} is an immutable
 * snapshot of the object at the moment the kernel built the message (the printers in the cli
 * module render it), and {@code netns} is the namespace whose listeners get it.
 */
public record Notification(String netns, Kind kind, Cmd cmd, DevHandle dev, Payload payload) implements Wire {

  /** What a notification carries: the closed set of object snapshots the kernel announces. */
  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "payload")
  @JsonSubTypes({
      @JsonSubTypes.Type(value = DevSnapshot.class, name = "dev"),
      @JsonSubTypes.Type(value = PortState.class, name = "port"),
      @JsonSubTypes.Type(value = Param.class, name = "param"),
      @JsonSubTypes.Type(value = RegionEvent.class, name = "region"),
      @JsonSubTypes.Type(value = FlashStatus.class, name = "flash"),
      @JsonSubTypes.Type(value = HealthReporterSnapshot.class, name = "health"),
      @JsonSubTypes.Type(value = TrapSnapshot.class, name = "trap"),
      @JsonSubTypes.Type(value = TrapGroupSnapshot.class, name = "trap-group"),
      @JsonSubTypes.Type(value = TrapPolicerSnapshot.class, name = "trap-policer"),
      @JsonSubTypes.Type(value = RateSnapshot.class, name = "rate")})
  public sealed interface Payload extends Wire
      permits DevSnapshot, PortState, Param, RegionEvent, FlashStatus, HealthReporterSnapshot, TrapSnapshot,
          TrapGroupSnapshot, TrapPolicerSnapshot, RateSnapshot {}

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
