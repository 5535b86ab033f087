package dev.fabric.devlink.model;

/** TRAP_*, TRAP_GROUP_* and TRAP_POLICER_* requests. */
public sealed interface TrapOp extends Op {

  record Get(String name) implements TrapOp {}

  record Dump() implements TrapOp {}

  record Set(String name, String action) implements TrapOp {}

  record GroupGet(String name) implements TrapOp {}

  record GroupDump() implements TrapOp {}

  /** Null fields were not given; policer 0 unbinds. */
  record GroupSet(String name, String action, Long policer) implements TrapOp {}

  record PolicerGet(long id) implements TrapOp {}

  record PolicerDump() implements TrapOp {}

  record PolicerSet(long id, Long rate, Long burst) implements TrapOp {}
}
