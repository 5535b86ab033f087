package dev.fabric.chaos;

import dev.fabric.devlink.actor.Registry;
import dev.fabric.devlink.model.DevHandle;
import dev.fabric.devlink.model.DevOp;
import dev.fabric.devlink.model.DriverOp;
import dev.fabric.devlink.model.Errno;
import dev.fabric.devlink.model.NetnsTarget;
import dev.fabric.devlink.model.NsimDevlink;
import dev.fabric.devlink.model.Op;
import dev.fabric.devlink.model.ParamOp;
import dev.fabric.devlink.model.PortState;
import dev.fabric.devlink.model.RegionOp;
import dev.fabric.devlink.model.Reply;
import dev.fabric.devlink.model.Result;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * The sequential specification of one netdevsim device id, for the linearizability checker: the
 * same {@link NsimDevlink} the instance actor runs (not a second copy of the rules), stepped the
 * way the host runs one request from start to end with nothing in between — the registry's bus
 * checks (new_device, del_device, ENODEV for an absent instance), then the instance's steps
 * (reload = refusal check, down, up; flash = begin, end; other requests one model step).
 * {@link #copy()} forks the state for the search.
 *
 * <p>Host-level state the instance does not own is fixed or relaxed: namespaces and firmware
 * files are created before the run and never change during it (given here), and netdev names
 * (the host's net stack) are placeholders that the comparison ignores
 * ({@link FabricOps#withoutHostState}).
 */
public final class DeviceSpec {
  private final int id;
  private final Set<String> namespaces;
  private final Set<String> firmware;
  private NsimDevlink dev;

  public DeviceSpec(int id, Set<String> namespaces, Set<String> firmware) {
    this.id = id;
    this.namespaces = namespaces;
    this.firmware = firmware;
  }

  private DeviceSpec(DeviceSpec o) {
    this.id = o.id;
    this.namespaces = o.namespaces;
    this.firmware = o.firmware;
    this.dev = o.dev == null ? null : o.dev.copy();
  }

  public DeviceSpec copy() {
    return new DeviceSpec(this);
  }

  public boolean exists() {
    return dev != null;
  }

  /** The model of the device (null when the id has no device). */
  public NsimDevlink device() {
    return dev;
  }

  /** Runs {@code op} as the host would, alone; a model step that throws is EIO, as the instance answers. */
  public Reply<?> step(ChaosOp op) {
    try {
      return run(op);
    } catch (RuntimeException e) {
      return Reply.err(Errno.EIO);
    }
  }

  private Reply<?> run(ChaosOp op) {
    if (op instanceof ChaosOp.NewDevice n) {
      if (dev != null) {
        return Reply.err(Errno.ENOSPC); // Registry.onNewDevice: the id is taken
      }
      NsimDevlink d = new NsimDevlink(DevHandle.netdevsim(id), id, n.ports(), FabricOps.INIT_NETNS);
      Result probed = d.probe(names(d.probeNetdevs()));
      if (!probed.reply().isOk()) {
        return probed.reply();
      }
      d.register();
      dev = d;
      return Reply.ok();
    }
    if (op instanceof ChaosOp.DelDevice) {
      if (dev == null) {
        return Reply.err(Errno.ENOENT); // Registry.onDelDevice
      }
      dev.unregister();
      dev = null;
      return Reply.ok();
    }
    if (dev == null) {
      return Reply.err(Errno.ENODEV); // Registry.onRoute: no such instance
    }
    Op<?> request = FabricOps.toOp(op);
    if (request instanceof DevOp.Reload r) {
      return reload(r);
    }
    if (request instanceof DevOp.Flash f) {
      boolean exists = firmware.contains(f.file());
      Result begin = dev.flashBegin(f, exists);
      return begin.reply().isOk() ? dev.flashEnd(f).reply() : begin.reply();
    }
    return dev.apply(request, names(dev.netdevsNeeded(request))).reply();
  }

  /** Registry.resolve gives the target namespace; Instance.startReload/reloading run the steps. */
  private Reply<?> reload(DevOp.Reload r) {
    NetnsTarget target = r.netns().map(this::resolveNetns).orElse(NetnsTarget.STAY);
    Result refused = dev.reloadRefused(r, target);
    if (refused != null) {
      return refused.reply();
    }
    Result down = dev.reloadDown(target instanceof NetnsTarget.Known k ? k.netns() : null);
    if (!down.reply().isOk()) {
      return down.reply();
    }
    return dev.reloadUp(r, names(dev.reloadUpNetdevs())).reply();
  }

  /** Registry.resolveNetns: a pid (only 1, init's, exists here) or a namespace name. */
  private NetnsTarget resolveNetns(String spec) {
    if (spec.chars().allMatch(Character::isDigit)) {
      return "1".equals(spec) ? new NetnsTarget.Known(Registry.INIT_NETNS) : new NetnsTarget.Unknown(spec);
    }
    return namespaces.contains(spec) || Registry.INIT_NETNS.equals(spec) ? new NetnsTarget.Known(spec)
        : new NetnsTarget.Unknown(spec);
  }

  private static List<String> names(int n) {
    return n == 0 ? List.of() : new ArrayList<>(Collections.nCopies(n, "?"));
  }

  /**
   * What distinguishes two states of this device for every operation a chaos run sends (the
   * search's memo key): existence, the instance (reload count and failure), its namespace, its
   * ports without netdev names, eswitch mode, VFs, params, region snapshots and the knobs.
   */
  public String fingerprint() {
    if (dev == null) {
      return "-";
    }
    StringBuilder b = new StringBuilder(256);
    b.append(dev.devSnapshot()).append('|').append(dev.netns()).append('|');
    for (PortState p : dev.ports()) {
      b.append(p.index()).append(p.type()).append(p.flavour()).append(',');
    }
    b.append('|').append(read(new DevOp.EswitchGet()));
    b.append('|').append(read(new DriverOp.SysfsRead("sriov_numvfs")));
    b.append('|').append(read(new ParamOp.Dump()));
    b.append('|').append(read(new RegionOp.Dump()));
    b.append('|').append(read(new DriverOp.DebugfsRead("fail_reload")));
    b.append('|').append(read(new DriverOp.DebugfsRead("dont_allow_reload")));
    return b.toString();
  }

  private Object read(Op<?> op) {
    Reply<?> r = dev.apply(op, List.of()).reply();
    return r instanceof Reply.Ok<?> ok ? ok.value() : r;
  }
}
