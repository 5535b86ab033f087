package dev.fabric.chaos;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fabric.chaos.check.CheckResult;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** A seeded run on the healthy embedded fabric: every checker passes. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CleanRunTest {

  static String describe(ChaosRun.Outcome o) {
    StringBuilder b = new StringBuilder();
    for (CheckResult r : o.verdict().results()) {
      b.append(r.checker()).append(' ').append(r.valid()).append(' ').append(r.stats()).append('\n');
      r.violations().stream().limit(5).forEach(v -> {
        b.append("  ").append(v.message()).append(' ').append(v.window()).append('\n');
        v.detail().forEach(d -> b.append("    ").append(d).append('\n'));
      });
    }
    return b.toString();
  }

  @Test
  void standardScheduleIsValid(@TempDir Path dir) {
    Schedule s = Schedule.standard(1, 3_000);
    ChaosRun.Outcome o = ChaosRun.run(ConcreteSchedule.generate(s, false), () -> EmbeddedTarget.start(s.latency()), p -> {});
    ChaosRun.write(dir, s, o);
    System.out.println("clean run: " + o.schedule().operations() + " ops, run " + o.runMillis() + " ms, check "
        + o.checkMillis() + " ms\n" + describe(o));
    assertTrue(o.verdict().valid(), describe(o));
  }
}
