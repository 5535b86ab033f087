package dev.fabric.devlink.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Random;
import java.util.function.LongSupplier;

/**
 * netdevsim's device-level health reporters {@code empty} (dump and diagnose that do nothing, no
 * recover) and {@code dummy} (recover, dump, diagnose), with devlink core's reporter state:
 * counters, grace period, auto_recover, auto_dump and the stored dump. Reporters are created at
 * (re)init and destroyed by reload, silently (no notifications); their only notification is
 * HEALTH_REPORTER_RECOVER ([health,status]) on every report and every successful recovery.
 */
final class Health {
  /** kmalloc's limit for the binary field (KMALLOC_MAX_SIZE on x86_64): larger → ENOMEM. */
  static final long KMALLOC_MAX = 4L << 20;

  private final DevHandle dev;
  private final long seed;
  /** Wall clock in ms: grace period checks and dump timestamps. Tests may replace it. */
  LongSupplier clock = System::currentTimeMillis;
  /** Random draws so far (a copy continues with the same bytes). */
  private long draws;
  /** Creation order: empty, then dummy. Empty map while destroyed (reload failed). */
  private final LinkedHashMap<String, Reporter> reporters = new LinkedHashMap<>();
  /** The break message of the last break_health that auto-recovered (dummy's diagnose shows it). */
  private String recoveredBreakMsg;

  private static final class Reporter {
    final String name;
    final boolean hasRecover;
    final boolean hasDump;
    boolean error;
    long errorCount;
    long recoverCount;
    long lastRecoveryMillis;
    long gracePeriod;
    boolean autoRecover;
    boolean autoDump;
    Fmsg dump;
    long dumpMillis;

    Reporter(String name, boolean hasRecover, boolean hasDump) {
      this.name = name;
      this.hasRecover = hasRecover;
      this.hasDump = hasDump;
      this.autoRecover = hasRecover;
      this.autoDump = hasDump;
    }

    Reporter copy() {
      Reporter r = new Reporter(name, hasRecover, hasDump);
      r.error = error;
      r.errorCount = errorCount;
      r.recoverCount = recoverCount;
      r.lastRecoveryMillis = lastRecoveryMillis;
      r.gracePeriod = gracePeriod;
      r.autoRecover = autoRecover;
      r.autoDump = autoDump;
      r.dump = dump;
      r.dumpMillis = dumpMillis;
      return r;
    }
  }

  /** The driver's reporters in creation order (netdevsim: empty, then dummy). */
  private final List<Catalogue.ReporterDef> defs;

  Health(DevHandle dev, Catalogue catalogue) {
    this(dev, catalogue.healthReporters());
  }

  private Health(DevHandle dev, List<Catalogue.ReporterDef> defs) {
    this.defs = defs;
    this.dev = dev;
    this.seed = 0x4ea17L * 31 + dev.toString().hashCode();
  }

  Health copy() {
    Health h = new Health(dev, defs);
    h.clock = clock;
    h.draws = draws;
    h.recoveredBreakMsg = recoveredBreakMsg;
    reporters.forEach((n, r) -> h.reporters.put(n, r.copy()));
    return h;
  }

  /** nsim_dev_health_init: both reporters with defaults; the health/ debugfs knobs start over. */
  void create(Ctx c, Knobs knobs) {
    reporters.clear();
    for (Catalogue.ReporterDef d : defs) {
      reporters.put(d.name(), new Reporter(d.name(), d.recover(), d.dump()));
    }
    recoveredBreakMsg = null;
    knobs.healthBinaryLen = 16;
    knobs.healthFailRecover = false;
  }

  /** nsim_dev_health_exit: the reporters go away with their dumps (no notification). */
  void destroy(Ctx c) {
    reporters.clear();
    recoveredBreakMsg = null;
  }

