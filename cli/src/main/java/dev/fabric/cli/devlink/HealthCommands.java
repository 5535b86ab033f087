package dev.fabric.cli.devlink;

import static dev.fabric.cli.devlink.Opts.Opt.HANDLE;
import static dev.fabric.cli.devlink.Opts.Opt.HANDLEP;
import static dev.fabric.cli.devlink.Opts.Opt.HEALTH_REPORTER_AUTO_DUMP;
import static dev.fabric.cli.devlink.Opts.Opt.HEALTH_REPORTER_AUTO_RECOVER;
import static dev.fabric.cli.devlink.Opts.Opt.HEALTH_REPORTER_GRACEFUL_PERIOD;
import static dev.fabric.cli.devlink.Opts.Opt.HEALTH_REPORTER_NAME;

import dev.fabric.cli.out.DlOut;
import dev.fabric.cli.out.Print;
import dev.fabric.devlink.model.Errno;
import dev.fabric.devlink.model.Fmsg;
import dev.fabric.devlink.model.HealthOp;
import dev.fabric.devlink.model.HealthReporterSnapshot;
import dev.fabric.devlink.model.Notification;
import dev.fabric.devlink.model.Op;
import dev.fabric.devlink.model.PortOp;
import dev.fabric.devlink.model.Reply;
import dev.fabric.devlink.model.ReplyValue;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * `devlink health ...` and `devlink port health ...` of iproute2 6.1 (cmd_health): show (a dump,
 * or one reporter: 6.1 needs DEV and reporter together), set, recover, diagnose, test, dump
 * show/clear; plus pr_out_health for the [health,status] monitor events.
 */
final class HealthCommands {
  private HealthCommands() {}

  static final String HELP = """
      Usage: devlink health show [ { DEV | DEV/PORT_INDEX } reporter REPORTER_NAME ]
             devlink health recover { DEV | DEV/PORT_INDEX } reporter REPORTER_NAME
             devlink health diagnose { DEV | DEV/PORT_INDEX } reporter REPORTER_NAME
             devlink health test { DEV | DEV/PORT_INDEX } reporter REPORTER_NAME
             devlink health dump show { DEV | DEV/PORT_INDEX } reporter REPORTER_NAME
             devlink health dump clear { DEV | DEV/PORT_INDEX } reporter REPORTER_NAME
             devlink health set { DEV | DEV/PORT_INDEX } reporter REPORTER_NAME
                                [ grace_period MSEC ]
                                [ auto_recover { true | false } ]
                                [ auto_dump    { true | false } ]
      """;

  private static final Set<Opts.Opt> REPORTER = EnumSet.of(HANDLE, HANDLEP, HEALTH_REPORTER_NAME);
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd");
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

  /** cmd_health. */
  static int run(Dl dl, DlArgs a) throws DlError {
    if (a.match("help")) {
      dl.error(HELP);
      return 0;
    } else if (a.match("show") || a.match("list") || a.noArg()) {
      a.inc();
      return show(dl, a, true, true);
    } else if (a.match("recover")) {
      a.inc();
      return simple(dl, a, HealthOp.Recover::new);
    } else if (a.match("diagnose")) {
      a.inc();
      return object(dl, a, HealthOp.Diagnose::new);
    } else if (a.match("test")) {
      a.inc();
      return object(dl, a, HealthOp.Test::new);
    } else if (a.match("dump")) {
      a.inc();
      return dump(dl, a);
    } else if (a.match("set")) {
      a.inc();
      Opts o = Opts.parse(a, REPORTER, EnumSet.of(HEALTH_REPORTER_GRACEFUL_PERIOD, HEALTH_REPORTER_AUTO_RECOVER,
          HEALTH_REPORTER_AUTO_DUMP), dl);
      return request(dl, o, HealthOp.Set.of(o.reporterName, o.reporterGracePeriod, o.reporterAutoRecover,
          o.reporterAutoDump)).isOk() ? 0 : 1;
    }
    throw new DlError("Command \"" + a.argv() + "\" not found\n");
  }

  /**
   * `devlink port health ...` (cmd_port's health branch): a bare list/show dumps the port
   * reporters only (netdevsim has none); everything else is cmd_health.
   */
  static int runPort(Dl dl, DlArgs a) throws DlError {
    if (a.match("list") || a.noArg() || (a.match("show") && a.argc() == 1)) {
      a.inc();
      return show(dl, a, false, true);
    }
    return run(dl, a);
  }

  private static int dump(Dl dl, DlArgs a) throws DlError {
    if (a.match("help")) {
      dl.error(HELP);
      return 0;
    } else if (a.match("show") || a.match("list") || a.noArg()) {
      a.inc();
      return object(dl, a, HealthOp.DumpGet::new);
    } else if (a.match("clear")) {
      a.inc();
      return simple(dl, a, HealthOp.DumpClear::new);
    }
    throw new DlError("Command \"" + a.argv() + "\" not found\n");
  }

