package dev.fabric.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fabric.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `fabric run` with scripts as engineers write them, and its options, run in-process. */
class EngineerScriptTest {

  private record Run(int rc, String out, String err) {}

  private static synchronized Run fabric(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    int rc;
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      rc = Main.commandLine().execute(args);
    } finally {
      System.out.flush();
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
    return new Run(rc, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static Path script(Path dir, String text) throws Exception {
    Path p = dir.resolve("s.sh");
    Files.writeString(p, text);
    return p;
  }

  @Test
  void continuationRedirectionsSetEAndExit(@TempDir Path dir) throws Exception {
    Run r = fabric("run", "--latency", "instant", script(dir, """
        # a device with two ports
        echo '10 2' > /sys/bus/netdevsim/new_device
        devlink dev param set netdevsim/netdevsim10 \\
            name max_macs value 8 \\
            cmode driverinit
        devlink dev show netdevsim/netdevsim99 2>/dev/null || true
        devlink dev show netdevsim/netdevsim99 2>&1
        devlink dev show >/dev/null
        sleep 0.1; echo slept
        set -e
        devlink dev param show netdevsim/netdevsim10 name max_macs
        exit 4
        echo never
        """).toString());
    assertEquals(2, r.rc(), "'||' stays outside the language: " + r.err());
    assertTrue(r.err().startsWith("fabric: line 6: '||' is not supported"), r.err());
    assertEquals("", r.out(), "refused before anything ran");

    r = fabric("run", "--latency", "instant", script(dir, """
        echo '10 2' > /sys/bus/netdevsim/new_device
        devlink dev param set netdevsim/netdevsim10 \\
            name max_macs value 8 \\
            cmode driverinit
        devlink dev show netdevsim/netdevsim99 2>/dev/null
        devlink dev show netdevsim/netdevsim99 2>&1
        devlink dev show >/dev/null
        sleep 0.1; echo slept
        set -e
        devlink dev param show netdevsim/netdevsim10 name max_macs
        exit 4
        echo never
        """).toString());
    assertEquals(4, r.rc(), r.err());
    assertEquals("", r.err());
    assertEquals("""
        kernel answers: No such device
        slept
        netdevsim/netdevsim10:
          name max_macs type generic
            values:
              cmode driverinit value 8
        """, r.out());

    r = fabric("run", "--latency", "instant", script(dir, """
        set -e
        echo '10 2' > /sys/bus/netdevsim/new_device
        devlink dev show netdevsim/netdevsim99
        echo never
        """).toString());
    assertEquals(1, r.rc());
    assertEquals("kernel answers: No such device\n", r.err());
    assertEquals("", r.out());
  }

  @Test
  void xtraceEchoesCommandsAndTranscriptKeepsComments(@TempDir Path dir) throws Exception {
    Path s = script(dir, "# make one\necho '10 1' > /sys/bus/netdevsim/new_device\ndevlink dev show\n");
    Run r = fabric("run", "-x", "--latency", "instant", s.toString());
    assertEquals(0, r.rc());
    assertEquals("+ echo '10 1'\n+ devlink dev show\n", r.err());
    assertEquals("netdevsim/netdevsim10\n", r.out());
    r = fabric("run", "--transcript", "--latency", "instant", s.toString());
    assertTrue(r.out().startsWith("### NOTE: make one\n=== CMD: echo '10 1' > /sys/bus/netdevsim/new_device\n"), r.out());
  }

  @Test
  void customFirmwareImagesCanBeWrittenAndFlashed(@TempDir Path dir) throws Exception {
    Run r = fabric("run", "--latency", "instant", script(dir, """
        echo '10 1' > /sys/bus/netdevsim/new_device
        echo 'my image v2' > /lib/firmware/my-fw-v2.bin
        cat /lib/firmware/my-fw-v2.bin
        ls /lib/firmware
        devlink dev flash netdevsim/netdevsim10 file my-fw-v2.bin
        devlink dev flash netdevsim/netdevsim10 file other.bin
        """).toString());
    assertEquals(1, r.rc());
    assertEquals("my image v2\nmy-fw-v2.bin\nnsim-fw.bin\n"
        + "Preparing to flash\nFlashing\nFlash select\nFlashing done\n", r.out());
    assertEquals("Error: failed to locate the requested firmware file.\n", r.err());
  }

  @Test
  void monitorStreamsToStandardOutputAndAsJsonLines(@TempDir Path dir) throws Exception {
    Path s = script(dir, "echo '10 1' > /sys/bus/netdevsim/new_device\necho 10 > /sys/bus/netdevsim/del_device\n");
    Run r = fabric("run", "--latency", "instant", "--monitor", "-", s.toString());
    assertEquals(0, r.rc(), r.err());
    assertTrue(r.out().startsWith("##### ACTION: echo '10 1' > /sys/bus/netdevsim/new_device\n[dev,new] netdevsim/netdevsim10:"),
        r.out());
    assertFalse(Files.exists(Path.of("-")), "no file named '-'");

    Path jsonl = dir.resolve("events.jsonl");
    r = fabric("run", "--latency", "instant", "--monitor-jsonl", jsonl.toString(), s.toString());
    assertEquals(0, r.rc(), r.err());
    List<String> lines = Files.readAllLines(jsonl);
    ObjectMapper json = new ObjectMapper();
    JsonNode first = json.readTree(lines.get(0));
    assertEquals("echo '10 1' > /sys/bus/netdevsim/new_device", first.get("action").asText());
    assertEquals("new", first.get("event").get("command").asText());
    assertTrue(first.get("event").has("dev"), lines.get(0));
    for (String line : lines) {
      JsonNode n = json.readTree(line); // every line is one complete JSON object
      assertTrue(n.isObject() && n.has("action") && n.has("event"), line);
    }
    // the trap-policer events, which iproute2 leaves unclosed, are whole objects here
    assertTrue(lines.stream().anyMatch(l -> l.contains("\"trap-policer\"")));
    JsonNode last = json.readTree(lines.get(lines.size() - 1));
    assertEquals("echo 10 > /sys/bus/netdevsim/del_device", last.get("action").asText());
    assertEquals("del", last.get("event").get("command").asText());
  }

  @Test
  void everySubCommandAndOptionIsDescribed() {
    for (String sub : List.of("run", "shell")) {
      Run r = fabric(sub, "--help");
      assertEquals(0, r.rc(), sub + ": " + r.err());
      String help = r.out();
      String flat = help.replaceAll("\\s+", " ");
      assertTrue(flat.contains("--latency=PROFILE") && flat.contains("simulated in real time"), help);
      assertTrue(flat.contains("instant (no delays"), help);
      // picocli prints an option without a description as its name alone on the line
      for (String line : help.lines().toList()) {
        if (line.strip().startsWith("-")) {
          assertTrue(line.strip().matches("-.*\\S\\s{2,}\\S.*"), "undescribed option in `" + sub + " --help`: " + line);
        }
      }
    }
    assertTrue(fabric("run", "--help").out().replaceAll("\\s+", " ").contains("not one JSON document"));
    assertTrue(fabric("--help").out().replaceAll("\\s+", " ").contains("--latency instant removes them"));
  }
}
