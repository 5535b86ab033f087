package dev.fabric.chaos.check;

import dev.fabric.chaos.History;
import dev.fabric.chaos.HistoryEvent;
import java.util.ArrayList;
import java.util.List;

/** Every checker over one history, and the verdict: valid only when each one is. */
public final class Checks {
  private Checks() {}

  public static List<Checker> all() {
    return List.of(new LivenessChecker(), new LinearizabilityChecker(), new MonitorChecker(), new NoLossChecker());
  }

  public record Verdict(boolean valid, List<CheckResult> results) {
    public long violations() {
      return results.stream().mapToLong(r -> r.violations().size()).sum();
    }
  }

  public static Verdict run(History history, Checker.Setup setup) {
    return run(history, setup, true);
  }

  /**
   * Faults that may restart a host ({@code kill-member}, {@code leave-rejoin}, {@code host-reboot},
   * {@code partition} (a long one gets the isolated member downed) on a cluster): the host boots again from what it keeps ({@code HostInventory}: cards and NVM),
   * its runtime state (ports added, runtime params, eswitch mode, regions, namespaces...) starts
   * afresh. A fault in this set may or may not actually have restarted the host (a short partition
   * may not), so every checker reads it as "a power cycle happened at most once inside the window
   * [start, heal]" ({@link #restartWindows}): linearizability adds the power cycle to each device's
   * sub-history, the monitor checker lets the host re-announce its objects, no-loss compares NVM
   * and inventory across every restart. The whole history is checked.
   */
  public static final java.util.Set<String> RESTARTING_FAULTS = java.util.Set.of("kill-member", "leave-rejoin",
      "host-reboot", "partition");

  /**
   * {@code monitored}: the target streamed the host's monitor events into the history (a cluster
   * target does not: its events are rendered text on a pub-sub topic); when false the monitor
   * checker is reported as not applicable, never as passing on an empty stream.
   */
  public static Verdict run(History history, Checker.Setup setup, boolean monitored) {
    List<CheckResult> out = new ArrayList<>();
    for (Checker c : all()) {
      if (c instanceof MonitorChecker && !monitored) {
        out.add(new CheckResult(c.name(), true, List.of(),
            java.util.Map.of("notApplicable", "the target streams no monitor events into the history")));
      } else {
        out.add(c.check(history, setup));
      }
    }
    return new Verdict(out.stream().allMatch(CheckResult::valid), out);
  }

  /**
   * One restarting fault of {@code host} (null: every host): the history indices (and times) of its
   * nemesis start and heal; {@code heal} is {@link Long#MAX_VALUE} - 1 when the history ends before
   * the heal (the power cycle may then be anywhere after the start).
   */
  public record RestartWindow(String host, String fault, long start, long heal, long startTime, long healTime) {
    /** The power cycle as an operation of device {@code id}: it takes effect inside the window, or never. */
    Operations.Operation powerCycle(String onHost, int id) {
      return new Operations.Operation(onHost, -1, new dev.fabric.chaos.ChaosOp.PowerCycle(id, fault), start, heal, startTime,
          healTime, HistoryEvent.Type.OK, null, null);
    }

    /**
     * The power cycle's second half for device {@code id}: the booted host probed its card again,
     * by the heal (the host answers again once booted).
     */
    Operations.Operation reprobed(String onHost, int id) {
      return new Operations.Operation(onHost, -1, new dev.fabric.chaos.ChaosOp.Reprobed(id), start, heal, startTime,
          healTime, HistoryEvent.Type.OK, null, null);
    }

    public boolean contains(long index) {
      return index > start && index < heal;
    }
  }

  /**
   * The windows of the restarting faults ({@link #RESTARTING_FAULTS}), in start order: each start
   * paired with the next heal of the same host, fault and targets (the runner heals a fault once,
   * after its start completed).
   */
  public static List<RestartWindow> restartWindows(History history) {
    List<RestartWindow> out = new ArrayList<>();
    java.util.Map<String, java.util.ArrayDeque<Integer>> open = new java.util.HashMap<>();
    for (HistoryEvent e : history.events()) {
      if (!(e instanceof HistoryEvent.Nemesis n) || !RESTARTING_FAULTS.contains(n.fault())) {
        continue;
      }
      String id = n.host() + "\u0000" + n.fault() + n.targets();
      if ("start".equals(n.phase())) {
        open.computeIfAbsent(id, k -> new java.util.ArrayDeque<>()).add(out.size());
        out.add(new RestartWindow(n.host(), n.fault(), n.index(), Long.MAX_VALUE - 1, n.time(), Long.MAX_VALUE));
      } else if ("heal".equals(n.phase())) {
        java.util.ArrayDeque<Integer> q = open.get(id);
        Integer at = q == null ? null : q.poll();
        if (at != null) {
          RestartWindow w = out.get(at);
          out.set(at, new RestartWindow(w.host(), w.fault(), w.start(), n.index(), w.startTime(), n.time()));
        }
      }
    }
    return out;
  }

  /**
   * A request a cluster host refused while it was still booting (its stash full: EBUSY "host H is
   * starting and its queue is full", HostEntity): no instance saw it, so it had no effect; the
   * linearizability checker reads it as indeterminate, which allows that.
   */
  static boolean refusedWhileStarting(Operations.Operation o) {
    return o.type() == HistoryEvent.Type.FAIL && o.error() != null && "EBUSY".equals(o.error().errno())
        && o.error().extack() != null && o.error().extack().endsWith(" is starting and its queue is full");
  }
}
