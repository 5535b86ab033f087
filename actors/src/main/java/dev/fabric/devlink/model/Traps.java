package dev.fabric.devlink.model;

/** netdevsim's traps, trap groups and trap policers (to be completed: see issue #2). */
final class Traps {
  private final DevHandle dev;

  Traps(DevHandle dev) {
    this.dev = dev;
  }

  Traps copy() {
    return new Traps(dev);
  }

  /** Registration announce: policers, groups, traps (NEW); DEL in the reverse order. */
  void announce(Ctx c, Notification.Cmd cmd) {}

  void create(Ctx c) {}

  void destroy(Ctx c) {}

  Reply apply(Ctx c, TrapOp op, Knobs knobs) {
    return Reply.err(Errno.EOPNOTSUPP);
  }
}
