package dev.fabric.cli.devlink;

import dev.fabric.cli.out.DlOut;
import dev.fabric.cli.out.Print;
import dev.fabric.devlink.model.DevSnapshot;
import dev.fabric.devlink.model.InfoSnapshot;
import dev.fabric.devlink.model.Param;
import dev.fabric.devlink.model.ParamValue;
import dev.fabric.devlink.model.PortState;
import java.util.Map;

/**
 * iproute2 devlink's object printers (pr_out_dev, pr_out_info, pr_out_port, pr_out_param...) over
 * the model's snapshots. The show commands and the monitor share them, as devlink.c does.
 */
public final class Printers {
  private Printers() {}

  /** pr_out_dev. */
  public static void dev(DlOut o, DevSnapshot d, boolean stats) {
    String bus = d.handle().bus();
    String name = d.handle().name();
    if (d.reloadFailed() || stats) {
      o.prOutHandleStart(bus, name, true, false);
      reloadData(o, d, stats);
      o.prOutHandleEnd();
    } else {
      o.prOutHandle(bus, name);
    }
  }

  /** pr_out_reload_data: reload_failed, then the stats objects when -s was given. */
  static void reloadData(DlOut o, DevSnapshot d, boolean stats) {
    if (d.reloadFailed()) {
      o.checkIndentNewline();
      o.printBool(Print.ANY, "reload_failed", "reload_failed %s", true);
    }
    if (!stats) {
      return;
    }
    o.prOutObjectStart("stats");
    o.prOutObjectStart("reload");
    actionStats(o, "driver_reinit", new String[] {"unspecified"}, new long[] {d.reloadDriverReinit()});
    o.prOutObjectEnd();
    o.prOutObjectStart("remote_reload");
    actionStats(o, "driver_reinit", new String[] {"unspecified"}, new long[] {d.remoteDriverReinit()});
    actionStats(o, "fw_activate", new String[] {"unspecified", "no_reset"},
        new long[] {d.remoteFwActivate(), d.remoteFwActivateNoReset()});
    o.prOutObjectEnd();
    o.prOutObjectEnd();
  }

  private static void actionStats(DlOut o, String action, String[] limits, long[] values) {
    o.prOutObjectStart(action);
    for (int i = 0; i < limits.length; i++) {
      o.checkIndentNewline();
      o.printUintNameValue(limits[i], values[i]);
    }
    o.prOutObjectEnd();
  }

  /** pr_out_info. */
  public static void info(DlOut o, InfoSnapshot in) {
    o.prOutHandleStart(in.handle().bus(), in.handle().name(), true, false);
    o.prOutIndentInc();
    if (in.driver() != null) {
      if (!o.jsonOutput()) {
        o.prOutNewline();
      }
      o.checkIndentNewline();
      o.printString(Print.ANY, "driver", "driver %s", in.driver());
    }
    if (in.serial() != null) {
      if (!o.jsonOutput()) {
        o.prOutNewline();
      }
      o.checkIndentNewline();
      o.printString(Print.ANY, "serial_number", "serial_number %s", in.serial());
    }
    o.prOutIndentDec();
    if (!in.fixed().isEmpty() || !in.running().isEmpty() || !in.stored().isEmpty()) {
      o.prOutObjectStart("versions");
      versions(o, "fixed", in.fixed());
      versions(o, "running", in.running());
      versions(o, "stored", in.stored());
      o.prOutObjectEnd();
    }
    o.prOutHandleEnd();
  }

  private static void versions(DlOut o, String name, Map<String, String> versions) {
    if (versions.isEmpty()) {
      return;
    }
    o.prOutObjectStart(name);
    for (Map.Entry<String, String> v : versions.entrySet()) {
      o.checkIndentNewline();
      o.printStringNameValue(v.getKey(), v.getValue());
      if (!o.jsonOutput()) {
        o.prOutNewline();
      }
    }
    o.prOutObjectEnd();
  }

  /** pr_out_port. */
  public static void port(DlOut o, PortState p) {
    o.prOutPortHandleStart(p.handle().dev().bus(), p.handle().dev().name(), p.index());
    o.checkIndentNewline();
    o.printString(Print.ANY, "type", "type %s", p.type().label);
    if (p.netdev() != null) {
      o.printString(Print.ANY, "netdev", " netdev %s", p.netdev());
    }
    o.printString(Print.ANY, "flavour", " flavour %s", p.flavour().label);
    if (p.flavour() == PortState.Flavour.PCI_PF || p.flavour() == PortState.Flavour.PCI_VF
        || p.flavour() == PortState.Flavour.PCI_SF) {
      if (p.controller() != null) {
        o.printUint(Print.ANY, "controller", " controller %u", p.controller());
      }
      if (p.pfnum() != null) {
        o.printUint(Print.ANY, "pfnum", " pfnum %u", p.pfnum());
      }
      if (p.vfnum() != null) {
        o.printUint(Print.ANY, "vfnum", " vfnum %u", p.vfnum());
      }
      if (p.external() != null) {
        o.printBool(Print.ANY, "external", " external %s", p.external());
      }
    } else if (p.flavour() == PortState.Flavour.PHYSICAL) {
      o.printUint(Print.ANY, "port", " port %u", p.number());
    }
    o.printBool(Print.ANY, "splittable", " splittable %s", p.splittable());
    o.prOutPortHandleEnd();
  }

  /** pr_out_param; {@code array} true for show (per-handle arrays), false for the monitor. */
  public static void param(DlOut o, Param p, boolean array) {
    if (array) {
      o.prOutHandleStartArr(p.dev().bus(), p.dev().name());
    } else {
      o.prOutHandleStart(p.dev().bus(), p.dev().name(), true, false);
    }
    o.checkIndentNewline();
    o.printString(Print.ANY, "name", "name %s ", p.name());
    o.printString(Print.ANY, "type", "type %s", p.generic() ? "generic" : "driver-specific");
    o.prOutArrayStart("values");
    for (Param.Cmode c : Param.Cmode.values()) {
      if (!p.values().containsKey(c)) {
        continue;
      }
      ParamValue v = p.values().get(c);
      o.prOutEntryStart();
      o.checkIndentNewline();
      o.printString(Print.ANY, "cmode", "cmode %s", c.label);
      if (v instanceof ParamValue.Bool b) {
        o.printBool(Print.ANY, "value", " value %s", b.value());
      } else if (v instanceof ParamValue.Str str) {
        o.printString(Print.ANY, "value", " value %s", str.value());
      } else {
        o.printUint(Print.ANY, "value", " value %u", v.number());
      }
      o.prOutEntryEnd();
    }
    o.prOutArrayEnd();
    o.prOutHandleEnd();
  }
}
