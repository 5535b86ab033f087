package dev.fabric.chaos;

import dev.fabric.chaos.check.Checker;
import dev.fabric.chaos.check.Checks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One chaos run end to end: run a concrete schedule against a fresh target, check the history,
 * and write the report directory ({@code schedule.yaml} when the run came from a schedule,
 * {@code concrete-schedule.json}, {@code history.jsonl}, {@code results.json}, {@code report.html}).
 */
public final class ChaosRun {
  private ChaosRun() {}

  public record Outcome(ConcreteSchedule schedule, History history, Checks.Verdict verdict, long runMillis,
      long checkMillis) {}

  public static Checker.Setup setupOf(ConcreteSchedule s) {
    return new Checker.Setup(new HashSet<>(s.namespaces()), new HashSet<>(s.firmware()));
  }

  /** Runs {@code schedule} against a target from {@code targets} (closed afterwards) and checks it. */
  public static Outcome run(ConcreteSchedule schedule, Supplier<ChaosTarget> targets, Consumer<Runner.Progress> progress) {
    long t0 = System.nanoTime();
    History history;
    try (ChaosTarget target = targets.get()) {
      history = new Runner(target, schedule, progress).run();
    }
    long t1 = System.nanoTime();
    Checks.Verdict verdict = Checks.run(history, setupOf(schedule));
    long t2 = System.nanoTime();
    return new Outcome(schedule, history, verdict, (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000);
  }

  /** Writes the report directory of {@code outcome} ({@code source} may be null). */
  public static void write(Path dir, Schedule source, Outcome outcome) {
    try {
      Files.createDirectories(dir);
      if (source != null) {
        source.write(dir.resolve("schedule.yaml"));
      }
      outcome.schedule().write(dir.resolve("concrete-schedule.json"));
      outcome.history().write(dir.resolve("history.jsonl"));
      Files.writeString(dir.resolve("results.json"),
          Json.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(outcome.verdict()));
      Files.writeString(dir.resolve("report.html"), Report.html(outcome));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
