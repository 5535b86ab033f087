package dev.fabric.devlink.model;

import java.util.List;

/**
 * A packet trap as TRAP_GET / TRAP_NEW / TRAP_DEL reports it. {@code type}: drop|exception|control;
 * {@code action}: drop|trap|mirror; {@code metadata}: iproute2's names ("input_port",
 * "flow_action_cookie"). {@code stats} is null when the user did not ask for stats (-s); the kernel
 * read the counters anyway. Notifications always carry stats.
 */
public record TrapSnapshot(DevHandle dev, String name, String type, boolean generic, String action,
    String group, List<String> metadata, Stats stats) implements ReplyValue, Notification.Payload {

  public TrapSnapshot {
    metadata = List.copyOf(metadata);
  }

  /** DEVLINK_ATTR_STATS: rx bytes, rx packets and netdevsim's "dropped" counter. */
  public record Stats(long rxBytes, long rxPackets, long rxDropped) {}
}
