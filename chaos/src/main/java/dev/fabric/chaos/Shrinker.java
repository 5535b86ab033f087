package dev.fabric.chaos;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Shrinks a failing concrete schedule: removes whole client processes, then faults (start and
 * heal together), then ever smaller runs of each process's operations (ddmin-style halving),
 * keeping each removal only when the run still fails. Later operations of a process move earlier
 * by the time the removed ones spanned, so a smaller schedule also runs shorter. Stops when
 * nothing more can go or the budget of trials or time runs out.
 */
public final class Shrinker {
  private Shrinker() {}

  public record Result(ConcreteSchedule smallest, int trials, int accepted, long millis) {}

  public static Result shrink(ConcreteSchedule start, Predicate<ConcreteSchedule> stillFails, int maxTrials,
      long maxMillis) {
    long t0 = System.currentTimeMillis();
    int[] trials = {0};
    int accepted = 0;
    ConcreteSchedule best = start;
    java.util.function.BooleanSupplier budgetLeft = () -> trials[0] < maxTrials
        && System.currentTimeMillis() - t0 < maxMillis;
    // whole processes
    for (int p = best.processes().size() - 1; p >= 0 && best.processes().size() > 1 && budgetLeft.getAsBoolean(); p--) {
      List<List<ConcreteSchedule.Step>> procs = new ArrayList<>(best.processes());
      procs.remove(p);
      ConcreteSchedule c = with(best, procs, best.nemesis());
      trials[0]++;
      if (stillFails.test(c)) {
        best = c;
        accepted++;
      }
    }
    // faults, start and heal together
    for (int f = best.nemesis().size() - 1; f >= 0 && budgetLeft.getAsBoolean(); f--) {
      ConcreteSchedule.NemesisStep s = best.nemesis().get(f);
      if (!"start".equals(s.phase())) {
        continue;
      }
      List<ConcreteSchedule.NemesisStep> rest = new ArrayList<>(best.nemesis());
      rest.removeIf(n -> n.fault().equals(s.fault()) && n.targets().equals(s.targets()));
      ConcreteSchedule c = with(best, best.processes(), rest);
      trials[0]++;
      if (stillFails.test(c)) {
        best = c;
        accepted++;
        f = Math.min(f, best.nemesis().size());
      }
    }
    // runs of operations, halving
    for (int p = 0; p < best.processes().size(); p++) {
      int chunk = Math.max(1, best.processes().get(p).size() / 2);
      while (chunk >= 1 && budgetLeft.getAsBoolean()) {
        int from = 0;
        while (from < best.processes().get(p).size() && budgetLeft.getAsBoolean()) {
          List<ConcreteSchedule.Step> steps = best.processes().get(p);
          int to = Math.min(steps.size(), from + chunk);
          if (to - from == steps.size() && best.processes().size() == 1) {
            from = to; // keep at least one operation
            continue;
          }
          List<List<ConcreteSchedule.Step>> procs = new ArrayList<>(best.processes());
          procs.set(p, without(steps, from, to));
          ConcreteSchedule c = with(best, procs, best.nemesis());
          trials[0]++;
          if (stillFails.test(c)) {
            best = c;
            accepted++;
          } else {
            from = to;
          }
        }
        if (chunk == 1) {
          break;
        }
        chunk /= 2;
      }
    }
    return new Result(best, trials[0], accepted, System.currentTimeMillis() - t0);
  }

  /** The steps without [from, to); later steps move earlier by the span removed. */
  static List<ConcreteSchedule.Step> without(List<ConcreteSchedule.Step> steps, int from, int to) {
    long before = from == 0 ? 0 : steps.get(from - 1).atMs();
    long span = to < steps.size() ? steps.get(to).atMs() - before : 0;
    List<ConcreteSchedule.Step> out = new ArrayList<>(steps.subList(0, from));
    for (int i = to; i < steps.size(); i++) {
      ConcreteSchedule.Step s = steps.get(i);
      out.add(new ConcreteSchedule.Step(Math.max(0, s.atMs() - Math.max(0, span - 1)), s.op()));
    }
    return out;
  }

  static ConcreteSchedule with(ConcreteSchedule s, List<List<ConcreteSchedule.Step>> processes,
      List<ConcreteSchedule.NemesisStep> nemesis) {
    return new ConcreteSchedule(s.seed(), s.simulated(), s.setup(), s.namespaces(), s.firmware(), s.latency(),
        s.opDeadlineMs(), List.copyOf(processes), List.copyOf(nemesis));
  }
}
