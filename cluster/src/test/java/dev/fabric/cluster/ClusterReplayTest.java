package dev.fabric.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fabric.chaos.ChaosCommand;
import dev.fabric.chaos.Schedule;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * k-of-n replay of a run that cannot be deterministic: `fabric chaos run --cluster` records its
 * target beside the concrete schedule, and `fabric chaos replay DIR --times 2` runs the recorded
 * schedule against a fresh in-JVM cluster each time and reports how often the verdict reproduced.
 * (Short and without a fault, to stay cheap in the default suite: the kill is ClusterChaosTest's.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterReplayTest {

  record Ran(int status, String out, String err) {}

  static Ran chaos(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int status = new CommandLine(new ChaosCommand()).execute(args);
      return new Ran(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  @Test
  void aClusterRunReplaysAgainstAClusterAndSaysKOfN(@TempDir Path tmp) throws Exception {
    Map<String, Integer> mix = new LinkedHashMap<>();
    mix.put("reload", 3);
    mix.put("port-get", 3);
    mix.put("port-new", 1);
    mix.put("port-del", 1);
    mix.put("dev-get", 2);
    Path yaml = tmp.resolve("s.yaml");
    Schedule.builder().seed(7).latency("instant").devices(1, 2, 2).processes(2).pacing(5, 15).duration(1_000, mix)
        .build().write(yaml);
    Path dir = tmp.resolve("run");
    Ran run = chaos("run", "--cluster", "--schedule", yaml.toString(), "--out", dir.toString());
    assertEquals(0, run.status(), run.out() + run.err());
    assertTrue(run.out().lines().anyMatch(l -> l.matches("\\s+monitor\\s+pass\\s+\\{events=[1-9].*")),
        "the monitor checker ran on the cluster run's events:\n" + run.out());
    assertTrue(Files.readString(dir.resolve("target.json")).contains("\"cluster\""));

    Ran replay = chaos("replay", dir.toString(), "--times", "2");
    System.out.print(replay.out());
    assertEquals(0, replay.status(), replay.out() + replay.err());
    assertTrue(replay.out().contains("replay: verdict reproduced 2 of 2 (recorded: valid)"), replay.out());
    assertTrue(replay.out().contains("against an in-JVM cluster of 3 members"), replay.out());
    for (int i = 1; i <= 2; i++) {
      assertTrue(Files.readString(dir.resolve("replay-" + i).resolve("target.json")).contains("\"cluster\""));
    }
  }
}
