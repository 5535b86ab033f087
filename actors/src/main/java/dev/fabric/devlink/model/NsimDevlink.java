package dev.fabric.devlink.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;

/**
 * The sequential model of one device with its devlink instance: every object the kernel keeps for
 * it and the transitions devlink requests and driver actions make. This class is the devlink core
 * (net/devlink/leftover.c's rules: reload's refusal order, flash checks, rate-node rules, the
 * announcement order); what is the driver's — its catalogue, its hooks, its files — comes from its
 * {@link DeviceDriver} (netdevsim first; the class keeps its historical name). Single-threaded and
 * free of Pekko types: the instance actor owns one, the host model ({@link HostModel}) owns one per
 * device, and the chaos checker replays operations on copies of it.
 *
 * <p>Mutable for speed (a request must not copy the whole device), with {@link #copy()} for
 * checkers that explore several orders.
 */
public final class NsimDevlink {
  public final DeviceDriver driver;
  public final DevHandle handle;
  public final int id;
  final int portCount;
  String netns;
  boolean registered;
  boolean reloadFailed;
  long reloadCount;
  Knobs knobs = new Knobs();
  /** Driverinit values as the driver applied them at the last (re)init (debugfs max_macs/test1). */
  long appliedMaxMacs = 32;
  boolean appliedTest1 = true;
  DevOp.EswitchMode eswitchMode = DevOp.EswitchMode.LEGACY;
  int numVfs;
  /** Ports in insertion order (the kernel's port list order). */
  final LinkedHashMap<Long, PortState> ports = new LinkedHashMap<>();
  /** The NVM's stored firmware versions as the device last wrote them (info's "stored"). */
  Map<String, String> storedVersions;
  /** The versions the device booted (info's "running"): the NVM's at power-on. */
  final Map<String, String> runningVersions;
  final Params params;
  final Traps traps;
  final Health health;
  final Regions regions;
  final Resources resources;
  final Rates rates;

  /** A netdevsim device fresh from the factory. */
  public NsimDevlink(DevHandle handle, int id, int portCount, String netns) {
    this(NetdevsimDriver.INSTANCE, handle, id, portCount, netns, null);
  }

  /**
   * A device of {@code driver} booting from {@code nvm} (null: fresh from the factory): the
   * stored and running firmware versions and the permanent param values come from it.
   */
  public NsimDevlink(DeviceDriver driver, DevHandle handle, int id, int portCount, String netns,
      dev.fabric.devices.Nvm nvm) {
    this.driver = driver;
    this.handle = handle;
    this.id = id;
    this.portCount = portCount;
    this.netns = netns;
    Catalogue cat = driver.catalogue();
    dev.fabric.devices.Nvm boot = nvm != null ? nvm : dev.fabric.devices.Nvm.factory(cat.firmware());
    this.storedVersions = boot.firmware();
    this.runningVersions = boot.firmware();
    this.params = new Params(handle, cat);
    this.params.restorePermanent(boot.permanentParams());
    this.traps = new Traps(handle, cat);
    this.health = new Health(handle, cat);
    this.regions = new Regions(handle, cat);
    this.resources = new Resources(handle, cat);
    this.rates = new Rates(handle);
  }

  private NsimDevlink(NsimDevlink o) {
    this.driver = o.driver;
    this.storedVersions = o.storedVersions;
    this.runningVersions = o.runningVersions;
    this.handle = o.handle;
    this.id = o.id;
    this.portCount = o.portCount;
    this.netns = o.netns;
    this.registered = o.registered;
    this.reloadFailed = o.reloadFailed;
    this.reloadCount = o.reloadCount;
    this.reloadMovesNetns = o.reloadMovesNetns;
    this.knobs = o.knobs.copy();
    this.appliedMaxMacs = o.appliedMaxMacs;
    this.appliedTest1 = o.appliedTest1;
    this.eswitchMode = o.eswitchMode;
    this.numVfs = o.numVfs;
    this.ports.putAll(o.ports);
    this.params = o.params.copy();
    this.traps = o.traps.copy();
    this.health = o.health.copy();
    this.regions = o.regions.copy();
    this.resources = o.resources.copy();
    this.rates = o.rates.copy();
  }

