package dev.fabric.chaos;

import dev.fabric.devlink.actor.Instance;
import dev.fabric.devlink.model.Notification;
import dev.fabric.devlink.model.Op;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Real classes of devlink bugs, planted into the instance actors through {@link Instance.Faults}
 * (a test-only seam: nothing in the {@code fabric} command reaches it), each with the schedule
 * that attacks it and the checker expected to catch it.
 */
enum PlantedDefects {
  /** The instance serves reads while a reload runs instead of holding them (the per-instance lock not taken). */
  SERVE_DURING_RELOAD("linearizability", new Instance.Faults() {
    @Override
    public boolean serveDuringReload(Op op) {
      return true;
    }
  }, Map.of("reload", 10, "port-get", 10, "port-dump", 6, "dev-get", 4)),

  /** A removed port stays routed to and answers (a sub-object answering after its unregistration). */
  PORT_ANSWERS_AFTER_REMOVAL("linearizability", new Instance.Faults() {
    @Override
    public boolean keepRemovedPorts() {
      return true;
    }
  }, Map.of("port-del", 6, "port-new", 4, "port-get", 12, "reload", 2)),

  /** A port's DEL notification is dropped. */
  DROPPED_NOTIFICATION("monitor", new Instance.Faults() {
    @Override
    public List<Notification> published(List<Notification> notes) {
      List<Notification> out = new ArrayList<>(notes);
      out.removeIf(n -> n.kind() == Notification.Kind.PORT && n.cmd() == Notification.Cmd.DEL);
      return out;
    }
  }, Map.of("port-del", 6, "port-new", 6, "port-get", 4, "dev-get", 2)),

  /** A registering instance announces its sub-objects before itself. */
  EARLY_NOTIFICATION("monitor", new Instance.Faults() {
    @Override
    public List<Notification> published(List<Notification> notes) {
      if (notes.isEmpty() || notes.get(0).kind() != Notification.Kind.DEV || notes.get(0).cmd() != Notification.Cmd.NEW
          || notes.size() < 2) {
        return notes;
      }
      List<Notification> out = new ArrayList<>(notes.subList(1, notes.size()));
      out.add(notes.get(0));
      return out;
    }
  }, Map.of("new-device", 6, "del-device", 6, "dev-get", 4)),

  /** A request racing del_device (its instance unregistering) is dropped without a reply. */
  DROPPED_RACING_DEL_DEVICE("liveness", new Instance.Faults() {
    @Override
    public boolean dropRacingDelDevice(Op op) {
      return true;
    }
  }, Map.of("del-device", 6, "new-device", 6, "reload", 4, "dev-get", 10, "port-get", 10));

  final String checker;
  final Instance.Faults faults;
  final Map<String, Integer> mix;

  PlantedDefects(String checker, Instance.Faults faults, Map<String, Integer> mix) {
    this.checker = checker;
    this.faults = faults;
    this.mix = mix;
  }

  /** The schedule that attacks this defect: a few devices, four processes, short deadlines. */
  Schedule schedule(long seed, long durationMs) {
    return Schedule.builder().seed(seed).devices(1, 3, 2).spareIds(1).processes(4).pacing(0, 2)
        .opDeadlineMs(1_000).duration(durationMs, mix).build();
  }
}
