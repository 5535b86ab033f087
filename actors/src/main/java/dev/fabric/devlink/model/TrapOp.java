package dev.fabric.devlink.model;

/**
 * TRAP_*, TRAP_GROUP_* and TRAP_POLICER_* requests. {@code stats} says whether the user asked for
 * statistics (-s): the kernel reads the counters on every get/dump anyway (so they advance and the
 * fail_trap_*_counter_get knobs apply either way); the flag only decides whether the reply
 * snapshots carry them.
 */
public sealed interface TrapOp extends Op {

  record Get(String name, boolean stats) implements TrapOp {}

  record Dump(boolean stats) implements TrapOp {}

  /** {@code action}: "drop", "trap" or "mirror"; null sets nothing. */
  record Set(String name, String action) implements TrapOp {}

  record GroupGet(String name, boolean stats) implements TrapOp {}

  record GroupDump(boolean stats) implements TrapOp {}

  /** Null fields were not given; policer 0 unbinds. */
  record GroupSet(String name, String action, Long policer) implements TrapOp {}

  record PolicerGet(long id, boolean stats) implements TrapOp {}

  record PolicerDump(boolean stats) implements TrapOp {}

  /** Null fields were not given (the current value is kept). */
  record PolicerSet(long id, Long rate, Long burst) implements TrapOp {}
}