  /** Between reloadDown and reloadUp: this reload changes the instance's namespace. */
  private boolean reloadMovesNetns;

  public NsimDevlink copy() {
    return new NsimDevlink(this);
  }

  /** The wall clock health grace periods and dump timestamps read (simulated time in tests). */
  public void useHealthClock(java.util.function.LongSupplier millis) {
    health.clock = millis;
  }

  public String netns() {
    return netns;
  }

  public boolean registered() {
    return registered;
  }

  public boolean reloadFailed() {
    return reloadFailed;
  }

  public List<PortState> ports() {
    return List.copyOf(ports.values());
  }

  /** How many ports the device has now (without copying them). */
  public int portTotal() {
    return ports.size();
  }

  public PortState port(long index) {
    return ports.get(index);
  }

  public Knobs knobs() {
    return knobs;
  }

  /** What this device's NVM holds now (what a power cycle keeps). */
  public dev.fabric.devices.Nvm nvm() {
    Map<String, String> perm = new LinkedHashMap<>();
    params.permanentValues().forEach((name, v) -> perm.put(name, Catalogue.ParamDef.text(v)));
    return new dev.fabric.devices.Nvm(storedVersions, perm);
  }

  private Ctx ctx() {
    return new Ctx(handle, netns, registered);
  }

  // ---------------------------------------------------------------- lifecycle

  /** How many netdev names the probe needs (one per initial PF port). */
  public int probeNetdevs() {
    return portCount;
  }

  /** nsim_drv_probe: build everything before registration (silent: nothing is announced yet). */
  public Result probe(List<String> netdevs) {
    Ctx c = ctx();
    createDriverObjects(c, netdevs);
    return c.result(Reply.ok());
  }

  /** devlink_register: the bulk announce, dev first. */
  public Result register() {
    registered = true;
    Ctx c = ctx();
    announce(c, Notification.Cmd.NEW);
    return c.result(Reply.ok());
  }

  /** devlink_unregister then the silent driver teardown; every netdev name is released. */
  public Result unregister() {
    Ctx c = ctx();
    announce(c, Notification.Cmd.DEL);
    registered = false;
    for (PortState p : ports.values()) {
      if (p.netdev() != null) {
        c.released.add(p.netdev());
      }
    }
    ports.clear();
    return c.result(Reply.ok());
  }

  /** Registration order: dev, ports, policers, groups, traps, rates, regions, params; DEL in reverse. */
  private void announce(Ctx c, Notification.Cmd cmd) {
    if (cmd == Notification.Cmd.NEW) {
      c.emit(Notification.Kind.DEV, cmd, devSnapshot());
      for (PortState p : ports.values()) {
        c.emit(Notification.Kind.PORT, cmd, p);
      }
      traps.announce(c, cmd, knobs);
      rates.announce(c, cmd);
      regions.announce(c, cmd);
      params.announce(c, cmd);
    } else {
      params.announce(c, cmd);
      regions.announce(c, cmd);
      rates.announce(c, cmd);
      traps.announce(c, cmd, knobs);
      List<PortState> rev = new ArrayList<>(ports.values());
      java.util.Collections.reverse(rev);
      for (PortState p : rev) {
        c.emit(Notification.Kind.PORT, cmd, p);
      }
      c.emit(Notification.Kind.DEV, cmd, devSnapshot());
    }
  }

  /** nsim_dev_reload_create's order: region, traps, fib (resources), health, then ports. */
  private void createDriverObjects(Ctx c, List<String> netdevs) {
    driver.applyDriverinit(this);
    regions.create(c);
    traps.create(c, knobs);
    resources.applyPending();
    health.create(c, knobs);
    for (int i = 0; i < portCount; i++) {
      addPort(c, PortState.physical(handle, i, netdevs.get(i)));
    }
  }

