package dev.fabric.devlink.model;

import java.util.List;
import java.util.Optional;

/**
 * TRAP_*, TRAP_GROUP_* and TRAP_POLICER_* requests. {@code stats} says whether the user asked for
 * statistics (-s): the kernel reads the counters on every get/dump anyway (so they advance and the
 * fail_trap_*_counter_get knobs apply either way); the flag only decides whether the reply
 * snapshots carry them.
 */
public sealed interface TrapOp<R extends ReplyValue> extends Op<R> {

  record Get(String name, boolean stats) implements TrapOp<TrapSnapshot> {}

  record Dump(boolean stats) implements TrapOp<TrapList> {}

  /** {@code action}: "drop", "trap" or "mirror"; empty sets nothing. */
  record Set(String name, Optional<String> action) implements TrapOp<Ack> {
    public Set {
      action = action == null ? Optional.empty() : action;
    }

    public static Set of(String name, String action) {
      return new Set(name, Optional.ofNullable(action));
    }
  }

  record GroupGet(String name, boolean stats) implements TrapOp<TrapGroupSnapshot> {}

  record GroupDump(boolean stats) implements TrapOp<GroupList> {}

  /** Empty fields were not given; policer 0 unbinds. */
  record GroupSet(String name, Optional<String> action, Optional<Long> policer) implements TrapOp<Ack> {
    public GroupSet {
      action = action == null ? Optional.empty() : action;
      policer = policer == null ? Optional.empty() : policer;
    }

    public static GroupSet of(String name, String action, Long policer) {
      return new GroupSet(name, Optional.ofNullable(action), Optional.ofNullable(policer));
    }
  }

  record PolicerGet(long id, boolean stats) implements TrapOp<TrapPolicerSnapshot> {}

  record PolicerDump(boolean stats) implements TrapOp<PolicerList> {}

  /** Empty fields were not given (the current value is kept). */
  record PolicerSet(long id, Optional<Long> rate, Optional<Long> burst) implements TrapOp<Ack> {
    public PolicerSet {
      rate = rate == null ? Optional.empty() : rate;
      burst = burst == null ? Optional.empty() : burst;
    }

    public static PolicerSet of(long id, Long rate, Long burst) {
      return new PolicerSet(id, Optional.ofNullable(rate), Optional.ofNullable(burst));
    }
  }

  record TrapList(List<TrapSnapshot> traps) implements ReplyValue {
    public TrapList {
      traps = List.copyOf(traps);
    }
  }

  record GroupList(List<TrapGroupSnapshot> groups) implements ReplyValue {
    public GroupList {
      groups = List.copyOf(groups);
    }
  }

  record PolicerList(List<TrapPolicerSnapshot> policers) implements ReplyValue {
    public PolicerList {
      policers = List.copyOf(policers);
    }
  }
}
