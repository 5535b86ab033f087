package dev.fabric.devlink.model;

/**
 * One devlink rate object as RATE_GET reports it. A leaf belongs to a VF port and is named by the
 * port index ({@code portIndex} non-null, {@code name} its decimal text); a node is user-created
 * and named by {@code name}. Either way the handle prints as {@code bus/dev/name}. {@code txShare}
 * and {@code txMax} are bytes/s (u64; the kernel always sends them, iproute2 prints them only
 * when non-zero). {@code parent} is the parent node's name, or null.
 */
public record RateSnapshot(DevHandle dev, String name, Long portIndex, Type type, long txShare, long txMax,
    String parent) implements ReplyValue, Notification.Payload {

  public enum Type {
    LEAF("leaf"), NODE("node");

    public final String label;

    Type(String label) {
      this.label = label;
    }
  }

  /** {@code bus/dev/name}, e.g. netdevsim/netdevsim10/128 or netdevsim/netdevsim10/group1. */
  public String handle() {
    return dev + "/" + name;
  }
}
