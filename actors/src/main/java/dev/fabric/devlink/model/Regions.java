package dev.fabric.devlink.model;

/** netdevsim's "dummy" region and its snapshots (to be completed). */
final class Regions {
  private final DevHandle dev;

  Regions(DevHandle dev) {
    this.dev = dev;
  }

  Regions copy() {
    return new Regions(dev);
  }

  void announce(Ctx c, Notification.Cmd cmd) {}

  void create(Ctx c) {}

  void destroy(Ctx c) {}

  Reply apply(Ctx c, RegionOp op, boolean reloadFailed) {
    return Reply.err(Errno.EOPNOTSUPP);
  }
}
