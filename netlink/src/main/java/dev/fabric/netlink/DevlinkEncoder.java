package dev.fabric.netlink;

import static dev.fabric.netlink.DevlinkUapi.*;

import dev.fabric.devlink.model.DevHandle;
import dev.fabric.devlink.model.DevOp;
import dev.fabric.devlink.model.DevSnapshot;
import dev.fabric.devlink.model.InfoSnapshot;
import dev.fabric.devlink.model.Param;
import dev.fabric.devlink.model.ParamValue;
import dev.fabric.devlink.model.PortState;
import dev.fabric.devlink.model.FlashStatus;
import dev.fabric.devlink.model.Fmsg;
import dev.fabric.devlink.model.HealthReporterSnapshot;
import dev.fabric.devlink.model.RateSnapshot;
import dev.fabric.devlink.model.RegionEvent;
import dev.fabric.devlink.model.RegionSnapshot;
import dev.fabric.devlink.model.ResourceSnapshot;
import dev.fabric.devlink.model.TrapGroupSnapshot;
import dev.fabric.devlink.model.TrapPolicerSnapshot;
import dev.fabric.devlink.model.TrapSnapshot;
import java.util.List;
import java.util.Map;

/**
 * The attributes of devlink's reply and notification messages, in the order the 6.1 fill
 * functions of net/devlink/leftover.c put them (devlink_nl_fill, devlink_nl_port_fill, ...).
 */
final class DevlinkEncoder {
  private DevlinkEncoder() {}

  static void handle(NlWriter w, DevHandle h) {
    w.string(DEVLINK_ATTR_BUS_NAME, h.bus());
    w.string(DEVLINK_ATTR_DEV_NAME, h.name());
  }

  private static void statsEntry(NlWriter w, int limit, long value) {
    w.nest(DEVLINK_ATTR_RELOAD_STATS_ENTRY);
    w.u8(DEVLINK_ATTR_RELOAD_STATS_LIMIT, limit);
    w.u32(DEVLINK_ATTR_RELOAD_STATS_VALUE, value);
    w.endNest();
  }

  private static void actionInfo(NlWriter w, int action, long[][] limitValues) {
    w.nest(DEVLINK_ATTR_RELOAD_ACTION_INFO);
    w.u8(DEVLINK_ATTR_RELOAD_ACTION, action);
    w.nest(DEVLINK_ATTR_RELOAD_ACTION_STATS);
    for (long[] lv : limitValues) {
      statsEntry(w, (int) lv[0], lv[1]);
    }
    w.endNest();
    w.endNest();
  }

  /** devlink_nl_fill: handle, reload_failed, then the reload statistics (devlink_reload_stats_put). */
  static void dev(NlWriter w, DevSnapshot d) {
    handle(w, d.handle());
    w.u8(DEVLINK_ATTR_RELOAD_FAILED, d.reloadFailed() ? 1 : 0);
    w.nest(DEVLINK_ATTR_DEV_STATS);
    w.nest(DEVLINK_ATTR_RELOAD_STATS);
    // netdevsim's local statistics: the actions it supports with the limits it supports (unspec only).
    actionInfo(w, DEVLINK_RELOAD_ACTION_DRIVER_REINIT, new long[][] {{DEVLINK_RELOAD_LIMIT_UNSPEC, d.reloadDriverReinit()}});
    w.endNest();
    w.nest(DEVLINK_ATTR_REMOTE_RELOAD_STATS);
    // Remote statistics list every valid action/limit pair (devlink_reload_combination_is_invalid).
    actionInfo(w, DEVLINK_RELOAD_ACTION_DRIVER_REINIT, new long[][] {{DEVLINK_RELOAD_LIMIT_UNSPEC, d.remoteDriverReinit()}});
    actionInfo(w, DEVLINK_RELOAD_ACTION_FW_ACTIVATE, new long[][] {
        {DEVLINK_RELOAD_LIMIT_UNSPEC, d.remoteFwActivate()}, {DEVLINK_RELOAD_LIMIT_NO_RESET, d.remoteFwActivateNoReset()}});
    w.endNest();
    w.endNest();
  }

