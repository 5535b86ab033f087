package dev.fabric.cli.out;

import java.util.List;

/**
 * Test-only: the printing sequences of iproute2 6.1 devlink commands, driven on a DlOut with
 * plain data instead of netlink messages. Each method names the devlink.c function it mirrors.
 */
final class DevlinkSim {

  private DevlinkSim() {
  }

  record Handle(String bus, String dev) {
    static Handle nsim(int id) {
      return new Handle("netdevsim", "netdevsim" + id);
    }
  }

  /** One reload action's stats: limit names and values, in kernel order. */
  record ActionStats(String action, List<String> limits, List<Long> values) {
  }

  record DevStats(List<ActionStats> reload, List<ActionStats> remoteReload) {
    static DevStats nsim(long reloads) {
      return new DevStats(
          List.of(new ActionStats("driver_reinit", List.of("unspecified"), List.of(reloads))),
          List.of(new ActionStats("driver_reinit", List.of("unspecified"), List.of(0L)),
              new ActionStats("fw_activate", List.of("unspecified", "no_reset"),
                  List.of(0L, 0L))));
    }
  }

  record Dev(Handle h, boolean reloadFailed, DevStats stats) {
  }

  /** pr_out_action_stats + pr_out_reload_stats. */
  static void prOutReloadStats(DlOut o, List<ActionStats> list) {
    for (ActionStats a : list) {
      o.prOutObjectStart(a.action());
      for (int i = 0; i < a.limits().size(); i++) {
        o.checkIndentNewline();
        o.printUintNameValue(a.limits().get(i), a.values().get(i));
      }
      o.prOutObjectEnd();
    }
  }

  /** pr_out_reload_data. */
  static void prOutReloadData(DlOut o, Dev d, boolean statsOpt) {
    if (d.reloadFailed()) {
      o.checkIndentNewline();
      o.printBool(Print.ANY, "reload_failed", "reload_failed %s", true);
    }
    if (d.stats() == null || !statsOpt) {
      return;
    }
    o.prOutObjectStart("stats");
    o.prOutObjectStart("reload");
    prOutReloadStats(o, d.stats().reload());
    o.prOutObjectEnd();
    o.prOutObjectStart("remote_reload");
    prOutReloadStats(o, d.stats().remoteReload());
    o.prOutObjectEnd();
    o.prOutObjectEnd();
  }

  /** cmd_dev_show + pr_out_dev. */
  static void cmdDevShow(DlOut o, List<Dev> devs, boolean statsOpt) {
    o.prOutSectionStart("dev");
    for (Dev d : devs) {
      if (d.reloadFailed() || (d.stats() != null && statsOpt)) {
        o.prOutHandleStart(d.h().bus(), d.h().dev(), true, false);
        prOutReloadData(o, d, statsOpt);
        o.prOutHandleEnd();
      } else {
        o.prOutHandle(d.h().bus(), d.h().dev());
      }
    }
    o.prOutSectionEnd();
  }

  record Version(String name, String value) {
  }

  record Info(Handle h, String driver, List<Version> running, List<Version> stored) {
  }

  /** pr_out_versions_single. */
  static void prOutVersionsSingle(DlOut o, String name, List<Version> versions) {
    for (Version v : versions) {
      if (name != null) {
        o.prOutObjectStart(name);
        name = null;
      }
      o.checkIndentNewline();
      o.printStringNameValue(v.name(), v.value());
      if (!o.jsonOutput()) {
        o.prOutNewline();
      }
    }
    if (name == null) {
      o.prOutObjectEnd();
    }
  }

  /** cmd_dev_info + pr_out_info. */
  static void cmdDevInfo(DlOut o, List<Info> infos) {
    o.prOutSectionStart("info");
    for (Info in : infos) {
      o.prOutHandleStart(in.h().bus(), in.h().dev(), true, false);
      o.prOutIndentInc();
      if (in.driver() != null) {
        if (!o.jsonOutput()) {
          o.prOutNewline();
        }
        o.checkIndentNewline();
        o.printString(Print.ANY, "driver", "driver %s", in.driver());
      }
      o.prOutIndentDec();
      o.prOutObjectStart("versions");
      prOutVersionsSingle(o, "fixed", List.of());
      prOutVersionsSingle(o, "running", in.running());
      prOutVersionsSingle(o, "stored", in.stored());
      o.prOutObjectEnd();
      o.prOutHandleEnd();
    }
    o.prOutSectionEnd();
  }

