package dev.fabric.devlink.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Traps, groups and policers against 06-traps.txt, 10-mon-all.txt and 13-reload-effects.txt. */
class TrapsTest {
  static final List<String> TRAP_ORDER = List.of("source_mac_is_multicast", "vlan_tag_mismatch",
      "ingress_vlan_filter", "ingress_spanning_tree_filter", "port_list_is_empty", "port_loopback_filter",
      "fid_miss", "blackhole_route", "ttl_value_is_too_small", "tail_drop", "ingress_flow_action_drop",
      "egress_flow_action_drop", "igmp_query", "igmp_v1_report");
  static final List<String> GROUP_ORDER =
      List.of("l2_drops", "l3_drops", "l3_exceptions", "buffer_drops", "acl_drops", "mc_snooping");

  NsimDevlink d;
  List<Notification> registerNotes;

  @BeforeEach
  void setUp() {
    d = new NsimDevlink(DevHandle.netdevsim(1), 1, 2, "init");
    assertTrue(d.probe(List.of("eth0", "eth1")).notes().isEmpty());
    registerNotes = d.register().notes();
  }

  Result run(TrapOp op) {
    return d.apply(op, List.of());
  }

  <R extends ReplyValue> R ok(TrapOp<R> op) {
    Reply<R> r = ReplyTypes.typed(op, run(op).reply());
    if (r instanceof Reply.Ok<R> k) {
      assertEquals(java.util.Optional.empty(), k.warning(), op + " warned");
      return k.value();
    }
    throw new AssertionError(op + " -> " + r);
  }

  void err(TrapOp op, Errno errno, String extack) {
    Reply r = run(op).reply();
    assertEquals(Reply.err(errno, extack), r, op.toString());
  }

  TrapSnapshot trap(String name) {
    return ok(new TrapOp.Get(name, false));
  }

  static List<Notification> ofKind(List<Notification> notes, Notification.Kind... kinds) {
    List<Notification> out = new ArrayList<>();
    for (Notification n : notes) {
      if (List.of(kinds).contains(n.kind())) {
        out.add(n);
      }
    }
    return out;
  }

  @Test
  void registerAnnouncesPolicersGroupsTrapsWithCounters() {
    List<Notification> notes = ofKind(registerNotes, Notification.Kind.TRAP_POLICER,
        Notification.Kind.TRAP_GROUP, Notification.Kind.TRAP);
    assertEquals(3 + 6 + 14, notes.size());
    // 10-mon-all.txt: policers 1..3 with dropped 0 each
    long[][] pol = {{1, 1000, 128}, {2, 2000, 256}, {3, 3000, 512}};
    for (int i = 0; i < 3; i++) {
      Notification n = notes.get(i);
      assertEquals(Notification.Cmd.NEW, n.cmd());
      assertEquals(new TrapPolicerSnapshot(d.handle, pol[i][0], pol[i][1], pol[i][2],
          new TrapPolicerSnapshot.Stats(0)), n.payload());
    }
    long[] groupPolicer = {0, 1, 1, 2, 3, 3};
    for (int i = 0; i < 6; i++) {
      assertEquals(new TrapGroupSnapshot(d.handle, GROUP_ORDER.get(i), true, groupPolicer[i],
          new TrapGroupSnapshot.Stats(0, 0)), notes.get(3 + i).payload());
    }
    // traps: one shared counter, dropped 0..13 in registration order
    for (int i = 0; i < 14; i++) {
      TrapSnapshot t = (TrapSnapshot) notes.get(9 + i).payload();
      assertEquals(TRAP_ORDER.get(i), t.name());
      assertEquals(new TrapSnapshot.Stats(0, 0, i), t.stats());
    }
    TrapSnapshot fid = (TrapSnapshot) notes.get(9 + 6).payload();
    assertEquals(new TrapSnapshot(d.handle, "fid_miss", "exception", false, "trap", "l2_drops",
        List.of("input_port"), new TrapSnapshot.Stats(0, 0, 6)), fid);
    TrapSnapshot igmpQuery = (TrapSnapshot) notes.get(9 + 12).payload();
    assertEquals("control", igmpQuery.type());
    assertEquals("mirror", igmpQuery.action());
    assertEquals("mc_snooping", igmpQuery.group());
    TrapSnapshot fa = (TrapSnapshot) notes.get(9 + 10).payload();
    assertEquals(List.of("input_port", "flow_action_cookie"), fa.metadata());
  }

