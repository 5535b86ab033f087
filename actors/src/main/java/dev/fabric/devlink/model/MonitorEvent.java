package dev.fabric.devlink.model;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.fabric.devlink.Wire;

/**
 * What a monitor subscriber receives from the host's multicast group: a notification, the fence
 * it asked for (everything published before the fence request has been sent to it), or an overrun
 * (its receive buffer was full and {@code dropped} notifications were lost: the reader's ENOBUFS),
 * or the host's power cycle ({@link Rebooted}).
 * Fences are matched by id, so they keep working when events are serialized.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "event")
@JsonSubTypes({@JsonSubTypes.Type(value = MonitorEvent.Note.class, name = "note"),
    @JsonSubTypes.Type(value = MonitorEvent.FenceReached.class, name = "fence"),
    @JsonSubTypes.Type(value = MonitorEvent.Overrun.class, name = "overrun"),
    @JsonSubTypes.Type(value = MonitorEvent.Rebooted.class, name = "rebooted")})
public sealed interface MonitorEvent extends Wire {

  record Note(Notification notification) implements MonitorEvent {}

  record FenceReached(long id) implements MonitorEvent {}

  record Overrun(long dropped) implements MonitorEvent {}

  /**
   * The host power-cycled and runs boot number {@code boot}: every notification before this came
   * from the previous boot, whose objects are gone without a DEL (a power loss announces nothing);
   * the cards it kept announce themselves again with NEW. A kernel's subscriber would have died
   * with the machine; an emulated one lives on and learns it here. Not counted in the receive
   * buffer (no {@code consumed} for it).
   */
  record Rebooted(int boot) implements MonitorEvent {}
}
