package dev.fabric.chaos.check;

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
    int settled = 0;
    int infoChecked = 0;
    for (Map.Entry<String, List<Operations.Operation>> e : byDevice.entrySet()) {
      String host = e.getKey().substring(0, e.getKey().indexOf('\u0000'));
      String dev = e.getKey().substring(host.length() + 1);
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
          if (!changed) {
            infoChecked++;
            if (!String.valueOf(lastRead.value()).equals(String.valueOf(dumped.info()))) {
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
    return CheckResult.of(name(), violations, stats);
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