  /** nsim_dev_reload_destroy: VFs off (back to legacy), ports, health, traps, region. */
  private void destroyDriverObjects(Ctx c) {
    if (numVfs > 0) {
      if (eswitchMode == DevOp.EswitchMode.SWITCHDEV) {
        removeVfPorts(c);
        rates.destroyNodes(c);
        eswitchMode = DevOp.EswitchMode.LEGACY;
      }
      numVfs = 0;
    }
    List<PortState> rev = new ArrayList<>(ports.values());
    java.util.Collections.reverse(rev);
    for (PortState p : rev) {
      removePort(c, p);
    }
    health.destroy(c);
    traps.destroy(c, knobs);
    regions.destroy(c);
  }

  // ---------------------------------------------------------------- ports

  /** A port registers with type notset, then its netdev binds (two PORT_NEW messages). */
  private void addPort(Ctx c, PortState port) {
    ports.put(port.index(), port.notset());
    c.emit(Notification.Kind.PORT, Notification.Cmd.NEW, port.notset());
    ports.put(port.index(), port);
    c.emit(Notification.Kind.PORT, Notification.Cmd.NEW, port);
  }

  /** The netdev unbinds (PORT_NEW notset), then the port unregisters (PORT_DEL). */
  private void removePort(Ctx c, PortState port) {
    PortState bare = port.notset();
    ports.put(port.index(), bare);
    c.emit(Notification.Kind.PORT, Notification.Cmd.NEW, bare);
    ports.remove(port.index());
    c.emit(Notification.Kind.PORT, Notification.Cmd.DEL, bare);
    if (port.netdev() != null) {
      c.released.add(port.netdev());
    }
    rates.portRemoved(port.index());
    knobs.passive.keySet().removeIf(f -> f.startsWith("ports/" + port.index() + "/"));
  }

  /**
   * nsim_esw_switchdev_enable: the VF ports one by one. A VF's index (128 + vf) already taken
   * by a physical port added through sysfs fails devl_port_register with EEXIST, and every VF
   * port added is removed again (in list order). Null on success. (Before, the VF port replaced
   * the physical one and its netdev name leaked: found by the fuzzer.)
   */
  private Reply<?> addVfPorts(Ctx c, List<String> netdevs) {
    if (netdevs.size() < numVfs) {
      throw new IllegalStateException(numVfs + " VF ports need netdev names, got " + netdevs.size());
    }
    for (int vf = 0; vf < numVfs; vf++) {
      if (ports.containsKey(driver.vfPortIndex(vf))) {
        for (PortState p : new ArrayList<>(ports.values())) {
          if (p.flavour() == PortState.Flavour.PCI_VF) {
            removePort(c, p);
          }
        }
        return Reply.err(Errno.EEXIST);
      }
      long index = driver.vfPortIndex(vf);
      addPort(c, PortState.vf(handle, index, vf, netdevs.get(vf)));
      rates.leafAdded(index, vf);
    }
    return null;
  }

  private void removeVfPorts(Ctx c) {
    List<PortState> vfs = new ArrayList<>();
    for (PortState p : ports.values()) {
      if (p.flavour() == PortState.Flavour.PCI_VF) {
        vfs.add(p);
      }
    }
    java.util.Collections.reverse(vfs);
    for (PortState p : vfs) {
      removePort(c, p);
    }
  }

  // ---------------------------------------------------------------- requests

