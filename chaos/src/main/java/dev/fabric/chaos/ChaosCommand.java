package dev.fabric.chaos;

import dev.fabric.chaos.check.CheckResult;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.AttributedString;
import org.jline.utils.Status;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code fabric chaos run|replay|shrink}: seeded chaos runs against an embedded fabric, with a
 * live progress line, a verdict and a report directory. Exit status 0 only when every checker
 * passes.
 */
@Command(name = "chaos", mixinStandardHelpOptions = true,
    description = "Seeded chaos runs: concurrent reloads, unregisters, port churn and faults, a recorded history, "
        + "checkers (liveness, linearizability, monitor consistency, no loss) and a report.",
    subcommands = {ChaosCommand.Run.class, ChaosCommand.Replay.class, ChaosCommand.Shrink.class})
public final class ChaosCommand implements Callable<Integer> {

  @Override
  public Integer call() {
    System.err.println("fabric chaos: say run, replay or shrink (fabric chaos --help)");
    return 2;
  }

  @Command(name = "run", mixinStandardHelpOptions = true,
      description = "Run a seeded schedule against an embedded fabric (or an in-JVM cluster, --cluster, or a "
          + "running fabric, --endpoint URL) and check its history.")
  static final class Run implements Callable<Integer> {
    @Option(names = "--seed", description = "root seed of every random choice (default 1, or the schedule file's)")
    Long seed;

    @Option(names = "--schedule", description = "a schedule file (YAML); default: the standard schedule")
    Path schedule;

    @Option(names = "--duration", description = "run time of the standard schedule, e.g. 10s, 2m (default ${DEFAULT-VALUE})")
    String duration = "10s";

    @Option(names = "--out", description = "report directory (default chaos-runs/seed-SEED)")
    Path out;

    @Option(names = "--endpoint", paramLabel = "URL", description = "attack a running fabric (fabric up) at URL: "
        + "its first host without devices, over the HTTP API (real time; the standard cluster schedule SIGKILLs "
        + "the host's member once: the member processes are found in the endpoint file fabric up wrote)")
    String endpoint;

    @Option(names = "--cluster", description = "attack an in-JVM cluster of three members holding the host "
        + "(real time; the standard cluster schedule kills the host's member once)")
    boolean cluster;

    @Option(names = "--real-time", description = "real threads and the real clock instead of the deterministic "
        + "simulation (seeded interleaving, simulated time), which is the default")
    boolean realTime;

    @Override
    public Integer call() {
      if (endpoint != null && cluster) {
        System.err.println("fabric chaos: --endpoint and --cluster exclude each other");
        return 2;
      }
      boolean remote = cluster || endpoint != null;
      Schedule s;
      try {
        s = schedule != null ? withSeed(Schedule.read(schedule), seed)
            : remote ? Schedule.clusterStandard(seed == null ? 1 : seed, millis(duration))
            : Schedule.standard(seed == null ? 1 : seed, millis(duration));
      } catch (RuntimeException e) {
        System.err.println("fabric chaos: " + e.getMessage());
        return 2;
      }
      Path dir = out != null ? out : Path.of("chaos-runs", "seed-" + s.seed());
      if (remote) {
        TargetSpec kind = cluster ? TargetSpec.cluster(3) : TargetSpec.endpoint(endpoint);
        ConcreteSchedule c = ConcreteSchedule.generate(s, false);
        ChaosTarget first;
        try {
          first = kind.targets(c).get();
        } catch (RuntimeException e) {
          System.err.println("fabric chaos: " + e.getMessage());
          return 2;
        }
        return runAndReport(c, s, dir, System.out, kind, once(first, kind.targets(c)));
      }
      return runAndReport(ConcreteSchedule.generate(s, !realTime), s, dir, System.out);
    }

    /** {@code first} (already started, so that a bad target is refused before the run), then fresh ones. */
    private static java.util.function.Supplier<ChaosTarget> once(ChaosTarget first,
        java.util.function.Supplier<ChaosTarget> more) {
      ChaosTarget[] next = {first};
      return () -> {
        ChaosTarget t = next[0];
        next[0] = null;
        return t != null ? t : more.get();
      };
    }

