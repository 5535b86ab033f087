package dev.fabric.devlink.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fabric.devlink.model.HealthReporterSnapshot.State;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Health reporters against 05-health.txt, 10-mon-all.txt and 13-reload-effects.txt. */
class HealthTest {
  private NsimDevlink d;
  private long now = 1_795_000_000_000L;

  @BeforeEach
  void setUp() {
    d = new NsimDevlink(DevHandle.netdevsim(1), 1, 2, "init");
    d.probe(List.of("eth0", "eth1"));
    d.register();
    d.health.clock = () -> now;
  }

  private Result run(Op op) {
    return d.apply(op, List.of());
  }

  private <R extends ReplyValue> R ok(Op<R> op) {
    Reply<R> r = ReplyTypes.typed(op, run(op).reply());
    if (r instanceof Reply.Ok<R> k) {
      return k.value();
    }
    throw new AssertionError("expected ok: " + r);
  }

  private HealthReporterSnapshot dummy() {
    return ok(new HealthOp.Get("dummy"));
  }

  private Result breakHealth(String text) {
    return run(new DriverOp.DebugfsWrite("health/break_health", text));
  }

  private static void assertCounts(HealthReporterSnapshot s, State state, long err, long rec) {
    assertEquals(state, s.state());
    assertEquals(err, s.errorCount());
    assertEquals(rec, s.recoverCount());
  }

  private static void assertErr(Result r, Errno errno, String extack) {
    Reply.Err e = assertInstanceOf(Reply.Err.class, r.reply());
    assertEquals(errno, e.errno());
    assertEquals(java.util.Optional.ofNullable(extack), e.extack());
  }

  @Test
  void defaultsListEmptyThenDummyWithOptionalAttributes() {
    List<HealthReporterSnapshot> all = ok(new HealthOp.Dump()).reporters();
    assertEquals(List.of("empty", "dummy"), all.stream().map(HealthReporterSnapshot::name).toList());
    HealthReporterSnapshot empty = all.get(0);
    assertEquals(new HealthReporterSnapshot(d.handle, null, "empty", State.HEALTHY, 0, 0, null, null, null, true), empty);
    assertEquals(new HealthReporterSnapshot(d.handle, null, "dummy", State.HEALTHY, 0, 0, null, 0L, true, true), all.get(1));
  }

  @Test
  void unknownReporterIsEinval() {
    assertErr(run(new HealthOp.Get("nosuch")), Errno.EINVAL, null);
    assertErr(run(new HealthOp.Diagnose("nosuch")), Errno.EINVAL, null);
  }

  @Test
  void diagnoseShowsTheTestFieldsUpToTheStrayNestEnd() {
    Fmsg f = ok(new HealthOp.Diagnose("dummy"));
    assertEquals(List.of("test_bool", "test_u8", "test_u32", "test_u64", "test_string", "test_binary", "test_nest"),
        f.shown().stream().map(Fmsg.Pair::name).toList());
    assertEquals(new Fmsg.Bool(true), f.items().get(0).value());
    assertEquals(new Fmsg.U8(1), f.items().get(1).value());
    assertEquals(new Fmsg.U32(3), f.items().get(2).value());
    assertEquals(new Fmsg.U64(4), f.items().get(3).value());
    assertEquals(new Fmsg.Str("somestring"), f.items().get(4).value());
    assertEquals(16, ((Fmsg.Binary) f.items().get(5).value()).bytes().size());
    assertEquals(new Fmsg.Obj(List.of(new Fmsg.Pair("nested_test_bool", new Fmsg.Bool(false)),
        new Fmsg.Pair("nested_test_u8", new Fmsg.U8(0)))), f.items().get(6).value());
    // Random bytes on every call (the transcript's two diagnoses differ).
    Fmsg g = ok(new HealthOp.Diagnose("dummy"));
    assertNotEquals(f.items().get(5), g.items().get(5));
    // The empty reporter's diagnose is an empty object ({} in JSON, nothing in text).
    assertEquals(Fmsg.EMPTY, ok(new HealthOp.Diagnose("empty")));
    assertEquals(-1, Fmsg.EMPTY.strayEndAt());
  }

