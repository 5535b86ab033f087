package dev.fabric.devlink.model;

import java.util.Optional;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Random;

/**
 * netdevsim's device-level region {@code dummy} (32768 bytes, at most 16 snapshots) and its
 * snapshots, with devlink core's rules: ids are the lowest u32 from 0 not held in snapshot_ids,
 * lists keep creation order, every region and snapshot creation/deletion is announced.
 */
final class Regions {
  /** The driver's device region (netdevsim: "dummy", 32768 bytes, 16 snapshots); null when it has none. */
  private final Catalogue.RegionDef def;
  private final String regionName;
  private final long regionSize;
  private final int maxSnapshots;

  private final DevHandle dev;
  private final long seed;
  private long draws;
  /** False between reload's destroy and a successful re-create (reload failed). */
  private boolean exists;
  /** Snapshot id → contents (never mutated once taken, so copies share them), creation order. */
  private final LinkedHashMap<Long, ByteList> snapshots = new LinkedHashMap<>();
  /**
   * devlink->snapshot_ids: id → number of users. It lives as long as the instance (reloads keep
   * it). An id is free only when absent. REGION_NEW without an id takes a user reference
   * (__devlink_region_snapshot_id_get, count 1) that 6.1 never drops, so such an id stays taken
   * after its snapshot is deleted; an explicit id is inserted with count 0
   * (__devlink_snapshot_id_insert) and netdevsim's take_snapshot writer puts its reference back
   * (devlink_region_snapshot_id_put): both are free again once their snapshot is gone.
   */
  private final java.util.TreeMap<Long, Long> snapshotIds = new java.util.TreeMap<>();

  Regions(DevHandle dev, Catalogue catalogue) {
    this(dev, catalogue.regions().isEmpty() ? null : catalogue.regions().get(0));
  }

  private Regions(DevHandle dev, Catalogue.RegionDef def) {
    this.def = def;
    this.regionName = def == null ? "" : def.name();
    this.regionSize = def == null ? 0 : def.size();
    this.maxSnapshots = def == null ? 0 : def.maxSnapshots();
    this.dev = dev;
    this.seed = 0x5e610L * 31 + dev.toString().hashCode();
  }

  Regions copy() {
    Regions r = new Regions(dev, def);
    r.draws = draws;
    r.exists = exists;
    r.snapshots.putAll(snapshots);
    r.snapshotIds.putAll(snapshotIds);
    return r;
  }

  /** Bulk register/unregister messages: the region only, never its snapshots. */
  void announce(Ctx c, Notification.Cmd cmd) {
    if (exists) {
      c.emit(Notification.Kind.REGION, cmd, regionEvent(null));
    }
  }

  /** devlink_region_create at (re)init: announced while registered. */
  void create(Ctx c) {
    snapshots.clear();
    if (def == null) {
      return;
    }
    exists = true;
    c.emit(Notification.Kind.REGION, Notification.Cmd.NEW, regionEvent(null));
  }

  /** devl_region_destroy: each snapshot is deleted (and announced), then the region. */
  void destroy(Ctx c) {
    if (!exists) {
      return;
    }
    for (Long id : new ArrayList<>(snapshots.keySet())) {
      deleteSnapshot(c, id);
    }
    exists = false;
    c.emit(Notification.Kind.REGION, Notification.Cmd.DEL, regionEvent(null));
  }

  Reply<?> apply(Ctx c, RegionOp op, boolean reloadFailed) {
    if (op instanceof RegionOp.Dump) {
      return Reply.ok(new RegionOp.RegionList(exists ? List.of(snapshot()) : List.of()));
    } else if (op instanceof RegionOp.Get g) {
      return found(g.region()) ? Reply.ok(snapshot()) : Reply.err(Errno.EINVAL);
    } else if (op instanceof RegionOp.New n) {
      return newSnapshot(c, n);
    } else if (op instanceof RegionOp.Del d) {
      if (!found(d.region()) || !snapshots.containsKey(d.snapshotId())) {
        return Reply.err(Errno.EINVAL);
      }
      deleteSnapshot(c, d.snapshotId());
      return Reply.ok();
    }
    return read((RegionOp.Read) op);
  }

