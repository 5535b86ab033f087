package dev.fabric.chaos;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fabric.chaos.check.CheckResult;
import dev.fabric.chaos.check.Checks;
import dev.fabric.chaos.check.LinearizabilityChecker;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The checker benchmark (docs/BENCHMARKS.md): a load driver records a history of ~100,000
 * operations over 1,000 devices on the embedded fabric, then every checker runs over it; the
 * times are printed and written to target/chaos-benchmark.txt. Not part of mvn verify:
 * {@code mvn -B -o -Pchaos-long -pl chaos -am verify -Dtest=CheckerBenchmarkTest -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("chaos-long")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CheckerBenchmarkTest {

  @Test
  void hundredThousandOperationsOverAThousandDevices() throws Exception {
    long ops = Long.getLong("chaos.bench.ops", 100_000);
    int processes = 8;
    // closed loops with no pacing: about 1 op per ms per process by construction of the schedule
    long durationMs = ops / processes;
    Schedule s = Schedule.builder().seed(7).devices(1, 1000, 2).spareIds(0).processes(processes).pacing(0, 0)
        .opDeadlineMs(30_000).duration(durationMs, Schedule.defaultMix()).build();
    ConcreteSchedule c = ConcreteSchedule.generate(s, false);
    long t0 = System.nanoTime();
    History h;
    try (EmbeddedTarget t = EmbeddedTarget.start("instant")) {
      h = new Runner(t, c, p -> {}).run();
    }
    long runMs = (System.nanoTime() - t0) / 1_000_000;
    Checker0.warm(h, c);
    long l0 = System.nanoTime();
    CheckResult lin = new LinearizabilityChecker().check(h, ChaosRun.setupOf(c));
    long linMs = (System.nanoTime() - l0) / 1_000_000;
    long a0 = System.nanoTime();
    Checks.Verdict all = Checks.run(h, ChaosRun.setupOf(c));
    long allMs = (System.nanoTime() - a0) / 1_000_000;
    String line = String.format("checker benchmark: %d operations (%s) over 1000 devices, %d history events; "
        + "recorded in %d ms; linearizability checked in %d ms (%s); all four checkers in %d ms; verdict %s",
        c.operations() + c.setup().size(), lin.stats().get("operations"), h.size(), runMs, linMs, lin.stats(), allMs,
        all.valid() ? "valid" : "INVALID");
    System.out.println(line);
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target/chaos-benchmark.txt"), line + "\n");
    assertTrue(all.valid(), () -> all.results().stream().filter(r -> !r.valid()).map(CheckResult::toString)
        .reduce("", String::concat));
  }

  /** One small untimed pass first, so the timed one measures the checker, not class loading and the JIT's first tier. */
  static final class Checker0 {
    static void warm(History h, ConcreteSchedule c) {
      java.util.List<HistoryEvent> first = h.events().subList(0, Math.min(h.size(), 20_000));
      new LinearizabilityChecker().check(new History(first), ChaosRun.setupOf(c));
    }
  }

}