    /** --seed given on the command line overrides the file's seed. */
    private static Schedule withSeed(Schedule s, Long seed) {
      return seed == null ? s : new Schedule(seed, s.devices(), s.spareIds(), s.namespaces(), s.firmware(), s.latency(),
          s.processes(), s.pacingMs(), s.opDeadlineMs(), s.phases(), s.nemesis());
    }
  }

  @Command(name = "replay", mixinStandardHelpOptions = true,
      description = "Run the concrete schedule recorded in DIR again, against the kind of target it ran on, and "
          + "say how often the verdict reproduces (k of n).")
  static final class Replay implements Callable<Integer> {
    @Parameters(paramLabel = "DIR", description = "a report directory of an earlier run")
    Path dir;

    @Option(names = "--times", description = "how many times to re-run it (default ${DEFAULT-VALUE})")
    int times = 1;

    @Override
    public Integer call() throws Exception {
      Path file = dir.resolve("concrete-schedule.json");
      if (!Files.exists(file)) {
        System.err.println("fabric chaos: " + file + ": no such file (not a chaos report directory)");
        return 2;
      }
      if (times < 1) {
        System.err.println("fabric chaos: --times must be at least 1");
        return 2;
      }
      ConcreteSchedule s = ConcreteSchedule.read(file);
      TargetSpec kind = TargetSpec.read(dir);
      boolean recordedValid = Json.JSON.readTree(dir.resolve("results.json").toFile()).path("valid").asBoolean();
      byte[] recorded = Files.readAllBytes(dir.resolve("history.jsonl"));
      int same = 0;
      int identical = 0;
      int last = 0;
      for (int i = 1; i <= times; i++) {
        Path again = dir.resolve("replay-" + i);
        last = runAndReport(s, null, again, System.out, kind, kind.targets(s));
        if (last > 1) {
          return last; // the target could not be attacked (said on stderr)
        }
        if ((last == 0) == recordedValid) {
          same++;
        }
        if (java.util.Arrays.equals(recorded, Files.readAllBytes(again.resolve("history.jsonl")))) {
          identical++;
        }
      }
      String against = kind.embedded() ? "" : ", against " + (kind.endpoint() != null ? "the fabric at "
          + kind.endpoint() : "an in-JVM cluster of " + kind.members() + " members");
      System.out.println("replay: verdict reproduced " + same + " of " + times + " (recorded: "
          + (recordedValid ? "valid" : "invalid") + "); history identical byte for byte " + identical + " of " + times
          + (s.simulated() ? " (deterministic simulation)" : " (real time" + against + ": interleavings differ)"));
      return last;
    }
  }

  @Command(name = "shrink", mixinStandardHelpOptions = true,
      description = "Remove operations and faults from DIR's failing schedule while it still fails; write the smallest.")
  static final class Shrink implements Callable<Integer> {
    @Parameters(paramLabel = "DIR", description = "a report directory of a failing run")
    Path dir;

    @Option(names = "--trials", description = "at most this many runs (default ${DEFAULT-VALUE})")
    int trials = 200;

    @Option(names = "--budget", description = "at most this long, e.g. 5m (default ${DEFAULT-VALUE})")
    String budget = "5m";

    @Override
    public Integer call() {
      ConcreteSchedule s = ConcreteSchedule.read(dir.resolve("concrete-schedule.json"));
      ChaosRun.Outcome first = ChaosRun.run(s, s::newTarget, p -> {});
      if (first.verdict().valid()) {
        System.out.println("shrink: the schedule passes every checker now: nothing to shrink");
        return 1;
      }
      List<String> failing = first.verdict().results().stream().filter(r -> !r.valid()).map(CheckResult::checker).toList();
      Shrinker.Result r = Shrinker.shrink(s, c -> {
        ChaosRun.Outcome o = ChaosRun.run(c, c::newTarget, p -> {});
        return o.verdict().results().stream().anyMatch(x -> !x.valid() && failing.contains(x.checker()));
      }, trials, millis(budget));
      Path outFile = dir.resolve("shrunk-schedule.json");
      r.smallest().write(outFile);
      System.out.println("shrink: " + s.operations() + " operations, " + s.nemesis().size() / 2 + " faults -> "
          + r.smallest().operations() + " operations, " + r.smallest().nemesis().size() / 2 + " faults ("
          + r.trials() + " runs, " + r.millis() / 1000 + " s); written to " + outFile);
      return 0;
    }
  }