  @Test
  void everyReadAdvancesTheCountersWithOrWithoutStats() {
    // 06-traps.txt on netdevsim10: 14 reads at register, two dumps, one get, then -s get = 43
    assertEquals(14, ok(new TrapOp.Dump(false)).traps().size());
    List<?> dump = ok(new TrapOp.Dump(false)).traps();
    assertNull(((TrapSnapshot) dump.get(0)).stats());
    trap("source_mac_is_multicast");
    err(new TrapOp.Get("nosuch", false), Errno.ENOENT, "leftover: Device did not register this trap.");
    TrapSnapshot s = ok(new TrapOp.Get("source_mac_is_multicast", true));
    assertEquals(new TrapSnapshot(d.handle, "source_mac_is_multicast", "drop", true, "drop", "l2_drops",
        List.of("input_port"), new TrapSnapshot.Stats(0, 0, 43)), s);
    TrapSnapshot b = ok(new TrapOp.Get("blackhole_route", true));
    assertEquals(new TrapSnapshot.Stats(0, 0, 44), b.stats());
    // groups have no counter
    TrapGroupSnapshot g = ok(new TrapOp.GroupGet("l2_drops", true));
    assertEquals(new TrapGroupSnapshot(d.handle, "l2_drops", true, 0, new TrapGroupSnapshot.Stats(0, 0)), g);
    assertEquals(6, ok(new TrapOp.GroupDump(false)).groups().size());
    // policers: register read 0, three dumps, then -s get policer 1 shows 4
    for (int i = 0; i < 3; i++) {
      List<?> p = ok(new TrapOp.PolicerDump(false)).policers();
      assertEquals(new TrapPolicerSnapshot(d.handle, 2, 2000, 256, null), p.get(1));
    }
    assertEquals(new TrapPolicerSnapshot(d.handle, 1, 1000, 128, new TrapPolicerSnapshot.Stats(4)),
        ok(new TrapOp.PolicerGet(1, true)));
    err(new TrapOp.PolicerGet(999, false), Errno.ENOENT, "leftover: Device did not register this trap policer.");
    err(new TrapOp.GroupGet("nosuch", false), Errno.ENOENT, "leftover: Device did not register this trap group.");
  }

  @Test
  void trapAndGroupActions() {
    ok(TrapOp.Set.of("source_mac_is_multicast", "trap"));
    assertEquals("trap", trap("source_mac_is_multicast").action());
    ok(TrapOp.Set.of("source_mac_is_multicast", "drop"));
    assertEquals("drop", trap("source_mac_is_multicast").action());
    ok(TrapOp.Set.of("source_mac_is_multicast", "mirror"));
    // non-drop trap: warning, rc 0, unchanged
    Reply r = run(TrapOp.Set.of("igmp_query", "drop")).reply();
    assertEquals(Reply.okWarning("leftover: Cannot change action of non-drop traps. Skipping."), r);
    assertEquals("mirror", trap("igmp_query").action());
    ok(TrapOp.Set.of("igmp_query", "mirror")); // same action: no warning
    err(TrapOp.Set.of("nosuch", "trap"), Errno.ENOENT, "leftover: Device did not register this trap.");
    err(TrapOp.Set.of("ipv4_bfd", "drop"), Errno.ENOENT, "leftover: Device did not register this trap.");
    // group action trap: fid_miss already traps, so no warning
    ok(TrapOp.GroupSet.of("l2_drops", "trap", null));
    assertEquals("trap", trap("source_mac_is_multicast").action());
    assertEquals("trap", trap("vlan_tag_mismatch").action());
    assertEquals("drop", trap("blackhole_route").action());
    r = run(TrapOp.GroupSet.of("l2_drops", "drop", null)).reply();
    assertEquals(Reply.okWarning("leftover: Cannot change action of non-drop traps. Skipping."), r);
    assertEquals("drop", trap("port_loopback_filter").action());
    assertEquals("trap", trap("fid_miss").action());
    err(TrapOp.GroupSet.of("nosuch", "drop", null), Errno.ENOENT,
        "leftover: Device did not register this trap group.");
    // no event for trap or group set
    assertTrue(run(TrapOp.Set.of("tail_drop", "trap")).notes().isEmpty());
  }

