package dev.fabric.devlink.model;

import java.util.ArrayList;
import java.util.List;

/**
 * netdevsim's traps, trap groups and trap policers (drivers/net/netdevsim/dev.c nsim_traps_arr,
 * nsim_trap_groups_arr, nsim_trap_policers_arr) with the devlink core's rules around them.
 *
 * <p>Counters: the core fills stats into every trap and policer message (get, dump and
 * notifications alike, whether or not the user passed -s), and netdevsim answers each read with
 * its counter and then increments it. There is ONE drop counter per device shared by all 14 traps
 * and one counter per policer; both restart at 0 when the traps are re-created by a reload. A
 * notification is only built (so a counter only read) while the instance is registered. With
 * fail_trap_drop_counter_get / fail_trap_policer_counter_get set, the read fails: get gives
 * EMSGSIZE and the notification is silently not sent.
 */
final class Traps {
  static final String WARN_NON_DROP = "leftover: Cannot change action of non-drop traps. Skipping.";
  static final String NO_TRAP = "leftover: Device did not register this trap.";
  static final String NO_GROUP = "leftover: Device did not register this trap group.";
  static final String NO_POLICER = "leftover: Device did not register this trap policer.";
  static final String BAD_ACTION = "leftover: Invalid trap action.";
  static final String GROUP_PARTIAL = "leftover: Trap group set failed, but some changes were committed already.";
  static final String FAIL_POLICER_SET = "netdevsim: User setup the operation to fail for testing purposes.";

  static final long MIN_RATE = 1;
  static final long MAX_RATE = 8000;
  static final long MIN_BURST = 8;
  static final long MAX_BURST = 65536;

  private record TrapDef(String name, String type, boolean generic, String action, String group, List<String> metadata) {}

  private record GroupDef(String name, long policer) {}

  private record PolicerDef(long id, long rate, long burst) {}

  /** The driver's catalogue (netdevsim: nsim_traps_arr, nsim_trap_groups_arr, nsim_trap_policers_arr). */
  private final List<PolicerDef> policerDefs;
  private final List<GroupDef> groupDefs;
  private final List<TrapDef> trapDefs;

  private final DevHandle dev;
  /** Whether the traps are registered (false before probe and while a reload has failed). */
  private boolean live;
  private final String[] actions;
  private final long[] groupPolicer;
  private final long[] rate;
  private final long[] burst;
  /** nsim_trap_data.trap_pkt_cnt: shared by all traps. */
  private long dropCounter;
  /** nsim_trap_data.trap_policers_cnt_arr. */
  private final long[] policerCounters;

  Traps(DevHandle dev, Catalogue catalogue) {
    this(dev, catalogue.traps().stream().map(t -> new TrapDef(t.name(), t.type(), t.generic(), t.action(), t.group(),
            List.copyOf(t.metadata()))).toList(),
        catalogue.trapGroups().stream().map(g -> new GroupDef(g.name(), g.policer())).toList(),
        catalogue.trapPolicers().stream().map(p -> new PolicerDef(p.id(), p.rate(), p.burst())).toList());
  }

  private Traps(DevHandle dev, List<TrapDef> traps, List<GroupDef> groups, List<PolicerDef> policers) {
    this.dev = dev;
    this.trapDefs = traps;
    this.groupDefs = groups;
    this.policerDefs = policers;
    this.actions = new String[traps.size()];
    this.groupPolicer = new long[groups.size()];
    this.rate = new long[policers.size()];
    this.burst = new long[policers.size()];
    this.policerCounters = new long[policers.size()];
    reset();
  }

  private void reset() {
    for (int i = 0; i < trapDefs.size(); i++) {
      actions[i] = trapDefs.get(i).action();
    }
    for (int i = 0; i < groupDefs.size(); i++) {
      groupPolicer[i] = groupDefs.get(i).policer();
    }
    for (int i = 0; i < policerDefs.size(); i++) {
      rate[i] = policerDefs.get(i).rate();
      burst[i] = policerDefs.get(i).burst();
      policerCounters[i] = 0;
    }
    dropCounter = 0;
  }

