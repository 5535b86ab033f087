package dev.fabric.devlink.model;

/** netdevsim's health reporters "empty" and "dummy" (to be completed). */
final class Health {
  private final DevHandle dev;

  Health(DevHandle dev) {
    this.dev = dev;
  }

  Health copy() {
    return new Health(dev);
  }

  void create(Ctx c) {}

  void destroy(Ctx c) {}

  Reply apply(Ctx c, HealthOp op, Knobs knobs) {
    return Reply.err(Errno.EOPNOTSUPP);
  }
}