  record Port(Handle h, long index, String type, String netdev, String flavour, long number,
        boolean splittable) {
  }

  /** cmd_port_show + pr_out_port. */
  static void cmdPortShow(DlOut o, List<Port> ports) {
    o.prOutSectionStart("port");
    for (Port p : ports) {
      o.prOutPortHandleStart(p.h().bus(), p.h().dev(), p.index());
      o.checkIndentNewline();
      o.printString(Print.ANY, "type", "type %s", p.type());
      if (p.netdev() != null) {
        o.printString(Print.ANY, "netdev", " netdev %s", p.netdev());
      }
      o.printString(Print.ANY, "flavour", " flavour %s", p.flavour());
      o.printUint(Print.ANY, "port", " port %u", p.number());
      o.printBool(Print.ANY, "splittable", " splittable %s", p.splittable());
      o.prOutPortHandleEnd();
    }
    o.prOutSectionEnd();
  }

  /** One param value: cmode + (Long or Boolean) value. */
  record ParamValue(String cmode, Object value) {
  }

  record Param(Handle h, String name, boolean generic, List<ParamValue> values) {
  }

  /** cmd_dev_param_show + pr_out_param (array=true) + pr_out_param_value. */
  static void cmdDevParamShow(DlOut o, List<Param> params) {
    o.prOutSectionStart("param");
    for (Param p : params) {
      o.prOutHandleStartArr(p.h().bus(), p.h().dev());
      o.checkIndentNewline();
      o.printString(Print.ANY, "name", "name %s ", p.name());
      o.printString(Print.ANY, "type", "type %s", p.generic() ? "generic" : "driver-specific");
      o.prOutArrayStart("values");
      for (ParamValue v : p.values()) {
        o.prOutEntryStart();
        o.checkIndentNewline();
        o.printString(Print.ANY, "cmode", "cmode %s", v.cmode());
        if (v.value() instanceof Boolean b) {
          o.printBool(Print.ANY, "value", " value %s", b);
        } else {
          o.printUint(Print.ANY, "value", " value %u", (Long) v.value());
        }
        o.prOutEntryEnd();
      }
      o.prOutArrayEnd();
      o.prOutHandleEnd();
    }
    o.prOutSectionEnd();
  }

  /** cmd_dev_reload_cb + pr_out_reload_actions_performed. */
  static void reloadActionsPerformed(DlOut o, List<String> actions) {
    o.prOutSectionStart("reload");
    o.setGNewLineCount(1);
    o.prOutArrayStart("reload_actions_performed");
    for (String a : actions) {
      o.checkIndentNewline();
      o.printString(Print.ANY, null, "%s", a);
    }
    o.prOutArrayEnd();
    if (!o.jsonOutput()) {
      o.prOutNewline();
    }
    o.prOutSectionEnd();
  }

  record Reporter(Handle h, String name, String state, long error, long recover,
          String dumpDate, String dumpTime, Long gracePeriod, Boolean autoRecover,
          Boolean autoDump) {
  }

