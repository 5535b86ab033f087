package dev.fabric.devlink.model;

/** REGION_GET/NEW/DEL/READ requests. */
public sealed interface RegionOp extends Op {

  record Get(String region) implements RegionOp {
    @Override
    public boolean readOnly() {
      return true;
    }
  }

  record Dump() implements RegionOp {
    @Override
    public boolean readOnly() {
      return true;
    }
  }

  /** {@code snapshotId} null means: let the kernel pick the lowest free id. */
  record New(String region, Long snapshotId) implements RegionOp {}

  record Del(String region, long snapshotId) implements RegionOp {}

  /** {@code address}/{@code length} null means the whole snapshot (region dump). */
  record Read(String region, long snapshotId, Long address, Long length) implements RegionOp {}
}
