package dev.fabric.cli.devlink;

import static dev.fabric.cli.devlink.Opts.Opt.HANDLE;
import static dev.fabric.cli.devlink.Opts.Opt.TRAP_ACTION;
import static dev.fabric.cli.devlink.Opts.Opt.TRAP_GROUP_NAME;
import static dev.fabric.cli.devlink.Opts.Opt.TRAP_NAME;
import static dev.fabric.cli.devlink.Opts.Opt.TRAP_POLICER_BURST;
import static dev.fabric.cli.devlink.Opts.Opt.TRAP_POLICER_ID;
import static dev.fabric.cli.devlink.Opts.Opt.TRAP_POLICER_RATE;

import dev.fabric.cli.out.DlOut;
import dev.fabric.cli.out.Print;
import dev.fabric.devlink.model.DevHandle;
import dev.fabric.devlink.model.Errno;
import dev.fabric.devlink.model.Notification;
import dev.fabric.devlink.model.Op;
import dev.fabric.devlink.model.Reply;
import dev.fabric.devlink.model.ReplyValue;
import dev.fabric.devlink.model.TrapGroupSnapshot;
import dev.fabric.devlink.model.TrapOp;
import dev.fabric.devlink.model.TrapPolicerSnapshot;
import dev.fabric.devlink.model.TrapSnapshot;
import java.util.EnumSet;
import java.util.List;

/**
 * `devlink trap ...` of iproute2 6.1 (cmd_trap, cmd_trap_group, cmd_trap_policer) and the
 * monitor output of trap, trap-group and trap-policer notifications (pr_out_trap,
 * pr_out_trap_group, pr_out_trap_policer, pr_out_stats).
 */
final class TrapCommands {
  private TrapCommands() {}

  static final String HELP = """
      Usage: devlink trap set DEV trap TRAP [ action { trap | drop | mirror } ]
             devlink trap show [ DEV trap TRAP ]
             devlink trap group set DEV group GROUP [ action { trap | drop | mirror } ]
                                    [ policer POLICER ] [ nopolicer ]
             devlink trap group show [ DEV group GROUP ]
             devlink trap policer set DEV policer POLICER [ rate RATE ] [ burst BURST ]
             devlink trap policer show DEV policer POLICER
      """;

  private static final EnumSet<Opts.Opt> NONE = EnumSet.noneOf(Opts.Opt.class);

  /** cmd_trap. */
  static int run(Dl dl, DlArgs a) throws DlError {
    if (a.match("help")) {
      dl.error(HELP);
      return 0;
    } else if (a.match("show") || a.match("list") || a.noArg()) {
      a.inc();
      return show(dl, a);
    } else if (a.match("set")) {
      a.inc();
      Opts o = Opts.parse(a, EnumSet.of(HANDLE, TRAP_NAME), EnumSet.of(TRAP_ACTION), dl);
      return dl.call(o.dev, TrapOp.Set.of(o.trapName, o.trapAction)).isOk() ? 0 : 1;
    } else if (a.match("group")) {
      a.inc();
      return group(dl, a);
    } else if (a.match("policer")) {
      a.inc();
      return policer(dl, a);
    }
    throw new DlError("Command \"" + a.argv() + "\" not found\n");
  }

  /** cmd_trap_group. */
  private static int group(Dl dl, DlArgs a) throws DlError {
    if (a.match("help")) {
      dl.error(HELP);
      return 0;
    } else if (a.match("show") || a.match("list") || a.noArg()) {
      a.inc();
      return groupShow(dl, a);
    } else if (a.match("set")) {
      a.inc();
      Opts o = Opts.parse(a, EnumSet.of(HANDLE, TRAP_GROUP_NAME), EnumSet.of(TRAP_ACTION, TRAP_POLICER_ID),
          dl);
      Long policer = o.has(TRAP_POLICER_ID) ? o.policerId : null;
      return dl.call(o.dev, TrapOp.GroupSet.of(o.trapGroupName, o.trapAction, policer)).isOk() ? 0 : 1;
    }
    throw new DlError("Command \"" + a.argv() + "\" not found\n");
  }