  static long millis(String d) {
    String t = d.trim().toLowerCase(Locale.ROOT);
    try {
      if (t.endsWith("ms")) {
        return Long.parseLong(t.substring(0, t.length() - 2));
      } else if (t.endsWith("s")) {
        return Long.parseLong(t.substring(0, t.length() - 1)) * 1000;
      } else if (t.endsWith("m")) {
        return Long.parseLong(t.substring(0, t.length() - 1)) * 60_000;
      }
      return Long.parseLong(t) * 1000;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a duration: '" + d + "' (say 500ms, 30s or 2m)");
    }
  }

  /** Runs, prints the verdict, writes DIR; 0 when every checker passed, 1 otherwise. */
  static int runAndReport(ConcreteSchedule s, Schedule source, Path dir, PrintStream out) {
    return runAndReport(s, source, dir, out, TargetSpec.EMBEDDED, s::newTarget);
  }

  /**
   * As above against targets of {@code kind} (recorded in DIR for replay). A target that cannot be
   * started or that fails the run (a fabric that went away, a fault that could not heal) is said on
   * stderr with status 2, without a verdict.
   */
  static int runAndReport(ConcreteSchedule s, Schedule source, Path dir, PrintStream out, TargetSpec kind,
      java.util.function.Supplier<ChaosTarget> targets) {
    ChaosRun.Outcome o;
    try (ProgressLine progress = new ProgressLine()) {
      o = ChaosRun.run(s, targets, progress);
    } catch (RuntimeException e) {
      if (kind.embedded()) {
        throw e;
      }
      System.err.println("fabric chaos: " + e.getMessage());
      return 2;
    }
    ChaosRun.write(dir, source, o);
    kind.write(dir);
    out.printf(Locale.ROOT, "chaos run, seed %d (%s): %d operations by %d processes, %d faults; ran %.1f s, "
        + "checked in %.1f s%n", s.seed(), s.simulated() ? "deterministic simulation" : "real time", s.operations(),
        s.processes().size(), s.nemesis().size() / 2, o.runMillis() / 1e3, o.checkMillis() / 1e3);
    for (CheckResult r : o.verdict().results()) {
      out.printf(Locale.ROOT, "  %-16s %s  %s%n", r.checker(), r.valid() ? "pass" : "FAIL (" + r.violations().size()
          + " violations)", r.stats());
      r.violations().stream().limit(3).forEach(v -> out.println("      " + v.message()));
    }
    out.println("verdict: " + (o.verdict().valid() ? "valid" : "INVALID") + "; report: " + dir.resolve("report.html"));
    return o.verdict().valid() ? 0 : 1;
  }

  /**
   * The live progress line: JLine's status line on a terminal; elsewhere (a pipe, CI) one plain
   * line every two seconds on stderr.
   */
  static final class ProgressLine implements Consumer<Runner.Progress>, AutoCloseable {
    private Terminal terminal;
    private Status status;
    private long lastPrinted;

    ProgressLine() {
      if (System.console() != null) {
        try {
          terminal = TerminalBuilder.builder().system(true).dumb(true).build();
          if (!terminal.getType().startsWith("dumb")) {
            status = Status.getStatus(terminal);
          }
        } catch (java.io.IOException | RuntimeException e) {
          terminal = null;
        }
      }
    }

    @Override
    public synchronized void accept(Runner.Progress p) {
      String line = String.format(Locale.ROOT,
          "chaos: %d/%d operations, %d faults active, %d indeterminate, %d violations so far, %.1f s",
          p.done(), p.total(), p.faultsActive(), p.indeterminate(), p.violations(), p.elapsedMs() / 1e3);
      if (status != null) {
        status.update(List.of(new AttributedString(line)));
      } else if (System.currentTimeMillis() - lastPrinted > 2_000) {
        lastPrinted = System.currentTimeMillis();
        System.err.println(line);
      }
    }

    @Override
    public synchronized void close() {
      if (status != null) {
        status.update(List.of());
        status.close();
      }
      if (terminal != null) {
        try {
          terminal.close();
        } catch (java.io.IOException e) {
          // the terminal is gone already
        }
      }
    }
  }
}