  /**
   * The netdev's ifindex: the emulator keeps no ifindex, so it is derived from the name (lo is 1,
   * ethN is N + 2, as on the reference guest where the netdevsim netdevs were the only others).
   */
  static int ifindex(String netdev) {
    if (netdev != null && netdev.startsWith("eth")) {
      try {
        return Integer.parseInt(netdev.substring(3)) + 2;
      } catch (NumberFormatException e) {
        return 0;
      }
    }
    return 0;
  }

  static int portType(PortState.Type t) {
    return switch (t) {
      case NOTSET -> DEVLINK_PORT_TYPE_NOTSET;
      case AUTO -> DEVLINK_PORT_TYPE_AUTO;
      case ETH -> DEVLINK_PORT_TYPE_ETH;
      case IB -> DEVLINK_PORT_TYPE_IB;
    };
  }

  static int flavour(PortState.Flavour f) {
    return switch (f) {
      case PHYSICAL -> DEVLINK_PORT_FLAVOUR_PHYSICAL;
      case CPU -> DEVLINK_PORT_FLAVOUR_CPU;
      case DSA -> DEVLINK_PORT_FLAVOUR_DSA;
      case PCI_PF -> DEVLINK_PORT_FLAVOUR_PCI_PF;
      case PCI_VF -> DEVLINK_PORT_FLAVOUR_PCI_VF;
      case VIRTUAL -> DEVLINK_PORT_FLAVOUR_VIRTUAL;
      case UNUSED -> DEVLINK_PORT_FLAVOUR_UNUSED;
      case PCI_SF -> DEVLINK_PORT_FLAVOUR_PCI_SF;
    };
  }

  /** devlink_nl_port_fill + devlink_nl_port_attrs_put (netdevsim sets no desired type or linecard). */
  static void port(NlWriter w, PortState p, String hwAddr) {
    handle(w, p.handle().dev());
    w.u32(DEVLINK_ATTR_PORT_INDEX, p.index());
    w.u16(DEVLINK_ATTR_PORT_TYPE, portType(p.type()));
    if (p.type() == PortState.Type.ETH && p.netdev() != null) {
      w.u32(DEVLINK_ATTR_PORT_NETDEV_IFINDEX, ifindex(p.netdev()));
      w.string(DEVLINK_ATTR_PORT_NETDEV_NAME, p.netdev());
    }
    w.u8(DEVLINK_ATTR_PORT_SPLITTABLE, p.splittable() ? 1 : 0);
    w.u16(DEVLINK_ATTR_PORT_FLAVOUR, flavour(p.flavour()));
    switch (p.flavour()) {
      case PCI_PF -> {
        w.u32(DEVLINK_ATTR_PORT_CONTROLLER_NUMBER, p.controller() == null ? 0 : p.controller());
        w.u16(DEVLINK_ATTR_PORT_PCI_PF_NUMBER, p.pfnum() == null ? 0 : p.pfnum());
        w.u8(DEVLINK_ATTR_PORT_EXTERNAL, Boolean.TRUE.equals(p.external()) ? 1 : 0);
      }
      case PCI_VF -> {
        w.u32(DEVLINK_ATTR_PORT_CONTROLLER_NUMBER, p.controller() == null ? 0 : p.controller());
        w.u16(DEVLINK_ATTR_PORT_PCI_PF_NUMBER, p.pfnum() == null ? 0 : p.pfnum());
        w.u16(DEVLINK_ATTR_PORT_PCI_VF_NUMBER, p.vfnum() == null ? 0 : p.vfnum());
        w.u8(DEVLINK_ATTR_PORT_EXTERNAL, Boolean.TRUE.equals(p.external()) ? 1 : 0);
      }
      case PHYSICAL, CPU, DSA -> w.u32(DEVLINK_ATTR_PORT_NUMBER, p.number());
      default -> { }
    }
  }

  static int paramType(Param.Type t) {
    return switch (t) {
      case U8 -> 1;
      case U16 -> 2;
      case U32 -> 3;
      case U64 -> 4;
      case STRING -> 5;
      case BOOL -> 6;
    };
  }

  static int cmode(Param.Cmode c) {
    return switch (c) {
      case RUNTIME -> DEVLINK_PARAM_CMODE_RUNTIME;
      case DRIVERINIT -> DEVLINK_PARAM_CMODE_DRIVERINIT;
      case PERMANENT -> DEVLINK_PARAM_CMODE_PERMANENT;
    };
  }

