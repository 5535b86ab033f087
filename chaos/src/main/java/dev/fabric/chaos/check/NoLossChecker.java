package dev.fabric.chaos.check;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fabric.chaos.ChaosOp;
import dev.fabric.chaos.History;
import dev.fabric.chaos.HistoryEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * No data loss: the hardware inventory and what the device stores survive every fault the run
 * injected. Per host and device id, when the history settles the id's last bus write (a
 * new_device or del_device that completed after every other one on that id was invoked, so no
 * order is in doubt), the final dump must agree: the device is there after new_device (or a
 * refused one: the id was taken) and gone after del_device (or a refused one). And for every
 * device in the final dump, its info (firmware versions: what flash stores in NVM) equals the
 * last info read of it when no write that may change versions (flash, new/del_device) was
 * invoked after that read.
 *
 * <p>Across every restart ({@link Checks#restartWindows}: a power cycle at most once inside
 * [start, heal]), per device: what the history last saw by the window's heal (present or absent
 * — a read, or a bus write's answer, acknowledged writes inside the window included; the stored
 * firmware versions of an info read) must be
 * what every answer invoked after the start shows, inside the window or after it, up to the
 * first write that may change it (a bus write; for the versions also a flash). One allowance:
 * an answer completed inside the window may find a card that was there absent (the booting host
 * has not probed it again yet); after the heal it must be back. Only stored versions are compared
 * across a restart: a power cycle boots the stored image, so the running versions may change.
 * The final dump's info is compared the same way when a restart lies after the last read.
 */
public final class NoLossChecker implements Checker {
  @Override
  public String name() {
    return "no-loss";
  }

  @Override
  public CheckResult check(History history, Setup setup) {
    Map<String, List<Operations.Operation>> byDevice = new HashMap<>();
    for (Operations.Operation o : Operations.of(history)) {
      byDevice.computeIfAbsent(o.host() + "\u0000netdevsim/netdevsim" + o.op().id(), k -> new ArrayList<>()).add(o);
    }
    Map<String, HistoryEvent.Dump> dumps = new HashMap<>();
    for (HistoryEvent e : history.events()) {
      if (e instanceof HistoryEvent.Dump d) {
        dumps.put(d.host(), d);
      }
    }
    List<CheckResult.Violation> violations = new ArrayList<>();
    List<Checks.RestartWindow> windows = Checks.restartWindows(history);
    int settled = 0;
    int infoChecked = 0;
    int acrossRestarts = 0;
    for (Map.Entry<String, List<Operations.Operation>> e : byDevice.entrySet()) {
      String host = e.getKey().substring(0, e.getKey().indexOf('\u0000'));
      String dev = e.getKey().substring(host.length() + 1);
      for (Checks.RestartWindow w : windows) {
        if (w.host() == null || w.host().equals(host)) {
          acrossRestarts += acrossRestart(dev, e.getValue(), w, windows, violations);
        }
      }
      HistoryEvent.Dump dump = dumps.get(host);
      if (dump == null) {
        continue;
      }
      Boolean expected = settledPresence(e.getValue());
      HistoryEvent.DumpedInstance dumped = dump.instances().get(dev);
      if (expected != null) {
        settled++;
        if (expected && dumped == null) {
          violations.add(new CheckResult.Violation(dev + " was lost: its last bus write leaves it present, the final "
              + "dump has no such instance", dev, List.of(lastBus(e.getValue()).complete(), dump.index()),
              List.of(lastBus(e.getValue()).describe())));
        } else if (!expected && dumped != null) {
          violations.add(new CheckResult.Violation(dev + " came back: its last bus write removed it, the final dump "
              + "has it", dev, List.of(lastBus(e.getValue()).complete(), dump.index()),
              List.of(lastBus(e.getValue()).describe())));
        }
      }
      if (dumped != null && dumped.info() != null) {
        Operations.Operation lastRead = null;
        for (Operations.Operation o : e.getValue()) {
          if (o.op() instanceof ChaosOp.DevInfo && o.type() == HistoryEvent.Type.OK
              && (lastRead == null || o.complete() > lastRead.complete())) {
            lastRead = o;
          }
        }
        if (lastRead != null) {
          final long after = lastRead.invoke();
          boolean changed = e.getValue().stream().anyMatch(o -> o.complete() > after
              && (o.op() instanceof ChaosOp.Flash || o.op() instanceof ChaosOp.NewDevice
                  || o.op() instanceof ChaosOp.DelDevice));
          boolean restartedSince = windows.stream().anyMatch(w -> (w.host() == null || w.host().equals(host))
              && w.heal() > after);
          if (!changed) {
            infoChecked++;
            JsonNode read = restartedSince ? lastRead.value().get("stored") : lastRead.value();
            JsonNode last = restartedSince ? dumped.info().get("stored") : dumped.info();
            if (!String.valueOf(read).equals(String.valueOf(last))) {
              violations.add(new CheckResult.Violation("stored versions of " + dev + " changed without a write: read "
                  + lastRead.value() + ", final " + dumped.info(), dev, List.of(lastRead.complete(), dump.index()),
                  List.of(lastRead.describe())));
            }
          }
        }
      }
    }
    Map<String, Object> stats = new LinkedHashMap<>();
    stats.put("devices", byDevice.size());
    stats.put("settledInventory", settled);
    stats.put("storedVersionsChecked", infoChecked);
    stats.put("restarts", windows.size());
    stats.put("checkedAcrossRestarts", acrossRestarts);
    return CheckResult.of(name(), violations, stats);
  }

