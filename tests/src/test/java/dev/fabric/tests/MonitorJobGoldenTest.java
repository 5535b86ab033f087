package dev.fabric.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fabric.cli.run.ScriptRunner;
import dev.fabric.cli.script.MonitorLog;
import dev.fabric.devices.LatencyProfile;
import dev.fabric.devlink.client.Fabric;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * `devlink mon ... &` in a script, as an engineer records a monitor log: the script echoes an
 * "##### ACTION: LINE" marker before each of step 10's actions, and its standard output (the
 * markers interleaved with the background monitor's events) must be, line for line, the log the
 * real kernel's monitor wrote for the same actions.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MonitorJobGoldenTest {
  private Fabric fabric;

  @BeforeAll
  void start() {
    fabric = Fabric.start("monjob", LatencyProfile.INSTANT);
  }

  @AfterAll
  void stop() {
    fabric.close();
  }

  private record Run(int rc, String out, String err) {}

  private Run script(String text) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int rc = new ScriptRunner(fabric).runScript(text, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), false);
    return new Run(rc, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** The monitor started in the background, then each reference action after its marker. */
  private static String scriptFor(String monitor, String log) throws IOException {
    StringBuilder s = new StringBuilder(monitor).append(" &\n");
    for (MonitorLog.Block b : MonitorLog.parse(Golden.REFERENCE.resolve(log)).blocks()) {
      String marker = (MonitorLog.MARKER + b.action()).replace("\\", "\\\\").replace("\"", "\\\"");
      s.append("echo \"").append(marker).append("\"\n");
      s.append(b.action()).append(" 2>/dev/null\n");
    }
    return s.toString();
  }

  @Test
  void textMonitorInterleavesAsTheKernelsLog() throws IOException {
    Run r = script(scriptFor("devlink mon all", "10-mon-all.txt"));
    assertEquals("", r.err());
    String expected = Files.readString(Golden.REFERENCE.resolve("10-mon-all.txt"));
    assertEquals(Golden.normalize(expected), Golden.normalize(r.out()));
  }

  @Test
  void filteredMonitorInterleavesAsTheKernelsLog() throws IOException {
    Run r = script(scriptFor("devlink mon dev port", "10-mon-dev-port.txt"));
    String expected = Files.readString(Golden.REFERENCE.resolve("10-mon-dev-port.txt"));
    assertEquals(Golden.normalize(expected), Golden.normalize(r.out()));
  }

  @Test
  void jsonMonitorPrintsIproute2sStream() throws IOException {
    Run r = script(scriptFor("devlink -j mon all", "10-mon-all-json.txt"));
    String expected = Files.readString(Golden.REFERENCE.resolve("10-mon-all-json.txt"));
    // The recorder's markers landed inside iproute2's block-buffered JSON: compare without them.
    assertEquals(withoutMarkers(Golden.normalize(expected)), withoutMarkers(Golden.normalize(r.out())));
  }

  @Test
  void killEndsAJobAndLaterEventsAreNotShown() throws IOException {
    Run r = script("""
        devlink mon dev &
        echo '21 0' > /sys/bus/netdevsim/new_device
        kill %1
        echo 21 > /sys/bus/netdevsim/del_device
        echo done
        """);
    assertEquals(0, r.rc(), r.err());
    assertEquals(List.of("[dev,new] netdevsim/netdevsim21:"), r.out().lines().limit(1).toList());
    assertEquals(false, r.out().contains("[dev,del]"), r.out());
    assertEquals(true, r.out().endsWith("done\n"), r.out());
  }

  @Test
  void aForegroundMonitorInAScriptIsRefusedBeforeAnythingRuns() throws IOException {
    Run r = script("echo '22 0' > /sys/bus/netdevsim/new_device\ndevlink mon\n");
    assertEquals(2, r.rc());
    assertEquals("", r.out());
    assertEquals(true, r.err().startsWith("fabric: line 2: `devlink mon` runs until it is killed"), r.err());
    assertEquals(false, fabric.deviceIdsSync().contains(22), "nothing ran");
  }

  @Test
  void aForegroundMonitorWithATimeoutEndsWithStatus124() throws IOException {
    Run r = script("timeout 0.2 devlink mon dev\n");
    assertEquals(124, r.rc(), r.err());
    r = script("timeout 0.2 devlink mon dev; echo next\n");
    assertEquals("next\n", r.out());
  }

  private static String withoutMarkers(String s) {
    return s.replaceAll("##### ACTION: [^\\n]*\\n", "").replace("\n", "");
  }
}
