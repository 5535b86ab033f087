package dev.fabric.cli.devlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fabric.cli.out.DlOut;
import dev.fabric.devlink.model.ByteList;
import dev.fabric.devlink.model.DevHandle;
import dev.fabric.devlink.model.Fmsg;
import dev.fabric.devlink.model.HealthReporterSnapshot;
import dev.fabric.devlink.model.HealthReporterSnapshot.State;
import dev.fabric.devlink.model.Notification;
import dev.fabric.devlink.model.RegionEvent;
import dev.fabric.devlink.model.RegionSnapshot;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The health and region printers against the exact stdout of 05-health.txt, 07-regions.txt and
 * 10-mon-all.txt / 10-mon-all-json.txt (with the transcripts' random bytes fed in).
 */
class HealthRegionPrintTest {
  private static final DevHandle N10 = DevHandle.netdevsim(10);
  private static final DevHandle N11 = DevHandle.netdevsim(11);
  private static final DevHandle N12 = DevHandle.netdevsim(12);

  private static ByteList bytes(int... b) {
    byte[] a = new byte[b.length];
    for (int i = 0; i < b.length; i++) {
      a[i] = (byte) b[i];
    }
    return ByteList.copyOf(a);
  }

  /** netdevsim's dummy fmsg (with the stray nest end before test_u32_array). */
  private static Fmsg dummy(String breakMessage, ByteList binary) {
    List<Fmsg.Pair> items = new ArrayList<>();
    if (breakMessage != null) {
      items.add(new Fmsg.Pair("break_message", new Fmsg.Str(breakMessage)));
    }
    items.add(new Fmsg.Pair("test_bool", new Fmsg.Bool(true)));
    items.add(new Fmsg.Pair("test_u8", new Fmsg.U8(1)));
    items.add(new Fmsg.Pair("test_u32", new Fmsg.U32(3)));
    items.add(new Fmsg.Pair("test_u64", new Fmsg.U64(4)));
    items.add(new Fmsg.Pair("test_string", new Fmsg.Str("somestring")));
    items.add(new Fmsg.Pair("test_binary", new Fmsg.Binary(binary)));
    items.add(new Fmsg.Pair("test_nest", new Fmsg.Obj(List.of(
        new Fmsg.Pair("nested_test_bool", new Fmsg.Bool(false)),
        new Fmsg.Pair("nested_test_u8", new Fmsg.U8(0))))));
    int stray = items.size();
    items.add(new Fmsg.Pair("test_u32_array", new Fmsg.Arr(List.of(new Fmsg.U32(0), new Fmsg.U32(1)))));
    return new Fmsg(items, stray);
  }

  @Test
  void diagnoseTextStopsAtTheStrayNestEnd() {
    DlOut o = DlOut.text();
    boolean complete = FmsgPrinter.print(o, dummy(null,
        bytes(0x53, 0x1c, 0xd0, 0x5b, 0xed, 0x5a, 0x12, 0x21, 0x20, 0x38, 0x4f, 0xe8, 0xe0, 0xd4, 0x84, 0x61)));
    assertFalse(complete); // the caller prints "kernel answers: Success"
    assertEquals("""
         test_bool: true test_u8: 1 test_u32: 3 test_u64: 4 test_string: somestring
          test_binary:
            53 1c d0 5b ed 5a 12 21 20 38 4f e8 e0 d4 84 61\s
          test_nest:
            nested_test_bool: false nested_test_u8: 0
        """, o.finish());
  }

  @Test
  void dumpJsonPrettyWithBreakMessage() {
    DlOut o = DlOut.json(true);
    FmsgPrinter.print(o, dummy("1", bytes(161, 175, 211, 227)));
    assertEquals("""
        {
            "break_message": "1",
            "test_bool": true,
            "test_u8": 1,
            "test_u32": 3,
            "test_u64": 4,
            "test_string": "somestring",
            "test_binary": [ 161,175,211,227 ],
            "test_nest": {
                "nested_test_bool": false,
                "nested_test_u8": 0
            }
        }
        """, o.finish());
  }

  @Test
  void emptyReporterPrintsNothingInTextAndAnEmptyObjectInJson() {
    DlOut t = DlOut.text();
    assertTrue(FmsgPrinter.print(t, Fmsg.EMPTY));
    assertEquals("", t.finish());
    DlOut j = DlOut.json(true);
    assertTrue(FmsgPrinter.print(j, Fmsg.EMPTY));
    assertEquals("{}\n", j.finish());
  }

  private static HealthReporterSnapshot empty(DevHandle d) {
    return new HealthReporterSnapshot(d, null, "empty", State.HEALTHY, 0, 0, null, null, null, true);
  }

  private static HealthReporterSnapshot dummyReporter(DevHandle d) {
    return new HealthReporterSnapshot(d, null, "dummy", State.HEALTHY, 0, 0, null, 0L, true, true);
  }

  @Test
  void healthShowDumpText() {
    DlOut o = DlOut.text();
    o.prOutSectionStart("health");
    for (HealthReporterSnapshot r : List.of(empty(N10), dummyReporter(N10), empty(N11), dummyReporter(N11))) {
      HealthCommands.prOutHealth(o, r, true, true);
    }
    o.prOutSectionEnd();
    assertEquals("""
        netdevsim/netdevsim10:
          reporter empty
            state healthy error 0 recover 0 auto_dump true
          reporter dummy
            state healthy error 0 recover 0 grace_period 0 auto_recover true auto_dump true
        netdevsim/netdevsim11:
          reporter empty
            state healthy error 0 recover 0 auto_dump true
          reporter dummy
            state healthy error 0 recover 0 grace_period 0 auto_recover true auto_dump true
        """, o.finish());
  }

  @Test
  void healthShowOneReporterJsonPretty() {
    DlOut o = DlOut.json(true);
    o.prOutSectionStart("health");
    HealthCommands.prOutHealth(o, dummyReporter(N10), true, true);
    o.prOutSectionEnd();
    assertEquals("""
        {
            "health": {
                "netdevsim/netdevsim10": [ {
                        "reporter": "dummy",
                        "state": "healthy",
                        "error": 0,
                        "recover": 0,
                        "grace_period": 0,
                        "auto_recover": true,
                        "auto_dump": true
                    } ]
            }
        }
        """, o.finish());
  }

  @Test
  void portHealthDumpSkipsDeviceReporters() {
    DlOut o = DlOut.json(false);
    o.prOutSectionStart("health");
    HealthCommands.prOutHealth(o, dummyReporter(N10), false, true);
    o.prOutSectionEnd();
    assertEquals("{\"health\":{}}\n", o.finish());
  }

  @Test
  void regionShowAndNewText() {
    DlOut o = DlOut.text();
    RegionCommands.prOutRegion(o, new RegionSnapshot(N10, "dummy", 32768, List.of(1L, 2L, 0L, 3L), 16));
    RegionCommands.prOutRegion(o, new RegionSnapshot(N11, "dummy", 32768, List.of(), 16));
    RegionCommands.prOutRegion(o, new RegionEvent(N10, "dummy", 32768, 0L));
    assertEquals("""
        netdevsim/netdevsim10/dummy: size 32768 snapshot [1 2 0 3] max 16
        netdevsim/netdevsim11/dummy: size 32768 snapshot [] max 16
        netdevsim/netdevsim10/dummy: snapshot 0
        """, o.finish());
  }

  @Test
  void regionNewJsonPretty() {
    DlOut o = DlOut.json(true);
    o.prOutSectionStart("regions");
    RegionCommands.prOutRegion(o, new RegionEvent(N10, "dummy", 32768, 3L));
    o.prOutSectionEnd();
    assertEquals("""
        {
            "regions": {
                "netdevsim/netdevsim10/dummy": {
                    "snapshot": [ 3 ]
                }
            }
        }
        """, o.finish());
  }

  /** 10-mon-all.txt: the indentation artefacts of two health events followed by region events. */
  @Test
  void monitorTextArtefacts() {
    MonitorRenderer m = MonitorRenderer.create(false);
    HealthReporterSnapshot err = new HealthReporterSnapshot(N12, null, "dummy", State.ERROR, 1, 0, null, 5L, true, true);
    HealthReporterSnapshot ok = new HealthReporterSnapshot(N12, null, "dummy", State.HEALTHY, 1, 1, null, 5L, true, true);
    String out = m.render(new Notification("init", Notification.Kind.HEALTH, Notification.Cmd.STATUS, N12, err))
        + m.render(new Notification("init", Notification.Kind.HEALTH, Notification.Cmd.STATUS, N12, ok))
        + m.render(new Notification("init", Notification.Kind.REGION, Notification.Cmd.NEW, N12,
            new RegionEvent(N12, "dummy", 32768, 7L)))
        + m.render(new Notification("init", Notification.Kind.REGION, Notification.Cmd.DEL, N12,
            new RegionEvent(N12, "dummy", 32768, 7L)));
    assertEquals("""
        [health,status] netdevsim/netdevsim12:
          reporter dummy
            state error error 1 recover 0 grace_period 5 auto_recover true auto_dump true
          [health,status]  reporter dummy
            state healthy error 1 recover 1 grace_period 5 auto_recover true auto_dump true
          [region,new] netdevsim/netdevsim12/dummy: snapshot 7
        [region,del] netdevsim/netdevsim12/dummy: snapshot 7
        """, out);
  }

  /** 10-mon-all-json.txt: the per-handle array opened by the first event is never closed. */
  @Test
  void monitorJsonArtefacts() {
    MonitorRenderer m = MonitorRenderer.create(true);
    HealthReporterSnapshot err = new HealthReporterSnapshot(N12, null, "dummy", State.ERROR, 1, 0, null, 5L, true, true);
    HealthReporterSnapshot ok = new HealthReporterSnapshot(N12, null, "dummy", State.HEALTHY, 1, 1, null, 5L, true, true);
    String out = m.render(new Notification("init", Notification.Kind.HEALTH, Notification.Cmd.STATUS, N12, err))
        + m.render(new Notification("init", Notification.Kind.HEALTH, Notification.Cmd.STATUS, N12, ok))
        + m.render(new Notification("init", Notification.Kind.REGION, Notification.Cmd.NEW, N12,
            new RegionEvent(N12, "dummy", 32768, 7L)));
    assertEquals("{\"mon\":[{\"command\":\"status\",\"health\":{\"netdevsim/netdevsim12\":[{\"reporter\":\"dummy\","
        + "\"state\":\"error\",\"error\":1,\"recover\":0,\"grace_period\":5,\"auto_recover\":true,\"auto_dump\":true}}},"
        + "{\"command\":\"status\",\"health\":{{\"reporter\":\"dummy\",\"state\":\"healthy\",\"error\":1,\"recover\":1,"
        + "\"grace_period\":5,\"auto_recover\":true,\"auto_dump\":true}}},"
        + "{\"command\":\"new\",\"region\":{\"netdevsim/netdevsim12/dummy\":{\"snapshot\":[7]}}}", out);
  }
}
