package dev.fabric.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** fabric chaos run / replay end to end, in process: exit status, report directory, byte-exact replay. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChaosCommandTest {

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
  void aSeededRunWritesItsReportAndReplaysByteForByte(@TempDir Path tmp) throws Exception {
    Path dir = tmp.resolve("run");
    Ran run = chaos("run", "--seed", "2", "--duration", "1s", "--out", dir.toString());
    assertEquals(0, run.status(), run.out() + run.err());
    assertTrue(run.out().contains("verdict: valid"), run.out());
    for (String f : new String[] {"schedule.yaml", "concrete-schedule.json", "history.jsonl", "results.json",
        "report.html"}) {
      assertTrue(Files.size(dir.resolve(f)) > 0, f);
    }
    String html = Files.readString(dir.resolve("report.html"));
    assertTrue(html.contains("<svg id=\"timeline\"") && html.contains("<svg id=\"latency\""));
    assertTrue(!html.contains("<script") && !html.contains("http://") || html.contains("xmlns=\"http://www.w3.org/2000/svg\""),
        "self-contained: no script, no link out");
    Ran replay = chaos("replay", dir.toString());
    assertEquals(0, replay.status(), replay.out() + replay.err());
    assertTrue(replay.out().contains("history identical byte for byte 1 of 1"), replay.out());
  }

  @Test
  void aScheduleFileRunsAndABadOneIsRefused(@TempDir Path tmp) throws Exception {
    Path yaml = tmp.resolve("s.yaml");
    Schedule.builder().seed(4).devices(1, 2, 2).processes(2).duration(300, java.util.Map.of("reload", 2, "port-get", 3))
        .build().write(yaml);
    Ran ok = chaos("run", "--schedule", yaml.toString(), "--out", tmp.resolve("out").toString());
    assertEquals(0, ok.status(), ok.out() + ok.err());
    Files.writeString(yaml, Files.readString(yaml).replace("port-get", "port-frobnicate"));
    Ran bad = chaos("run", "--schedule", yaml.toString(), "--out", tmp.resolve("bad").toString());
    assertEquals(2, bad.status());
    assertTrue(bad.err().contains("unknown operation 'port-frobnicate'"), bad.err());
  }
}
