package dev.fabric.devlink.model;

/** Per-port requests as netdevsim answers them: it implements none of split, type or function set. */
public final class PortLogic {
  private PortLogic() {}

  /** {@code port} is null when the index is unknown (ENODEV, as devlink's pre_doit answers). */
  public static Reply<?> apply(PortState port, PortOp.OnePort<?> op) {
    if (port == null) {
      return Reply.err(Errno.ENODEV);
    }
    if (op instanceof PortOp.Get) {
      return Reply.ok(port);
    } else if (op instanceof PortOp.FunctionSet f) {
      return f.hwAddr().isPresent()
          ? Reply.err(Errno.EOPNOTSUPP, "leftover: Port doesn't support function attributes.")
          : Reply.err(Errno.EOPNOTSUPP, "leftover: Function does not support state setting.");
    }
    // netdevsim implements neither port type set nor split/unsplit.
    return Reply.err(Errno.EOPNOTSUPP);
  }
}