  /** How many fresh netdev names {@code op} needs before {@link #apply} can run it. */
  public int netdevsNeeded(Op op) {
    // No reload_failed shortcut: nsim_esw_switchdev_enable adds the VF ports (with netdevs)
    // whatever the reload state, and without names for them addVfPorts ran off the list.
    if (op instanceof DriverOp<?> d) {
      return driver.netdevsNeeded(this, d);
    }
    if (op instanceof DevOp.EswitchSet s && s.mode().equals(Optional.of(DevOp.EswitchMode.SWITCHDEV))
        && eswitchMode != DevOp.EswitchMode.SWITCHDEV) {
      return numVfs;
    }
    return 0;
  }

  /** Runs one request that needs no hardware step. Reload and flash go through their own methods. */
  public Result apply(Op op, List<String> netdevs) {
    Ctx c = ctx();
    return c.result(dispatch(c, op, netdevs));
  }

  private Reply<?> dispatch(Ctx c, Op op, List<String> netdevs) {
    if (op instanceof DevOp d) {
      return applyDev(c, d, netdevs);
    } else if (op instanceof PortOp.Dump) {
      return Reply.ok(new PortOp.PortList(ports()));
    } else if (op instanceof PortOp.OnePort p) {
      return PortLogic.apply(ports.get(p.index()), p);
    } else if (op instanceof ParamOp p) {
      return params.apply(c, p, reloadFailed);
    } else if (op instanceof HealthOp h) {
      return reloadFailed && !(h instanceof HealthOp.Dump) ? Reply.err(Errno.EINVAL) : health.apply(c, h, knobs);
    } else if (op instanceof TrapOp t) {
      return reloadFailed ? Reply.err(Errno.EOPNOTSUPP) : traps.apply(c, t, knobs);
    } else if (op instanceof RegionOp g) {
      return regions.apply(c, g, reloadFailed);
    } else if (op instanceof ResourceOp s) {
      return resources.apply(c, s, reloadFailed);
    } else if (op instanceof RateOp t) {
      return rates.apply(c, t, this);
    }
    return driver.driverFile(this, c, (DriverOp<?>) op, netdevs);
  }

  private Reply<?> applyDev(Ctx c, DevOp op, List<String> netdevs) {
    if (op instanceof DevOp.Get) {
      return Reply.ok(devSnapshot());
    } else if (op instanceof DevOp.InfoGet) {
      return Reply.ok(info());
    } else if (op instanceof DevOp.EswitchGet) {
      return Reply.ok(new DevOp.EswitchSnapshot(handle, eswitchMode));
    } else if (op instanceof DevOp.EswitchSet s) {
      return eswitchSet(c, s, netdevs);
    }
    // Reload and flash need hardware steps: the owner runs them through reloadDown/reloadUp/flash*.
    return Reply.err(Errno.EOPNOTSUPP);
  }

  public DevSnapshot devSnapshot() {
    return new DevSnapshot(handle, reloadFailed, reloadCount, 0, 0, 0);
  }

  /**
   * INFO_GET: the driver's name and fixed versions, the running versions (booted) and the stored
   * ones (the NVM's). netdevsim's nsim_dev_info_get puts stored before running, both "10.20.30".
   */
  public InfoSnapshot info() {
    return new InfoSnapshot(handle, driver.catalogue().driverName(), null, driver.catalogue().fixed(),
        runningVersions, storedVersions);
  }

  /**
   * devlink_nl_cmd_eswitch_set_doit: the mode first (devlink_rate_nodes_check refuses any mode
   * attribute while rate nodes exist, even the current mode), then inline-mode and encap-mode,
   * which netdevsim lacks (EOPNOTSUPP after the mode was applied).
   */
  private Reply<?> eswitchSet(Ctx c, DevOp.EswitchSet s, List<String> netdevs) {
    if (s.mode().isPresent()) {
      if (rates.hasNodes()) {
        return Reply.err(Errno.EBUSY, "leftover: Rate node(s) exists.");
      }
      if (s.mode().get() != eswitchMode) {
        if (s.mode().get() == DevOp.EswitchMode.SWITCHDEV) {
          if (addVfPorts(c, netdevs) != null) {
            return Reply.err(Errno.EEXIST, "netdevsim: Failed to initialize VFs' netdevsim ports");
          }
          eswitchMode = DevOp.EswitchMode.SWITCHDEV;
        } else {
          rates.destroyNodes(c);
          removeVfPorts(c);
          eswitchMode = DevOp.EswitchMode.LEGACY;
        }
      }
    }
    if (s.inlineMode().isPresent() || s.encapMode().isPresent()) {
      return Reply.err(Errno.EOPNOTSUPP);
    }
    return Reply.ok();
  }

