package dev.fabric.cli.devlink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fabric.cli.run.ScriptRunner;
import dev.fabric.cli.script.Result;
import dev.fabric.cli.script.ScriptParser;
import dev.fabric.devices.LatencyProfile;
import dev.fabric.devlink.client.Fabric;
import dev.fabric.devlink.model.DevHandle;
import dev.fabric.devlink.model.HealthReporterSnapshot;
import dev.fabric.devlink.model.HealthReporterSnapshot.State;
import dev.fabric.devlink.model.Notification;
import dev.fabric.devlink.model.RegionData;
import dev.fabric.devlink.model.RegionEvent;
import dev.fabric.devlink.model.RegionOp;
import dev.fabric.devlink.model.Reply;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.StringJoiner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The real printers (cli/devlink over cli/out) against the exact stdout of the reference
 * transcripts (Expected): each command runs through the devlink port on an embedded fabric whose
 * devices were brought into the transcript's state by the same commands. Only where the kernel's
 * output holds what no fabric reproduces (random region bytes, a dump's wall-clock time) are the
 * printers fed the model's records directly.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PrintersTranscriptTest {
  private static final DevHandle N10 = DevHandle.netdevsim(10);
  private static final DevHandle N12 = DevHandle.netdevsim(12);

  private Fabric fabric;
  private ScriptRunner runner;

  @BeforeAll
  void start() {
    fabric = Fabric.start("printers-transcript", LatencyProfile.INSTANT);
    runner = new ScriptRunner(fabric);
  }

  @AfterAll
  void stop() {
    fabric.close();
  }

  /** netdevsim10 with 4 ports and netdevsim11 with 2, as every transcript starts. */
  @BeforeEach
  void devices10And11() throws Exception {
    ok("echo '10 4' > /sys/bus/netdevsim/new_device");
    ok("echo '11 2' > /sys/bus/netdevsim/new_device");
  }

  @AfterEach
  void deleteDevices() throws Exception {
    ok("echo 10 > /sys/bus/netdevsim/del_device");
    ok("echo 11 > /sys/bus/netdevsim/del_device");
  }

  private Result run(String line) throws Exception {
    return runner.runLine(ScriptParser.parseLine(line, 1));
  }

  private void ok(String line) throws Exception {
    Result r = run(line);
    assertEquals(0, r.rc(), line + ": " + r.stderr());
  }

  /** The command's stdout, after checking it ended with {@code status}. */
  private String stdout(String line, int status) throws Exception {
    Result r = run(line);
    assertEquals(status, r.rc(), line + ": " + r.stderr());
    return r.stdout();
  }

  private String stdout(String line) throws Exception {
    return stdout(line, 0);
  }

  private void reload10(int times) throws Exception {
    for (int i = 0; i < times; i++) {
      ok("devlink dev reload netdevsim/netdevsim10");
    }
  }

  /* ---------------- dev show ---------------- */

  @Test
  void devShow() throws Exception {
    assertEquals(Expected.DEV_SHOW_TEXT, stdout("devlink dev show"));
    assertEquals(Expected.DEV_SHOW_J, stdout("devlink -j dev show"));
    assertEquals(Expected.DEV_SHOW_JP, stdout("devlink -j -p dev show"));
    assertEquals(Expected.DEV_SHOW_JP_ONE, stdout("devlink -j -p dev show netdevsim/netdevsim10"));
  }

  @Test
  void devShowStats() throws Exception {
    assertEquals(Expected.DEV_SHOW_S_JP, stdout("devlink -j -p dev show -s"));
    reload10(5);
    assertEquals(Expected.DEV_SHOW_S_TEXT_ONE, stdout("devlink dev show -s netdevsim/netdevsim10"));
    assertEquals(Expected.DEV_SHOW_S_TEXT_ONE, stdout("devlink -s dev show netdevsim/netdevsim10"));
    assertEquals(Expected.DEV_SHOW_S_JP_ONE, stdout("devlink -j -p -s dev show netdevsim/netdevsim10"));
  }

  @Test
  void devShowReloadFailed() throws Exception {
    reload10(7);
    ok("echo Y > /sys/kernel/debug/netdevsim/netdevsim10/fail_reload");
    stdout("devlink dev reload netdevsim/netdevsim10", 1);
    assertEquals(Expected.DEV_SHOW_JP_RELOAD_FAILED, stdout("devlink -j -p dev show netdevsim/netdevsim10"));
    assertEquals(Expected.DEV_SHOW_S_JP_RELOAD_FAILED, stdout("devlink -j -p -s dev show netdevsim/netdevsim10"));
    // the text form follows the same rules: "bus/dev:" then " reload_failed true"
    assertEquals("netdevsim/netdevsim10: reload_failed true\n", stdout("devlink dev show netdevsim/netdevsim10"));
  }

  @Test
  void showOfAMissingDeviceStillClosesTheSection() throws Exception {
    assertEquals("{\"dev\":{}}\n", stdout("devlink -j dev show netdevsim/nosuch", 1));
    assertEquals("{\n    \"dev\": {}\n}\n", stdout("devlink -j -p dev show netdevsim/nosuch", 1));
  }

  /* ---------------- dev info, port show, param show ---------------- */

  @Test
  void devInfo() throws Exception {
    assertEquals(Expected.DEV_INFO_TEXT, stdout("devlink dev info"));
    assertEquals(Expected.DEV_INFO_JP_ONE, stdout("devlink -j -p dev info netdevsim/netdevsim10"));
  }

  @Test
  void portShow() throws Exception {
    assertEquals(Expected.PORT_SHOW_TEXT, stdout("devlink port show"));
    assertEquals(Expected.PORT_SHOW_JP, stdout("devlink -j -p port show"));
    assertEquals(Expected.PORT_SHOW_J, stdout("devlink -j port show"));
  }

  @Test
  void paramShow() throws Exception {
    assertEquals(Expected.PARAM_SHOW_TEXT, stdout("devlink dev param show"));
    assertEquals(Expected.PARAM_SHOW_JP, stdout("devlink -j -p dev param show"));
    assertEquals(Expected.PARAM_SHOW_JP_ONE,
        stdout("devlink -j -p dev param show netdevsim/netdevsim10 name max_macs"));
    // a parse error after dl_init: only jsonw_destroy's newline
    assertEquals(Expected.PARAM_SHOW_JP_ERROR, stdout("devlink -j -p dev param show netdevsim/netdevsim10", 1));
    assertEquals(Expected.PARAM_SHOW_J_ALL, stdout(
        "devlink dev param set netdevsim/netdevsim10 name max_macs value 32 cmode driverinit"
        + " && devlink dev param set netdevsim/netdevsim10 name test1 value true cmode driverinit"
        + " && devlink dev reload netdevsim/netdevsim10 && devlink -j dev param show"));
  }

  /* ---------------- reload ---------------- */

  @Test
  void reloadPrintsTheActionsPerformedOnlyWhenOneWasAsked() throws Exception {
    assertEquals("", stdout("devlink dev reload netdevsim/netdevsim10"));
    // plain reload: the answer has no RELOAD_ACTIONS_PERFORMED to print, only jsonw_destroy's newline
    assertEquals(Expected.RELOAD_JP_PLAIN, stdout("devlink -j -p dev reload netdevsim/netdevsim10"));
    assertEquals(Expected.RELOAD_DRIVER_REINIT_TEXT,
        stdout("devlink dev reload netdevsim/netdevsim10 action driver_reinit"));
    assertEquals("{\"reload\":{\"reload_actions_performed\":[\"driver_reinit\"]}}\n",
        stdout("devlink -j dev reload netdevsim/netdevsim10 action driver_reinit"));
    // a refused reload: nothing but the newline
    assertEquals(Expected.RELOAD_JP_ERROR,
        stdout("devlink -j -p dev reload netdevsim/netdevsim10 action fw_activate", 1));
    assertEquals("", stdout("devlink dev reload netdevsim/netdevsim10 action fw_activate", 1));
  }

  /* ---------------- health, resources ---------------- */

  @Test
  void healthShow() throws Exception {
    assertEquals(Expected.HEALTH_SHOW_TEXT, stdout("devlink health show"));
    assertEquals(Expected.HEALTH_SHOW_JP, stdout("devlink -j -p health show"));
  }

  @Test
  void resourceShowWithAndWithoutAPendingSize() throws Exception {
    assertEquals(Expected.RESOURCE_SHOW_TEXT, stdout("devlink resource show netdevsim/netdevsim10"));
    assertEquals(Expected.RESOURCE_SHOW_JP, stdout("devlink -j -p resource show netdevsim/netdevsim10"));
    ok("devlink resource set netdevsim/netdevsim10 path /IPv4/fib size 96");
    assertEquals(Expected.RESOURCE_SHOW_JP_PENDING, stdout("devlink -j -p resource show netdevsim/netdevsim10"));
    assertEquals(Expected.RESOURCE_SHOW_TEXT_PENDING, stdout("devlink resource show netdevsim/netdevsim10"));
  }

  /* ---------------- regions ---------------- */

  @Test
  void regionShowAndNew() throws Exception {
    assertEquals(Expected.REGION_SHOW_TEXT_EMPTY, stdout("devlink region show"));
    assertEquals(Expected.REGION_SHOW_JP_EMPTY, stdout("devlink -j -p region show"));
    assertEquals("", stdout("devlink region new netdevsim/netdevsim10/dummy snapshot 1"));
    // with an explicit id the kernel sends no reply: just the empty section
    assertEquals(Expected.REGION_NEW_JP_ID, stdout("devlink -j -p region new netdevsim/netdevsim10/dummy snapshot 2"));
    // without one, the lowest free id (xa_alloc), printed from the reply
    assertEquals("netdevsim/netdevsim10/dummy: snapshot 0\n",
        stdout("devlink region new netdevsim/netdevsim10/dummy"));
    assertEquals(Expected.REGION_NEW_JP, stdout("devlink -j -p region new netdevsim/netdevsim10/dummy"));
    assertEquals(Expected.REGION_SHOW_TEXT, stdout("devlink region show"));
    assertEquals(Expected.REGION_SHOW_JP_ONE, stdout("devlink -j -p region show netdevsim/netdevsim10/dummy"));
  }

  /**
   * The snapshot's bytes are random on the kernel and in the fabric alike: the transcript's
   * output with its bytes swapped for the ones the fabric holds (asked of it directly).
   */
  @Test
  void regionRead() throws Exception {
    ok("devlink region new netdevsim/netdevsim10/dummy snapshot 1");
    byte[] held = fabric.requestSync("init", N10, RegionOp.Read.of("dummy", 1, 0L, 16L)).orElseThrow().data().toArray8();
    StringJoiner decimal = new StringJoiner(",");
    StringBuilder hex = new StringBuilder();
    for (byte b : held) {
      decimal.add(Integer.toString(b & 0xFF));
      hex.append(String.format("%02x ", b & 0xFF));
    }
    String transcriptBytes = "129,231,138,5,28,21,28,169,5,117,197,250,142,2,38,52";
    assertEquals(Expected.REGION_READ_JP.replace(transcriptBytes, decimal.toString()),
        stdout("devlink -j -p region read netdevsim/netdevsim10/dummy snapshot 1 address 0 length 16"));
    // 07-regions.txt:110 (text read ends with a plain "\n")
    assertEquals("0000000000000000 " + hex + "\n",
        stdout("devlink region read netdevsim/netdevsim10/dummy snapshot 1 address 0 length 16"));
  }

  /* ---------------- monitor ---------------- */

  /** The dummy reporter of 10-mon-all.txt; the recovered one has a dump from its wall-clock time. */
  private static HealthReporterSnapshot dummy12(State state, long recovered, Long lastDumpMillis) {
    return new HealthReporterSnapshot(N12, null, "dummy", state, 1, recovered, lastDumpMillis, 5L, true, true);
  }

  private static Notification health(HealthReporterSnapshot r) {
    return new Notification("init", Notification.Kind.HEALTH, Notification.Cmd.STATUS, N12, r);
  }

  private static Notification region(Notification.Cmd cmd, long id) {
    return new Notification("init", Notification.Kind.REGION, cmd, N12, new RegionEvent(N12, "dummy", 32768, id));
  }

  /** 2026-11-25 20:43:15 in the zone the printer shows it in (pr_out_dump_report_timestamp: local time). */
  private static long dumpTime() {
    return LocalDateTime.of(2026, 11, 25, 20, 43, 15).atZone(ZoneId.systemDefault()).toInstant().toEpochMilli();
  }

  @Test
  void monitorTextIndentationArtefacts() {
    String[] exp = Expected.MON_TEXT_HEALTH_REGION;
    MonitorRenderer m = MonitorRenderer.create(false);
    assertEquals(exp[0] + "\n" + exp[1] + "\n" + exp[2] + "\n", m.render(health(dummy12(State.ERROR, 0, null))));
    assertEquals(exp[3] + "\n" + exp[4] + "\n", m.render(health(dummy12(State.HEALTHY, 1, dumpTime()))));
    assertEquals(exp[6] + "\n", m.render(region(Notification.Cmd.NEW, 7)));
    assertEquals(exp[8] + "\n", m.render(region(Notification.Cmd.DEL, 7)));
  }

  @Test
  void monitorJsonNeverClosesItsArrays() {
    String[] exp = Expected.MON_JSON_HEALTH_REGION;
    MonitorRenderer m = MonitorRenderer.create(true);
    assertEquals("{\"mon\":[" + exp[1].substring(1), m.render(region(Notification.Cmd.NEW, 7)));
    assertEquals(exp[0], m.render(health(dummy12(State.ERROR, 0, null)))
        + m.render(health(dummy12(State.HEALTHY, 1, dumpTime()))));
    assertEquals(exp[2], m.render(region(Notification.Cmd.DEL, 7)));
  }
}
