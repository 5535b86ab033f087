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
import dev.fabric.devlink.model.ParamOp;
import dev.fabric.devlink.model.Reply;
import java.util.EnumSet;

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
    return dl.show("dev", a, new DevOp.Get(), EnumSet.of(HANDLE), o -> new DevOp.Get(),
        v -> Printers.dev(dl.out, (DevSnapshot) v, dl.stats));
  }


  private static int info(Dl dl, DlArgs a) throws DlError {
    if (a.match("help")) {
      dl.error(HELP);
      return 0;
    }
    return dl.show("info", a, new DevOp.InfoGet(), EnumSet.of(HANDLE), o -> new DevOp.InfoGet(),
        v -> Printers.info(dl.out, (InfoSnapshot) v));
  }


  private static int reload(Dl dl, DlArgs a) throws DlError {
    if (a.match("help") || a.noArg()) {
      dl.error("Usage: devlink dev reload DEV [ netns { PID | NAME | ID } ]\n"
          + "                              [ action { driver_reinit | fw_activate } ] [ limit no_reset ]\n");
      return 0;
    }
    Opts o = Opts.parse(a, EnumSet.of(HANDLE), EnumSet.of(NETNS, RELOAD_ACTION, RELOAD_LIMIT), dl::resolveIfname);
    String netns = null;
    if (o.has(NETNS)) {
      // A number is a pid; otherwise a name that must exist (iproute2 opens /run/netns/NAME).
      if (DlArgs.u32(o.netns) != null) {
        netns = o.netns;
      } else if (dl.fabric.netnsListSync().contains(o.netns)) {
        netns = o.netns;
      } else {
        throw new DlError("\"" + o.netns + "\" is not a number or not within range\n");
      }
    }
    Reply r = dl.call(o.dev, new DevOp.Reload(o.reloadAction, o.reloadLimit, netns));
    if (r instanceof Reply.Ok ok && ok.value() instanceof DevOp.ReloadPerformed p) {
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
    if (a.match("help")) {
      dl.error(HELP);
      return 0;
    } else if (a.match("show")) {
      a.inc();
      Opts o = Opts.parse(a, EnumSet.of(HANDLE), EnumSet.noneOf(Opts.Opt.class), dl::resolveIfname);
      dl.out.prOutSectionStart("dev");
      Reply r = dl.call(o.dev, new DevOp.EswitchGet());
      if (r instanceof Reply.Ok ok) {
        DevOp.EswitchSnapshot s = (DevOp.EswitchSnapshot) ok.value();
        dl.out.prOutHandleStart(s.handle().bus(), s.handle().name(), true, false);
        dl.out.checkIndentNewline();
        dl.out.printString(Print.ANY, "mode", "mode %s", s.mode());
        dl.out.prOutHandleEnd();
      }
      dl.out.prOutSectionEnd();
      return r.isOk() ? 0 : 1;
    } else if (a.match("set")) {
      a.inc();
      Opts o = Opts.parse(a, EnumSet.of(HANDLE), EnumSet.of(Opts.Opt.ESWITCH_MODE, Opts.Opt.ESWITCH_INLINE_MODE,
          Opts.Opt.ESWITCH_ENCAP_MODE), dl::resolveIfname);
      if (!o.has(Opts.Opt.ESWITCH_MODE) && !o.has(Opts.Opt.ESWITCH_INLINE_MODE)
          && !o.has(Opts.Opt.ESWITCH_ENCAP_MODE)) {
        throw new DlError("At least one of \"mode\", \"inline-mode\" or \"encap-mode\" options is expected.\n");
      }
      Reply r = dl.call(o.dev, new DevOp.EswitchSet(o.eswitchMode, o.eswitchInlineMode, o.eswitchEncapMode));
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
    return dl.show("param", a, new ParamOp.Dump(), EnumSet.of(HANDLE, PARAM_NAME), o -> new ParamOp.Get(o.paramName),
        v -> Printers.param(dl.out, (Param) v, true));
  }


  /**
   * cmd_dev_param_set: a PARAM_GET first (to learn the type and the supported cmodes), a
   * client-side parse of the value, nothing sent when the value is unchanged, then PARAM_SET.
   */
  private static int paramSet(Dl dl, DlArgs a) throws DlError {
    Opts o = Opts.parse(a, EnumSet.of(HANDLE, PARAM_NAME, PARAM_VALUE, PARAM_CMODE), EnumSet.noneOf(Opts.Opt.class),
        dl::resolveIfname);
    Reply got = dl.call(o.dev, new ParamOp.Get(o.paramName));
    if (!(got instanceof Reply.Ok ok)) {
      return 1;
    }
    Param p = (Param) ok.value();
    if (!p.values().containsKey(o.cmode)) {
      throw new DlError("Configuration mode not supported\n");
    }
    Object current = p.values().get(o.cmode);
    Object value;
    switch (p.type()) {
      case BOOL -> {
        value = switch (o.paramValue) {
          case "true", "1" -> Boolean.TRUE;
          case "false", "0" -> Boolean.FALSE;
          default -> null;
        };
      }
      case STRING -> value = o.paramValue;
      default -> {
        Long n = DlArgs.u64(o.paramValue);
        long max = switch (p.type()) {
          case U8 -> 0xFFL;
          case U16 -> 0xFFFFL;
          case U32 -> 0xFFFF_FFFFL;
          default -> -1L;
        };
        value = n != null && (max == -1L || Long.compareUnsigned(n, max) <= 0) ? n : null;
      }
    }
    if (value == null) {
      throw new DlError("Value \"" + o.paramValue + "\" is not a number or not within range\n");
    }
    if (value.equals(current)) {
      return 0;
    }
    Reply r = dl.call(o.dev, new ParamOp.Set(o.paramName, o.cmode, value));
    return r.isOk() ? 0 : 1;
  }

  private static int selftests(Dl dl, DlArgs a) throws DlError {
    if (a.match("show") || a.match("list") || a.noArg()) {
      a.inc();
      if (!a.noArg()) {
        Opts o = Opts.parse(a, EnumSet.of(HANDLE), EnumSet.noneOf(Opts.Opt.class), dl::resolveIfname);
        Reply r = dl.callQuiet(o.dev, new DevOp.Get());
        dl.kernelError(r instanceof Reply.Err e ? e : (Reply.Err) Reply.err(dev.fabric.devlink.model.Errno.EOPNOTSUPP));
        return 1;
      }
      return 0;
    }
    throw new DlError("Command \"" + a.argv() + "\" not found\n");
  }
}
