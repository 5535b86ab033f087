package dev.fabric.cli.out;

import static dev.fabric.cli.out.DevlinkSim.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Drives DlOut the way iproute2 6.1's devlink.c does and compares with the exact stdout of the
 * reference transcripts (see Expected, generated from /work/shared/reference).
 */
class DlOutTranscriptTest {

  private static final Handle N10 = Handle.nsim(10);
  private static final Handle N11 = Handle.nsim(11);
  private static final Handle N12 = Handle.nsim(12);
  private static final long U64_MAX = -1L;

  /** devlink [-j] [-p] ... : runs the printing and returns the whole stdout at exit. */
  private interface Cmd {
    void run(DlOut o);
  }

  private static String text(Cmd c) {
    DlOut o = DlOut.text();
    c.run(o);
    return o.finish();
  }

  private static String json(Cmd c) {
    DlOut o = DlOut.json(false);
    c.run(o);
    return o.finish();
  }

  private static String jsonPretty(Cmd c) {
    DlOut o = DlOut.json(true);
    c.run(o);
    return o.finish();
  }

  /* ---------------- dev show ---------------- */

  private static List<Dev> twoDevs(long reloads10, long reloads11) {
    return List.of(new Dev(N10, false, DevStats.nsim(reloads10)),
        new Dev(N11, false, DevStats.nsim(reloads11)));
  }

  @Test
  void devShow() {
    List<Dev> devs = twoDevs(0, 0);
    assertEquals(Expected.DEV_SHOW_TEXT, text(o -> cmdDevShow(o, devs, false)));
    assertEquals(Expected.DEV_SHOW_J, json(o -> cmdDevShow(o, devs, false)));
    assertEquals(Expected.DEV_SHOW_JP, jsonPretty(o -> cmdDevShow(o, devs, false)));
    assertEquals(Expected.DEV_SHOW_JP_ONE, jsonPretty(o -> cmdDevShow(o, devs.subList(0, 1), false)));
  }

  @Test
  void devShowStats() {
    assertEquals(Expected.DEV_SHOW_S_JP, jsonPretty(o -> cmdDevShow(o, twoDevs(0, 0), true)));
    List<Dev> one = List.of(new Dev(N10, false, DevStats.nsim(5)));
    assertEquals(Expected.DEV_SHOW_S_TEXT_ONE, text(o -> cmdDevShow(o, one, true)));
    assertEquals(Expected.DEV_SHOW_S_JP_ONE, jsonPretty(o -> cmdDevShow(o, one, true)));
  }

  @Test
  void devShowReloadFailed() {
    List<Dev> failed = List.of(new Dev(N10, true, DevStats.nsim(7)));
    assertEquals(Expected.DEV_SHOW_JP_RELOAD_FAILED, jsonPretty(o -> cmdDevShow(o, failed, false)));
    assertEquals(Expected.DEV_SHOW_S_JP_RELOAD_FAILED, jsonPretty(o -> cmdDevShow(o, failed, true)));
    // text form follows the same rules: "bus/dev:" then " reload_failed true"
    List<Dev> failed0 = List.of(new Dev(N10, true, DevStats.nsim(7)));
    assertEquals("netdevsim/netdevsim10: reload_failed true\n", text(o -> cmdDevShow(o, failed0, false)));
  }

  /* ---------------- dev info ---------------- */

  private static Info info(Handle h) {
    List<Version> v = List.of(new Version("fw.mgmt", "10.20.30"));
    return new Info(h, "netdevsim", v, v);
  }

  @Test
  void devInfo() {
    assertEquals(Expected.DEV_INFO_TEXT, text(o -> cmdDevInfo(o, List.of(info(N10), info(N11)))));
    assertEquals(Expected.DEV_INFO_JP_ONE, jsonPretty(o -> cmdDevInfo(o, List.of(info(N10)))));
  }

  /* ---------------- port show ---------------- */

