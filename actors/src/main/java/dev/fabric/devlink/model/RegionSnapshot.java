package dev.fabric.devlink.model;

import java.util.List;

/** A region as REGION_GET reports it: size, snapshot ids in creation order, max snapshots. */
public record RegionSnapshot(DevHandle dev, String name, long size, List<Long> snapshotIds, long maxSnapshots) implements ReplyValue {
  public RegionSnapshot {
    snapshotIds = List.copyOf(snapshotIds);
  }
}