  Traps copy() {
    Traps t = new Traps(dev, trapDefs, groupDefs, policerDefs);
    t.live = live;
    System.arraycopy(actions, 0, t.actions, 0, actions.length);
    System.arraycopy(groupPolicer, 0, t.groupPolicer, 0, groupPolicer.length);
    System.arraycopy(rate, 0, t.rate, 0, rate.length);
    System.arraycopy(burst, 0, t.burst, 0, burst.length);
    System.arraycopy(policerCounters, 0, t.policerCounters, 0, policerCounters.length);
    t.dropCounter = dropCounter;
    return t;
  }

  // ---------------------------------------------------------------- lifecycle

  /** Registration announce: policers, groups, traps (NEW); DEL in the reverse order. */
  void announce(Ctx c, Notification.Cmd cmd, Knobs knobs) {
    if (!live) {
      return;
    }
    if (cmd == Notification.Cmd.NEW) {
      notifyPolicers(c, cmd, knobs, false);
      notifyGroups(c, cmd, false);
      notifyTraps(c, cmd, knobs, false);
    } else {
      notifyTraps(c, cmd, knobs, true);
      notifyGroups(c, cmd, true);
      notifyPolicers(c, cmd, knobs, true);
    }
  }

  /** nsim_dev_traps_init: fresh trap data (defaults, counters at 0), then register and announce. */
  void create(Ctx c, Knobs knobs) {
    reset();
    live = true;
    notifyPolicers(c, Notification.Cmd.NEW, knobs, false);
    notifyGroups(c, Notification.Cmd.NEW, false);
    notifyTraps(c, Notification.Cmd.NEW, knobs, false);
  }

  /**
   * nsim_dev_traps_exit: the core first disables every trap (action drop), then unregisters traps,
   * groups and policers, each in reverse order, announcing each.
   */
  void destroy(Ctx c, Knobs knobs) {
    if (!live) {
      return;
    }
    java.util.Arrays.fill(actions, "drop");
    notifyTraps(c, Notification.Cmd.DEL, knobs, true);
    notifyGroups(c, Notification.Cmd.DEL, true);
    notifyPolicers(c, Notification.Cmd.DEL, knobs, true);
    live = false;
  }

  private void notifyTraps(Ctx c, Notification.Cmd cmd, Knobs knobs, boolean reverse) {
    if (!c.notify) {
      return;
    }
    for (int i : order(trapDefs.size(), reverse)) {
      TrapSnapshot s = readTrap(i, knobs, true);
      if (s != null) {
        c.emit(Notification.Kind.TRAP, cmd, s);
      }
    }
  }

  private void notifyGroups(Ctx c, Notification.Cmd cmd, boolean reverse) {
    if (!c.notify) {
      return;
    }
    for (int i : order(groupDefs.size(), reverse)) {
      c.emit(Notification.Kind.TRAP_GROUP, cmd, groupSnapshot(i, true));
    }
  }

  private void notifyPolicers(Ctx c, Notification.Cmd cmd, Knobs knobs, boolean reverse) {
    if (!c.notify) {
      return;
    }
    for (int i : order(policerDefs.size(), reverse)) {
      TrapPolicerSnapshot s = readPolicer(i, knobs, true);
      if (s != null) {
        c.emit(Notification.Kind.TRAP_POLICER, cmd, s);
      }
    }
  }

  private static int[] order(int n, boolean reverse) {
    int[] o = new int[n];
    for (int i = 0; i < n; i++) {
      o[i] = reverse ? n - 1 - i : i;
    }
    return o;
  }

  // ---------------------------------------------------------------- reads (every read counts)