  @Test
  void dumpShowTakesAndKeepsADumpUntilCleared() {
    assertNull(dummy().lastDumpMillis());
    Fmsg first = ok(new HealthOp.DumpGet("dummy"));
    assertEquals("test_bool", first.items().get(0).name());
    assertEquals(now, dummy().lastDumpMillis());
    now += 2000;
    assertEquals(first, ok(new HealthOp.DumpGet("dummy")));
    assertEquals(Fmsg.EMPTY, ok(new HealthOp.DumpGet("empty")));
    HealthReporterSnapshot empty = ok(new HealthOp.Get("empty"));
    assertEquals(now, empty.lastDumpMillis());
    // recover of a healthy reporter is a no-op (counters stay 0), also for empty (no recover op)
    ok(new HealthOp.Recover("dummy"));
    ok(new HealthOp.Recover("empty"));
    assertCounts(dummy(), State.HEALTHY, 0, 0);
    // clear, then show takes a fresh dump
    ok(new HealthOp.DumpClear("dummy"));
    assertNull(dummy().lastDumpMillis());
    Fmsg second = ok(new HealthOp.DumpGet("dummy"));
    assertNotEquals(first.items().get(5), second.items().get(5));
    assertEquals(now, dummy().lastDumpMillis());
    ok(new HealthOp.DumpClear("empty"));
  }

  @Test
  void breakHealthWithAutoRecoverRecoversAndNotifiesTwice() {
    Result r = breakHealth("1\n");
    assertTrue(r.reply().isOk());
    assertCounts(dummy(), State.HEALTHY, 1, 1);
    assertEquals(now, dummy().lastDumpMillis());
    assertEquals(2, r.notes().size());
    for (Notification n : r.notes()) {
      assertEquals(Notification.Kind.HEALTH, n.kind());
      assertEquals(Notification.Cmd.STATUS, n.cmd());
    }
    // 10-mon-all: "state error error 1 recover 0" without a dump, then healthy with the dump
    HealthReporterSnapshot e = (HealthReporterSnapshot) r.notes().get(0).payload();
    assertCounts(e, State.ERROR, 1, 0);
    assertNull(e.lastDumpMillis());
    HealthReporterSnapshot h = (HealthReporterSnapshot) r.notes().get(1).payload();
    assertCounts(h, State.HEALTHY, 1, 1);
    assertEquals(now, h.lastDumpMillis());
    // The auto dump carries the break message; diagnose now shows the recovered one.
    Fmsg dump = ok(new HealthOp.DumpGet("dummy"));
    assertEquals(new Fmsg.Pair("break_message", new Fmsg.Str("1")), dump.items().get(0));
    assertEquals(8, dump.strayEndAt());
    Fmsg diag = ok(new HealthOp.Diagnose("dummy"));
    assertEquals(new Fmsg.Pair("recovered_break_message", new Fmsg.Str("1")), diag.items().get(0));
  }