  // ---------------------------------------------------------------- reload

  /**
   * The checks devlink_nl_cmd_reload_doit and netdevsim's reload_down make before anything
   * changes. Null when the reload may go ahead. {@code knownNetns} tells whether a namespace
   * named by the request exists (the host knows).
   */
  public Reply<?> reloadRefusal(DevOp.Reload r, NetnsTarget target) {
    Reply<?> core = coreReloadRefusal(r, target);
    return core != null ? core : driver.reloadDownRefusal(this);
  }

  /** devlink_nl_cmd_reload_doit's own checks, in its order, before the driver's reload_down. */
  private Reply<?> coreReloadRefusal(DevOp.Reload r, NetnsTarget target) {
    Reply<?> sizes = resources.reloadRefusal();
    if (sizes != null) {
      return sizes;
    }
    DevOp.Action action = r.action().orElse(DevOp.Action.DRIVER_REINIT);
    if (!driver.catalogue().supportsReloadAction(action)) {
      return Reply.err(Errno.EOPNOTSUPP, "leftover: Requested reload action is not supported by the driver.");
    }
    if (r.limit().isPresent() && !driver.catalogue().reloadLimits().contains(r.limit().get().label)) {
      return Reply.err(Errno.EOPNOTSUPP, "leftover: Requested limit is not supported by the driver.");
    }
    if (target instanceof NetnsTarget.Unknown) {
      return Reply.err(Errno.EINVAL, "leftover: Unknown network namespace.");
    }
    return null;
  }

  /**
   * {@link #reloadRefusal} with the messages a refusal sends: devlink_reload() calls
   * devlink_ns_change_notify(new=false) before netdevsim's reload_down refuses
   * (dont_allow_reload), so a refused move still tells the namespace it was leaving that the
   * instance and its params are gone (PARAM_DEL each, then DEL), and nothing announces them back.
   * Null when the reload may go ahead.
   */
  public Result reloadRefused(DevOp.Reload r, NetnsTarget target) {
    Reply<?> refusal = coreReloadRefusal(r, target);
    boolean driverRefused = false;
    if (refusal == null) {
      refusal = driver.reloadDownRefusal(this);
      driverRefused = refusal != null;
    }
    if (refusal == null) {
      return null;
    }
    Ctx c = ctx();
    if (driverRefused && target instanceof NetnsTarget.Known k && !k.netns().equals(netns)) {
      params.announceListOrder(c, Notification.Cmd.DEL);
      c.emit(Notification.Kind.DEV, Notification.Cmd.DEL, devSnapshot());
    }
    return c.result(refusal);
  }

  /**
   * devlink_reload() up to reload_down, then write_pnet. Moving to another namespace, 6.1 first
   * tells the namespace it leaves that the instance goes (devlink_ns_change_notify(new=false):
   * each param's PARAM_DEL, then DEL), then reload_down's removals, also announced there (the
   * instance still belongs to it); only then does the instance change namespace, so
   * reload_up's creations are announced in the new one.
   */
  public Result reloadDown(String targetNetns) {
    Ctx c = ctx();
    reloadMovesNetns = targetNetns != null && !targetNetns.equals(netns);
    if (reloadMovesNetns) {
      params.announceListOrder(c, Notification.Cmd.DEL);
      c.emit(Notification.Kind.DEV, Notification.Cmd.DEL, devSnapshot());
    }
    if (!reloadFailed) {
      destroyDriverObjects(c);
    }
    if (reloadMovesNetns) {
      netns = targetNetns;
    }
    return c.result(Reply.ok());
  }