  /** Builds one trap message: reads (and advances) the drop counter; null if the read fails. */
  private TrapSnapshot readTrap(int i, Knobs knobs, boolean withStats) {
    if (knobs.failTrapDropCounterGet) {
      return null;
    }
    long dropped = dropCounter++;
    TrapDef d = trapDefs.get(i);
    return new TrapSnapshot(dev, d.name(), d.type(), d.generic(), actions[i], d.group(), d.metadata(),
        withStats ? new TrapSnapshot.Stats(0, 0, dropped) : null);
  }

  private TrapGroupSnapshot groupSnapshot(int i, boolean withStats) {
    return new TrapGroupSnapshot(dev, groupDefs.get(i).name(), true, groupPolicer[i],
        withStats ? new TrapGroupSnapshot.Stats(0, 0) : null);
  }

  private TrapPolicerSnapshot readPolicer(int i, Knobs knobs, boolean withStats) {
    if (knobs.failTrapPolicerCounterGet) {
      return null;
    }
    long dropped = policerCounters[i]++;
    return new TrapPolicerSnapshot(dev, policerDefs.get(i).id(), rate[i], burst[i],
        withStats ? new TrapPolicerSnapshot.Stats(dropped) : null);
  }

  private int trapIndex(String name) {
    for (int i = 0; i < trapDefs.size(); i++) {
      if (trapDefs.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  private int groupIndex(String name) {
    for (int i = 0; i < groupDefs.size(); i++) {
      if (groupDefs.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  private int policerIndex(long id) {
    for (int i = 0; i < policerDefs.size(); i++) {
      if (policerDefs.get(i).id() == id) {
        return i;
      }
    }
    return -1;
  }

  private static boolean validAction(String a) {
    return "drop".equals(a) || "trap".equals(a) || "mirror".equals(a);
  }

  // ---------------------------------------------------------------- requests

  Reply<?> apply(Ctx c, TrapOp op, Knobs knobs) {
    if (!live) {
      return Reply.err(Errno.EOPNOTSUPP);
    }
    if (op instanceof TrapOp.Get g) {
      int i = trapIndex(g.name());
      if (i < 0) {
        return Reply.err(Errno.ENOENT, NO_TRAP);
      }
      TrapSnapshot s = readTrap(i, knobs, g.stats());
      return s == null ? Reply.err(Errno.EMSGSIZE) : Reply.ok(s);
    } else if (op instanceof TrapOp.Dump d) {
      List<TrapSnapshot> out = new ArrayList<>();
      for (int i = 0; i < trapDefs.size(); i++) {
        TrapSnapshot s = readTrap(i, knobs, d.stats());
        if (s == null) {
          return Reply.err(Errno.EMSGSIZE);
        }
        out.add(s);
      }
      return Reply.ok(new TrapOp.TrapList(out));
    } else if (op instanceof TrapOp.Set s) {
      return trapSet(s);
    } else if (op instanceof TrapOp.GroupGet g) {
      int i = groupIndex(g.name());
      return i < 0 ? Reply.err(Errno.ENOENT, NO_GROUP) : Reply.ok(groupSnapshot(i, g.stats()));
    } else if (op instanceof TrapOp.GroupDump d) {
      List<TrapGroupSnapshot> out = new ArrayList<>();
      for (int i = 0; i < groupDefs.size(); i++) {
        out.add(groupSnapshot(i, d.stats()));
      }
      return Reply.ok(new TrapOp.GroupList(out));
    } else if (op instanceof TrapOp.GroupSet s) {
      return groupSet(s, knobs);
    } else if (op instanceof TrapOp.PolicerGet g) {
      int i = policerIndex(g.id());
      if (i < 0) {
        return Reply.err(Errno.ENOENT, NO_POLICER);
      }
      TrapPolicerSnapshot s = readPolicer(i, knobs, g.stats());
      return s == null ? Reply.err(Errno.EMSGSIZE) : Reply.ok(s);
    } else if (op instanceof TrapOp.PolicerDump d) {
      List<TrapPolicerSnapshot> out = new ArrayList<>();
      for (int i = 0; i < policerDefs.size(); i++) {
        TrapPolicerSnapshot s = readPolicer(i, knobs, d.stats());
        if (s == null) {
          return Reply.err(Errno.EMSGSIZE);
        }
        out.add(s);
      }
      return Reply.ok(new TrapOp.PolicerList(out));
    }
    return policerSet((TrapOp.PolicerSet) op, knobs);
  }

  private Reply<?> trapSet(TrapOp.Set s) {
    int i = trapIndex(s.name());
    if (i < 0) {
      return Reply.err(Errno.ENOENT, NO_TRAP);
    }
    if (s.action().isEmpty()) {
      return Reply.ok();
    }
    if (!validAction(s.action().get())) {
      return Reply.err(Errno.EINVAL, BAD_ACTION);
    }
    return setAction(i, s.action().get()) ? Reply.ok() : Reply.okWarning(WARN_NON_DROP);
  }

  /** __devlink_trap_action_set: false (and no change) for a non-drop trap asked to change. */
  private boolean setAction(int i, String action) {
    if (!actions[i].equals(action) && !"drop".equals(trapDefs.get(i).type())) {
      return false;
    }
    actions[i] = action;
    return true;
  }

  /**
   * devlink_nl_cmd_trap_group_set_doit: the action first (netdevsim has no group action op, so the
   * core sets each member trap, skipping non-drop ones with a warning), then the policer binding.
   */
  private Reply<?> groupSet(TrapOp.GroupSet s, Knobs knobs) {
    int g = groupIndex(s.name());
    if (g < 0) {
      return Reply.err(Errno.ENOENT, NO_GROUP);
    }
    String warning = null;
    boolean modified = false;
    if (s.action().isPresent()) {
      if (!validAction(s.action().get())) {
        return Reply.err(Errno.EINVAL, BAD_ACTION);
      }
      String group = groupDefs.get(g).name();
      for (int i = 0; i < trapDefs.size(); i++) {
        if (trapDefs.get(i).group().equals(group) && !setAction(i, s.action().get())) {
          warning = WARN_NON_DROP;
        }
      }
      modified = true;
    }
    if (s.policer().isPresent()) {
      long id = s.policer().get();
      if (id != 0 && policerIndex(id) < 0) {
        return Reply.err(Errno.ENOENT, modified ? GROUP_PARTIAL : NO_POLICER);
      }
      if (knobs.failTrapGroupSet) {
        return Reply.err(Errno.EINVAL, modified ? GROUP_PARTIAL : null);
      }
      groupPolicer[g] = id;
    }
    return Reply.okWarning(warning);
  }

  private Reply<?> policerSet(TrapOp.PolicerSet s, Knobs knobs) {
    int i = policerIndex(s.id());
    if (i < 0) {
      return Reply.err(Errno.ENOENT, NO_POLICER);
    }
    long r = s.rate().orElse(rate[i]);
    long b = s.burst().orElse(burst[i]);
    // The values are u64: compare unsigned so that huge values count as "higher".
    if (Long.compareUnsigned(r, MIN_RATE) < 0) {
      return Reply.err(Errno.EINVAL, "leftover: Policer rate lower than limit.");
    }
    if (Long.compareUnsigned(r, MAX_RATE) > 0) {
      return Reply.err(Errno.EINVAL, "leftover: Policer rate higher than limit.");
    }
    if (Long.compareUnsigned(b, MIN_BURST) < 0) {
      return Reply.err(Errno.EINVAL, "leftover: Policer burst size lower than limit.");
    }
    if (Long.compareUnsigned(b, MAX_BURST) > 0) {
      return Reply.err(Errno.EINVAL, "leftover: Policer burst size higher than limit.");
    }
    if (knobs.failTrapPolicerSet) {
      return Reply.err(Errno.EINVAL, FAIL_POLICER_SET);
    }
    rate[i] = r;
    burst[i] = b;
    return Reply.ok();
  }
}