  /** __cmd_health_show (6.1: no DEV-only form; DEV needs a reporter). */
  private static int show(Dl dl, DlArgs a, boolean showDevice, boolean showPort) throws DlError {
    if (a.noArg()) {
      dl.out.prOutSectionStart("health");
      Dl.Dumped<HealthReporterSnapshot> d = dl.dumpEach(new HealthOp.Dump(), HealthOp.ReporterList::reporters);
      for (HealthReporterSnapshot r : d.values()) {
        prOutHealth(dl.out, r, showDevice, showPort);
      }
      dl.out.prOutSectionEnd();
      return d.failed() ? 1 : 0;
    }
    Opts o = Opts.parse(a, REPORTER, EnumSet.noneOf(Opts.Opt.class), dl);
    dl.out.prOutSectionStart("health");
    Reply<HealthReporterSnapshot> r = request(dl, o, new HealthOp.Get(o.reporterName));
    if (r instanceof Reply.Ok<HealthReporterSnapshot> ok) {
      prOutHealth(dl.out, ok.value(), showDevice, true);
    }
    dl.out.prOutSectionEnd();
    return r.isOk() ? 0 : 1;
  }

  /** cmd_health_recover / cmd_health_dump_clear: a bare ack. */
  private static int simple(Dl dl, DlArgs a, Function<String, Op> op) throws DlError {
    Opts o = Opts.parse(a, REPORTER, EnumSet.noneOf(Opts.Opt.class), dl);
    return request(dl, o, op.apply(o.reporterName)).isOk() ? 0 : 1;
  }

  /** cmd_health_object_common: diagnose, test and dump show print the reporter's fmsg. */
  private static int object(Dl dl, DlArgs a, Function<String, Op> op) throws DlError {
    Opts o = Opts.parse(a, REPORTER, EnumSet.noneOf(Opts.Opt.class), dl);
    Reply r = request(dl, o, op.apply(o.reporterName));
    if (!(r instanceof Reply.Ok ok)) {
      return 1;
    }
    if (ok.value() instanceof Fmsg f && !FmsgPrinter.print(dl.out, f, dl.hex)) {
      // The callback's MNL_CB_ERROR with errno still 0: iproute2 reports it and returns -0.
      dl.err.append("kernel answers: Success\n");
    }
    return 0;
  }

  /**
   * Sends a reporter request. With a port handle the kernel looks for a port reporter of an
   * existing port (netdevsim has none: EINVAL); an unknown port index falls back to the device's
   * reporters, as devlink_health_reporter_get_from_attrs does.
   */
  private static <R extends ReplyValue> Reply<R> request(Dl dl, Opts o, Op<R> op) {
    if (o.portIndex != null) {
      if (dl.callQuiet(o.dev, new PortOp.Get(o.portIndex)).isOk()) {
        Reply.Err<R> r = Reply.err(Errno.EINVAL);
        dl.kernelError(r);
        return r;
      }
    }
    return dl.call(o.dev, op);
  }

  /** The monitor's output for one [health,status] notification. */
  static void monitor(DlOut o, Notification n) {
    if (n.payload() instanceof HealthReporterSnapshot r) {
      prOutHealth(o, r, true, true);
    }
  }

  /** pr_out_health. */
  static void prOutHealth(DlOut o, HealthReporterSnapshot r, boolean printDevice, boolean printPort) {
    boolean isPort = r.port() != null;
    if (!printDevice && !printPort) {
      return;
    }
    if (printPort) {
      if (!printDevice && !isPort) {
        return;
      } else if (isPort) {
        o.prOutPortHandleStartArr(r.dev().bus(), r.dev().name(), r.port());
      }
    }
    if (printDevice) {
      if (!printPort && isPort) {
        return;
      } else if (!isPort) {
        o.prOutHandleStartArr(r.dev().bus(), r.dev().name());
      }
    }
    o.checkIndentNewline();
    o.printString(Print.ANY, "reporter", "reporter %s", r.name());
    if (!o.jsonOutput()) {
      o.prOutNewline();
      o.prOutIndentInc();
    }
    o.checkIndentNewline();
    o.printString(Print.ANY, "state", "state %s", r.state().label);
    o.prOutU64("error", r.errorCount());
    o.prOutU64("recover", r.recoverCount());
    if (r.lastDumpMillis() != null) {
      // pr_out_dump_report_timestamp: DUMP_TS_NS (wall clock) in local time
      ZonedDateTime t = Instant.ofEpochMilli(r.lastDumpMillis()).atZone(ZoneId.systemDefault());
      o.checkIndentNewline();
      o.printString(Print.ANY, "last_dump_date", "last_dump_date %s", DATE.format(t));
      o.printString(Print.ANY, "last_dump_time", " last_dump_time %s", TIME.format(t));
    }
    if (r.gracePeriod() != null) {
      o.prOutU64("grace_period", r.gracePeriod());
    }
    if (r.autoRecover() != null) {
      o.printBool(Print.ANY, "auto_recover", " auto_recover %s", r.autoRecover());
    }
    if (r.autoDump() != null) {
      o.printBool(Print.ANY, "auto_dump", " auto_dump %s", r.autoDump());
    }
    o.prOutIndentDec();
    o.prOutHandleEnd();
  }
}
