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
    long infos = h.events().stream().filter(e -> e instanceof HistoryEvent.Op o && o.type() == HistoryEvent.Type.INFO)
        .count();
    System.out.printf("checker benchmark: recorded %d events in %d ms, %d indeterminate (info) completions, heap used %d MB%n",
        h.size(), runMs, infos, (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20);
    Checker0.warm(h, c);
    long l0 = System.nanoTime();
    CheckResult lin = new LinearizabilityChecker().check(h, ChaosRun.setupOf(c));
    long linMs = (System.nanoTime() - l0) / 1_000_000;
    long a0 = System.nanoTime();
    Checks.Verdict all = Checks.run(h, ChaosRun.setupOf(c));
    long allMs = (System.nanoTime() - a0) / 1_000_000;
    // the same history with three partition windows (each ~2% of it) in which the host did not restart:
    // every device's search must also rule out (or place) a power cycle inside each window
    History restarts = withRestartWindows(h, 3);
    long r0 = System.nanoTime();
    CheckResult linRestarts = new LinearizabilityChecker().check(restarts, ChaosRun.setupOf(c));
    long linRestartsMs = (System.nanoTime() - r0) / 1_000_000;
    Checks.Verdict allRestarts = Checks.run(restarts, ChaosRun.setupOf(c));
    String line = String.format("checker benchmark: %d operations (%s) over 1000 devices, %d history events; "
        + "recorded in %d ms; linearizability checked in %d ms (%s); all four checkers in %d ms; verdict %s; "
        + "with 3 partition windows: linearizability in %d ms (%s), verdict %s",
        c.operations() + c.setup().size(), lin.stats().get("operations"), h.size(), runMs, linMs, lin.stats(), allMs,
        all.valid() ? "valid" : "INVALID " + failing(all), linRestartsMs, linRestarts.stats(), allRestarts.valid() ? "valid" : "INVALID " + failing(allRestarts));
    System.out.println(line);
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target/chaos-benchmark.txt"), line + "\n");
    assertTrue(all.valid(), () -> failing(all));
    assertTrue(allRestarts.valid(), () -> failing(allRestarts));
  }

  /** The failing checkers, each with its first violations (short: a violation's detail may be long). */
  static String failing(Checks.Verdict v) {
    StringBuilder b = new StringBuilder();
    for (CheckResult r : v.results()) {
      if (!r.valid()) {
        b.append('[').append(r.checker()).append(": ").append(r.violations().size()).append(" violations");
        r.violations().stream().limit(3).forEach(x -> b.append("; ").append(x.message()).append(' ').append(x.window()));
        b.append(']');
      }
    }
    return b.toString();
  }

  /** {@code h} with {@code n} partition windows, each over ~2% of its events, spread evenly; indices renumbered. */
  static History withRestartWindows(History h, int n) {
    java.util.List<HistoryEvent> in = h.events();
    java.util.List<HistoryEvent> out = new java.util.ArrayList<>(in.size() + 2 * n);
    String host = in.stream().filter(e -> e instanceof HistoryEvent.Op).findFirst().orElseThrow().host();
    for (int i = 0; i < in.size(); i++) {
      for (int w = 1; w <= n; w++) {
        int start = (int) ((long) in.size() * w / (n + 1));
        int heal = start + in.size() / 50;
        if (i == start || i == heal) {
          out.add(new HistoryEvent.Nemesis(out.size(), in.get(i).time(), host, "partition", i == start ? "start" : "heal",
              java.util.List.of()));
        }
      }
      out.add(renumbered(in.get(i), out.size()));
    }
    return new History(out);
  }

  static HistoryEvent renumbered(HistoryEvent e, long index) {
    if (e instanceof HistoryEvent.Op o) {
      return new HistoryEvent.Op(index, o.time(), o.host(), o.process(), o.type(), o.op(), o.key(), o.value(), o.error());
    } else if (e instanceof HistoryEvent.Nemesis n) {
      return new HistoryEvent.Nemesis(index, n.time(), n.host(), n.fault(), n.phase(), n.targets());
    } else if (e instanceof HistoryEvent.Monitor m) {
      return new HistoryEvent.Monitor(index, m.time(), m.host(), m.netns(), m.object(), m.cmd(), m.dev(), m.port(),
          m.payload());
    }
    HistoryEvent.Dump d = (HistoryEvent.Dump) e;
    return new HistoryEvent.Dump(index, d.time(), d.host(), d.instances());
  }

  /** One small untimed pass first, so the timed one measures the checker, not class loading and the JIT's first tier. */
  static final class Checker0 {
    static void warm(History h, ConcreteSchedule c) {
      java.util.List<HistoryEvent> first = h.events().subList(0, Math.min(h.size(), 200_000));
      new LinearizabilityChecker().check(new History(first), ChaosRun.setupOf(c));
    }
  }

}
