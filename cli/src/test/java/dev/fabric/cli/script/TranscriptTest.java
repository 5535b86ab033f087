package dev.fabric.cli.script;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class TranscriptTest {

  private static List<Path> files(boolean monitor) throws IOException {
    try (Stream<Path> s = Files.list(Ref.DIR)) {
      return s.filter(p -> p.toString().endsWith(".txt"))
          .filter(p -> {
            String n = p.getFileName().toString();
            boolean mon = n.equals("09-flash-mon.txt") || n.startsWith("10-mon-");
            return mon == monitor;
          })
          .sorted().toList();
    }
  }

  @Test
  void roundTripsEveryTranscript() throws IOException {
    List<Path> files = files(false);
    assertTrue(files.size() >= 15, "files: " + files);
    int records = 0;
    for (Path p : files) {
      String text = Files.readString(p, StandardCharsets.UTF_8);
      List<Transcript.Entry> entries = Transcript.parse(text);
      assertEquals(text, Transcript.format(entries), p.toString());
      records += Transcript.records(entries).size();
    }
    assertTrue(records > 400, "records: " + records);
  }

  @Test
  void commentsAndRecords() throws IOException {
    List<Transcript.Entry> e = Transcript.parse(Ref.DIR.resolve("01-devices.txt"));
    Transcript.Comment step = (Transcript.Comment) e.get(0);
    assertTrue(step.isStep());
    Transcript.Record r = (Transcript.Record) e.get(1);
    assertEquals("ls /sys/bus/netdevsim /sys/bus/netdevsim/devices", r.cmd());
    assertEquals(0, r.rc());
    assertTrue(r.stdout().endsWith("uevent\n\n/sys/bus/netdevsim/devices:\n"));
    assertEquals("", r.stderr());
    assertTrue(Transcript.parse(Ref.DIR.resolve("04-ports.txt")).stream()
        .anyMatch(x -> x instanceof Transcript.Comment c && c.isNote()));
  }

  @Test
  void noNewlineMarker() throws IOException {
    Transcript.Record r = Ref.record("06-traps.txt",
        "cat /sys/kernel/debug/netdevsim/netdevsim10/trap_flow_action_cookie; echo 'abcdef01' > "
            + "/sys/kernel/debug/netdevsim/netdevsim10/trap_flow_action_cookie; cat "
            + "/sys/kernel/debug/netdevsim/netdevsim10/trap_flow_action_cookie");
    assertEquals("abcdef01", r.stdout());
    assertEquals("cat: read error: Invalid argument\n", r.stderr());
  }

  @Test
  void writerFormat() {
    assertEquals("=== CMD: echo -n x\n=== RC: 0\n--- STDOUT:\nx\n--- (no newline at end of stdout)\n"
            + "--- STDERR:\n=== END\n",
        Transcript.format("echo -n x", new Result("x", "", 0)));
    assertEquals("=== CMD: false\n=== RC: 1\n--- STDOUT:\n--- STDERR:\nboom\n=== END\n",
        Transcript.format(new Transcript.Record("false", 1, "", "boom\n")));
    String empty = "=== CMD: echo\n=== RC: 0\n--- STDOUT:\n\n--- STDERR:\n=== END\n";
    assertEquals("\n", Transcript.records(Transcript.parse(empty)).get(0).stdout());
    assertEquals(empty, Transcript.format(Transcript.parse(empty)));
  }

  @Test
  void malformedRecordIsRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Transcript.parse("=== CMD: x\n=== RC: 0\n--- STDOUT:\n"));
    assertTrue(e.getMessage().startsWith("line 1: "), e.getMessage());
  }

  @Test
  void monitorLogsRoundTrip() throws IOException {
    List<Path> files = files(true);
    assertEquals(4, files.size(), files.toString());
    for (Path p : files) {
      String text = Files.readString(p, StandardCharsets.UTF_8);
      MonitorLog log = MonitorLog.parse(text);
      assertEquals(text, log.format(), p.toString());
      assertEquals("", log.preamble());
      assertFalse(log.blocks().isEmpty());
    }
  }

  @Test
  void monitorBlocks() throws IOException {
    MonitorLog text = MonitorLog.parse(Ref.DIR.resolve("10-mon-all.txt"));
    MonitorLog.Block b = text.blocks().get(0);
    assertEquals("echo '12 2' > /sys/bus/netdevsim/new_device", b.action());
    assertEquals("[dev,new] netdevsim/netdevsim12:", b.lines().get(0));
    MonitorLog flash = MonitorLog.parse(Ref.DIR.resolve("09-flash-mon.txt"));
    assertEquals("devlink dev flash netdevsim/netdevsim10 file nsim-fw.bin", flash.blocks().get(0).action());
    assertEquals("[flash,begin] netdevsim/netdevsim10:", flash.blocks().get(0).lines().get(0));
    // JSON monitor: the marker follows the previous event on the same line.
    MonitorLog json = MonitorLog.parse(Ref.DIR.resolve("10-mon-all-json.txt"));
    assertTrue(json.blocks().get(0).text().startsWith("{\"mon\":[{\"command\":\"new\",\"dev\""));
    assertTrue(json.blocks().stream().anyMatch(x -> x.action().equals(
        "devlink resource set netdevsim/netdevsim12 path /IPv4/fib size 64")));
    assertTrue(json.blocks().stream().anyMatch(x -> !x.text().isEmpty() && !x.text().endsWith("\n")));
  }
}