  /** A write to debugfs take_snapshot: a snapshot with the lowest free id; ENOSPC when full. */
  Reply<?> takeSnapshot(Ctx c) {
    if (!exists) {
      return Reply.err(Errno.EINVAL);
    }
    // nsim_dev_take_snapshot_write: id_get (a user reference), snapshot create (ENOSPC when
    // full), then id_put whatever happened
    long id = allocateId();
    Reply<?> r = Reply.ok();
    if (snapshots.size() >= maxSnapshots) {
      r = Reply.err(Errno.ENOSPC);
    } else {
      take(c, id);
    }
    decrement(id);
    return r;
  }

  private Reply<?> newSnapshot(Ctx c, RegionOp.New n) {
    if (!found(n.region())) {
      return Reply.err(Errno.EINVAL, "leftover: The requested region does not exist.");
    }
    if (snapshots.size() >= maxSnapshots) {
      return Reply.err(Errno.ENOSPC, "leftover: The region has reached the maximum number of stored snapshots.");
    }
    if (n.snapshotId().isPresent()) {
      long id = n.snapshotId().get();
      if (snapshots.containsKey(id)) {
        return Reply.err(Errno.EEXIST, "leftover: The requested snapshot id is already in use.");
      }
      // __devlink_snapshot_id_insert: an id still held (by an earlier id-less REGION_NEW) is
      // EEXIST without a message
      if (snapshotIds.containsKey(id)) {
        return Reply.err(Errno.EEXIST);
      }
      snapshotIds.put(id, 0L);
      take(c, id);
      return n.ok(new RegionOp.Taken(Optional.empty()));
    }
    // __devlink_region_snapshot_id_get: the reference it takes is never put back in 6.1
    long id = allocateId();
    take(c, id);
    return n.ok(new RegionOp.Taken(Optional.of(regionEvent(id))));
  }

  /** xa_alloc over snapshot_ids (XA_FLAGS_ALLOC, xa_limit_32b): the lowest absent id, count 1. */
  private long allocateId() {
    long id = 0;
    while (snapshotIds.containsKey(id)) {
      id++;
    }
    snapshotIds.put(id, 1L);
    return id;
  }

  /** __devlink_snapshot_id_decrement: the last user erases the id. */
  private void decrement(long id) {
    Long count = snapshotIds.get(id);
    if (count == null) {
      return;
    }
    if (count > 1) {
      snapshotIds.put(id, count - 1);
    } else {
      snapshotIds.remove(id);
    }
  }

  /** devlink_region_snapshot_del: announced, removed, its id reference dropped. */
  private void deleteSnapshot(Ctx c, long id) {
    c.emit(Notification.Kind.REGION, Notification.Cmd.DEL, regionEvent(id));
    snapshots.remove(id);
    decrement(id);
  }

  /** REGION_READ: [address, address+length) clipped to the region; nothing left to read is ok. */
  private Reply<?> read(RegionOp.Read r) {
    if (!found(r.region())) {
      return Reply.err(Errno.EINVAL);
    }
    ByteList data = snapshots.get(r.snapshotId());
    if (data == null) {
      return Reply.err(Errno.EINVAL);
    }
    long start = 0;
    long end = regionSize;
    if (r.address().isPresent() && r.length().isPresent()) {
      long address = r.address().get();
      long length = r.length().get();
      start = address;
      end = Math.min(regionSize, address + length);
      if (address + length < 0) {
        end = regionSize; // u64 overflow wraps past the end: clipped like any big length
      }
    }
    if (start == end) {
      return Reply.ok(new RegionData(dev, regionName, r.snapshotId(), start, data.subList(0, 0)));
    }
    if (start < 0 || start > end) {
      return Reply.err(Errno.EINVAL);
    }
    return Reply.ok(new RegionData(dev, regionName, r.snapshotId(), start, data.subList((int) start, (int) end)));
  }

  private boolean found(String region) {
    return exists && regionName.equals(region);
  }

  private void take(Ctx c, long id) {
    byte[] bytes = new byte[(int) regionSize];
    new Random(seed + 0x9E3779B97F4A7C15L * ++draws).nextBytes(bytes);
    snapshots.put(id, ByteList.wrap(bytes));
    // __devlink_region_snapshot_create: __devlink_snapshot_id_increment
    snapshotIds.merge(id, 1L, Long::sum);
    c.emit(Notification.Kind.REGION, Notification.Cmd.NEW, regionEvent(id));
  }

  private RegionEvent regionEvent(Long snapshotId) {
    return new RegionEvent(dev, regionName, regionSize, snapshotId);
  }

  private RegionSnapshot snapshot() {
    return new RegionSnapshot(dev, regionName, regionSize, new ArrayList<>(snapshots.keySet()), maxSnapshots);
  }
}
