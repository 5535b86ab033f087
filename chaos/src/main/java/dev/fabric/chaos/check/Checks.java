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
   * Member faults that restart a host ({@code kill-member}, {@code leave-rejoin}, {@code host-reboot}
   * on a cluster): a host boots again from its image (cards and NVM), its runtime state (ports
   * added, runtime params, eswitch mode, regions...) starts afresh, which the sequential model does
   * not know. Stated relaxation: linearizability is checked on the history up to the first such
   * fault's start; operations invoked before it and answered after it count as indeterminate
   * ({@code info}), those invoked after it are left out. Liveness and no-loss check the whole
   * history (the no-loss checker is what a restart is about).
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
    History beforeRestart = untilFirstRestart(history);
    for (Checker c : all()) {
      if (c instanceof MonitorChecker && !monitored) {
        out.add(new CheckResult(c.name(), true, List.of(),
            java.util.Map.of("notApplicable", "the target streams no monitor events into the history")));
      } else if (c instanceof LinearizabilityChecker && beforeRestart != history) {
        CheckResult r = c.check(beforeRestart, setup);
        java.util.Map<String, Object> stats = new java.util.LinkedHashMap<>(r.stats());
        stats.put("checkedUntilFirstRestartIndex", beforeRestart.events().isEmpty() ? 0
            : beforeRestart.events().get(beforeRestart.events().size() - 1).index());
        out.add(new CheckResult(r.checker(), r.valid(), r.violations(), stats));
      } else {
        out.add(c.check(history, setup));
      }
    }
    return new Verdict(out.stream().allMatch(CheckResult::valid), out);
  }

  /** The history cut at the first restarting fault (see {@link #RESTARTING_FAULTS}); itself when there is none. */
  static History untilFirstRestart(History history) {
    List<HistoryEvent> events = history.events();
    long cut = Long.MAX_VALUE;
    for (HistoryEvent e : events) {
      if (e instanceof HistoryEvent.Nemesis n && "start".equals(n.phase()) && RESTARTING_FAULTS.contains(n.fault())) {
        cut = n.index();
        break;
      }
    }
    if (cut == Long.MAX_VALUE) {
      return history;
    }
    // processes with an operation open at the cut, per host
    java.util.Set<String> open = new java.util.HashSet<>();
    List<HistoryEvent> kept = new ArrayList<>();
    for (HistoryEvent e : events) {
      if (e instanceof HistoryEvent.Op o) {
        String proc = o.host() + "/" + o.process();
        if (o.index() < cut) {
          kept.add(e);
          if (o.type() == HistoryEvent.Type.INVOKE) {
            open.add(proc);
          } else {
            open.remove(proc);
          }
        } else if (o.type() != HistoryEvent.Type.INVOKE && open.remove(proc)) {
          kept.add(new HistoryEvent.Op(o.index(), o.time(), o.host(), o.process(), HistoryEvent.Type.INFO, o.op(),
              o.key(), null, new HistoryEvent.Error("RESTART", "answered after a host restart began")));
        }
      } else if (e.index() < cut && !(e instanceof HistoryEvent.Dump)) {
        kept.add(e);
      }
    }
    return new History(kept);
  }
}