  /** cmd_trap_policer. */
  private static int policer(Dl dl, DlArgs a) throws DlError {
    if (a.match("help")) {
      dl.error(HELP);
      return 0;
    } else if (a.match("show") || a.match("list") || a.noArg()) {
      a.inc();
      return policerShow(dl, a);
    } else if (a.match("set")) {
      a.inc();
      Opts o = Opts.parse(a, EnumSet.of(HANDLE, TRAP_POLICER_ID), EnumSet.of(TRAP_POLICER_RATE, TRAP_POLICER_BURST),
          dl);
      return dl.call(o.dev, TrapOp.PolicerSet.of(o.policerId, o.policerRate, o.policerBurst)).isOk() ? 0 : 1;
    }
    throw new DlError("Command \"" + a.argv() + "\" not found\n");
  }

  // ---------------------------------------------------------------- show commands

  /** cmd_trap_show: a dump without arguments, else DEV trap TRAP. */
  private static int show(Dl dl, DlArgs a) throws DlError {
    if (a.noArg()) {
      return dumpShow(dl, "trap", new TrapOp.Dump(dl.stats), TrapOp.TrapList::traps,
          v -> printTrap(dl.out, v, true, dl.verbose));
    }
    Opts o = Opts.parse(a, EnumSet.of(HANDLE, TRAP_NAME), NONE, dl);
    return getShow(dl, "trap", o.dev, new TrapOp.Get(o.trapName, dl.stats),
        v -> printTrap(dl.out, v, true, dl.verbose));
  }

  /** cmd_trap_group_show. */
  private static int groupShow(Dl dl, DlArgs a) throws DlError {
    if (a.noArg()) {
      return dumpShow(dl, "trap_group", new TrapOp.GroupDump(dl.stats), TrapOp.GroupList::groups,
          v -> printGroup(dl.out, v, true));
    }
    Opts o = Opts.parse(a, EnumSet.of(HANDLE, TRAP_GROUP_NAME), NONE, dl);
    return getShow(dl, "trap_group", o.dev, new TrapOp.GroupGet(o.trapGroupName, dl.stats),
        v -> printGroup(dl.out, v, true));
  }

  /** cmd_trap_policer_show. */
  private static int policerShow(Dl dl, DlArgs a) throws DlError {
    if (a.noArg()) {
      return dumpShow(dl, "trap_policer", new TrapOp.PolicerDump(dl.stats), TrapOp.PolicerList::policers,
          v -> printPolicer(dl.out, v, true));
    }
    // TRAP_POLICER_ID is required but has no dl_args_required entry: missing, it gets the
    // catch-all "BUG: unknown argument required but not found"
    Opts o = Opts.parse(a, EnumSet.of(HANDLE, TRAP_POLICER_ID), NONE, dl);
    return getShow(dl, "trap_policer", o.dev, new TrapOp.PolicerGet(o.policerId, dl.stats),
        v -> printPolicer(dl.out, v, true));
  }


  /** A doit GET inside the section: kernel errors are printed the iproute2 way. */
  private static <R extends ReplyValue> int getShow(Dl dl, String section, DevHandle dev, Op<R> op,
      java.util.function.Consumer<R> p) {
    dl.out.prOutSectionStart(section);
    Reply<R> r = dl.call(dev, op);
    if (r instanceof Reply.Ok<R> ok) {
      p.accept(ok.value());
    }
    dl.out.prOutSectionEnd();
    return r.isOk() ? 0 : 1;
  }

  /**
   * A dump over the namespace's instances. The kernel's trap dumpits walk each instance's lists:
   * an instance without registered traps (reload failed) or gone meanwhile contributes nothing,
   * and a message that cannot be filled (a failing counter read, EMSGSIZE) silently ends the whole
   * dump, keeping what was already sent.
   */
  private static <R extends ReplyValue, E> int dumpShow(Dl dl, String section, Op<R> op,
      java.util.function.Function<R, List<E>> entries, java.util.function.Consumer<E> p) {
    dl.out.prOutSectionStart(section);
    for (DevHandle h : dl.instances()) {
      Reply<R> r = dl.callQuiet(h, op);
      if (r instanceof Reply.Ok<R> ok) {
        entries.apply(ok.value()).forEach(p);
      } else if (r instanceof Reply.Err<R> e && e.errno() == Errno.EMSGSIZE) {
        break;
      }
    }
    dl.out.prOutSectionEnd();
    return 0;
  }

  // ---------------------------------------------------------------- printers

