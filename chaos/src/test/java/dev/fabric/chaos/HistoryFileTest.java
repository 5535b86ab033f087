package dev.fabric.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fabric.chaos.check.Checks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * history.jsonl is the history: one typed record per line, read back into the same events, and
 * the checkers give the same verdict on the file as on the run (the report's verdict is
 * reproducible from the file alone).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HistoryFileTest {

  @Test
  void theFileReadsBackIntoTheSameHistoryAndVerdict(@TempDir Path dir) throws Exception {
    PlantedDefects defect = PlantedDefects.PORT_ANSWERS_AFTER_REMOVAL;
    ConcreteSchedule c = ConcreteSchedule.generate(defect.schedule(8, 500), true);
    ChaosRun.Outcome o = ChaosRun.run(c, () -> c.newTarget(defect.faults), p -> {});
    Path file = dir.resolve("history.jsonl");
    o.history().write(file);
    History back = History.read(file);
    // the same events: written again, the same bytes (JSON numbers read back as ints where the
    // run had longs, so records holding JSON trees compare through their text)
    back.write(dir.resolve("again.jsonl"));
    assertEquals(Files.readString(file), Files.readString(dir.resolve("again.jsonl")));
    List<String> lines = Files.readAllLines(file);
    assertEquals(o.history().size(), lines.size());
    assertTrue(lines.stream().allMatch(l -> l.startsWith("{\"event\":\"")), "one typed record per line");
    Checks.Verdict again = Checks.run(back, ChaosRun.setupOf(c));
    assertEquals(o.verdict(), again);
    assertTrue(!again.valid(), "the planted defect's verdict survives the file");
    c.write(dir.resolve("c.json"));
    assertEquals(c, ConcreteSchedule.read(dir.resolve("c.json")));
  }
}
