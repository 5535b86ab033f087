package dev.fabric.devlink.model;

/** Rate leafs (VF ports in switchdev mode) and user-created rate nodes (to be completed). */
final class Rates {
  private final DevHandle dev;

  Rates(DevHandle dev) {
    this.dev = dev;
  }

  Rates copy() {
    return new Rates(dev);
  }

  void announce(Ctx c, Notification.Cmd cmd) {}

  boolean hasNodes() {
    return false;
  }

  void destroyNodes(Ctx c) {}

  void leafAdded(long portIndex) {}

  void portRemoved(long portIndex) {}

  Reply debugfsList(String[] parts) {
    return parts.length == 1 ? Reply.ok(new DriverOp.Listing(java.util.List.of())) : Reply.err(Errno.ENOENT);
  }

  Reply apply(Ctx c, RateOp op, NsimDevlink dev) {
    return Reply.err(Errno.EOPNOTSUPP);
  }
}
