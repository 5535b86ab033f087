package dev.fabric.devlink.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The resource tree against 08-resources.txt, 13-reload-effects.txt and 11-errors.txt. */
class ResourcesTest {
  static final long UNLIMITED = -1L;
  static final DevOp.Reload RELOAD = DevOp.Reload.of(null, null, null);

  NsimDevlink d;

  @BeforeEach
  void setUp() {
    d = new NsimDevlink(DevHandle.netdevsim(10), 10, 2, "init");
    d.probe(List.of("eth0", "eth1"));
    d.register();
  }

  ResourceDump dump() {
    ResourceOp.Dump op = new ResourceOp.Dump();
    return ReplyTypes.typed(op, d.apply(op, List.of()).reply()).orElseThrow();
  }

  Result set(long id, long size) {
    return d.apply(new ResourceOp.Set(id, size), List.of());
  }

  Result reload() {
    assertNull(d.reloadRefusal(RELOAD, NetnsTarget.STAY));
    d.reloadDown(null);
    return d.reloadUp(RELOAD, List.of("eth2", "eth3"));
  }

  @Test
  void defaultTreeMatchesResourceShow() {
    ResourceDump t = dump();
    assertEquals(DevHandle.netdevsim(10), t.dev());
    assertEquals(List.of("IPv4", "IPv6", "nexthops"), t.resources().stream().map(ResourceSnapshot::name).toList());
    ResourceSnapshot ipv4 = t.resources().get(0);
    assertEquals(1, ipv4.id());
    assertNull(ipv4.occ());
    assertEquals(List.of("fib", "fib-rules"), ipv4.children().stream().map(ResourceSnapshot::name).toList());
    // name fib size unlimited occ 3 unit entry size_min 0 size_max unlimited size_gran 1
    assertEquals(new ResourceSnapshot(2, "fib", UNLIMITED, UNLIMITED, true, 0, UNLIMITED, 1, "entry", 3L, List.of()),
        ipv4.children().get(0));
    assertEquals(3L, ipv4.children().get(1).occ());
    ResourceSnapshot ipv6 = t.resources().get(1);
    assertEquals(List.of(5L, 6L), ipv6.children().stream().map(ResourceSnapshot::id).toList());
    assertEquals(1L, ipv6.children().get(0).occ());
    assertEquals(2L, ipv6.children().get(1).occ());
    assertEquals(0L, t.resources().get(2).occ());
    assertEquals(7, t.resources().get(2).id());
    assertFalse(t.pendingChange(), "no size_valid printed before any set");
  }

  @Test
  void setRecordsSizeNewThenReloadAppliesIt() {
    Result r = set(2, 96);
    assertTrue(r.reply().isOk());
    assertTrue(r.notes().isEmpty(), "resource set sends no notification");
    ResourceDump t = dump();
    ResourceSnapshot fib = t.find(2);
    assertEquals(UNLIMITED, fib.size());
    assertEquals(96, fib.sizeNew());
    assertTrue(fib.pending());
    assertTrue(t.pendingChange());
    // "size_valid true" on both IPv4 and IPv6 (u64 sums wrap, as in the kernel)
    assertTrue(t.find(1).sizeValid());
    assertTrue(t.find(4).sizeValid());

    assertTrue(reload().reply().isOk());
    t = dump();
    assertEquals(96, t.find(2).size());
    assertFalse(t.pendingChange(), "size_valid no longer printed after the reload");
    assertEquals(3L, t.find(2).occ());
  }

  @Test
  void unknownIdIsEinval() {
    assertEquals(Reply.err(Errno.EINVAL), set(99, 10).reply());
  }

  @Test
  void fibRulesBelowOccupancyFailsTheReload() {
    // 08-resources.txt sequence: /IPv4 size 10, huge sizes accepted, fib 10, then fib-rules 0 + reload.
    assertTrue(set(2, 96).reply().isOk());
    assertTrue(reload().reply().isOk());
    for (long[] s : new long[][] {{1, 10}, {2, 99999999999L}, {2, -1L}, {2, 10}, {3, 0}}) {
      assertTrue(set(s[0], s[1]).reply().isOk());
    }
    assertTrue(dump().find(1).sizeValid(), "10 + 0 fits the parent's 10");
    Result r = reload();
    assertEquals(Reply.err(Errno.ENOSPC, "netdevsim: Exceeded number of supported fib rule entries."), r.reply());
    assertTrue(d.reloadFailed());
    assertEquals(Notification.Kind.DEV, r.notes().get(r.notes().size() - 1).kind());
    // reload_failed: resource show still works, without occ; the leaf sizes were applied.
    ResourceDump t = dump();
    assertNull(t.find(2).occ());
    assertNull(t.find(7).occ());
    assertEquals(0, t.find(3).size());
    assertEquals(10, t.find(2).size());
    assertEquals(UNLIMITED, t.find(1).size(), "parents are never read by the driver: still pending");
    assertEquals(10, t.find(1).sizeNew());
  }

  @Test
  void failedReloadShowsSizesWithoutOcc() {
    // 13-reload-effects.txt: fib 50 applied by a good reload, then fail_reload.
    set(2, 50);
    assertTrue(reload().reply().isOk());
    d.knobs().failReload = true;
    assertEquals(Errno.EINVAL, ((Reply.Err) reload().reply()).errno());
    ResourceDump t = dump();
    assertEquals(50, t.find(2).size());
    assertNull(t.find(2).occ());
    assertNull(t.find(3).occ());
    assertFalse(t.pendingChange());
  }

  @Test
  void invalidParentSizeRefusesReloadFirst() {
    // devlink_resources_validate runs before the action check.
    assertTrue(set(4, 1).reply().isOk());
    assertFalse(dump().find(4).sizeValid());
    Reply refusal = d.reloadRefusal(DevOp.Reload.of(DevOp.Action.FW_ACTIVATE, null, null), NetnsTarget.STAY);
    assertEquals(Reply.err(Errno.EINVAL, "leftover: resources size validation failed."), refusal);
    assertTrue(set(4, -1L).reply().isOk());
    assertNull(d.reloadRefusal(RELOAD, NetnsTarget.STAY));
  }

  @Test
  void routesBelowOccupancyFailTheReloadWithEperm() {
    set(5, 0);
    assertEquals(Reply.err(Errno.EPERM, "netdevsim: Exceeded number of supported fib entries."),
        reload().reply());
  }

  @Test
  void copyIsIndependent() {
    NsimDevlink other = d.copy();
    set(2, 7);
    ResourceDump t = ReplyTypes.typed(new ResourceOp.Dump(), other.apply(new ResourceOp.Dump(), List.of()).reply()).orElseThrow();
    assertEquals(UNLIMITED, t.find(2).sizeNew());
  }
}