  @Test
  void policersAndBindings() {
    ok(TrapOp.PolicerSet.of(1, 1000L, 256L));
    assertEquals(256, (ok(new TrapOp.PolicerGet(1, false))).burst());
    err(TrapOp.PolicerSet.of(1, 0L, 256L), Errno.EINVAL, "leftover: Policer rate lower than limit.");
    err(TrapOp.PolicerSet.of(1, 1000L, 1L), Errno.EINVAL, "leftover: Policer burst size lower than limit.");
    err(TrapOp.PolicerSet.of(1, 4000000000000L, 256L), Errno.EINVAL, "leftover: Policer rate higher than limit.");
    err(TrapOp.PolicerSet.of(1, null, 99999999999L), Errno.EINVAL, "leftover: Policer burst size higher than limit.");
    err(TrapOp.PolicerSet.of(999, 1000L, null), Errno.ENOENT, "leftover: Device did not register this trap policer.");
    ok(TrapOp.PolicerSet.of(3, 2000L, null));
    assertEquals(new TrapPolicerSnapshot(d.handle, 3, 2000, 512, null), ok(new TrapOp.PolicerGet(3, false)));

    ok(TrapOp.GroupSet.of("l2_drops", null, 2L));
    assertEquals(2, (ok(new TrapOp.GroupGet("l2_drops", false))).policer());
    ok(TrapOp.GroupSet.of("l2_drops", null, 0L));
    assertEquals(0, (ok(new TrapOp.GroupGet("l2_drops", false))).policer());
    err(TrapOp.GroupSet.of("l2_drops", null, 999L), Errno.ENOENT,
        "leftover: Device did not register this trap policer.");
    // an action change already committed when the binding fails
    err(TrapOp.GroupSet.of("l3_drops", "trap", 999L), Errno.ENOENT,
        "leftover: Trap group set failed, but some changes were committed already.");
    assertEquals("trap", trap("blackhole_route").action());
    // after sleep 2 in 06-traps.txt: policer 1 read at register, get, then -s get
    assertEquals(new TrapPolicerSnapshot.Stats(2),
        (ok(new TrapOp.PolicerGet(1, true))).stats());
  }

  @Test
  void faultKnobs() {
    Knobs k = d.knobs();
    k.failTrapGroupSet = true;
    ok(TrapOp.GroupSet.of("l2_drops", "trap", null)); // action-only: unaffected
    err(TrapOp.GroupSet.of("l2_drops", null, 2L), Errno.EINVAL, null);
    err(TrapOp.GroupSet.of("l2_drops", null, 0L), Errno.EINVAL, null);
    assertEquals(0, (ok(new TrapOp.GroupGet("l2_drops", false))).policer());
    k.failTrapGroupSet = false;

    k.failTrapPolicerSet = true;
    err(TrapOp.PolicerSet.of(1, 2000L, null), Errno.EINVAL,
        "netdevsim: User setup the operation to fail for testing purposes.");
    err(TrapOp.PolicerSet.of(1, 0L, null), Errno.EINVAL, "leftover: Policer rate lower than limit.");
    k.failTrapPolicerSet = false;
    assertEquals(1000, (ok(new TrapOp.PolicerGet(1, false))).rate());

    k.failTrapPolicerCounterGet = true;
    err(new TrapOp.PolicerGet(1, true), Errno.EMSGSIZE, null);
    err(new TrapOp.PolicerDump(true), Errno.EMSGSIZE, null);
    err(new TrapOp.PolicerGet(999, true), Errno.ENOENT, "leftover: Device did not register this trap policer.");
    k.failTrapPolicerCounterGet = false;
    // failed reads do not count: register (0) and the get above (1) only
    assertEquals(new TrapPolicerSnapshot.Stats(2), (ok(new TrapOp.PolicerGet(1, true))).stats());

    k.failTrapDropCounterGet = true;
    err(new TrapOp.Get("source_mac_is_multicast", true), Errno.EMSGSIZE, null);
    err(new TrapOp.Dump(false), Errno.EMSGSIZE, null);
    err(new TrapOp.Get("ipv4_bfd", true), Errno.ENOENT, "leftover: Device did not register this trap.");
    ok(new TrapOp.GroupGet("l2_drops", true)); // groups have no driver counter
    k.failTrapDropCounterGet = false;
    assertEquals(new TrapSnapshot.Stats(0, 0, 14),
        (ok(new TrapOp.Get("source_mac_is_multicast", true))).stats());
  }