  /** Netdev names reload_up needs (none when it is going to fail). */
  public int reloadUpNetdevs() {
    return driver.reloadUpFailure(this) != null ? 0 : portCount;
  }

  /**
   * reload_up: fails on the fail_reload knob or when a port the driver wants to create exists
   * already (added through sysfs while reload_failed); else rebuilds and counts the reload.
   */
  public Result reloadUp(DevOp.Reload r, List<String> netdevs) {
    Ctx c = ctx();
    Reply<?> failure = driver.reloadUpFailure(this);
    if (failure == null) {
      // nsim_fib_create (sizes applied, FIB replayed) runs before the ports are added.
      Reply<?> refused = resources.validateAgainstOccupancy();
      if (refused == null && !ports.isEmpty()) {
        refused = Reply.err(Errno.EEXIST);
      }
      if (refused != null) {
        failure = refused;
        c.released.addAll(netdevs);
      }
    }
    if (failure != null) {
      // reload_up failed: no devlink_ns_change_notify(new=true); only reload_failed's NEW
      reloadMovesNetns = false;
      // devlink_reload_failed_set(true) notifies only when the flag changes
      if (!reloadFailed) {
        reloadFailed = true;
        c.emit(Notification.Kind.DEV, Notification.Cmd.NEW, devSnapshot());
      }
      return c.result(failure);
    }
    createDriverObjects(c, netdevs);
    if (reloadFailed) {
      // devlink_reload_failed_set(false) after a failed reload: the flag changes, NEW
      reloadFailed = false;
      c.emit(Notification.Kind.DEV, Notification.Cmd.NEW, devSnapshot());
    }
    if (reloadMovesNetns) {
      // devlink_ns_change_notify(new=true), in the namespace entered: NEW, then each PARAM_NEW
      c.emit(Notification.Kind.DEV, Notification.Cmd.NEW, devSnapshot());
      params.announceListOrder(c, Notification.Cmd.NEW);
    }
    reloadMovesNetns = false;
    reloadCount++;
    // devlink_reload_stats_update's notification
    c.emit(Notification.Kind.DEV, Notification.Cmd.NEW, devSnapshot());
    // devlink_nl_cmd_reload: the actions performed are sent only when the request named an action
    // or a limit ("for backward compatibility"); otherwise the answer is a bare ack
    boolean reported = r.action().isPresent() || r.limit().isPresent();
    return c.result(r.ok(new DevOp.ReloadPerformed(List.of(DevOp.Action.DRIVER_REINIT), reported)));
  }

  // ---------------------------------------------------------------- flash

  /** Checks before a flash starts; null when it may go ahead. */
  public Reply<?> flashRefusal(DevOp.Flash f, boolean fileExists) {
    // devlink_flash_component_get: the component must be one of info's component versions.
    if (f.component().isPresent() && !storedVersions.containsKey(f.component().get())) {
      return Reply.err(Errno.EINVAL, "selected component is not supported by this device.");
    }
    if (!fileExists) {
      return Reply.err(Errno.ENOENT, "failed to locate the requested firmware file.");
    }
    return null;
  }

  /**
   * The start of FLASH_UPDATE: the core's checks (component, firmware file), FLASH_UPDATE begin,
   * then netdevsim's overwrite-mask check (which fails after begin, so end follows at once) and
   * its "Preparing to flash" status. Not ok means the flash is over.
   */
  public Result flashBegin(DevOp.Flash f, boolean fileExists) {
    Ctx c = ctx();
    Reply<?> refusal = flashRefusal(f, fileExists);
    if (refusal != null) {
      return c.result(refusal);
    }
    c.emitAlways(Notification.Kind.FLASH, Notification.Cmd.BEGIN, new FlashStatus(handle, null, null, 0, 0, 0));
    Reply<?> driverRefusal = driver.flashUpdateRefusal(this, f);
    if (driverRefusal != null) {
      c.emitAlways(Notification.Kind.FLASH, Notification.Cmd.END, new FlashStatus(handle, null, null, 0, 0, 0));
      return c.result(driverRefusal);
    }
    if (driver.flashStatus(this)) {
      flashStatus(c, f, "Preparing to flash", 0, 0, 0);
    }
    return c.result(Reply.ok());
  }

