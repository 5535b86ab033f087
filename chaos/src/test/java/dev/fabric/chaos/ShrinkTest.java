package dev.fabric.chaos;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fabric.chaos.check.CheckResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Shrinking a planted-defect run under deterministic simulation: the smallest schedule found is
 * smaller than the original and still fails the same checker (a deterministic replay of it
 * fails again). The smallest schedule is printed and written to target/shrunk-*.json.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ShrinkTest {

  static boolean fails(ConcreteSchedule c, PlantedDefects defect) {
    ChaosRun.Outcome o = ChaosRun.run(c, () -> c.newTarget(defect.faults), p -> {});
    return o.verdict().results().stream().anyMatch(r -> r.checker().equals(defect.checker) && !r.valid());
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.EnumSource(value = PlantedDefects.class,
      names = {"DROPPED_NOTIFICATION", "SERVE_DURING_RELOAD", "PORT_ANSWERS_AFTER_REMOVAL"})
  void aPlantedDefectRunShrinksAndStillFails(PlantedDefects defect) throws Exception {
    ConcreteSchedule original = ConcreteSchedule.generate(defect.schedule(5, 400), true);
    assertTrue(fails(original, defect), "the original run catches the defect");
    Shrinker.Result r = Shrinker.shrink(original, c -> fails(c, defect), 300, 60_000);
    ConcreteSchedule small = r.smallest();
    String line = "shrink " + defect + ": " + original.operations() + " operations in " + original.processes().size()
        + " processes -> " + small.operations() + " in " + small.processes().size() + " (" + r.trials() + " runs, "
        + r.millis() + " ms): " + small.processes();
    System.out.println(line);
    Files.createDirectories(Path.of("target"));
    small.write(Path.of("target/shrunk-" + defect.name().toLowerCase() + ".json"));
    Files.writeString(Path.of("target/planted-defects.txt"), line + "\n", StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
    assertTrue(small.operations() < original.operations(), line);
    assertTrue(fails(small, defect), "the smallest schedule still fails");
    ChaosRun.Outcome clean = ChaosRun.run(small, small::newTarget, p -> {});
    assertTrue(clean.verdict().valid(), "without the defect the smallest schedule passes: "
        + clean.verdict().results().stream().filter(x -> !x.valid()).map(CheckResult::toString).toList());
    assertFalse(small.processes().isEmpty());
  }
}
