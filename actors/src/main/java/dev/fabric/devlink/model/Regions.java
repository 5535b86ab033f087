package dev.fabric.devlink.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Random;

/**
 * netdevsim's device-level region {@code dummy} (32768 bytes, at most 16 snapshots) and its
 * snapshots, with devlink core's rules: ids are the lowest free u32 from 0 when the kernel picks,
 * lists keep creation order, every region and snapshot creation/deletion is announced.
 */
final class Regions {
  static final String NAME = "dummy";
  static final long SIZE = 32768;
  static final int MAX_SNAPSHOTS = 16;

  private final DevHandle dev;
  private final long seed;
  private long draws;
  /** False between reload's destroy and a successful re-create (reload failed). */
  private boolean exists;
  /** Snapshot id → contents (never mutated once taken, so copies share them), creation order. */
  private final LinkedHashMap<Long, ByteList> snapshots = new LinkedHashMap<>();

  Regions(DevHandle dev) {
    this.dev = dev;
    this.seed = 0x5e610L * 31 + dev.toString().hashCode();
  }

  Regions copy() {
    Regions r = new Regions(dev);
    r.draws = draws;
    r.exists = exists;
    r.snapshots.putAll(snapshots);
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
    exists = true;
    c.emit(Notification.Kind.REGION, Notification.Cmd.NEW, regionEvent(null));
  }

  /** devl_region_destroy: each snapshot is deleted (and announced), then the region. */
  void destroy(Ctx c) {
    if (!exists) {
      return;
    }
    for (Long id : new ArrayList<>(snapshots.keySet())) {
      snapshots.remove(id);
      c.emit(Notification.Kind.REGION, Notification.Cmd.DEL, regionEvent(id));
    }
    exists = false;
    c.emit(Notification.Kind.REGION, Notification.Cmd.DEL, regionEvent(null));
  }

  Reply apply(Ctx c, RegionOp op, boolean reloadFailed) {
    if (op instanceof RegionOp.Dump) {
      return Reply.ok(exists ? List.of(snapshot()) : List.of());
    } else if (op instanceof RegionOp.Get g) {
      return found(g.region()) ? Reply.ok(snapshot()) : Reply.err(Errno.EINVAL);
    } else if (op instanceof RegionOp.New n) {
      return newSnapshot(c, n);
    } else if (op instanceof RegionOp.Del d) {
      if (!found(d.region()) || !snapshots.containsKey(d.snapshotId())) {
        return Reply.err(Errno.EINVAL);
      }
      snapshots.remove(d.snapshotId());
      c.emit(Notification.Kind.REGION, Notification.Cmd.DEL, regionEvent(d.snapshotId()));
      return Reply.ok();
    }
    return read((RegionOp.Read) op);
  }

  /** A write to debugfs take_snapshot: a snapshot with the lowest free id; ENOSPC when full. */
  Reply takeSnapshot(Ctx c) {
    if (!exists) {
      return Reply.err(Errno.EINVAL);
    }
    if (snapshots.size() >= MAX_SNAPSHOTS) {
      return Reply.err(Errno.ENOSPC);
    }
    take(c, lowestFreeId());
    return Reply.ok();
  }

  private Reply newSnapshot(Ctx c, RegionOp.New n) {
    if (!found(n.region())) {
      return Reply.err(Errno.EINVAL, "leftover: The requested region does not exist.");
    }
    if (snapshots.size() >= MAX_SNAPSHOTS) {
      return Reply.err(Errno.ENOSPC, "leftover: The region has reached the maximum number of stored snapshots.");
    }
    if (n.snapshotId() != null) {
      if (snapshots.containsKey(n.snapshotId())) {
        return Reply.err(Errno.EEXIST, "leftover: The requested snapshot id is already in use.");
      }
      take(c, n.snapshotId());
      return Reply.ok();
    }
    long id = lowestFreeId();
    take(c, id);
    return Reply.ok(regionEvent(id));
  }

  /** REGION_READ: [address, address+length) clipped to the region; nothing left to read is ok. */
  private Reply read(RegionOp.Read r) {
    if (!found(r.region())) {
      return Reply.err(Errno.EINVAL);
    }
    ByteList data = snapshots.get(r.snapshotId());
    if (data == null) {
      return Reply.err(Errno.EINVAL);
    }
    long start = 0;
    long end = SIZE;
    if (r.address() != null && r.length() != null) {
      start = r.address();
      end = Math.min(SIZE, r.address() + r.length());
      if (r.address() + r.length() < 0) {
        end = SIZE; // u64 overflow wraps past the end: clipped like any big length
      }
    }
    if (start == end) {
      return Reply.ok(new RegionData(dev, NAME, r.snapshotId(), start, data.subList(0, 0)));
    }
    if (start < 0 || start > end) {
      return Reply.err(Errno.EINVAL);
    }
    return Reply.ok(new RegionData(dev, NAME, r.snapshotId(), start, data.subList((int) start, (int) end)));
  }

  private boolean found(String region) {
    return exists && NAME.equals(region);
  }

  private long lowestFreeId() {
    long id = 0;
    while (snapshots.containsKey(id)) {
      id++;
    }
    return id;
  }

  private void take(Ctx c, long id) {
    byte[] bytes = new byte[(int) SIZE];
    new Random(seed + 0x9E3779B97F4A7C15L * ++draws).nextBytes(bytes);
    snapshots.put(id, ByteList.wrap(bytes));
    c.emit(Notification.Kind.REGION, Notification.Cmd.NEW, regionEvent(id));
  }

  private RegionEvent regionEvent(Long snapshotId) {
    return new RegionEvent(dev, NAME, SIZE, snapshotId);
  }

  private RegionSnapshot snapshot() {
    return new RegionSnapshot(dev, NAME, SIZE, new ArrayList<>(snapshots.keySet()), MAX_SNAPSHOTS);
  }
}
