package dev.fabric.chaos;

import dev.fabric.devlink.model.Caller;
import dev.fabric.devlink.model.DevHandle;
import dev.fabric.devlink.model.DevOp;
import dev.fabric.devlink.model.Drivers;
import dev.fabric.devlink.model.DriverOp;
import dev.fabric.devlink.model.Errno;
import dev.fabric.devlink.model.HostModel;
import dev.fabric.devlink.model.InstanceRun;
import dev.fabric.devlink.model.NsimDevlink;
import dev.fabric.devlink.model.Op;
import dev.fabric.devlink.model.ParamOp;
import dev.fabric.devlink.model.PortState;
import dev.fabric.devlink.model.RegionOp;
import dev.fabric.devlink.model.Reply;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The sequential specification of one netdevsim device id, for the linearizability checker: the
 * driver's host-level model ({@link HostModel}: the same per-instance steps the actors run, and
 * the registry's own rules) holding only this device, each operation run to its end
 * ({@link HostModel#step}, then {@link HostModel#resume} past the hardware wait). {@link #copy()}
 * forks it for the search.
 *
 * <p>Host-level state shared by several devices is handled by a stated relaxation: namespaces and
 * firmware files are created before the run and never change during it (given here), and netdev
 * names (allocated per host, lowest free) differ in a one-device host, so the comparison ignores
 * them ({@link FabricOps#withoutHostState}).
 */
public final class DeviceSpec {
  private final int id;
  private final DevHandle handle;
  private HostModel host;
  /**
   * Whether a power cycle reset the host-level state (namespaces and firmware files the run's setup
   * created are gone): the device's own fingerprint does not show it, the memo key must.
   */
  private boolean cycled;
  /**
   * Powered on again, the card not probed yet (between a {@link ChaosOp.PowerCycle} and its
   * {@link ChaosOp.Reprobed}): requests find no instance (ENODEV), a new_device of its id finds
   * the id taken (ENOSPC), a del_device waits for the probe and then removes it.
   */
  private boolean booting;

  public DeviceSpec(int id, Set<String> namespaces, Set<String> firmware) {
    this.id = id;
    this.handle = DevHandle.netdevsim(id);
    this.host = new HostModel(Drivers.standard(), Long.MAX_VALUE);
    host.useHealthClock(() -> 0L);
    for (String ns : new TreeSet<>(namespaces)) {
      host.step(new HostModel.NetnsAdd(ns));
    }
    for (String fw : new TreeSet<>(firmware)) {
      host.step(new HostModel.FirmwareWrite(fw, Runner.firmwareContent(fw)));
    }
  }

  private DeviceSpec(DeviceSpec o) {
    this.id = o.id;
    this.handle = o.handle;
    this.host = o.host.copy();
    this.cycled = o.cycled;
    this.booting = o.booting;
  }

  public DeviceSpec copy() {
    return new DeviceSpec(this);
  }

  public boolean exists() {
    return !booting && host.instance(handle) != null;
  }

  /** The model of the device (null when the id has no device). */
  public NsimDevlink device() {
    InstanceRun run = host.instance(handle);
    return run == null ? null : run.model();
  }

  /** Runs {@code op} as the host would, alone; a model step that throws is EIO, as the instance answers. */
  public Reply<?> step(ChaosOp op) {
    if (op instanceof ChaosOp.DevExists) {
      return exists() ? Reply.ok() : Reply.err(Errno.ENODEV);
    }
    if (op instanceof ChaosOp.PowerCycle) {
      powerOff();
      return Reply.ok();
    }
    if (op instanceof ChaosOp.Reprobed) {
      booting = false;
      return Reply.ok();
    }
    if (booting) {
      if (op instanceof ChaosOp.NewDevice) {
        return Reply.err(Errno.ENOSPC);
      }
      if (!(op instanceof ChaosOp.DelDevice)) {
        return Reply.err(Errno.ENODEV);
      }
      booting = false; // del_device waits for the probe (nsim_bus_dev_list_lock), then removes it
    }
    try {
      HostModel.Step s = host.step(hostOp(op));
      while (s instanceof HostModel.Pending p) {
        s = host.resume(p);
      }
      return ((HostModel.Done) s).reply();
    } catch (RuntimeException e) {
      return Reply.err(Errno.EIO);
    }
  }

  /**
   * The host powers off and on: {@link HostModel#powerCycled} (what the cards kept probes again, the
   * rest starts afresh — the same rule the Registry actor boots by).
   */
  public void powerCycle() {
    powerOff();
    booting = false;
  }

  /** The first half of {@link #powerCycle}: the host runs again, its kept card not probed yet. */
  public void powerOff() {
    host = host.powerCycled();
    cycled = true;
    booting = host.instance(handle) != null;
  }

  private HostModel.HostOp hostOp(ChaosOp op) {
    if (op instanceof ChaosOp.NewDevice n) {
      return new HostModel.NewDevice("netdevsim", n.id() + " " + n.ports(), FabricOps.INIT_NETNS);
    }
    if (op instanceof ChaosOp.DelDevice d) {
      return new HostModel.DelDevice("netdevsim", Integer.toString(d.id()));
    }
    return new HostModel.Route(Caller.of(null), handle, FabricOps.toOp(op));
  }

  /**
   * What distinguishes two states of this device for every operation a chaos run sends (the
   * search's memo key): existence, the instance (reload count and failure), its namespace, its
   * ports without netdev names, eswitch mode, VFs, params, region snapshots, the knobs and what
   * its info shows (the NVM's versions).
   */
  public String fingerprint() {
    NsimDevlink dev = device();
    if (dev == null) {
      return cycled ? "-*" : "-";
    }
    StringBuilder b = new StringBuilder(256);
    if (cycled) {
      b.append(booting ? "*b" : "*");
    }
    b.append(dev.devSnapshot()).append('|').append(dev.netns()).append('|');
    for (PortState p : dev.ports()) {
      b.append(p.index()).append(p.type()).append(p.flavour()).append(',');
    }
    b.append('|').append(read(dev, new DevOp.EswitchGet()));
    b.append('|').append(read(dev, new DevOp.InfoGet()));
    b.append('|').append(read(dev, new DriverOp.SysfsRead("sriov_numvfs")));
    b.append('|').append(read(dev, new ParamOp.Dump()));
    b.append('|').append(read(dev, new RegionOp.Dump()));
    b.append('|').append(read(dev, new DriverOp.DebugfsRead("fail_reload")));
    b.append('|').append(read(dev, new DriverOp.DebugfsRead("dont_allow_reload")));
    return b.toString();
  }

  private static Object read(NsimDevlink dev, Op<?> op) {
    Reply<?> r = dev.apply(op, List.of()).reply();
    return r instanceof Reply.Ok<?> ok ? ok.value() : r;
  }
}