  /** devlink_nl_param_fill + devlink_nl_param_value_fill_one (the type names NLA_* numbers). */
  static void param(NlWriter w, Param p) {
    handle(w, p.dev());
    w.nestNoFlag(DEVLINK_ATTR_PARAM);
    w.string(DEVLINK_ATTR_PARAM_NAME, p.name());
    if (p.generic()) {
      w.flag(DEVLINK_ATTR_PARAM_GENERIC);
    }
    w.u8(DEVLINK_ATTR_PARAM_TYPE, paramType(p.type()));
    w.nestNoFlag(DEVLINK_ATTR_PARAM_VALUES_LIST);
    for (Map.Entry<Param.Cmode, ParamValue> e : p.values().entrySet()) {
      w.nestNoFlag(DEVLINK_ATTR_PARAM_VALUE);
      w.u8(DEVLINK_ATTR_PARAM_VALUE_CMODE, cmode(e.getKey()));
      ParamValue v = e.getValue();
      switch (p.type()) {
        case U8 -> w.u8(DEVLINK_ATTR_PARAM_VALUE_DATA, (int) v.number());
        case U16 -> w.u16(DEVLINK_ATTR_PARAM_VALUE_DATA, (int) v.number());
        case U32 -> w.u32(DEVLINK_ATTR_PARAM_VALUE_DATA, v.number());
        case U64 -> w.u64(DEVLINK_ATTR_PARAM_VALUE_DATA, v.number(), DEVLINK_ATTR_PAD);
        case STRING -> w.string(DEVLINK_ATTR_PARAM_VALUE_DATA, ((ParamValue.Str) v).value());
        case BOOL -> {
          if (v instanceof ParamValue.Bool b && b.value()) {
            w.flag(DEVLINK_ATTR_PARAM_VALUE_DATA);
          }
        }
      }
      w.endNest();
    }
    w.endNest();
    w.endNest();
  }

  private static void versions(NlWriter w, int attr, Map<String, String> m) {
    for (Map.Entry<String, String> e : m.entrySet()) {
      w.nestNoFlag(attr);
      w.string(DEVLINK_ATTR_INFO_VERSION_NAME, e.getKey());
      w.string(DEVLINK_ATTR_INFO_VERSION_VALUE, e.getValue());
      w.endNest();
    }
  }

  /** devlink_nl_info_fill: driver name, serial, then versions in the order nsim_dev_info_get puts them. */
  static void info(NlWriter w, InfoSnapshot i) {
    handle(w, i.handle());
    w.string(DEVLINK_ATTR_INFO_DRIVER_NAME, i.driver());
    if (i.serial() != null) {
      w.string(DEVLINK_ATTR_INFO_SERIAL_NUMBER, i.serial());
    }
    versions(w, DEVLINK_ATTR_INFO_VERSION_FIXED, i.fixed());
    versions(w, DEVLINK_ATTR_INFO_VERSION_STORED, i.stored());
    versions(w, DEVLINK_ATTR_INFO_VERSION_RUNNING, i.running());
  }

  static int eswitchMode(DevOp.EswitchMode mode) {
    return mode == DevOp.EswitchMode.SWITCHDEV ? DEVLINK_ESWITCH_MODE_SWITCHDEV : DEVLINK_ESWITCH_MODE_LEGACY;
  }

  /** devlink_nl_eswitch_fill: netdevsim implements only eswitch_mode_get. */
  static void eswitch(NlWriter w, DevOp.EswitchSnapshot e) {
    handle(w, e.handle());
    w.u16(DEVLINK_ATTR_ESWITCH_MODE, eswitchMode(e.mode()));
  }

  /** devlink_nl_reload_actions_performed_snd. */
  static void reloadPerformed(NlWriter w, DevHandle h, DevOp.ReloadPerformed r) {
    handle(w, h);
    int bits = 0;
    for (DevOp.Action a : r.actions()) {
      bits |= 1 << (a == DevOp.Action.DRIVER_REINIT ? DEVLINK_RELOAD_ACTION_DRIVER_REINIT : DEVLINK_RELOAD_ACTION_FW_ACTIVATE);
    }
    w.bitfield32(DEVLINK_ATTR_RELOAD_ACTIONS_PERFORMED, bits, bits);
  }