  Reply<?> apply(Ctx c, HealthOp op, Knobs knobs) {
    if (op instanceof HealthOp.Dump) {
      return Reply.ok(new HealthOp.ReporterList(reporters.values().stream().map(this::snapshot).toList()));
    }
    String name;
    if (op instanceof HealthOp.Get g) {
      name = g.reporter();
    } else if (op instanceof HealthOp.Set s) {
      name = s.reporter();
    } else if (op instanceof HealthOp.Recover r) {
      name = r.reporter();
    } else if (op instanceof HealthOp.Diagnose d) {
      name = d.reporter();
    } else if (op instanceof HealthOp.DumpGet d) {
      name = d.reporter();
    } else if (op instanceof HealthOp.DumpClear d) {
      name = d.reporter();
    } else {
      name = ((HealthOp.Test) op).reporter();
    }
    Reporter r = name == null ? null : reporters.get(name);
    if (r == null) {
      return Reply.err(Errno.EINVAL);
    }
    if (op instanceof HealthOp.Get) {
      return Reply.ok(snapshot(r));
    } else if (op instanceof HealthOp.Set s) {
      return set(r, s);
    } else if (op instanceof HealthOp.Recover) {
      return recover(c, r, null, knobs);
    } else if (op instanceof HealthOp.Diagnose) {
      return diagnose(r, knobs);
    } else if (op instanceof HealthOp.DumpGet) {
      if (!r.hasDump) {
        return Reply.err(Errno.EOPNOTSUPP);
      }
      Reply<?> err = doDump(r, null, knobs);
      return err != null ? err : Reply.ok(r.dump);
    } else if (op instanceof HealthOp.DumpClear) {
      if (!r.hasDump) {
        return Reply.err(Errno.EOPNOTSUPP);
      }
      r.dump = null;
      return Reply.ok();
    }
    // HEALTH_REPORTER_TEST: neither netdevsim reporter has a test op.
    return Reply.err(Errno.EOPNOTSUPP);
  }

  /**
   * A write to debugfs health/break_health: the dummy reporter reports an error carrying the
   * written text (one trailing newline dropped) as its break message. ECANCELED inside the grace
   * period or while still in error (with auto_recover); EINVAL when the auto-recovery fails.
   */
  Reply<?> breakHealth(Ctx c, String written, Knobs knobs) {
    String msg = written.endsWith("\n") ? written.substring(0, written.length() - 1) : written;
    Reporter r = reporters.get("dummy");
    if (r == null) {
      return Reply.err(Errno.ENOENT);
    }
    return report(c, r, msg, knobs);
  }

  /** devlink_health_report with netdevsim's priv ctx (the break message). */
  private Reply<?> report(Ctx c, Reporter r, String breakMsg, Knobs knobs) {
    r.errorCount++;
    boolean prevHealthy = !r.error;
    r.error = true;
    notify(c, r);
    long now = clock.getAsLong();
    if (r.autoRecover && (!prevHealthy
        || (r.lastRecoveryMillis != 0 && r.recoverCount != 0 && now < r.lastRecoveryMillis + r.gracePeriod))) {
      return Reply.err(Errno.ECANCELED);
    }
    if (r.autoDump) {
      doDump(r, breakMsg, knobs); // a failed dump is ignored here
    }
    if (!r.autoRecover) {
      return Reply.ok();
    }
    return recover(c, r, breakMsg, knobs);
  }

  /** devlink_health_reporter_recover; {@code breakMsg} null for a user request. */
  private Reply<?> recover(Ctx c, Reporter r, String breakMsg, Knobs knobs) {
    if (!r.error) {
      return Reply.ok();
    }
    if (!r.hasRecover) {
      return Reply.err(Errno.EOPNOTSUPP);
    }
    if (knobs.healthFailRecover) {
      // The extack only reaches a netlink requester; a debugfs write gets the bare errno.
      return Reply.err(Errno.EINVAL, breakMsg == null
          ? "netdevsim: User setup the recover to fail for testing purposes." : null);
    }
    if (breakMsg != null) {
      recoveredBreakMsg = breakMsg;
    }
    r.recoverCount++;
    r.lastRecoveryMillis = clock.getAsLong();
    r.error = false;
    notify(c, r);
    return Reply.ok();
  }

  private Reply<?> set(Reporter r, HealthOp.Set s) {
    if (!r.hasRecover && (s.gracePeriod().isPresent() || s.autoRecover().isPresent())) {
      return Reply.err(Errno.EOPNOTSUPP);
    }
    if (!r.hasDump && s.autoDump().isPresent()) {
      return Reply.err(Errno.EOPNOTSUPP);
    }
    s.gracePeriod().ifPresent(v -> r.gracePeriod = v);
    s.autoRecover().ifPresent(v -> r.autoRecover = v);
    s.autoDump().ifPresent(v -> r.autoDump = v);
    return Reply.ok();
  }

