package dev.fabric.chaos.check;

import dev.fabric.chaos.History;
import dev.fabric.chaos.HistoryEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Liveness: every operation got an answer by its deadline, unless a fault made it indeterminate.
 * An operation is excused when a nemesis fault was active (started and not yet healed) at some
 * point between its invoke and its {@code info} line. Besides: no operation without any
 * completion at all (the runner records {@code info} at the deadline, so a missing line is a
 * recorder bug), and no answer that was a client-side failure (an ask timeout or a dead letter
 * surfaces as a failed stage: the runner records it as {@code info} with errno CLIENT).
 */
public final class LivenessChecker implements Checker {
  @Override
  public String name() {
    return "liveness";
  }

  @Override
  public CheckResult check(History history, Setup setup) {
    // fault windows: [start index, heal index) per fault occurrence
    List<long[]> faults = new ArrayList<>();
    Map<String, Long> open = new HashMap<>();
    for (HistoryEvent e : history.events()) {
      if (e instanceof HistoryEvent.Nemesis n) {
        String id = n.host() + "/" + n.fault() + "/" + n.targets();
        if ("start".equals(n.phase())) {
          open.put(id, n.index());
        } else {
          Long start = open.remove(id);
          faults.add(new long[] {start == null ? 0 : start, n.index()});
        }
      }
    }
    open.values().forEach(start -> faults.add(new long[] {start, Long.MAX_VALUE}));
    List<CheckResult.Violation> violations = new ArrayList<>();
    long excused = 0;
    long total = 0;
    for (Operations.Operation o : Operations.of(history)) {
      total++;
      if (o.type() == null) {
        violations.add(new CheckResult.Violation("no completion recorded for " + o.op().name() + " on " + o.op().key(),
            o.op().key(), List.of(o.invoke()), List.of(o.describe())));
        continue;
      }
      if (o.type() != HistoryEvent.Type.INFO) {
        continue;
      }
      boolean faulted = faults.stream().anyMatch(f -> f[0] < o.complete() && o.invoke() < f[1]);
      boolean clientFailure = o.error() != null && "CLIENT".equals(o.error().errno());
      if (faulted && !clientFailure) {
        excused++;
        continue;
      }
      String why = clientFailure ? "answered by a client-side failure (" + o.error().extack() + ")"
          : "no answer by its deadline and no fault active";
      violations.add(new CheckResult.Violation(o.op().name() + " on " + o.op().key() + ": " + why, o.op().key(),
          List.of(o.invoke(), o.complete()), List.of(o.describe())));
    }
    Map<String, Object> stats = new LinkedHashMap<>();
    stats.put("operations", total);
    stats.put("indeterminateExcusedByFaults", excused);
    stats.put("faultWindows", faults.size());
    return CheckResult.of(name(), violations, stats);
  }
}