  @Test
  void reloadDeletesWithActionDropAndRecreatesDefaults() {
    // 13-reload-effects.txt changes, then 10-mon-all.txt's reload event order
    NsimDevlink fresh = d;
    ok(TrapOp.Set.of("source_mac_is_multicast", "trap"));
    ok(TrapOp.PolicerSet.of(1, 2000L, 512L));
    ok(TrapOp.GroupSet.of("l2_drops", null, 2L));
    List<Notification> notes = new ArrayList<>(fresh.reloadDown(null).notes());
    notes.addAll(fresh.reloadUp(DevOp.Reload.of(null, null, null), List.of("eth2", "eth3")).notes());
    List<Notification> t = ofKind(notes, Notification.Kind.TRAP_POLICER, Notification.Kind.TRAP_GROUP,
        Notification.Kind.TRAP);
    assertEquals(2 * 23, t.size());
    for (int i = 0; i < 14; i++) {
      Notification n = t.get(i);
      TrapSnapshot s = (TrapSnapshot) n.payload();
      assertEquals(Notification.Cmd.DEL, n.cmd());
      assertEquals(TRAP_ORDER.get(13 - i), s.name());
      assertEquals("drop", s.action(), "the core disables traps before unregistering them");
      assertEquals(new TrapSnapshot.Stats(0, 0, 14 + i), s.stats());
    }
    for (int i = 0; i < 6; i++) {
      assertEquals(GROUP_ORDER.get(5 - i), ((TrapGroupSnapshot) t.get(14 + i).payload()).name());
      assertEquals(Notification.Cmd.DEL, t.get(14 + i).cmd());
    }
    assertEquals(new TrapPolicerSnapshot(fresh.handle, 3, 3000, 512, new TrapPolicerSnapshot.Stats(1)), t.get(20).payload());
    assertEquals(new TrapPolicerSnapshot(fresh.handle, 1, 2000, 512, new TrapPolicerSnapshot.Stats(1)), t.get(22).payload());
    // re-created: defaults and counters from 0
    assertEquals(new TrapPolicerSnapshot(fresh.handle, 1, 1000, 128, new TrapPolicerSnapshot.Stats(0)), t.get(23).payload());
    assertEquals(Notification.Cmd.NEW, t.get(23).cmd());
    assertEquals(Notification.Kind.TRAP_GROUP, t.get(26).kind());
    TrapSnapshot first = (TrapSnapshot) t.get(32).payload();
    assertEquals("source_mac_is_multicast", first.name());
    assertEquals("drop", first.action());
    assertEquals(new TrapSnapshot.Stats(0, 0, 0), first.stats());
    assertEquals(new TrapSnapshot.Stats(0, 0, 13), ((TrapSnapshot) t.get(45).payload()).stats());
    // the trap notifications sit between the region del/new pair as in 10-mon-all.txt
    int lastTrapDel = notes.indexOf(t.get(22));
    int firstTrapNew = notes.indexOf(t.get(23));
    assertTrue(ofKind(notes.subList(lastTrapDel, firstTrapNew), Notification.Kind.PORT).isEmpty());

    TrapOp.GroupGet gg = new TrapOp.GroupGet("l2_drops", false);
    assertEquals(0, ReplyTypes.typed(gg, fresh.apply(gg, List.of()).reply()).orElseThrow().policer());
    TrapSnapshot smac = ReplyTypes.typed(new TrapOp.Get("source_mac_is_multicast", true), fresh.apply(new TrapOp.Get("source_mac_is_multicast", true), List.of()).reply()).orElseThrow();
    assertEquals("drop", smac.action());
    assertEquals(14, smac.stats().rxDropped());
  }

