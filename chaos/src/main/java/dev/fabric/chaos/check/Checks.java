package dev.fabric.chaos.check;

import dev.fabric.chaos.History;
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
    List<CheckResult> out = new ArrayList<>();
    for (Checker c : all()) {
      out.add(c.check(history, setup));
    }
    return new Verdict(out.stream().allMatch(CheckResult::valid), out);
  }
}