  /** enum devlink_health_reporter_state lives in include/net/devlink.h, not in the UAPI. */
  static final int HEALTH_STATE_HEALTHY = 0;
  static final int HEALTH_STATE_ERROR = 1;

  /** devlink_nl_health_reporter_fill. */
  static void reporter(NlWriter w, HealthReporterSnapshot r) {
    handle(w, r.dev());
    if (r.port() != null) {
      w.u32(DEVLINK_ATTR_PORT_INDEX, r.port());
    }
    w.nestNoFlag(DEVLINK_ATTR_HEALTH_REPORTER);
    w.string(DEVLINK_ATTR_HEALTH_REPORTER_NAME, r.name());
    w.u8(DEVLINK_ATTR_HEALTH_REPORTER_STATE,
        r.state() == HealthReporterSnapshot.State.HEALTHY ? HEALTH_STATE_HEALTHY
            : HEALTH_STATE_ERROR);
    w.u64(DEVLINK_ATTR_HEALTH_REPORTER_ERR_COUNT, r.errorCount(), DEVLINK_ATTR_PAD);
    w.u64(DEVLINK_ATTR_HEALTH_REPORTER_RECOVER_COUNT, r.recoverCount(), DEVLINK_ATTR_PAD);
    if (r.gracePeriod() != null) {
      w.u64(DEVLINK_ATTR_HEALTH_REPORTER_GRACEFUL_PERIOD, r.gracePeriod(), DEVLINK_ATTR_PAD);
      w.u8(DEVLINK_ATTR_HEALTH_REPORTER_AUTO_RECOVER, Boolean.TRUE.equals(r.autoRecover()) ? 1 : 0);
    }
    if (r.lastDumpMillis() != null) {
      // DUMP_TS is jiffies_to_msecs(dump_ts) (time since boot), DUMP_TS_NS the wall clock in ns;
      // the emulator keeps only the wall clock, so the first is its millisecond value.
      w.u64(DEVLINK_ATTR_HEALTH_REPORTER_DUMP_TS, r.lastDumpMillis(), DEVLINK_ATTR_PAD);
      w.u64(DEVLINK_ATTR_HEALTH_REPORTER_DUMP_TS_NS, r.lastDumpMillis() * 1_000_000L, DEVLINK_ATTR_PAD);
    }
    if (r.autoDump() != null) {
      w.u8(DEVLINK_ATTR_HEALTH_REPORTER_AUTO_DUMP, r.autoDump() ? 1 : 0);
    }
    w.endNest();
  }

  static int trapAction(String a) {
    return switch (a) {
      case "drop" -> DEVLINK_TRAP_ACTION_DROP;
      case "trap" -> DEVLINK_TRAP_ACTION_TRAP;
      case "mirror" -> DEVLINK_TRAP_ACTION_MIRROR;
      default -> throw new IllegalArgumentException(a);
    };
  }

  static String trapActionName(int a) {
    return switch (a) {
      case DEVLINK_TRAP_ACTION_DROP -> "drop";
      case DEVLINK_TRAP_ACTION_TRAP -> "trap";
      case DEVLINK_TRAP_ACTION_MIRROR -> "mirror";
      default -> null;
    };
  }

  static int trapType(String t) {
    return switch (t) {
      case "drop" -> DEVLINK_TRAP_TYPE_DROP;
      case "exception" -> DEVLINK_TRAP_TYPE_EXCEPTION;
      case "control" -> DEVLINK_TRAP_TYPE_CONTROL;
      default -> throw new IllegalArgumentException(t);
    };
  }

