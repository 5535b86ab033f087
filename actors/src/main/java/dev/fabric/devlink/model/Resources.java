package dev.fabric.devlink.model;

/** netdevsim's resource tree (to be completed). */
final class Resources {
  private final DevHandle dev;

  Resources(DevHandle dev) {
    this.dev = dev;
  }

  Resources copy() {
    return new Resources(dev);
  }

  /** Reload makes size_new the size. */
  void applyPending() {}

  /** Null when every size holds the current occupancy; else the error reload_up fails with. */
  Reply validateAgainstOccupancy() {
    return null;
  }

  Reply apply(Ctx c, ResourceOp op, boolean reloadFailed) {
    return Reply.err(Errno.EOPNOTSUPP);
  }
}
