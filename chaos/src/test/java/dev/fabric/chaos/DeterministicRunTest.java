package dev.fabric.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fabric.chaos.sim.SimTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Deterministic simulation: one seed, the same history byte for byte, and the same verdict. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeterministicRunTest {

  @Test
  void oneSeedTwiceGivesTheSameHistory(@TempDir Path dir) throws Exception {
    Schedule s = Schedule.standard(3, 1_000);
    ConcreteSchedule c = ConcreteSchedule.generate(s);
    ChaosRun.Outcome first = ChaosRun.run(c, () -> SimTarget.start(s.seed(), s.latency()), p -> {});
    ChaosRun.Outcome second = ChaosRun.run(c, () -> SimTarget.start(s.seed(), s.latency()), p -> {});
    first.history().write(dir.resolve("a.jsonl"));
    second.history().write(dir.resolve("b.jsonl"));
    byte[] a = Files.readAllBytes(dir.resolve("a.jsonl"));
    byte[] b = Files.readAllBytes(dir.resolve("b.jsonl"));
    System.out.println("deterministic: " + first.history().size() + " events, " + a.length + " bytes, run "
        + first.runMillis() + " ms");
    assertTrue(first.verdict().valid(), CleanRunTest.describe(first));
    assertEquals(first.history().size(), second.history().size());
    assertTrue(java.util.Arrays.equals(a, b), "the two histories differ");
    assertEquals(first.verdict(), second.verdict());
  }
}