  @Test
  void unregisterAnnouncesCurrentStateInReverse() {
    // 10-mon-all.txt del_device: current actions, counters continue (14..27), policer reads 1
    ok(TrapOp.Set.of("source_mac_is_multicast", "trap"));
    ok(TrapOp.PolicerSet.of(1, 1000L, 256L));
    List<Notification> t = ofKind(d.unregister().notes(), Notification.Kind.TRAP_POLICER,
        Notification.Kind.TRAP_GROUP, Notification.Kind.TRAP);
    assertEquals(23, t.size());
    TrapSnapshot igmp = (TrapSnapshot) t.get(0).payload();
    assertEquals(new TrapSnapshot(d.handle, "igmp_v1_report", "control", true, "trap", "mc_snooping",
        List.of("input_port"), new TrapSnapshot.Stats(0, 0, 14)), igmp);
    assertEquals("mirror", ((TrapSnapshot) t.get(1).payload()).action());
    TrapSnapshot smac = (TrapSnapshot) t.get(13).payload();
    assertEquals("trap", smac.action());
    assertEquals(27, smac.stats().rxDropped());
    assertEquals("mc_snooping", ((TrapGroupSnapshot) t.get(14).payload()).name());
    assertEquals(new TrapPolicerSnapshot(d.handle, 1, 1000, 256, new TrapPolicerSnapshot.Stats(1)), t.get(22).payload());
    for (Notification n : t) {
      assertEquals(Notification.Cmd.DEL, n.cmd());
    }
  }

  @Test
  void counterKnobsSuppressNotifications() {
    d.knobs().failTrapPolicerCounterGet = true;
    List<Notification> notes = d.unregister().notes();
    assertTrue(ofKind(notes, Notification.Kind.TRAP_POLICER).isEmpty());
    assertEquals(14, ofKind(notes, Notification.Kind.TRAP).size());
    assertEquals(6, ofKind(notes, Notification.Kind.TRAP_GROUP).size());
  }

  @Test
  void failedReloadHasNoTraps() {
    d.knobs().failReload = true;
    d.reloadDown(null);
    Result up = d.reloadUp(DevOp.Reload.of(null, null, null), List.of());
    assertFalse(up.reply().isOk());
    err(new TrapOp.Dump(false), Errno.EOPNOTSUPP, null);
    err(new TrapOp.PolicerGet(1, false), Errno.EOPNOTSUPP, null);
    assertTrue(ofKind(d.unregister().notes(), Notification.Kind.TRAP, Notification.Kind.TRAP_GROUP,
        Notification.Kind.TRAP_POLICER).isEmpty());
  }

  @Test
  void copyIsIndependent() {
    NsimDevlink c = d.copy();
    ok(TrapOp.Set.of("tail_drop", "trap"));
    ok(TrapOp.PolicerSet.of(2, 100L, null));
    trap("tail_drop");
    TrapSnapshot t = ReplyTypes.typed(new TrapOp.Get("tail_drop", true), c.apply(new TrapOp.Get("tail_drop", true), List.of()).reply()).orElseThrow();
    assertEquals("drop", t.action());
    assertEquals(14, t.stats().rxDropped());
    TrapPolicerSnapshot p = ReplyTypes.typed(new TrapOp.PolicerGet(2, true), c.apply(new TrapOp.PolicerGet(2, true), List.of()).reply()).orElseThrow();
    assertEquals(2000, p.rate());
    assertEquals(1, p.stats().rxDropped());
    assertNotNull(d.copy());
  }
}
