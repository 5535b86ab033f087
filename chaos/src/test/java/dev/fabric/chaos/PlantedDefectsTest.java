package dev.fabric.chaos;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fabric.chaos.check.CheckResult;
import dev.fabric.devlink.actor.Instance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each planted defect is caught by a short seeded run (its checker fails), and the same schedule
 * on the healthy fabric passes every checker. The time each took to catch is printed and
 * appended to target/planted-defects.txt.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlantedDefectsTest {
  static final long SEED = 8;

  static java.util.stream.Stream<Arguments> defectsAndModes() {
    return java.util.Arrays.stream(PlantedDefects.values())
        .flatMap(d -> java.util.stream.Stream.of(Arguments.of(d, true), Arguments.of(d, false)));
  }

  @ParameterizedTest(name = "{0}, simulated {1}")
  @MethodSource("defectsAndModes")
  void caughtAndCleanRunIsGreen(PlantedDefects defect, boolean simulated) throws IOException {
    Schedule s = defect.schedule(SEED, 1_000);
    ConcreteSchedule concrete = ConcreteSchedule.generate(s, simulated);
    long t0 = System.nanoTime();
    ChaosRun.Outcome faulty = ChaosRun.run(concrete, () -> concrete.newTarget(defect.faults), p -> {});
    long caughtMs = (System.nanoTime() - t0) / 1_000_000;
    CheckResult result = faulty.verdict().results().stream().filter(r -> r.checker().equals(defect.checker))
        .findFirst().orElseThrow();
    String line = defect + (simulated ? " (deterministic simulation)" : " (real time)") + ": caught by " + defect.checker + " in " + caughtMs + " ms (run " + faulty.runMillis()
        + " ms + check " + faulty.checkMillis() + " ms, " + concrete.operations() + " ops, seed " + SEED + "): "
        + (result.violations().isEmpty() ? "-" : result.violations().get(0).message());
    System.out.println(line);
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target/planted-defects.txt"), line + "\n", StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
    assertFalse(result.valid(), defect + " not caught:\n" + CleanRunTest.describe(faulty));

    ChaosRun.Outcome clean = ChaosRun.run(concrete, () -> concrete.newTarget(Instance.Faults.NONE), p -> {});
    assertTrue(clean.verdict().valid(), "clean run of " + defect + "'s schedule:\n" + CleanRunTest.describe(clean));
  }
}