  private Reply<?> diagnose(Reporter r, Knobs knobs) {
    if (!"dummy".equals(r.name)) {
      return Reply.ok(Fmsg.EMPTY);
    }
    List<Fmsg.Pair> items = new ArrayList<>();
    if (recoveredBreakMsg != null) {
      items.add(new Fmsg.Pair("recovered_break_message", new Fmsg.Str(recoveredBreakMsg)));
    }
    Fmsg f = dummyFmsg(items, knobs);
    return f == null ? Reply.err(Errno.ENOMEM) : Reply.ok(f);
  }

  /** devlink_health_do_dump: keeps an existing dump; null on success. */
  private Reply<?> doDump(Reporter r, String breakMsg, Knobs knobs) {
    if (!r.hasDump || r.dump != null) {
      return null;
    }
    Fmsg f;
    if ("dummy".equals(r.name)) {
      List<Fmsg.Pair> items = new ArrayList<>();
      if (breakMsg != null) {
        items.add(new Fmsg.Pair("break_message", new Fmsg.Str(breakMsg)));
      }
      f = dummyFmsg(items, knobs);
      if (f == null) {
        return Reply.err(Errno.ENOMEM);
      }
    } else {
      f = Fmsg.EMPTY;
    }
    r.dump = f;
    r.dumpMillis = clock.getAsLong();
    return null;
  }

  /** nsim_dev_dummy_fmsg_put after {@code items}; null when binary_len is too big for kmalloc. */
  private Fmsg dummyFmsg(List<Fmsg.Pair> items, Knobs knobs) {
    if (knobs.healthBinaryLen > KMALLOC_MAX) {
      return null;
    }
    items.add(new Fmsg.Pair("test_bool", new Fmsg.Bool(true)));
    items.add(new Fmsg.Pair("test_u8", new Fmsg.U8(1)));
    items.add(new Fmsg.Pair("test_u32", new Fmsg.U32(3)));
    items.add(new Fmsg.Pair("test_u64", new Fmsg.U64(4)));
    items.add(new Fmsg.Pair("test_string", new Fmsg.Str("somestring")));
    byte[] bin = new byte[(int) knobs.healthBinaryLen];
    new Random(seed + 0x9E3779B97F4A7C15L * ++draws).nextBytes(bin);
    items.add(new Fmsg.Pair("test_binary", new Fmsg.Binary(ByteList.wrap(bin))));
    items.add(new Fmsg.Pair("test_nest", new Fmsg.Obj(List.of(
        new Fmsg.Pair("nested_test_bool", new Fmsg.Bool(false)),
        new Fmsg.Pair("nested_test_u8", new Fmsg.U8(0))))));
    int stray = items.size();
    List<Fmsg.Value> u32s = new ArrayList<>();
    List<Fmsg.Value> objs = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      u32s.add(new Fmsg.U32(i));
      objs.add(new Fmsg.Obj(List.of(
          new Fmsg.Pair("in_array_nested_test_bool", new Fmsg.Bool(false)),
          new Fmsg.Pair("in_array_nested_test_u8", new Fmsg.U8(i)))));
    }
    items.add(new Fmsg.Pair("test_u32_array", new Fmsg.Arr(u32s)));
    items.add(new Fmsg.Pair("test_array_of_objects", new Fmsg.Arr(objs)));
    return new Fmsg(items, stray);
  }

  private void notify(Ctx c, Reporter r) {
    c.emit(Notification.Kind.HEALTH, Notification.Cmd.STATUS, snapshot(r));
  }

  private HealthReporterSnapshot snapshot(Reporter r) {
    return new HealthReporterSnapshot(dev, null, r.name,
        r.error ? HealthReporterSnapshot.State.ERROR : HealthReporterSnapshot.State.HEALTHY,
        r.errorCount, r.recoverCount,
        r.dump != null ? r.dumpMillis : null,
        r.hasRecover ? r.gracePeriod : null,
        r.hasRecover ? r.autoRecover : null,
        r.hasDump ? r.autoDump : null);
  }
}
