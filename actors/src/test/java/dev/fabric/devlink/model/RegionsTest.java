package dev.fabric.devlink.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The dummy region against 07-regions.txt, 10-mon-all.txt and 13-reload-effects.txt. */
class RegionsTest {
  private NsimDevlink d;

  @BeforeEach
  void setUp() {
    d = new NsimDevlink(DevHandle.netdevsim(1), 1, 2, "init");
    d.probe(List.of("eth0", "eth1"));
    d.register();
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

  private List<Long> ids() {
    return (ok(new RegionOp.Get("dummy"))).snapshotIds();
  }

  private static void assertErr(Result r, Errno errno, String extack) {
    Reply.Err e = assertInstanceOf(Reply.Err.class, r.reply());
    assertEquals(errno, e.errno());
    assertEquals(java.util.Optional.ofNullable(extack), e.extack());
  }

  private RegionEvent event(Long id) {
    return new RegionEvent(d.handle, "dummy", 32768, id);
  }

  @Test
  void registerAnnouncesTheRegionWithItsSize() {
    NsimDevlink f = new NsimDevlink(DevHandle.netdevsim(2), 2, 1, "init");
    f.probe(List.of("eth5"));
    List<Notification> regions = f.register().notes().stream()
        .filter(n -> n.kind() == Notification.Kind.REGION).toList();
    assertEquals(1, regions.size());
    assertEquals(new RegionEvent(f.handle, "dummy", 32768, null), regions.get(0).payload());
    assertEquals(Notification.Cmd.NEW, regions.get(0).cmd());
  }

  @Test
  void showAndDump() {
    assertEquals(new RegionSnapshot(d.handle, "dummy", 32768, List.of(), 16), ok(new RegionOp.Get("dummy")));
    assertEquals(List.of(new RegionSnapshot(d.handle, "dummy", 32768, List.of(), 16)), ok(new RegionOp.Dump()).regions());
    assertErr(run(new RegionOp.Get("nosuch")), Errno.EINVAL, null);
  }

  @Test
  void newWithAndWithoutIdsKeepsCreationOrder() {
    Result r1 = run(RegionOp.New.of("dummy", 1L));
    // no reply message: -j prints {"regions": {}}
    assertEquals(Reply.ok(new RegionOp.Taken(java.util.Optional.empty())), r1.reply());
    assertEquals(List.of(new Notification("init", Notification.Kind.REGION, Notification.Cmd.NEW, d.handle, event(1L))),
        r1.notes());
    ok(RegionOp.New.of("dummy", 2L));
    assertEquals(java.util.Optional.of(event(0L)), ok(RegionOp.New.of("dummy", null)).message());
    assertEquals(java.util.Optional.of(event(3L)), ok(RegionOp.New.of("dummy", null)).message());
    assertErr(run(RegionOp.New.of("dummy", 1L)), Errno.EEXIST, "leftover: The requested snapshot id is already in use.");
    assertEquals(List.of(1L, 2L, 0L, 3L), ids());
    assertErr(run(RegionOp.New.of("nosuch", 5L)), Errno.EINVAL, "leftover: The requested region does not exist.");
  }

  @Test
  void readAndDump() {
    ok(RegionOp.New.of("dummy", 1L));
    RegionData all = ok(RegionOp.Read.of("dummy", 1, null, null));
    assertEquals(0, all.address());
    assertEquals(32768, all.data().size());
    RegionData head = ok(RegionOp.Read.of("dummy", 1, 0L, 16L));
    assertEquals(all.data().subList(0, 16), head.data());
    RegionData tail = ok(RegionOp.Read.of("dummy", 1, 32760L, 16L));
    assertEquals(32760, tail.address());
    assertEquals(8, tail.data().size());
    assertEquals(0, (ok(RegionOp.Read.of("dummy", 1, 32768L, 16L))).data().size());
    assertEquals(0, (ok(RegionOp.Read.of("dummy", 1, 0L, 0L))).data().size());
    assertErr(run(RegionOp.Read.of("dummy", 1, 40000L, 16L)), Errno.EINVAL, null);
    assertErr(run(RegionOp.Read.of("dummy", 99, 0L, 16L)), Errno.EINVAL, null);
    // snapshots differ from each other
    ok(RegionOp.New.of("dummy", 2L));
    RegionData other = ok(RegionOp.Read.of("dummy", 2, 0L, 16L));
    assertTrue(!other.data().equals(head.data()));
  }

  @Test
  void deleteThenTakeSnapshotReusesTheLowestFreeId() {
    for (long id : new long[] {1, 2}) {
      ok(RegionOp.New.of("dummy", id));
    }
    ok(RegionOp.New.of("dummy", null));
    ok(RegionOp.New.of("dummy", null));
    Result del = run(new RegionOp.Del("dummy", 2));
    assertTrue(del.reply().isOk());
    assertEquals(List.of(new Notification("init", Notification.Kind.REGION, Notification.Cmd.DEL, d.handle, event(2L))),
        del.notes());
    assertEquals(List.of(1L, 0L, 3L), ids());
    assertErr(run(new RegionOp.Del("dummy", 2)), Errno.EINVAL, null);
    assertErr(run(new RegionOp.Del("dummy", 42)), Errno.EINVAL, null);
    Result take = run(new DriverOp.DebugfsWrite("take_snapshot", "1\n"));
    assertTrue(take.reply().isOk());
    assertEquals(Reply.ok(), take.reply());
    assertEquals(1, take.notes().size());
    assertEquals(event(2L), take.notes().get(0).payload());
    assertEquals(List.of(1L, 0L, 3L, 2L), ids());
  }

  @Test
  void sixteenSnapshotsAtMost() {
    for (long id : new long[] {1, 0, 3, 2}) {
      ok(RegionOp.New.of("dummy", id));
    }
    long failed = -1;
    for (long i = 100; i < 120; i++) {
      if (!run(RegionOp.New.of("dummy", i)).reply().isOk()) {
        failed = i;
        break;
      }
    }
    assertEquals(112, failed);
    assertErr(run(RegionOp.New.of("dummy", 112L)), Errno.ENOSPC,
        "leftover: The region has reached the maximum number of stored snapshots.");
    assertErr(run(RegionOp.New.of("dummy", 1L)), Errno.ENOSPC,
        "leftover: The region has reached the maximum number of stored snapshots.");
    assertErr(run(new DriverOp.DebugfsWrite("take_snapshot", "1\n")), Errno.ENOSPC, null);
    List<Long> expected = new ArrayList<>(List.of(1L, 0L, 3L, 2L));
    for (long i = 100; i < 112; i++) {
      expected.add(i);
    }
    assertEquals(expected, ids());
  }

  @Test
  void reloadDropsSnapshotsAndReannouncesTheRegion() {
    ok(RegionOp.New.of("dummy", 1L));
    ok(RegionOp.New.of("dummy", 5L));
    Result down = d.reloadDown(null);
    List<Object> regionNotes = down.notes().stream().filter(n -> n.kind() == Notification.Kind.REGION)
        .map(n -> (Object) (n.cmd().label + " " + n.payload())).toList();
    assertEquals(List.of("del " + event(1L), "del " + event(5L), "del " + event(null)), regionNotes);
    Result up = d.reloadUp(DevOp.Reload.of(null, null, null), List.of("eth2", "eth3"));
    assertEquals(List.of(event(null)), up.notes().stream().filter(n -> n.kind() == Notification.Kind.REGION)
        .map(Notification::payload).toList());
    assertEquals(List.of(), ids());
    ok(RegionOp.New.of("dummy", 1L));
    assertEquals(List.of(1L), ids());
  }

  @Test
  void failedReloadHasNoRegion() {
    ok(new DriverOp.DebugfsWrite("fail_reload", "Y\n"));
    d.reloadDown(null);
    assertTrue(!d.reloadUp(DevOp.Reload.of(null, null, null), List.of()).reply().isOk());
    assertErr(run(new RegionOp.Get("dummy")), Errno.EINVAL, null);
    assertErr(run(RegionOp.New.of("dummy", 2L)), Errno.EINVAL, "leftover: The requested region does not exist.");
    assertEquals(List.of(), ok(new RegionOp.Dump()).regions());
  }

  @Test
  void unregisterAnnouncesOnlyTheRegion() {
    ok(RegionOp.New.of("dummy", 3L));
    List<Notification.Payload> regions = d.unregister().notes().stream().filter(n -> n.kind() == Notification.Kind.REGION)
        .map(Notification::payload).toList();
    assertEquals(List.of(event(null)), regions);
  }

  private void takeSnapshot() {
    ok(new DriverOp.DebugfsWrite("take_snapshot", "1\n"));
  }

  private void delete(long id) {
    ok(new RegionOp.Del("dummy", id));
  }

  /**
   * devlink_nl_cmd_region_new without an id: __devlink_region_snapshot_id_get takes a reference
   * (count 1) that 6.1 never puts back, so the id outlives its snapshot and is never handed out
   * again, not even after a reload (snapshot_ids belongs to the instance, not the region).
   */
  @Test
  void anIdAllocatedByRegionNewStaysReservedAfterItsSnapshotIsDeleted() {
    assertEquals(java.util.Optional.of(event(0L)), ok(RegionOp.New.of("dummy", null)).message());
    delete(0);
    assertEquals(java.util.Optional.of(event(1L)), ok(RegionOp.New.of("dummy", null)).message());
    delete(1);
    // an explicit id equal to a held one: __devlink_snapshot_id_insert's EEXIST, no extack
    assertErr(run(RegionOp.New.of("dummy", 0L)), Errno.EEXIST, null);
    // take_snapshot allocates past them too
    takeSnapshot();
    assertEquals(List.of(2L), ids());
    d.reloadDown(null);
    d.reloadUp(DevOp.Reload.of(null, null, null), List.of("eth0", "eth1"));
    assertEquals(java.util.Optional.of(event(2L)), ok(RegionOp.New.of("dummy", null)).message());
  }

  /** An explicit id is inserted with count 0: deleting its snapshot frees it. */
  @Test
  void anExplicitIdIsFreeAgainOnceItsSnapshotIsGone() {
    ok(RegionOp.New.of("dummy", 0L));
    delete(0);
    assertEquals(java.util.Optional.of(event(0L)), ok(RegionOp.New.of("dummy", null)).message());
    ok(RegionOp.New.of("dummy", 5L));
    delete(5);
    ok(RegionOp.New.of("dummy", 5L));
    assertEquals(List.of(0L, 5L), ids());
  }

  /** nsim_dev_take_snapshot_write puts its reference back: its id is free once deleted. */
  @Test
  void anIdTakenByTakeSnapshotIsFreeAgainOnceItsSnapshotIsGone() {
    takeSnapshot();
    takeSnapshot();
    assertEquals(List.of(0L, 1L), ids());
    delete(0);
    takeSnapshot();
    assertEquals(List.of(1L, 0L), ids());
    delete(1);
    ok(RegionOp.New.of("dummy", 1L));
    delete(0);
    assertEquals(java.util.Optional.of(event(0L)), ok(RegionOp.New.of("dummy", null)).message());
    assertEquals(List.of(1L, 0L), ids());
  }

  /** A full region: take_snapshot's ENOSPC puts the id back, REGION_NEW refuses before any id. */
  @Test
  void aRefusedSnapshotLeavesNoIdBehind() {
    for (int i = 0; i < 16; i++) {
      takeSnapshot();
    }
    assertInstanceOf(Reply.Err.class, run(new DriverOp.DebugfsWrite("take_snapshot", "1\n")).reply());
    assertErr(run(RegionOp.New.of("dummy", null)), Errno.ENOSPC,
        "leftover: The region has reached the maximum number of stored snapshots.");
    delete(15);
    assertEquals(java.util.Optional.of(event(15L)), ok(RegionOp.New.of("dummy", null)).message());
  }
}
