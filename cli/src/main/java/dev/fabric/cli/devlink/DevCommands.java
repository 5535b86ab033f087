package dev.fabric.cli.devlink;

import static dev.fabric.cli.devlink.Opts.Opt.HANDLE;
import static dev.fabric.cli.devlink.Opts.Opt.NETNS;
import static dev.fabric.cli.devlink.Opts.Opt.PARAM_CMODE;
import static dev.fabric.cli.devlink.Opts.Opt.PARAM_NAME;
import static dev.fabric.cli.devlink.Opts.Opt.PARAM_VALUE;
import static dev.fabric.cli.devlink.Opts.Opt.RELOAD_ACTION;
import static dev.fabric.cli.devlink.Opts.Opt.RELOAD_LIMIT;

import dev.fabric.cli.out.Print;
import dev.fabric.devlink.model.DevOp;
import dev.fabric.devlink.model.DevSnapshot;
import dev.fabric.devlink.model.InfoSnapshot;
import dev.fabric.devlink.model.Param;
import dev.fabric.devlink.model.ParamValue;
import dev.fabric.devlink.model.ParamOp;
import dev.fabric.devlink.model.Reply;
import java.util.EnumSet;
import java.util.List;

/** `devlink dev ...`: show, info, param, reload, eswitch, flash, selftests (cmd_dev). */
final class DevCommands {
  private DevCommands() {}

  static final String HELP = """
      Usage: devlink dev show [ DEV ]
             devlink dev eswitch set DEV [ mode { legacy | switchdev } ]
                                     [ inline-mode { none | link | network | transport } ]
                                     [ encap-mode { none | basic } ]
             devlink dev eswitch show DEV
             devlink dev param set DEV name PARAMETER value VALUE cmode { permanent | driverinit | runtime }
             devlink dev param show [DEV name PARAMETER]
             devlink dev reload DEV [ netns { PID | NAME | ID } ]
                                    [ action { driver_reinit | fw_activate } ] [ limit no_reset ]
             devlink dev info [ DEV ]
             devlink dev flash DEV file PATH [ component NAME ] [ overwrite SECTION ]
             devlink dev selftests show [DEV]
             devlink dev selftests run DEV [id TESTNAME ]
      """;

  static int run(Dl dl, DlArgs a) throws DlError {
    if (a.match("help")) {
      dl.error(HELP);
      return 0;
    } else if (a.match("show") || a.match("list") || a.noArg()) {
      a.inc();
      return show(dl, a);
    } else if (a.match("eswitch")) {
      a.inc();
      return eswitch(dl, a);
    } else if (a.match("reload")) {
      a.inc();
      return reload(dl, a);
    } else if (a.match("param")) {
      a.inc();
      return param(dl, a);
    } else if (a.match("info")) {
      a.inc();
      return info(dl, a);
    } else if (a.match("flash")) {
      a.inc();
      return FlashCommand.run(dl, a);
    } else if (a.match("selftests")) {
      a.inc();
      return selftests(dl, a);
    }
    throw new DlError("Command \"" + a.argv() + "\" not found\n");
  }

  private static int show(Dl dl, DlArgs a) throws DlError {
    return dl.show("dev", a, new DevOp.Get(), List::of, EnumSet.of(HANDLE), o -> new DevOp.Get(),
        v -> Printers.dev(dl.out, v, dl.stats));
  }


  private static int info(Dl dl, DlArgs a) throws DlError {
    if (a.match("help")) {
      dl.error(HELP);
      return 0;
    }
    return dl.show("info", a, new DevOp.InfoGet(), List::of, EnumSet.of(HANDLE), o -> new DevOp.InfoGet(),
        v -> Printers.info(dl.out, v));
  }


  private static int reload(Dl dl, DlArgs a) throws DlError {
    if (a.match("help") || a.noArg()) {
      dl.error(HELP);
      return 0;
    }
    Opts o = Opts.parse(a, EnumSet.of(HANDLE), EnumSet.of(NETNS, RELOAD_ACTION, RELOAD_LIMIT), dl);
    // the parser resolved the namespace (a name under /run/netns, else a pid)
    String netns = o.has(NETNS) ? o.netns : null;
    Reply<DevOp.ReloadPerformed> r = dl.call(o.dev, DevOp.Reload.of(o.reloadAction, o.reloadLimit, netns));
    if (r instanceof Reply.Ok<DevOp.ReloadPerformed> ok && ok.value().reported()) {
      DevOp.ReloadPerformed p = ok.value();
      dl.out.prOutSectionStart("reload");
      dl.out.setGNewLineCount(1);
      dl.out.prOutArrayStart("reload_actions_performed");
      for (DevOp.Action act : p.actions()) {
        dl.out.checkIndentNewline();
        dl.out.printString(Print.ANY, null, "%s", act.label);
      }
      dl.out.prOutArrayEnd();
      if (!dl.json) {
        dl.out.prOutNewline();
      }
      dl.out.prOutSectionEnd();
    }
    return r.isOk() ? 0 : 1;
  }

