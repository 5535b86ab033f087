package dev.fabric.devlink.model;

import dev.fabric.devices.BusRequest;
import dev.fabric.devices.Nvm;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One emulated host as a sequential model: its devices (by bus and id, in registration — the
 * devlinks xarray's index — order), its namespaces, its netdev names, its /lib/firmware and what a
 * power cycle keeps. {@link #step} runs one host-level operation to its end, or to its hardware
 * wait (a reload's re-init, a flash's chunks) — then {@link #resume} finishes it. Pure,
 * single-threaded, free of Pekko: the chaos checker explores {@link #copy()}s of it, the lock
 * baselines run it under their locks. The actors run the same per-instance steps
 * ({@link InstanceStep}, the model's transitions, {@link NetdevLedger}, {@link NetdevNames}); this
 * class adds only the host's own rules, which the Registry actor follows too (bus ids, namespaces,
 * routing, /lib/firmware) — see docs/ARCHITECTURE.md, "Host model".
 */
public final class HostModel {

  /** What a host is asked to do. */
  public sealed interface HostOp {}

  public record NewDevice(String bus, String text, String netns) implements HostOp {}

  public record DelDevice(String bus, String text) implements HostOp {}

  public record NetnsAdd(String name) implements HostOp {}

  public record NetnsDel(String name) implements HostOp {}

  public record FirmwareWrite(String name, String content) implements HostOp {}

  /** A devlink or driver-side request to {@code dev}. */
  public record Route(Caller caller, DevHandle dev, Op<?> op) implements HostOp {}

  /** What a step came to: done, or waiting for the hardware. */
  public sealed interface Step {}

  /** The reply and the notifications, in the order the kernel sends them. Refusals are replies too. */
  public record Done(Reply<?> reply, List<Notification> notes) implements Step {
    public Done {
      notes = List.copyOf(notes);
    }
  }

  /**
   * Stopped at a hardware wait: the instance holds its lock meanwhile (the actors stash, the
   * baselines hold the lock, the checker may interleave other instances). A value, so a copy of
   * the model can resume it too.
   */
  public record Pending(DevHandle dev, Op<?> op, HardwareWait hardware, List<Notification> notesSoFar) implements Step {
    public Pending {
      notesSoFar = List.copyOf(notesSoFar);
    }
  }

  public sealed interface HardwareWait {}

  /** reload_up's hardware part (the driver re-init). */
  public record Reinit() implements HardwareWait {}

  /** Writing an image, chunk by chunk, then committing {@code commit} to the NVM. */
  public record FlashWrite(DeviceDriver.FlashGeometry geometry, Nvm commit) implements HardwareWait {}

  public static final String INIT_NETNS = "init";

  private record BusId(String bus, int id) {}

  private static final class Device {
    final BusId id;
    final InstanceRun run;
    final long portCount;
    final long numQueues;

    Device(BusId id, InstanceRun run, long portCount, long numQueues) {
      this.id = id;
      this.run = run;
      this.portCount = portCount;
      this.numQueues = numQueues;
    }
  }

  private final Drivers drivers;
  private final long maxPortsPerDevice;
  /** Registered devices in index order. */
  private final LinkedHashMap<BusId, Device> devices = new LinkedHashMap<>();
  /** The same devices by handle (routing). */
  private final java.util.HashMap<DevHandle, Device> byHandle = new java.util.HashMap<>();
  private final LinkedHashSet<String> namespaces = new LinkedHashSet<>();
  private final NetdevNames names;
  /** /lib/firmware: the image the guest shipped (4096 bytes), then what users wrote. */
  private final LinkedHashMap<String, String> firmware = new LinkedHashMap<>();
  /** The wall clock health grace periods and dump timestamps of new devices read. */
  private java.util.function.LongSupplier healthClock = System::currentTimeMillis;

  public HostModel(Drivers drivers, long maxPortsPerDevice) {
    this.drivers = drivers;
    this.maxPortsPerDevice = maxPortsPerDevice;
    this.names = new NetdevNames();
    firmware.put("nsim-fw.bin", "\u0000".repeat(4096));
  }

  private HostModel(HostModel o) {
    this.drivers = o.drivers;
    this.maxPortsPerDevice = o.maxPortsPerDevice;
    this.names = o.names.copy();
    o.devices.forEach((k, d) -> {
      Device c = new Device(d.id, d.run.copy(), d.portCount, d.numQueues);
      devices.put(k, c);
      byHandle.put(c.run.model.handle, c);
    });
    namespaces.addAll(o.namespaces);
    firmware.putAll(o.firmware);
    healthClock = o.healthClock;
  }

  public HostModel copy() {
    return new HostModel(this);
  }

  /** A host powered on with what {@code boot} kept: each card probes again with its NVM, in order. */
  public static HostModel boot(Drivers drivers, long maxPortsPerDevice, HostInventory boot) {
    HostModel h = new HostModel(drivers, maxPortsPerDevice);
    h.probeAgain(boot);
    return h;
  }

  /**
   * This host after a power cycle: what {@link #inventory()} keeps (cards, in order, each with its
   * NVM) probes again, as {@link #boot} and the Registry actor's start do; everything else — runtime
   * params, eswitch mode, VFs, rates, health, regions, namespaces (and what was placed in them),
   * ports added with new_port, /lib/firmware beyond the shipped image, netdev names — starts afresh.
   * The health clock stays (a checker fixes it). This model is left as it was.
   */
  public HostModel powerCycled() {
    HostModel h = new HostModel(drivers, maxPortsPerDevice);
    h.healthClock = healthClock;
    h.probeAgain(inventory());
    return h;
  }

  private void probeAgain(HostInventory boot) {
    for (HostInventory.Card c : boot.cards()) {
      plugIn(new NewDevice(c.bus(), c.newDeviceText(), INIT_NETNS), c.nvm());
    }
  }

  /** The wall clock of devices created from now on (a checker or test fixes it; the actors' is HardwareClock's). */
  public void useHealthClock(java.util.function.LongSupplier millis) {
    this.healthClock = millis;
  }

  /** What a power cycle of this host keeps now. */
  public HostInventory inventory() {
    List<HostInventory.Card> cards = new ArrayList<>();
    for (Device d : devices.values()) {
      cards.add(new HostInventory.Card(d.id.bus(), d.id.id(), d.portCount, d.numQueues, d.run.model.nvm()));
    }
    return new HostInventory(cards);
  }

  /** The instance of {@code dev} run sequentially (null when absent): the per-device lock baseline drives it. */
  public InstanceRun instance(DevHandle dev) {
    Device d = byHandle(dev);
    return d == null ? null : d.run;
  }

  /** The host's netdev names (the RTNL end; a per-device-lock baseline guards it with its own lock). */
  public NetdevNames names() {
    return names;
  }

  // ---------------------------------------------------------------- the step

  public Step step(HostOp op) {
    if (op instanceof Route r) {
      return route(r);
    } else if (op instanceof NewDevice n) {
      return plugIn(n, null);
    } else if (op instanceof DelDevice d) {
      return unplug(d);
    } else if (op instanceof NetnsAdd a) {
      return new Done(INIT_NETNS.equals(a.name()) || !namespaces.add(a.name()) ? Reply.err(Errno.EEXIST) : Reply.ok(),
          List.of());
    } else if (op instanceof NetnsDel d) {
      return netnsDel(d);
    }
    FirmwareWrite w = (FirmwareWrite) op;
    firmware.remove(w.name());
    firmware.put(w.name(), w.content());
    return new Done(Reply.ok(), List.of());
  }

  /** The handles visible from {@code netns} (null: all), in index order (what a dump visits). */
  public List<DevHandle> instances(String netns) {
    List<DevHandle> out = new ArrayList<>();
    for (Device d : devices.values()) {
      if (netns == null || netns.equals(d.run.model.netns())) {
        out.add(d.run.model.handle);
      }
    }
    return out;
  }

  /** The hardware wait of {@code p} is over: the reply, and the notes sent after the wait. */
  public Done resume(Pending p) {
    Device d = byHandle(p.dev());
    if (d == null) {
      throw new IllegalStateException("no device " + p.dev() + " to resume: a pending step holds its instance");
    }
    Done done = d.run.resume(p, names);
    String netns = d.run.model.netns();
    if (!INIT_NETNS.equals(netns) && !namespaces.contains(netns)) {
      // The namespace was deleted while the reload into it waited: devlink_pernet_pre_exit.
      List<Notification> notes = new ArrayList<>(done.notes());
      notes.addAll(reloadIntoInit(d));
      return new Done(done.reply(), notes);
    }
    return done;
  }

  /** The routing: unknown handle or another namespace's ENODEV, then the op with what the host resolved. */
  private Step route(Route r) {
    Device d = byHandle(r.dev());
    if (d == null || !r.caller().sees(d.run.model.netns())) {
      return new Done(Reply.err(Errno.ENODEV), List.of());
    }
    return d.run.request(r.caller(), r.op(), resolve(r.op(), namespaces, firmware::containsKey), names);
  }

  /**
   * What the host resolves beside a request from its own state, the op passed on unchanged: a
   * flash's firmware file (request_firmware looks in this host's /lib/firmware) and a reload's
   * target namespace (devlink_netns_get). The Registry actor resolves with this too.
   */
  public static Resolution resolve(Op<?> op, java.util.Set<String> namespaces,
      java.util.function.Predicate<String> firmwareExists) {
    if (op instanceof DevOp.Flash flash) {
      return new Resolution(NetnsTarget.STAY, firmwareExists.test(flash.file()));
    }
    if (op instanceof DevOp.Reload reload && reload.netns().isPresent()) {
      return new Resolution(resolveNetns(reload.netns().get(), namespaces), true);
    }
    return Resolution.NONE;
  }

  /** A pid (only 1, init's, exists here) or a namespace name. */
  private static NetnsTarget resolveNetns(String spec, java.util.Set<String> namespaces) {
    if (spec.chars().allMatch(Character::isDigit)) {
      return "1".equals(spec) ? new NetnsTarget.Known(INIT_NETNS) : new NetnsTarget.Unknown(spec);
    }
    return namespaces.contains(spec) || INIT_NETNS.equals(spec) ? new NetnsTarget.Known(spec)
        : new NetnsTarget.Unknown(spec);
  }

  private Step plugIn(NewDevice n, Nvm nvm) {
    Optional<DeviceDriver> driver = drivers.forBus(n.bus());
    if (driver.isEmpty()) {
      return new Done(Reply.err(Errno.ENOENT), List.of());
    }
    Optional<BusRequest.NewDevice> req = driver.get().parseNewDevice(n.text());
    if (req.isEmpty()) {
      return new Done(Reply.err(Errno.EINVAL), List.of());
    }
    BusId id = new BusId(n.bus(), req.get().id());
    if (devices.containsKey(id)) {
      return new Done(Reply.err(Errno.ENOSPC), List.of());
    }
    if (req.get().portCount() > maxPortsPerDevice) {
      return new Done(Reply.err(Errno.ENOMEM), List.of());
    }
    DevHandle handle = driver.get().handle(id.id());
    NsimDevlink model = new NsimDevlink(driver.get(), handle, id.id(), (int) req.get().portCount(), n.netns(), nvm);
    model.useHealthClock(healthClock);
    InstanceRun run = new InstanceRun(model, maxPortsPerDevice);
    Done probed = run.probeAndRegister(names);
    if (probed.reply().isOk()) {
      Device d = new Device(id, run, req.get().portCount(), req.get().numQueues());
      devices.put(id, d);
      byHandle.put(handle, d);
    }
    return probed;
  }

  private Step unplug(DelDevice del) {
    Optional<DeviceDriver> driver = drivers.forBus(del.bus());
    if (driver.isEmpty()) {
      return new Done(Reply.err(Errno.ENOENT), List.of());
    }
    Optional<Integer> id = driver.get().parseDelDevice(del.text());
    if (id.isEmpty()) {
      return new Done(Reply.err(Errno.EINVAL), List.of());
    }
    Device d = devices.remove(new BusId(del.bus(), id.get()));
    if (d == null) {
      return new Done(Reply.err(Errno.ENOENT), List.of());
    }
    byHandle.remove(d.run.model.handle);
    return d.run.unregister(names);
  }

  private Step netnsDel(NetnsDel del) {
    if (!namespaces.remove(del.name())) {
      return new Done(Reply.err(Errno.ENOENT), List.of());
    }
    List<Notification> notes = new ArrayList<>();
    for (Device d : List.copyOf(devices.values())) {
      if (del.name().equals(d.run.model.netns())) {
        notes.addAll(reloadIntoInit(d));
      }
    }
    return new Done(Reply.ok(), notes);
  }

  /** devlink_pernet_pre_exit: the instance reloads into init_net (a failure is only logged). */
  private List<Notification> reloadIntoInit(Device d) {
    DevOp.Reload reload = DevOp.Reload.of(DevOp.Action.DRIVER_REINIT, null, INIT_NETNS);
    Step s = d.run.request(Caller.DRIVER, reload, new Resolution(new NetnsTarget.Known(INIT_NETNS), true), names);
    if (s instanceof Pending p) {
      List<Notification> notes = new ArrayList<>(p.notesSoFar());
      notes.addAll(d.run.resume(p, names).notes());
      return notes;
    }
    return ((Done) s).notes();
  }

  private Device byHandle(DevHandle dev) {
    return byHandle.get(dev);
  }

  /** The host's /lib/firmware (name to content), oldest first. */
  public Map<String, String> firmware() {
    return java.util.Collections.unmodifiableMap(firmware);
  }
}
