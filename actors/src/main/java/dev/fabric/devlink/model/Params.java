package dev.fabric.devlink.model;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A device's params, from its driver's catalogue (netdevsim: generic {@code max_macs}, u32,
 * driverinit, 32, and driver-specific {@code test1}, bool, driverinit, true). Registered once at
 * probe, they survive reloads; a set stores the value at once and the driver applies a driverinit
 * value on the next reload. Permanent values live in the device's NVM: the owner reads them with
 * {@link #permanentValues()} after a set and restores them with {@link #restorePermanent}.
 */
final class Params {
  private final DevHandle dev;
  private final LinkedHashMap<String, Param> params = new LinkedHashMap<>();

  /** The driver's params with their defaults (netdevsim: nsim_devlink_params, registered at probe). */
  Params(DevHandle dev, Catalogue catalogue) {
    this.dev = dev;
    for (Catalogue.ParamDef def : catalogue.params()) {
      put(new Param(dev, def.name(), def.generic(), def.type(), def.typedDefaults()));
    }
  }

  private Params(DevHandle dev) {
    this.dev = dev;
  }

  private void put(Param p) {
    params.put(p.name(), new Param(p.dev(), p.name(), p.generic(), p.type(), new EnumMap<>(p.values())));
  }

  Params copy() {
    Params c = new Params(dev);
    c.params.clear();
    params.values().forEach(c::put);
    return c;
  }

  /** The permanent-cmode values, by param name (what a power cycle keeps). */
  Map<String, ParamValue> permanentValues() {
    Map<String, ParamValue> out = new LinkedHashMap<>();
    params.values().forEach(p -> {
      ParamValue v = p.values().get(Param.Cmode.PERMANENT);
      if (v != null) {
        out.put(p.name(), v);
      }
    });
    return out;
  }

  /** Boot from NVM: permanent values stored by an earlier life of the device replace the defaults. */
  void restorePermanent(Map<String, String> stored) {
    stored.forEach((name, text) -> {
      Param p = params.get(name);
      if (p != null && p.values().containsKey(Param.Cmode.PERMANENT)) {
        p.values().put(Param.Cmode.PERMANENT, Catalogue.ParamDef.typed(p.type(), text));
      }
    });
  }

  ParamValue driverinit(String name) {
    return params.get(name).values().get(Param.Cmode.DRIVERINIT);
  }

  void announce(Ctx c, Notification.Cmd cmd) {
    List<Param> list = new ArrayList<>(params.values());
    if (cmd == Notification.Cmd.DEL) {
      java.util.Collections.reverse(list);
    }
    for (Param p : list) {
      c.emit(Notification.Kind.PARAM, cmd, snapshot(p));
    }
  }

  /** devlink_ns_change_notify: param_list in registration order, for DEL as for NEW. */
  void announceListOrder(Ctx c, Notification.Cmd cmd) {
    for (Param p : params.values()) {
      c.emit(Notification.Kind.PARAM, cmd, snapshot(p));
    }
  }

  private static Param snapshot(Param p) {
    return new Param(p.dev(), p.name(), p.generic(), p.type(), java.util.Collections.unmodifiableMap(new EnumMap<>(p.values())));
  }

  Reply<?> apply(Ctx c, ParamOp<?> op, boolean reloadFailed) {
    if (op instanceof ParamOp.Dump) {
      return Reply.ok(new ParamOp.ParamList(params.values().stream().map(Params::snapshot).toList()));
    } else if (op instanceof ParamOp.Get g) {
      Param p = params.get(g.name());
      return p == null ? Reply.err(Errno.EINVAL) : Reply.ok(snapshot(p));
    }
    return set(c, (ParamOp.Set) op);
  }

  private Reply<?> set(Ctx c, ParamOp.Set s) {
    Param p = params.get(s.name());
    if (p == null) {
      return Reply.err(Errno.EINVAL);
    }
    if (!p.values().containsKey(s.cmode())) {
      return Reply.err(Errno.EOPNOTSUPP);
    }
    ParamValue v = s.value();
    boolean unsigned = v instanceof ParamValue.U8 || v instanceof ParamValue.U16 || v instanceof ParamValue.U32
        || v instanceof ParamValue.U64;
    boolean typeOk = switch (p.type()) {
      case BOOL -> v instanceof ParamValue.Bool;
      case STRING -> v instanceof ParamValue.Str;
      default -> unsigned;
    };
    if (!typeOk) {
      return Reply.err(Errno.EINVAL);
    }
    // an unsigned value is stored as the param's own width, whichever unsigned record carried it
    p.values().put(s.cmode(), unsigned ? ParamValue.of(p.type(), v.number()) : v);
    c.emit(Notification.Kind.PARAM, Notification.Cmd.NEW, snapshot(p));
    return Reply.ok();
  }
}