  private static int eswitch(Dl dl, DlArgs a) throws DlError {
    if (a.match("help") || a.noArg()) {
      dl.error(HELP);
      return 0;
    } else if (a.match("show")) {
      a.inc();
      Opts o = Opts.parse(a, EnumSet.of(HANDLE), EnumSet.noneOf(Opts.Opt.class), dl);
      dl.out.prOutSectionStart("dev");
      Reply<DevOp.EswitchSnapshot> r = dl.call(o.dev, new DevOp.EswitchGet());
      if (r instanceof Reply.Ok<DevOp.EswitchSnapshot> ok) {
        DevOp.EswitchSnapshot s = ok.value();
        dl.out.prOutHandleStart(s.handle().bus(), s.handle().name(), true, false);
        dl.out.checkIndentNewline();
        dl.out.printString(Print.ANY, "mode", "mode %s", s.mode().label);
        dl.out.prOutHandleEnd();
      }
      dl.out.prOutSectionEnd();
      return r.isOk() ? 0 : 1;
    } else if (a.match("set")) {
      a.inc();
      Opts o = Opts.parse(a, EnumSet.of(HANDLE), EnumSet.of(Opts.Opt.ESWITCH_MODE, Opts.Opt.ESWITCH_INLINE_MODE,
          Opts.Opt.ESWITCH_ENCAP_MODE), dl);
      // cmd_dev_eswitch_set: opts.present == DL_OPT_HANDLE alone
      if (o.present.equals(EnumSet.of(HANDLE))) {
        throw new DlError("Need to set at least one option\n");
      }
      Reply<?> r = dl.call(o.dev, DevOp.EswitchSet.of(o.eswitchMode, o.eswitchInlineMode, o.eswitchEncapMode));
      return r.isOk() ? 0 : 1;
    }
    throw new DlError("Command \"" + a.argv() + "\" not found\n");
  }

  private static int param(Dl dl, DlArgs a) throws DlError {
    if (a.match("help")) {
      dl.error(HELP);
      return 0;
    } else if (a.match("show") || a.match("list") || a.noArg()) {
      a.inc();
      return paramShow(dl, a);
    } else if (a.match("set")) {
      a.inc();
      return paramSet(dl, a);
    }
    throw new DlError("Command \"" + a.argv() + "\" not found\n");
  }

  private static int paramShow(Dl dl, DlArgs a) throws DlError {
    return dl.show("param", a, new ParamOp.Dump(), ParamOp.ParamList::params, EnumSet.of(HANDLE, PARAM_NAME),
        o -> new ParamOp.Get(o.paramName), v -> Printers.param(dl.out, v, true));
  }


  /**
   * cmd_dev_param_set: a PARAM_GET first (to learn the type and the supported cmodes), a
   * client-side parse of the value, nothing sent when the value is unchanged, then PARAM_SET.
   */
  private static int paramSet(Dl dl, DlArgs a) throws DlError {
    Opts o = Opts.parse(a, EnumSet.of(HANDLE, PARAM_NAME, PARAM_VALUE, PARAM_CMODE), EnumSet.noneOf(Opts.Opt.class),
        dl);
    Reply<Param> got = dl.call(o.dev, new ParamOp.Get(o.paramName));
    if (!(got instanceof Reply.Ok<Param> ok)) {
      return 1;
    }
    Param p = ok.value();
    if (!p.values().containsKey(o.cmode)) {
      throw new DlError("Configuration mode not supported\n");
    }
    ParamValue current = p.values().get(o.cmode);
    ParamValue value = paramValue(p.type(), o.paramValue);
    if (value == null) {
      throw new DlError("Value \"" + o.paramValue + "\" is not a number or not within range\n");
    }
    if (value.equals(current)) {
      return 0;
    }
    Reply<?> r = dl.call(o.dev, new ParamOp.Set(o.paramName, o.cmode, value));
    return r.isOk() ? 0 : 1;
  }

  /**
   * The value as cmd_dev_param_set parses it for the type the kernel reported: get_u8/u16/u32
   * (strtoul, base 10), strtobool for a flag, the string as is; null when the parse fails.
   */
  static ParamValue paramValue(Param.Type type, String text) {
    Object parsed = switch (type) {
      case BOOL -> Opts.strtobool(text);
      case STRING -> text;
      case U8 -> DlArgs.strtoul(text, 0xFFL);
      case U16 -> DlArgs.strtoul(text, 0xFFFFL);
      case U32 -> DlArgs.strtoul(text, 0xFFFF_FFFFL);
      default -> DlArgs.strtoul(text, -1L);
    };
    return parsed == null ? null : ParamValue.of(type, parsed);
  }

  private static int selftests(Dl dl, DlArgs a) throws DlError {
    if (a.match("help")) {
      dl.error(HELP);
      return 0;
    } else if (a.match("run")) {
      a.inc();
      Opts o = Opts.parse(a, EnumSet.of(HANDLE), EnumSet.of(Opts.Opt.SELFTESTS), dl);
      // netdevsim has no selftest ops: devlink_nl_cmd_selftests_run answers EOPNOTSUPP once
      // pre_doit found the instance
      Reply r = dl.callQuiet(o.dev, new DevOp.Get());
      dl.kernelError(r instanceof Reply.Err<?> e ? e : Reply.err(dev.fabric.devlink.model.Errno.EOPNOTSUPP));
      return 1;
    } else if (a.match("show") || a.match("list") || a.noArg()) {
      a.inc();
      if (!a.noArg()) {
        Opts o = Opts.parse(a, EnumSet.of(HANDLE), EnumSet.noneOf(Opts.Opt.class), dl);
        Reply r = dl.callQuiet(o.dev, new DevOp.Get());
        dl.kernelError(r instanceof Reply.Err<?> e ? e : Reply.err(dev.fabric.devlink.model.Errno.EOPNOTSUPP));
        return 1;
      }
      return 0;
    }
    throw new DlError("Command \"" + a.argv() + "\" not found\n");
  }
}