  @Test
  void transcriptSequenceAutoRecoverOffGracePeriodAndFailRecover() {
    breakHealth("1\n");
    ok(HealthOp.Set.of("dummy", null, false, null));
    assertEquals(false, dummy().autoRecover());
    assertTrue(breakHealth("1\n").reply().isOk());
    assertCounts(dummy(), State.ERROR, 2, 1);
    assertTrue(breakHealth("1\n").reply().isOk());
    assertCounts(dummy(), State.ERROR, 3, 1);
    Result rec = run(new HealthOp.Recover("dummy"));
    assertTrue(rec.reply().isOk());
    assertEquals(1, rec.notes().size());
    assertCounts(dummy(), State.HEALTHY, 3, 2);

    ok(HealthOp.Set.of("dummy", 3_600_000L, true, null));
    assertEquals(3_600_000L, dummy().gracePeriod());
    now += 1000;
    Result b = breakHealth("1\n");
    assertErr(b, Errno.ECANCELED, null);
    assertEquals(1, b.notes().size()); // the transition into error is still announced
    assertCounts(dummy(), State.ERROR, 4, 2);
    assertErr(breakHealth("1\n"), Errno.ECANCELED, null);
    assertCounts(dummy(), State.ERROR, 5, 2);

    ok(HealthOp.Set.of("dummy", 0L, null, null));
    assertCounts(dummy(), State.ERROR, 5, 2);
    assertErr(run(HealthOp.Set.of("empty", 10L, null, null)), Errno.EOPNOTSUPP, null);
    ok(HealthOp.Set.of("dummy", null, null, false));
    assertEquals(false, dummy().autoDump());
    ok(HealthOp.Set.of("dummy", null, null, true));
    ok(HealthOp.Set.of("dummy", null, null, null));

    ok(new DriverOp.DebugfsWrite("health/fail_recover", "Y\n"));
    assertErr(run(new HealthOp.Recover("dummy")), Errno.EINVAL,
        "netdevsim: User setup the recover to fail for testing purposes.");
    // still in error: a break is cancelled (prev state not healthy)
    assertErr(breakHealth("1\n"), Errno.ECANCELED, null);
    assertCounts(dummy(), State.ERROR, 6, 2);
    ok(new DriverOp.DebugfsWrite("health/fail_recover", "N\n"));
    ok(new HealthOp.Recover("dummy"));
    assertCounts(dummy(), State.HEALTHY, 6, 3);

    // binary_len 4, dump clear, break: the new auto dump has the message and 4 bytes
    ok(new DriverOp.DebugfsWrite("health/binary_len", "4\n"));
    ok(new HealthOp.DumpClear("dummy"));
    now += 1000;
    breakHealth("1\n");
    Fmsg dump = ok(new HealthOp.DumpGet("dummy"));
    assertEquals("break_message", dump.items().get(0).name());
    assertEquals(4, ((Fmsg.Binary) dump.items().get(6).value()).bytes().size());
  }

  @Test
  void failedAutoRecoveryLeavesErrorWithoutExtack() {
    ok(new DriverOp.DebugfsWrite("health/fail_recover", "Y"));
    assertErr(breakHealth("boom"), Errno.EINVAL, null);
    assertCounts(dummy(), State.ERROR, 1, 0);
  }

  @Test
  void testCommandIsNotSupported() {
    assertErr(run(new HealthOp.Test("dummy")), Errno.EOPNOTSUPP, null);
  }

  @Test
  void reloadResetsReportersAndHealthKnobs() {
    ok(HealthOp.Set.of("dummy", 0L, false, null));
    breakHealth("1\n");
    ok(new DriverOp.DebugfsWrite("health/binary_len", "7\n"));
    assertCounts(dummy(), State.ERROR, 1, 0);
    DevOp.Reload reload = DevOp.Reload.of(null, null, null);
    Result down = d.reloadDown(null);
    assertTrue(down.notes().stream().noneMatch(n -> n.kind() == Notification.Kind.HEALTH));
    d.reloadUp(reload, List.of("eth2", "eth3"));
    assertEquals(new HealthReporterSnapshot(d.handle, null, "dummy", State.HEALTHY, 0, 0, null, 0L, true, true), dummy());
    assertEquals(new DriverOp.FileData("16\n"), ok(new DriverOp.DebugfsRead("health/binary_len")));
  }

  @Test
  void copiesAreIndependentAndDeterministic() {
    NsimDevlink c = d.copy();
    Fmsg a = ok(new HealthOp.DumpGet("dummy"));
    breakHealth("1\n");
    HealthOp.Get get = new HealthOp.Get("dummy");
    assertCounts(ReplyTypes.typed(get, c.apply(get, List.of()).reply()).orElseThrow(), State.HEALTHY, 0, 0);
    Fmsg b = ReplyTypes.typed(new HealthOp.DumpGet("dummy"), c.apply(new HealthOp.DumpGet("dummy"), List.of()).reply()).orElseThrow();
    assertEquals(a.items().get(5), b.items().get(5)); // same random bytes from the same state
  }
}
