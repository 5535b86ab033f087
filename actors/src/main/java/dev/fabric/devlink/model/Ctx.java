package dev.fabric.devlink.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The per-request context of one model step: where notifications go and whether they are sent at
 * all (the kernel announces sub-objects only while the instance is registered).
 */
public final class Ctx {
  final DevHandle dev;
  final String netns;
  final boolean notify;
  final List<Notification> notes = new ArrayList<>();
  final List<String> released = new ArrayList<>();

  Ctx(DevHandle dev, String netns, boolean notify) {
    this.dev = dev;
    this.netns = netns;
    this.notify = notify;
  }

  void emit(Notification.Kind kind, Notification.Cmd cmd, Notification.Payload payload) {
    if (notify) {
      notes.add(new Notification(netns, kind, cmd, dev, payload));
    }
  }

  /** Always sent, whatever the registration gate (flash status goes to the requester's listeners). */
  void emitAlways(Notification.Kind kind, Notification.Cmd cmd, Notification.Payload payload) {
    notes.add(new Notification(netns, kind, cmd, dev, payload));
  }

  Result result(Reply<?> reply) {
    return new Result(reply, List.copyOf(notes), List.copyOf(released));
  }
}
