package dev.fabric.cli.devlink;

import static dev.fabric.cli.devlink.Opts.Opt.HANDLEP;

import dev.fabric.devlink.model.PortOp;
import dev.fabric.devlink.model.PortState;
import java.util.EnumSet;

/** `devlink port ...`: show, set, split, unsplit, function set, function rate (cmd_port). */
final class PortCommands {
  private PortCommands() {}

  static final String HELP = """
      Usage: devlink port show [ DEV/PORT_INDEX ]
             devlink port set DEV/PORT_INDEX [ type { eth | ib | auto} ]
             devlink port split DEV/PORT_INDEX count COUNT
             devlink port unsplit DEV/PORT_INDEX
             devlink port function set DEV/PORT_INDEX [ hw_addr ADDR ] [ state { active | inactive } ]
             devlink port function rate { help | show | add | del | set }
             devlink port param set DEV/PORT_INDEX name PARAMETER value VALUE cmode { permanent | driverinit | runtime }
             devlink port param show [DEV/PORT_INDEX name PARAMETER]
             devlink port health show [ DEV/PORT_INDEX reporter REPORTER_NAME ]
             devlink port add DEV/PORT_INDEX flavour FLAVOUR pfnum PFNUM
                            [ sfnum SFNUM ][ controller CNUM ]
             devlink port del DEV/PORT_INDEX
      """;

  static final String FUNCTION_HELP = """
      Usage: devlink port function set DEV/PORT_INDEX [ hw_addr ADDR ] [ state STATE ]
             devlink port function rate { help | show | add | del | set }
      """;

  static final String ADD_HELP = """
             devlink port add DEV/PORT_INDEX flavour FLAVOUR pfnum PFNUM
                            [ sfnum SFNUM ][ controller CNUM ]
      """;

  static final String DEL_HELP = "       devlink port del DEV/PORT_INDEX\n";

  static int run(Dl dl, DlArgs a) throws DlError {
    if (a.match("help")) {
      dl.error(HELP);
      return 0;
    } else if (a.match("show") || a.match("list") || a.noArg()) {
      a.inc();
      return show(dl, a);
    } else if (a.match("set")) {
      a.inc();
      Opts o = Opts.parse(a, EnumSet.of(HANDLEP, Opts.Opt.PORT_TYPE), EnumSet.noneOf(Opts.Opt.class), dl);
      return dl.call(o.dev, new PortOp.SetType(o.portIndex, o.portType)).isOk() ? 0 : 1;
    } else if (a.match("split")) {
      a.inc();
      Opts o = Opts.parse(a, EnumSet.of(HANDLEP, Opts.Opt.PORT_COUNT), EnumSet.noneOf(Opts.Opt.class), dl);
      return dl.call(o.dev, new PortOp.Split(o.portIndex, o.portCount.intValue())).isOk() ? 0 : 1;
    } else if (a.match("unsplit")) {
      a.inc();
      Opts o = Opts.parse(a, EnumSet.of(HANDLEP), EnumSet.noneOf(Opts.Opt.class), dl);
      return dl.call(o.dev, new PortOp.Unsplit(o.portIndex)).isOk() ? 0 : 1;
    } else if (a.match("function")) {
      a.inc();
      return function(dl, a);
    } else if (a.match("param")) {
      a.inc();
      return param(dl, a);
    } else if (a.match("health")) {
      a.inc();
      return HealthCommands.runPort(dl, a);
    } else if (a.match("add")) {
      a.inc();
      if (a.match("help") || a.noArg()) {
        dl.error(ADD_HELP);
        return 0;
      }
      Opts o = Opts.parse(a, EnumSet.of(Opts.Opt.HANDLE, HANDLEP, Opts.Opt.PORT_FLAVOUR, Opts.Opt.PORT_PFNUMBER),
          EnumSet.of(Opts.Opt.PORT_SFNUMBER, Opts.Opt.PORT_CONTROLLER), dl);
      // netdevsim has no port_new op (devlink_nl_cmd_port_new_doit)
      return dl.unsupported(o.dev, null, dev.fabric.devlink.model.Errno.EOPNOTSUPP, null);
    } else if (a.match("del")) {
      a.inc();
      if (a.match("help") || a.noArg()) {
        dl.error(DEL_HELP);
        return 0;
      }
      Opts o = Opts.parse(a, EnumSet.of(HANDLEP), EnumSet.noneOf(Opts.Opt.class), dl);
      // PORT_DEL has no NEED_PORT flag: only the instance is looked up, then no port_del op
      return dl.unsupported(o.dev, null, dev.fabric.devlink.model.Errno.EOPNOTSUPP, null);
    }
    throw new DlError("Command \"" + a.argv() + "\" not found\n");
  }

  private static int show(Dl dl, DlArgs a) throws DlError {
    return dl.show("port", a, new PortOp.Dump(), PortOp.PortList::ports, EnumSet.of(HANDLEP),
        o -> new PortOp.Get(o.portIndex), v -> Printers.port(dl.out, v));
  }


  /** cmd_port_param: netdevsim 6.1 has no port params; the kernel says so for any port. */
  private static int param(Dl dl, DlArgs a) throws DlError {
    if (a.match("help")) {
      dl.error(HELP);
      return 0;
    } else if (a.match("show") || a.match("list") || a.noArg()) {
      a.inc();
      if (a.noArg()) {
        // devlink_nl_cmd_port_param_get_dumpit sets only an extack and ends the dump: no output
        return 0;
      }
      Opts o = Opts.parse(a, EnumSet.of(HANDLEP, Opts.Opt.PARAM_NAME), EnumSet.noneOf(Opts.Opt.class), dl);
      return dl.unsupported(o.dev, o.portIndex, dev.fabric.devlink.model.Errno.EINVAL,
          "leftover: Port params are not supported.");
    } else if (a.match("set")) {
      a.inc();
      Opts o = Opts.parse(a, EnumSet.of(HANDLEP, Opts.Opt.PARAM_NAME, Opts.Opt.PARAM_VALUE, Opts.Opt.PARAM_CMODE),
          EnumSet.noneOf(Opts.Opt.class), dl);
      // cmd_port_param_set asks PORT_PARAM_GET first, which the kernel refuses
      return dl.unsupported(o.dev, o.portIndex, dev.fabric.devlink.model.Errno.EINVAL,
          "leftover: Port params are not supported.");
    }
    throw new DlError("Command \"" + a.argv() + "\" not found\n");
  }

  private static int function(Dl dl, DlArgs a) throws DlError {
    if (a.match("help") || a.noArg()) {
      dl.error(FUNCTION_HELP);
      return 0;
    } else if (a.match("set")) {
      a.inc();
      if (a.noArg()) {
        dl.error(FUNCTION_HELP);
        return 0;
      }
      Opts o = Opts.parse(a, EnumSet.of(HANDLEP),
          EnumSet.of(Opts.Opt.PORT_FUNCTION_HW_ADDR, Opts.Opt.PORT_FUNCTION_STATE), dl);
      if (o.hwAddr == null && o.functionState == null) {
        // no PORT_FUNCTION nest is sent: devlink_nl_cmd_port_set_doit has nothing to do
        return dl.call(o.dev, new PortOp.Get(o.portIndex)).isOk() ? 0 : 1;
      }
      return dl.call(o.dev, PortOp.FunctionSet.of(o.portIndex, o.hwAddr, o.functionState)).isOk() ? 0 : 1;
    } else if (a.match("rate")) {
      a.inc();
      return RateCommands.run(dl, a);
    }
    throw new DlError("Command \"" + a.argv() + "\" not found\n");
  }
}