  /**
   * One device across one restart window: what the history last saw by the heal (presence, an
   * acknowledged write inside the window included; stored versions) against every later
   * observation invoked after it and after the start — inside the window
   * (the new host may answer before the heal is recorded) or after it — up to the first write that
   * may change it (from then on the order is in doubt). Before the power cycle the state is the
   * same anyway, after it the cards and their NVM must have survived: either way the answers must
   * agree. Returns how many observations were compared; reports the first mismatch of each kind.
   */
  private static int acrossRestart(String dev, List<Operations.Operation> ops, Checks.RestartWindow w,
      List<Checks.RestartWindow> windows, List<CheckResult.Violation> violations) {
    Operations.Operation before = null;
    Operations.Operation infoBefore = null;
    // what the history last saw by the heal (a write acknowledged inside the window counts: an
    // acknowledged write survives a power cycle, whichever host answered it)
    for (Operations.Operation o : ops) {
      if (!o.indeterminate() && o.complete() < w.heal()) {
        // a read finding no instance inside a window may have met a card still probing: no evidence
        boolean booting = Boolean.FALSE.equals(presenceRead(o)) && windows.stream().anyMatch(x ->
            (x.host() == null || x.host().equals(w.host())) && o.complete() > x.start() && o.complete() < x.heal());
        if (presenceAfter(o) != null && !booting && (before == null || o.complete() > before.complete())) {
          before = o;
        }
        if (isInfoRead(o) && (infoBefore == null || o.complete() > infoBefore.complete())) {
          infoBefore = o;
        }
      }
    }
    String window = "the restart window #" + w.start() + ".." + (w.heal() == Long.MAX_VALUE - 1 ? "end" : "#" + w.heal())
        + " (" + w.fault() + ")";
    int compared = 0;
    if (before != null) {
      long limit = nextWrite(ops, before, false);
      // the next write itself shows the state before it (a del_device that succeeds found the card)
      // when nothing else may take effect before it does
      long second = Long.MAX_VALUE;
      for (Operations.Operation o : ops) {
        if (o != before && isBus(o) && o.invoke() > limit && (o.indeterminate() || o.complete() > before.invoke())) {
          second = Math.min(second, o.invoke());
        }
      }
      boolean was = presenceAfter(before);
      for (Operations.Operation o : ops) {
        boolean nextWriteAlone = isBus(o) && o.invoke() == limit && o.complete() < second;
        Boolean is = o.invoke() > Math.max(w.start(), before.complete()) && !o.indeterminate()
            && (o.complete() < limit || nextWriteAlone) ? presenceBefore(o) : null;
        if (is == null) {
          continue;
        }
        compared++;
        if (was && !is && windows.stream().anyMatch(x -> (x.host() == null || x.host().equals(w.host()))
            && o.complete() > x.start() && o.complete() < x.heal())) {
          continue; // inside a window a kept card may still be probing again: absent until then
        }
        if (was != is) {
          violations.add(new CheckResult.Violation(dev + (was ? " was lost across " : " came back across ") + window
              + ": " + (was ? "present" : "absent") + " before it, " + (is ? "present" : "absent") + " after its start",
              dev, List.of(before.complete(), w.start(), o.complete()), List.of(before.describe(), o.describe())));
          break;
        }
      }
    }
    if (infoBefore != null) {
      long limit = nextWrite(ops, infoBefore, true);
      JsonNode was = infoBefore.value().get("stored");
      for (Operations.Operation o : ops) {
        if (o.invoke() <= Math.max(w.start(), infoBefore.complete()) || o.complete() >= limit || !isInfoRead(o)) {
          continue;
        }
        compared++;
        JsonNode is = o.value().get("stored");
        if (!String.valueOf(was).equals(String.valueOf(is))) {
          violations.add(new CheckResult.Violation("stored versions of " + dev + " changed across " + window
              + " without a write: " + was + " before, " + is + " after its start", dev,
              List.of(infoBefore.complete(), w.start(), o.complete()), List.of(infoBefore.describe(), o.describe())));
          break;
        }
      }
    }
    return compared;
  }