  private static void handleStart(DlOut o, DevHandle dev, boolean array) {
    if (array) {
      o.prOutHandleStartArr(dev.bus(), dev.name());
    } else {
      o.prOutHandleStart(dev.bus(), dev.name(), true, false);
    }
  }

  /** pr_out_trap. */
  static void printTrap(DlOut o, TrapSnapshot t, boolean array, boolean verbose) {
    printTrap(o, t, array, verbose, true);
  }

  static void printTrap(DlOut o, TrapSnapshot t, boolean array, boolean verbose, boolean statsOn) {
    handleStart(o, t.dev(), array);
    o.checkIndentNewline();
    o.printString(Print.ANY, "name", "name %s", t.name());
    o.printString(Print.ANY, "type", " type %s", t.type());
    o.printBool(Print.ANY, "generic", " generic %s", t.generic());
    o.printString(Print.ANY, "action", " action %s", t.action());
    o.printString(Print.ANY, "group", " group %s", t.group());
    if (verbose) {
      o.prOutArrayStart("metadata");
      for (String m : t.metadata()) {
        o.checkIndentNewline();
        o.printString(Print.ANY, null, "%s", m);
      }
      o.prOutArrayEnd();
    }
    if (t.stats() != null && statsOn) {
      stats(o, t.stats().rxBytes(), t.stats().rxPackets(), t.stats().rxDropped());
    }
    o.prOutHandleEnd();
  }

  /** pr_out_trap_group. */
  static void printGroup(DlOut o, TrapGroupSnapshot g, boolean array) {
    printGroup(o, g, array, true);
  }

  static void printGroup(DlOut o, TrapGroupSnapshot g, boolean array, boolean statsOn) {
    handleStart(o, g.dev(), array);
    o.checkIndentNewline();
    o.printString(Print.ANY, "name", "name %s", g.name());
    o.printBool(Print.ANY, "generic", " generic %s", g.generic());
    if (g.policer() != 0) {
      o.printUint(Print.ANY, "policer", " policer %u", g.policer());
    }
    if (g.stats() != null && statsOn) {
      stats(o, g.stats().rxBytes(), g.stats().rxPackets(), null);
    }
    o.prOutHandleEnd();
  }

  /** pr_out_trap_policer. */
  static void printPolicer(DlOut o, TrapPolicerSnapshot p, boolean array) {
    printPolicer(o, p, array, true);
  }

  static void printPolicer(DlOut o, TrapPolicerSnapshot p, boolean array, boolean statsOn) {
    handleStart(o, p.dev(), array);
    o.checkIndentNewline();
    o.printUint(Print.ANY, "policer", "policer %u", p.id());
    o.printU64(Print.ANY, "rate", " rate %llu", p.rate());
    o.printU64(Print.ANY, "burst", " burst %llu", p.burst());
    if (p.stats() != null && statsOn) {
      stats(o, null, null, p.stats().rxDropped());
    }
    o.prOutHandleEnd();
  }

  /**
   * pr_out_stats: only the counters the message carries. The snapshots carry stats exactly when
   * iproute2 prints them (-s for show; always for the monitor, which runs with stats on).
   */
  private static void stats(DlOut o, Long bytes, Long packets, Long dropped) {
    o.prOutObjectStart("stats");
    o.prOutObjectStart("rx");
    if (bytes != null) {
      o.prOutU64("bytes", bytes);
    }
    if (packets != null) {
      o.prOutU64("packets", packets);
    }
    if (dropped != null) {
      o.prOutU64("dropped", dropped);
    }
    o.prOutObjectEnd();
    o.prOutObjectEnd();
  }

  /** The monitor's output for one notification of this area (between header and footer). */
  static void monitor(DlOut o, Notification n) {
    monitor(o, n, true);
  }

  /**
   * The monitor's trap events. pr_out_stats prints nothing unless dl->stats is set, and
   * cmd_mon_show_cb sets it only when it prints a device event (or -s was given): the trap
   * events a monitor prints before its first device event carry no stats.
   */
  static void monitor(DlOut o, Notification n, boolean statsOn) {
    Notification.Payload p = n.payload();
    if (p instanceof TrapSnapshot t) {
      printTrap(o, t, false, false, statsOn);
    } else if (p instanceof TrapGroupSnapshot g) {
      printGroup(o, g, false, statsOn);
    } else if (p instanceof TrapPolicerSnapshot pol) {
      printPolicer(o, pol, false, statsOn);
    }
  }

}
