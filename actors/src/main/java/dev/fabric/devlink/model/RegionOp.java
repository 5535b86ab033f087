package dev.fabric.devlink.model;

import java.util.List;
import java.util.Optional;

/** REGION_GET/NEW/DEL/READ requests. */
public sealed interface RegionOp<R extends ReplyValue> extends Op<R> {

  record Get(String region) implements RegionOp<RegionSnapshot> {
    @Override
    public boolean readOnly() {
      return true;
    }
  }

  record Dump() implements RegionOp<RegionList> {
    @Override
    public boolean readOnly() {
      return true;
    }
  }

  /** {@code snapshotId} empty means: let the kernel pick the lowest free id. */
  record New(String region, Optional<Long> snapshotId) implements RegionOp<Taken> {
    public New {
      snapshotId = snapshotId == null ? Optional.empty() : snapshotId;
    }

    public static New of(String region, Long snapshotId) {
      return new New(region, Optional.ofNullable(snapshotId));
    }
  }

  record Del(String region, long snapshotId) implements RegionOp<Ack> {}

  /** {@code address}/{@code length} empty means the whole snapshot (region dump). */
  record Read(String region, long snapshotId, Optional<Long> address, Optional<Long> length)
      implements RegionOp<RegionData> {
    public Read {
      address = address == null ? Optional.empty() : address;
      length = length == null ? Optional.empty() : length;
    }

    public static Read of(String region, long snapshotId, Long address, Long length) {
      return new Read(region, snapshotId, Optional.ofNullable(address), Optional.ofNullable(length));
    }
  }

  /**
   * Reply value of {@link New}: the snapshot's REGION_NEW message when the kernel sends one
   * (devlink_nl_cmd_region_new answers it only when the request named no id; otherwise a bare ack).
   */
  record Taken(Optional<RegionEvent> message) implements ReplyValue {}

  /** Reply value of {@link Dump}. */
  record RegionList(List<RegionSnapshot> regions) implements ReplyValue {
    public RegionList {
      regions = List.copyOf(regions);
    }
  }
}