  private static List<Port> ports() {
    List<Port> l = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      l.add(new Port(N10, i, "eth", "eth" + i, "physical", i + 1, false));
    }
    for (int i = 0; i < 2; i++) {
      l.add(new Port(N11, i, "eth", "eth" + (4 + i), "physical", i + 1, false));
    }
    return l;
  }

  @Test
  void portShow() {
    assertEquals(Expected.PORT_SHOW_TEXT, text(o -> cmdPortShow(o, ports())));
    assertEquals(Expected.PORT_SHOW_JP, jsonPretty(o -> cmdPortShow(o, ports())));
    assertEquals(Expected.PORT_SHOW_J, json(o -> cmdPortShow(o, ports())));
  }

  /* ---------------- dev param show ---------------- */

  private static List<Param> params(long maxMacs10) {
    List<Param> l = new ArrayList<>();
    for (Handle h : List.of(N10, N11)) {
      l.add(new Param(h, "max_macs", true,
          List.of(new ParamValue("driverinit", h == N10 ? maxMacs10 : 32L))));
      l.add(new Param(h, "test1", false, List.of(new ParamValue("driverinit", true))));
    }
    return l;
  }

  @Test
  void paramShow() {
    assertEquals(Expected.PARAM_SHOW_TEXT, text(o -> cmdDevParamShow(o, params(32))));
    assertEquals(Expected.PARAM_SHOW_JP, jsonPretty(o -> cmdDevParamShow(o, params(32))));
    assertEquals(Expected.PARAM_SHOW_J_ALL, json(o -> cmdDevParamShow(o, params(32))));
    assertEquals(Expected.PARAM_SHOW_JP_ONE,
        jsonPretty(o -> cmdDevParamShow(o, params(32).subList(0, 1))));
  }

  /* ---------------- reload ---------------- */

  @Test
  void reloadActionsPerformedText() {
    assertEquals(Expected.RELOAD_DRIVER_REINIT_TEXT,
        text(o -> reloadActionsPerformed(o, List.of("driver_reinit"))));
  }

  @Test
  void reloadActionsPerformedJson() {
    assertEquals("{\"reload\":{\"reload_actions_performed\":[\"driver_reinit\"]}}\n",
        json(o -> reloadActionsPerformed(o, List.of("driver_reinit"))));
  }

  @Test
  void jsonModeWithoutOutputOrWithErrorPrintsNewline() {
    // plain reload: the kernel answer has no RELOAD_ACTIONS_PERFORMED, nothing printed
    assertEquals(Expected.RELOAD_JP_PLAIN, jsonPretty(o -> { }));
    // failed reload / CLI error after dl_init: only jsonw_destroy's "\n"
    assertEquals(Expected.RELOAD_JP_ERROR, jsonPretty(o -> { }));
    assertEquals(Expected.PARAM_SHOW_JP_ERROR, "\n");
    assertEquals(Expected.PARAM_SHOW_JP_ERROR, jsonPretty(o -> { }));
    assertEquals("\n", json(o -> { }));
    // text mode: nothing at all
    assertEquals("", text(o -> { }));
  }

  @Test
  void dumpFailsAfterSectionStartStillClosesSection() {
    // "devlink -j dev show netdevsim/nosuch": section opened, kernel error, section closed
    assertEquals("{\"dev\":{}}\n", json(o -> cmdDevShow(o, List.of(), false)));
    assertEquals("{\n    \"dev\": {}\n}\n", jsonPretty(o -> cmdDevShow(o, List.of(), false)));
  }

  /* ---------------- health ---------------- */

  private static List<Reporter> reporters() {
    List<Reporter> l = new ArrayList<>();
    for (Handle h : List.of(N10, N11)) {
      l.add(new Reporter(h, "empty", "healthy", 0, 0, null, null, null, null, true));
      l.add(new Reporter(h, "dummy", "healthy", 0, 0, null, null, 0L, true, true));
    }
    return l;
  }

  @Test
  void healthShow() {
    assertEquals(Expected.HEALTH_SHOW_TEXT, text(o -> cmdHealthShow(o, reporters())));
    assertEquals(Expected.HEALTH_SHOW_JP, jsonPretty(o -> cmdHealthShow(o, reporters())));
  }

  /* ---------------- resources (pr_out_u64 "unlimited") ---------------- */

  private static Resource leaf(String name, long occ, long sizeNew) {
    return new Resource(name, U64_MAX, sizeNew, occ, "entry", 0, U64_MAX, 1, false, List.of());
  }

  private static List<Resource> resources(boolean pending) {
    Resource v4 = new Resource("IPv4", U64_MAX, U64_MAX, null, "entry", 0, U64_MAX, 1, true,
        List.of(leaf("fib", 3, pending ? 96 : U64_MAX), leaf("fib-rules", 3, U64_MAX)));
    Resource v6 = new Resource("IPv6", U64_MAX, U64_MAX, null, "entry", 0, U64_MAX, 1, true,
        List.of(leaf("fib", 1, U64_MAX), leaf("fib-rules", 2, U64_MAX)));
    return List.of(v4, v6, leaf("nexthops", 0, U64_MAX));
  }

  @Test
  void resourceShow() {
    assertEquals(Expected.RESOURCE_SHOW_TEXT, text(o -> cmdResourceShow(o, N10, resources(false), false)));
    assertEquals(Expected.RESOURCE_SHOW_JP, jsonPretty(o -> cmdResourceShow(o, N10, resources(false), false)));
    assertEquals(Expected.RESOURCE_SHOW_TEXT_PENDING, text(o -> cmdResourceShow(o, N10, resources(true), true)));
    assertEquals(Expected.RESOURCE_SHOW_JP_PENDING,
        jsonPretty(o -> cmdResourceShow(o, N10, resources(true), true)));
  }

  /* ---------------- regions ---------------- */

  @Test
  void regionShow() {
    List<Region> empty = List.of(new Region(N10, "dummy", 32768L, List.of(), null, 16L),
        new Region(N11, "dummy", 32768L, List.of(), null, 16L));
    assertEquals(Expected.REGION_SHOW_TEXT_EMPTY, text(o -> cmdRegionShow(o, empty)));
    assertEquals(Expected.REGION_SHOW_JP_EMPTY, jsonPretty(o -> cmdRegionShow(o, empty)));
    List<Region> some = List.of(new Region(N10, "dummy", 32768L, List.of(1L, 2L, 0L, 3L), null, 16L),
        new Region(N11, "dummy", 32768L, List.of(), null, 16L));
    assertEquals(Expected.REGION_SHOW_TEXT, text(o -> cmdRegionShow(o, some)));
    assertEquals(Expected.REGION_SHOW_JP_ONE, jsonPretty(o -> cmdRegionShow(o, some.subList(0, 1))));
  }

  @Test
  void regionNew() {
    // with an explicit id the kernel sends no reply: just the empty section
    assertEquals(Expected.REGION_NEW_JP_ID, jsonPretty(o -> cmdRegionShow(o, List.of())));
    Region created = new Region(N10, "dummy", null, null, 3L, null);
    assertEquals(Expected.REGION_NEW_JP, jsonPretty(o -> cmdRegionShow(o, List.of(created))));
    Region created0 = new Region(N10, "dummy", null, null, 0L, null);
    assertEquals("netdevsim/netdevsim10/dummy: snapshot 0\n", text(o -> cmdRegionShow(o, List.of(created0))));
  }

  private static final byte[] CHUNK = {(byte) 0x81, (byte) 0xe7, (byte) 0x8a, 0x05, 0x1c, 0x15, 0x1c,
    (byte) 0xa9, 0x05, 0x75, (byte) 0xc5, (byte) 0xfa, (byte) 0x8e, 0x02, 0x26, 0x34};

  @Test
  void regionRead() {
    assertEquals(Expected.REGION_READ_JP, jsonPretty(o -> {
      o.prOutSectionStart("read");
      o.prOutRegionChunk(CHUNK, 0);
      o.prOutSectionEnd();
    }));
    // 07-regions.txt:110 (text read ends with a plain "\n")
    assertEquals("0000000000000000 81 e7 8a 05 1c 15 1c a9 05 75 c5 fa 8e 02 26 34 \n", text(o -> {
      o.prOutRegionChunk(CHUNK, 0);
      o.prOut("\n");
    }));
  }

  /* ---------------- monitor ---------------- */

  private static Reporter brokenDummy() {
    return new Reporter(N12, "dummy", "error", 1, 0, null, null, 5L, true, true);
  }

  private static Reporter recoveredDummy() {
    return new Reporter(N12, "dummy", "healthy", 1, 1, "2026-11-25", "20:43:15", 5L, true, true);
  }

  private static void healthEvent(DlOut o, Reporter r) {
    monHeader(o, "health", "status");
    prOutHealth(o, r);
    monFooter(o);
  }

  private static void regionEvent(DlOut o, String cmd, long id) {
    monHeader(o, "region", cmd);
    prOutRegion(o, new Region(N12, "dummy", null, null, id, null));
    monFooter(o);
  }

  @Test
  void monitorTextIndentationArtefacts() {
    String[] exp = Expected.MON_TEXT_HEALTH_REGION;
    DlOut o = DlOut.text();
    healthEvent(o, brokenDummy());
    assertEquals(exp[0] + "\n" + exp[1] + "\n" + exp[2] + "\n", o.takeNew());
    healthEvent(o, recoveredDummy());
    assertEquals(exp[3] + "\n" + exp[4] + "\n", o.takeNew());
    regionEvent(o, "new", 7);
    assertEquals(exp[6] + "\n", o.takeNew());
    regionEvent(o, "del", 7);
    assertEquals(exp[8] + "\n", o.takeNew());
  }

  @Test
  void monitorJsonNeverClosedArrays() {
    String[] exp = Expected.MON_JSON_HEALTH_REGION;
    DlOut o = DlOut.json(false);
    o.openJsonObject(null);
    o.openJsonArray(Print.JSON, "mon");
    regionEvent(o, "new", 7);
    assertEquals("{\"mon\":[" + exp[1].substring(1), o.takeNew());
    healthEvent(o, brokenDummy());
    healthEvent(o, recoveredDummy());
    assertEquals(exp[0], o.takeNew());
    regionEvent(o, "del", 7);
    assertEquals(exp[2], o.takeNew());
    // the monitor is killed: no closing, and jsonw_destroy would assert
    assertThrows(IllegalStateException.class, o::finish);
  }
}