  /** devlink_nl_trap_fill. */
  static void trap(NlWriter w, TrapSnapshot t) {
    handle(w, t.dev());
    w.string(DEVLINK_ATTR_TRAP_GROUP_NAME, t.group());
    w.string(DEVLINK_ATTR_TRAP_NAME, t.name());
    w.u8(DEVLINK_ATTR_TRAP_TYPE, trapType(t.type()));
    if (t.generic()) {
      w.flag(DEVLINK_ATTR_TRAP_GENERIC);
    }
    w.u8(DEVLINK_ATTR_TRAP_ACTION, trapAction(t.action()));
    w.nest(DEVLINK_ATTR_TRAP_METADATA);
    if (t.metadata().contains("input_port")) {
      w.flag(DEVLINK_ATTR_TRAP_METADATA_TYPE_IN_PORT);
    }
    if (t.metadata().contains("flow_action_cookie")) {
      w.flag(DEVLINK_ATTR_TRAP_METADATA_TYPE_FA_COOKIE);
    }
    w.endNest();
    TrapSnapshot.Stats st = t.stats() == null ? new TrapSnapshot.Stats(0, 0, 0) : t.stats();
    w.nest(DEVLINK_ATTR_STATS);
    // netdevsim has trap_drop_counter_get, which devlink_trap_stats_put calls for every trap type
    w.u64(DEVLINK_ATTR_STATS_RX_DROPPED, st.rxDropped(), DEVLINK_ATTR_PAD);
    w.u64(DEVLINK_ATTR_STATS_RX_PACKETS, st.rxPackets(), DEVLINK_ATTR_PAD);
    w.u64(DEVLINK_ATTR_STATS_RX_BYTES, st.rxBytes(), DEVLINK_ATTR_PAD);
    w.endNest();
  }

  /** devlink_nl_trap_group_fill. */
  static void trapGroup(NlWriter w, TrapGroupSnapshot g) {
    handle(w, g.dev());
    w.string(DEVLINK_ATTR_TRAP_GROUP_NAME, g.name());
    if (g.generic()) {
      w.flag(DEVLINK_ATTR_TRAP_GENERIC);
    }
    if (g.policer() != 0) {
      w.u32(DEVLINK_ATTR_TRAP_POLICER_ID, g.policer());
    }
    TrapGroupSnapshot.Stats st = g.stats() == null ? new TrapGroupSnapshot.Stats(0, 0) : g.stats();
    w.nest(DEVLINK_ATTR_STATS);
    w.u64(DEVLINK_ATTR_STATS_RX_PACKETS, st.rxPackets(), DEVLINK_ATTR_PAD);
    w.u64(DEVLINK_ATTR_STATS_RX_BYTES, st.rxBytes(), DEVLINK_ATTR_PAD);
    w.endNest();
  }

  /** devlink_nl_trap_policer_fill (netdevsim has trap_policer_counter_get). */
  static void policer(NlWriter w, TrapPolicerSnapshot p) {
    handle(w, p.dev());
    w.u32(DEVLINK_ATTR_TRAP_POLICER_ID, p.id());
    w.u64(DEVLINK_ATTR_TRAP_POLICER_RATE, p.rate(), DEVLINK_ATTR_PAD);
    w.u64(DEVLINK_ATTR_TRAP_POLICER_BURST, p.burst(), DEVLINK_ATTR_PAD);
    TrapPolicerSnapshot.Stats st = p.stats() == null ? new TrapPolicerSnapshot.Stats(0) : p.stats();
    w.nest(DEVLINK_ATTR_STATS);
    w.u64(DEVLINK_ATTR_STATS_RX_DROPPED, st.rxDropped(), DEVLINK_ATTR_PAD);
    w.endNest();
  }

  /** devlink_nl_region_fill. */
  static void region(NlWriter w, RegionSnapshot r) {
    handle(w, r.dev());
    w.string(DEVLINK_ATTR_REGION_NAME, r.name());
    w.u64(DEVLINK_ATTR_REGION_SIZE, r.size(), DEVLINK_ATTR_PAD);
    w.u32(DEVLINK_ATTR_REGION_MAX_SNAPSHOTS, r.maxSnapshots());
    w.nestNoFlag(DEVLINK_ATTR_REGION_SNAPSHOTS);
    for (long id : r.snapshotIds()) {
      w.nestNoFlag(DEVLINK_ATTR_REGION_SNAPSHOT);
      w.u32(DEVLINK_ATTR_REGION_SNAPSHOT_ID, id);
      w.endNest();
    }
    w.endNest();
  }

  /** devlink_nl_region_notify_build: the region, then the snapshot id when there is one. */
  static void regionEvent(NlWriter w, RegionEvent e) {
    handle(w, e.dev());
    w.string(DEVLINK_ATTR_REGION_NAME, e.region());
    if (e.snapshotId() != null) {
      w.u32(DEVLINK_ATTR_REGION_SNAPSHOT_ID, e.snapshotId());
    } else {
      w.u64(DEVLINK_ATTR_REGION_SIZE, e.size(), DEVLINK_ATTR_PAD);
    }
  }