  /** pr_out_health (device reporters, array=true). */
  static void prOutHealth(DlOut o, Reporter r) {
    o.prOutHandleStartArr(r.h().bus(), r.h().dev());
    o.checkIndentNewline();
    o.printString(Print.ANY, "reporter", "reporter %s", r.name());
    if (!o.jsonOutput()) {
      o.prOutNewline();
      o.prOutIndentInc();
    }
    o.checkIndentNewline();
    o.printString(Print.ANY, "state", "state %s", r.state());
    o.printU64(Print.ANY, "error", " error %lu", r.error());
    o.printU64(Print.ANY, "recover", " recover %lu", r.recover());
    if (r.dumpDate() != null) {
      o.checkIndentNewline();
      o.printString(Print.ANY, "last_dump_date", "last_dump_date %s", r.dumpDate());
      o.printString(Print.ANY, "last_dump_time", " last_dump_time %s", r.dumpTime());
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

  static void cmdHealthShow(DlOut o, List<Reporter> reporters) {
    o.prOutSectionStart("health");
    for (Reporter r : reporters) {
      prOutHealth(o, r);
    }
    o.prOutSectionEnd();
  }

  record Resource(String name, long size, long sizeNew, Long occ, String unit, long sizeMin,
          long sizeMax, long sizeGran, boolean sizeValid, List<Resource> children) {
  }

  /** resource_show. */
  static void resourceShow(DlOut o, Resource r, boolean pendingChange) {
    o.checkIndentNewline();
    o.printString(Print.ANY, "name", "name %s", r.name());
    o.prOutU64("size", r.size());
    if (r.size() != r.sizeNew()) {
      o.prOutU64("size_new", r.sizeNew());
    }
    if (r.occ() != null) {
      o.printUint(Print.ANY, "occ", " occ %u", r.occ());
    }
    o.printString(Print.ANY, "unit", " unit %s", r.unit());
    if (r.sizeMin() != r.sizeMax()) {
      o.printUint(Print.ANY, "size_min", " size_min %u", r.sizeMin());
      o.prOutU64("size_max", r.sizeMax());
      o.printUint(Print.ANY, "size_gran", " size_gran %u", r.sizeGran());
    }
    o.printString(Print.ANY, "dpipe_tables", " dpipe_tables %s", "none");
    if (r.children().isEmpty()) {
      return;
    }
    if (pendingChange) {
      o.printString(Print.ANY, "size_valid", " size_valid %s", r.sizeValid() ? "true" : "false");
    }
    o.prOutArrayStart("resources");
    for (Resource c : r.children()) {
      o.prOutEntryStart();
      resourceShow(o, c, pendingChange);
      o.prOutEntryEnd();
    }
    o.prOutArrayEnd();
  }

  /** cmd_resource_show + resources_show. */
  static void cmdResourceShow(DlOut o, Handle h, List<Resource> top, boolean pendingChange) {
    o.prOutSectionStart("resources");
    for (Resource r : top) {
      o.prOutHandleStartArr(h.bus(), h.dev());
      resourceShow(o, r, pendingChange);
      o.prOutHandleEnd();
    }
    o.prOutSectionEnd();
  }

  record Region(Handle h, String name, Long size, List<Long> snapshots, Long snapshotId, Long max) {
  }

  /** pr_out_region. */
  static void prOutRegion(DlOut o, Region r) {
    o.prOutRegionHandleStart(r.h().bus(), r.h().dev(), r.name());
    if (r.size() != null) {
      o.prOutU64("size", r.size());
    }
    if (r.snapshots() != null) {
      o.prOutRegionSnapshotsStart(true);
      for (int i = 0; i < r.snapshots().size(); i++) {
        o.prOutRegionSnapshotsId(r.snapshots().get(i), i);
      }
      o.prOutRegionSnapshotsEnd(true);
    }
    if (r.snapshotId() != null) {
      o.prOutRegionSnapshotsStart(false);
      o.prOutRegionSnapshotsId(r.snapshotId(), 0);
      o.prOutRegionSnapshotsEnd(false);
    }
    if (r.max() != null) {
      o.prOutU64("max", r.max());
    }
    o.prOutRegionHandleEnd();
  }

  static void cmdRegionShow(DlOut o, List<Region> regions) {
    o.prOutSectionStart("regions");
    for (Region r : regions) {
      prOutRegion(o, r);
    }
    o.prOutSectionEnd();
  }

  /** pr_out_mon_header. */
  static void monHeader(DlOut o, String obj, String cmd) {
    if (!o.isJsonContext()) {
      o.prOut("[%s,%s] ", obj, cmd);
    } else {
      o.openJsonObject(null);
      o.printString(Print.JSON, "command", null, cmd);
      o.openJsonObject(obj);
    }
  }

  /** pr_out_mon_footer. */
  static void monFooter(DlOut o) {
    if (o.isJsonContext()) {
      o.closeJsonObject();
      o.closeJsonObject();
    }
  }
}