  /** The hardware finished writing bytes up to {@code done}: the status for that chunk's start. */
  public Result flashProgress(DevOp.Flash f, long done, long total) {
    Ctx c = ctx();
    if (driver.flashStatus(this)) {
      flashStatus(c, f, "Flashing", done - driver.flashGeometry().chunkBytes(), total, 0);
    }
    return c.result(Reply.ok());
  }

  /**
   * What the NVM holds once {@code f} has been written completely: the stored versions the driver
   * writes ({@link DeviceDriver#storedAfterFlash}). The hardware commits it after its last chunk.
   */
  public dev.fabric.devices.Nvm nvmAfterFlash(DevOp.Flash f) {
    return nvm().withFirmware(driver.storedAfterFlash(f.component().orElse(null), f.file(), storedVersions));
  }

  /** The last statuses and FLASH_UPDATE end, the NVM as the hardware committed it (null: unchanged). */
  public Result flashEnd(DevOp.Flash f, dev.fabric.devices.Nvm committed) {
    if (committed != null) {
      storedVersions = committed.firmware();
    }
    return flashEnd(f);
  }

  /** The last statuses and FLASH_UPDATE end. */
  public Result flashEnd(DevOp.Flash f) {
    Ctx c = ctx();
    if (driver.flashStatus(this)) {
      DeviceDriver.FlashGeometry g = driver.flashGeometry();
      flashStatus(c, f, "Flashing", g.size(), g.size(), 0);
      flashStatus(c, f, "Flash select", 0, 0, g.selectTimeoutSeconds());
      flashStatus(c, f, "Flashing done", 0, 0, 0);
    }
    c.emitAlways(Notification.Kind.FLASH, Notification.Cmd.END, new FlashStatus(handle, null, null, 0, 0, 0));
    return c.result(Reply.ok());
  }

  private void flashStatus(Ctx c, DevOp.Flash f, String msg, long done, long total, long timeout) {
    c.emitAlways(Notification.Kind.FLASH, Notification.Cmd.STATUS,
        new FlashStatus(handle, msg, f.component().orElse(null), done, total, timeout));
  }

  // ---------------------------------------------------------------- package access for areas

  LinkedHashMap<Long, PortState> portMap() {
    return ports;
  }

  /** nsim_drv_configure_vfs after its checks: null on success, else the error (VFs back to 0). */
  Reply<?> sriovChange(Ctx c, int n, List<String> netdevs) {
    if (n == 0) {
      if (eswitchMode == DevOp.EswitchMode.SWITCHDEV) {
        // nsim_esw_legacy_enable: nodes, VF ports, and the mode goes back to legacy.
        rates.destroyNodes(c);
        removeVfPorts(c);
        eswitchMode = DevOp.EswitchMode.LEGACY;
      }
      numVfs = 0;
    } else {
      numVfs = n;
      if (eswitchMode == DevOp.EswitchMode.SWITCHDEV) {
        Reply<?> err = addVfPorts(c, netdevs);
        if (err != null) {
          numVfs = 0;
          return err;
        }
      }
    }
    return null;
  }

  void addPhysicalPort(Ctx c, long index, String netdev) {
    addPort(c, PortState.physical(handle, index, netdev));
  }

  void removePhysicalPort(Ctx c, long index) {
    removePort(c, ports.get(index));
  }
}
