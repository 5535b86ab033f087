package dev.fabric.devlink.model;

/**
 * A trap group as TRAP_GROUP_GET / _NEW / _DEL reports it. {@code policer} 0 means no policer is
 * bound (the attribute is absent, so nothing is printed). {@code stats} is null when not asked for.
 */
public record TrapGroupSnapshot(DevHandle dev, String name, boolean generic, long policer, Stats stats) implements ReplyValue, Notification.Payload {

  /** Group stats have no "dropped" counter: rx bytes and packets only. */
  public record Stats(long rxBytes, long rxPackets) {}
}