  static int resourceUnit(String unit) {
    return DEVLINK_RESOURCE_UNIT_ENTRY;
  }

  /** devlink_resource_put. */
  static void resource(NlWriter w, ResourceSnapshot r) {
    w.nestNoFlag(DEVLINK_ATTR_RESOURCE);
    w.string(DEVLINK_ATTR_RESOURCE_NAME, r.name());
    w.u64(DEVLINK_ATTR_RESOURCE_SIZE, r.size(), DEVLINK_ATTR_PAD);
    w.u64(DEVLINK_ATTR_RESOURCE_ID, r.id(), DEVLINK_ATTR_PAD);
    if (r.size() != r.sizeNew()) {
      w.u64(DEVLINK_ATTR_RESOURCE_SIZE_NEW, r.sizeNew(), DEVLINK_ATTR_PAD);
    }
    if (r.occ() != null) {
      w.u64(DEVLINK_ATTR_RESOURCE_OCC, r.occ(), DEVLINK_ATTR_PAD);
    }
    w.u64(DEVLINK_ATTR_RESOURCE_SIZE_GRAN, r.sizeGran(), DEVLINK_ATTR_PAD);
    w.u64(DEVLINK_ATTR_RESOURCE_SIZE_MAX, r.sizeMax(), DEVLINK_ATTR_PAD);
    w.u64(DEVLINK_ATTR_RESOURCE_SIZE_MIN, r.sizeMin(), DEVLINK_ATTR_PAD);
    w.u8(DEVLINK_ATTR_RESOURCE_UNIT, resourceUnit(r.unit()));
    if (!r.children().isEmpty()) {
      w.u8(DEVLINK_ATTR_RESOURCE_SIZE_VALID, r.sizeValid() ? 1 : 0);
      w.nestNoFlag(DEVLINK_ATTR_RESOURCE_LIST);
      for (ResourceSnapshot c : r.children()) {
        resource(w, c);
      }
      w.endNest();
    }
    w.endNest();
  }

  /** devlink_nl_rate_fill. */
  static void rate(NlWriter w, RateSnapshot r) {
    handle(w, r.dev());
    w.u16(DEVLINK_ATTR_RATE_TYPE, r.type() == RateSnapshot.Type.LEAF ? DEVLINK_RATE_TYPE_LEAF : DEVLINK_RATE_TYPE_NODE);
    if (r.type() == RateSnapshot.Type.LEAF) {
      w.u32(DEVLINK_ATTR_PORT_INDEX, r.portIndex());
    } else {
      w.string(DEVLINK_ATTR_RATE_NODE_NAME, r.name());
    }
    w.u64(DEVLINK_ATTR_RATE_TX_SHARE, r.txShare(), DEVLINK_ATTR_PAD);
    w.u64(DEVLINK_ATTR_RATE_TX_MAX, r.txMax(), DEVLINK_ATTR_PAD);
    if (r.parent() != null) {
      w.string(DEVLINK_ATTR_RATE_PARENT_NODE_NAME, r.parent());
    }
  }

  /** __devlink_nl_flash_update_fill. */
  static void flash(NlWriter w, FlashStatus f, boolean status) {
    handle(w, f.dev());
    if (!status) {
      return; // begin and end carry the handle only
    }
    if (f.message() != null) {
      w.string(DEVLINK_ATTR_FLASH_UPDATE_STATUS_MSG, f.message());
    }
    if (f.component() != null) {
      w.string(DEVLINK_ATTR_FLASH_UPDATE_COMPONENT, f.component());
    }
    w.u64(DEVLINK_ATTR_FLASH_UPDATE_STATUS_DONE, f.done(), DEVLINK_ATTR_PAD);
    w.u64(DEVLINK_ATTR_FLASH_UPDATE_STATUS_TOTAL, f.total(), DEVLINK_ATTR_PAD);
    w.u64(DEVLINK_ATTR_FLASH_UPDATE_STATUS_TIMEOUT, f.timeout(), DEVLINK_ATTR_PAD);
  }
}