  /**
   * The invoke index of the first write (bus; with {@code versions} also a flash) other than
   * {@code seen} that may take effect after it: observations completed before it still see what
   * {@code seen} saw (up to a restart).
   */
  private static long nextWrite(List<Operations.Operation> ops, Operations.Operation seen, boolean versions) {
    long limit = Long.MAX_VALUE;
    for (Operations.Operation o : ops) {
      boolean write = isBus(o) || (versions && o.op() instanceof ChaosOp.Flash);
      if (o != seen && write && (o.indeterminate() || o.complete() > seen.invoke())) {
        limit = Math.min(limit, o.invoke());
      }
    }
    return limit;
  }

  private static boolean isInfoRead(Operations.Operation o) {
    return o.op() instanceof ChaosOp.DevInfo && o.type() == HistoryEvent.Type.OK && o.value() != null;
  }

  /** Presence the answer shows before the operation took effect (null: it shows none). */
  static Boolean presenceBefore(Operations.Operation o) {
    if (o.op() instanceof ChaosOp.NewDevice) {
      return o.type() == HistoryEvent.Type.OK ? Boolean.FALSE : errno(o, "ENOSPC") ? Boolean.TRUE : null;
    }
    if (o.op() instanceof ChaosOp.DelDevice) {
      return o.type() == HistoryEvent.Type.OK ? Boolean.TRUE : errno(o, "ENOENT") ? Boolean.FALSE : null;
    }
    return presenceRead(o);
  }

  /** Presence the answer shows after the operation took effect (null: it shows none). */
  static Boolean presenceAfter(Operations.Operation o) {
    if (o.op() instanceof ChaosOp.NewDevice) {
      return o.type() == HistoryEvent.Type.OK || errno(o, "ENOSPC") ? Boolean.TRUE : null;
    }
    if (o.op() instanceof ChaosOp.DelDevice) {
      return o.type() == HistoryEvent.Type.OK || errno(o, "ENOENT") ? Boolean.FALSE : null;
    }
    return presenceRead(o);
  }

  /** A device read: answered means registered, ENODEV means not (the run's client sees every namespace). */
  private static Boolean presenceRead(Operations.Operation o) {
    if (!(o.op() instanceof ChaosOp.DevGet || o.op() instanceof ChaosOp.DevInfo || o.op() instanceof ChaosOp.PortDump)) {
      return null;
    }
    return o.type() == HistoryEvent.Type.OK ? Boolean.TRUE : errno(o, "ENODEV") ? Boolean.FALSE : null;
  }

  private static boolean errno(Operations.Operation o, String errno) {
    return o.type() == HistoryEvent.Type.FAIL && o.error() != null && errno.equals(o.error().errno());
  }

  private static Operations.Operation lastBus(List<Operations.Operation> ops) {
    Operations.Operation last = null;
    for (Operations.Operation o : ops) {
      if (isBus(o) && (last == null || o.invoke() > last.invoke())) {
        last = o;
      }
    }
    return last;
  }

  private static boolean isBus(Operations.Operation o) {
    return o.op() instanceof ChaosOp.NewDevice || o.op() instanceof ChaosOp.DelDevice;
  }

  /** Present (true), absent (false), or null when the history leaves it in doubt. */
  static Boolean settledPresence(List<Operations.Operation> ops) {
    Operations.Operation last = lastBus(ops);
    if (last == null || last.indeterminate()) {
      return null;
    }
    for (Operations.Operation o : ops) {
      if (o != last && isBus(o) && (o.indeterminate() || o.complete() > last.invoke())) {
        return null; // overlaps the last write: its order is in doubt
      }
    }
    boolean ok = last.type() == HistoryEvent.Type.OK;
    if (last.op() instanceof ChaosOp.NewDevice) {
      return ok || (last.error() != null && "ENOSPC".equals(last.error().errno())) ? Boolean.TRUE : null;
    }
    return ok || (last.error() != null && "ENOENT".equals(last.error().errno())) ? Boolean.FALSE : null;
  }
}
