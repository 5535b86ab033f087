package dev.fabric.devlink.model;

/**
 * A trap policer as TRAP_POLICER_GET / _NEW / _DEL reports it: id, rate (packets/s) and burst
 * (packets). {@code stats} is null when not asked for.
 */
public record TrapPolicerSnapshot(DevHandle dev, long id, long rate, long burst, Stats stats) implements ReplyValue, Notification.Payload {

  /** The policer's drop counter (netdevsim increments it on every read). */
  public record Stats(long rxDropped) {}
}
