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
             devlink port add DEV/PORT_INDEX flavour FLAVOUR pfnum PFNUM [ sfnum SFNUM ] [ controller CNUM ]
             devlink port del DEV/PORT_INDEX
      """;

  static int run(Dl dl, DlArgs a) throws DlError {
    if (a.match("help")) {
      dl.error(HELP);
      return 0;
    } else if (a.match("show") || a.match("list") || a.noArg()) {
      a.inc();
      return show(dl, a);
    } else if (a.match("set")) {
      a.inc();
      Opts o = Opts.parse(a, EnumSet.of(HANDLEP, Opts.Opt.PORT_TYPE), EnumSet.noneOf(Opts.Opt.class), dl::resolveIfname);
      return dl.call(o.dev, new PortOp.SetType(o.portIndex, o.portType)).isOk() ? 0 : 1;
    } else if (a.match("split")) {
      a.inc();
      Opts o = Opts.parse(a, EnumSet.of(HANDLEP, Opts.Opt.PORT_COUNT), EnumSet.noneOf(Opts.Opt.class), dl::resolveIfname);
      return dl.call(o.dev, new PortOp.Split(o.portIndex, o.portCount.intValue())).isOk() ? 0 : 1;
    } else if (a.match("unsplit")) {
      a.inc();
      Opts o = Opts.parse(a, EnumSet.of(HANDLEP), EnumSet.noneOf(Opts.Opt.class), dl::resolveIfname);
      return dl.call(o.dev, new PortOp.Unsplit(o.portIndex)).isOk() ? 0 : 1;
    } else if (a.match("function")) {
      a.inc();
      return function(dl, a);
    } else if (a.match("health")) {
      a.inc();
      return HealthCommands.runPort(dl, a);
    }
    throw new DlError("Command \"" + a.argv() + "\" not found\n");
  }

  private static int show(Dl dl, DlArgs a) throws DlError {
    return dl.show("port", a, new PortOp.Dump(), EnumSet.of(HANDLEP), o -> new PortOp.Get(o.portIndex),
        v -> Printers.port(dl.out, (PortState) v));
  }


  private static int function(Dl dl, DlArgs a) throws DlError {
    if (a.match("help")) {
      dl.error(HELP);
      return 0;
    } else if (a.match("set")) {
      a.inc();
      Opts o = Opts.parse(a, EnumSet.of(HANDLEP),
          EnumSet.of(Opts.Opt.PORT_FUNCTION_HW_ADDR, Opts.Opt.PORT_FUNCTION_STATE), dl::resolveIfname);
      if (o.hwAddr == null && o.functionState == null) {
        throw new DlError("Port function's hardware address is expected.\n");
      }
      return dl.call(o.dev, new PortOp.FunctionSet(o.portIndex, o.hwAddr, o.functionState)).isOk() ? 0 : 1;
    } else if (a.match("rate")) {
      a.inc();
      return RateCommands.run(dl, a);
    }
    throw new DlError("Command \"" + a.argv() + "\" not found\n");
  }
}
