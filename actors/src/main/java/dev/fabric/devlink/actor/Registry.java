package dev.fabric.devlink.actor;

import dev.fabric.devices.BusRequest;
import dev.fabric.devices.LatencyProfile;
import dev.fabric.devlink.model.DevHandle;
import dev.fabric.devlink.model.DevOp;
import dev.fabric.devlink.model.DeviceDriver;
import dev.fabric.devlink.model.Drivers;
import dev.fabric.devlink.model.HostInventory;
import dev.fabric.devlink.model.HostModel;
import dev.fabric.devices.Nvm;
import dev.fabric.devlink.model.Errno;
import dev.fabric.devlink.model.NsimDevlink;
import dev.fabric.devlink.model.Op;
import dev.fabric.devlink.Wire;
import dev.fabric.devlink.model.Caller;
import dev.fabric.devlink.model.NetnsTarget;
import dev.fabric.devlink.model.Reply;
import dev.fabric.devlink.model.Resolution;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * The devlink instances of one emulated host: the kernel's devlinks xarray (dumps in index, i.e.
 * creation, order), the netdevsim bus that creates and deletes devices, and the host's network
 * namespaces. Requests for an instance go through here and are forwarded (keeping replyTo) only
 * to registered instances; an unknown handle gets ENODEV from the registry itself.
 *
 * <p>Each device created on the bus is one <em>life</em> of its bus id. A bus id stays taken
 * from new_device until that life's actor has stopped (the kernel's del_device returns only after
 * the device is unregistered); bus writes for an id whose life is still probing or unregistering
 * wait in order (the kernel's nsim_bus_dev_list_lock), so the events of two lives of one handle
 * never interleave. Messages from an instance name their life and are ignored when stale.
 *
 * <p>Each bus belongs to a driver ({@link Drivers}, chosen by bus name; netdevsim unless a host is
 * given more). The registry also keeps what a power cycle of the host keeps ({@link HostInventory}:
 * the cards with their NVM), starts from such a value (every card probes again with its NVM,
 * runtime state fresh), and tells an observer each new value: new_device, del_device, a completed
 * flash, a permanent param set.
 */
public final class Registry extends AbstractBehavior<Registry.Command> {

  /**
   * The registry's messages. The public ones implement {@link Wire} (clients on other members send
   * them); the package-private and private ones come from the registry's own instance children or
   * its watch, which live in the same actor system as the registry, and stay unbound.
   */
  public sealed interface Command {}

  /** A devlink request from {@code caller} (a namespace's socket, or the driver side) to {@code dev}. */
  public record Route(Caller caller, DevHandle dev, Op<?> op, ActorRef<Reply<?>> replyTo)
      implements Command, Wire, Refusable {}

  /** Reply: the registered handles visible from {@code netns} (null: all), in index order. */
  public record ListInstances(String netns, ActorRef<Instances> replyTo)
      implements Command, Wire, Answerable<Instances> {}

  public record Instances(List<DevHandle> handles) implements Wire {}

  /** A write to /sys/bus/BUS/new_device (created in {@code netns}). */
  public record NewDevice(String text, String netns, ActorRef<Reply<?>> replyTo, String bus) implements Command, Wire, Refusable {
    /** On the netdevsim bus. */
    public NewDevice(String text, String netns, ActorRef<Reply<?>> replyTo) {
      this(text, netns, replyTo, NETDEVSIM);
    }
  }

  /** A write to /sys/bus/BUS/del_device: answered once the device is completely gone. */
  public record DelDevice(String text, ActorRef<Reply<?>> replyTo, String bus) implements Command, Wire, Refusable {
    /** On the netdevsim bus. */
    public DelDevice(String text, ActorRef<Reply<?>> replyTo) {
      this(text, replyTo, NETDEVSIM);
    }
  }

  /** Reply: the ids of the netdevsim devices (sysfs view, all namespaces), ascending. */
  public record ListDeviceIds(ActorRef<DeviceIds> replyTo) implements Command, Wire, Answerable<DeviceIds> {}

  public record DeviceIds(List<Integer> ids) implements Wire {}

  /** Reply: what a power cycle of this host keeps now. */
  public record GetInventory(ActorRef<HostInventory> replyTo) implements Command, Wire, Answerable<HostInventory> {}

  /**
   * The power goes off (the host's power cycle): answers what the cards keep and stops with every
   * instance. One step, so the power is lost at one point of the registry's life: every answer it
   * gave before (a new_device, an NVM write: see {@link NvmChanged}) is in the inventory, and it
   * gives none after.
   */
  public record PowerOff(ActorRef<HostInventory> replyTo) implements Command, Wire {}

  public record NetnsAdd(String name, ActorRef<Reply<?>> replyTo)
      implements Command, Wire, Refusable {}

  public record NetnsDel(String name, ActorRef<Reply<?>> replyTo)
      implements Command, Wire, Refusable {}

  public record NetnsList(ActorRef<Namespaces> replyTo) implements Command, Wire, Answerable<Namespaces> {}

  public record Namespaces(List<String> names) implements Wire {}

  public record SetLatency(LatencyProfile latency, ActorRef<Reply<?>> replyTo)
      implements Command, Wire, Refusable {}

  /**
   * A write to /lib/firmware/NAME (open with O_TRUNC, then the data): the host's firmware files,
   * which request_firmware finds for a flash. Content as ISO-8859-1 text (one char per byte).
   */
  public record FirmwareWrite(String name, String content, ActorRef<Reply<?>> replyTo)
      implements Command, Wire, Refusable {}

  /** Reply: /lib/firmware's files, oldest first, name to content (ISO-8859-1 text). */
  public record FirmwareList(ActorRef<FirmwareFiles> replyTo)
      implements Command, Wire, Answerable<FirmwareFiles> {}

  /** Name to content, oldest first. */
  public record FirmwareFiles(java.util.Map<String, String> files) implements Wire {}

  /** Changes the simulated timing of one device's hardware (netdevsim bus id). */
  public record DeviceLatency(int id, LatencyProfile latency, ActorRef<Reply<?>> replyTo)
      implements Command, Wire, Refusable {}

  /** Reply: what the registry holds (leak checks of tests, the fuzzer and the benchmark). */
  public record GetStats(ActorRef<Stats> replyTo)
      implements Command, Wire, Answerable<Stats> {}

  /**
   * @param registered instances registered (routable)
   * @param busIds bus ids taken (probing, registered or unregistering)
   * @param waitingBusWrites bus writes waiting for a life of their id to finish probing or unregistering
   * @param children live instance actors
   * @param modelFaults model steps that threw (answered EIO, instance kept alive)
   * @param unexpectedStops instances that stopped without a del_device (an exception escaped)
   */
  public record Stats(int registered, int busIds, int waitingBusWrites, int children, long modelFaults,
      long unexpectedStops) implements Wire {}

  record InstanceRegistered(Instance.Registered r) implements Command {}

  record NetnsChanged(DevHandle dev, long life, String netns) implements Command {}

  /**
   * An instance's NVM changed (a flash completed, a permanent param was set), and the answer to the
   * request that wrote it ({@code replyTo} null: none to send). The registry sends it once the
   * inventory holds the write, so an answered write is never one a power cycle loses.
   */
  record NvmChanged(String bus, int id, long life, Nvm nvm, ActorRef<Reply<?>> replyTo, Reply<?> reply)
      implements Command {}

  /** An instance caught an exception of its model (logged there). */
  record ModelFault(DevHandle dev, String op, String error) implements Command {}

  private record InstanceStopped(BusId id, long life) implements Command {}

  /** A device's place on the host's buses. */
  private record BusId(String bus, int id) {}

  public static final String INIT_NETNS = Host.INIT_NETNS;

  public static final String NETDEVSIM = "netdevsim";

  public static Behavior<Command> create(ActorRef<NetStack.Command> netStack, ActorRef<MonitorHub.Command> monitor,
      LatencyProfile latency) {
    return create(netStack, monitor, latency, Instance.Faults.NONE);
  }

  /**
   * Planted defect (tests of the chaos checkers only; nothing in {@code fabric} sets it): a power
   * cycle that reads a card's NVM wrong — each card probes again with what this returns instead
   * of what it stored. Null: the NVM as stored.
   */
  public static volatile java.util.function.UnaryOperator<dev.fabric.devices.Nvm> plantedBootNvm;

  /** With defects planted into every instance (tests of the checkers only). */
  public static Behavior<Command> create(ActorRef<NetStack.Command> netStack, ActorRef<MonitorHub.Command> monitor,
      LatencyProfile latency, Instance.Faults faults) {
    return create(netStack, monitor, latency, faults, Drivers.standard(), HostInventory.EMPTY, null);
  }

  /**
   * A host's registry serving the buses of {@code drivers}, powered on with {@code boot}'s cards
   * (each probes again, in order, with its NVM; runtime state fresh), telling {@code observer}
   * (may be null) every new {@link HostInventory}.
   */
  public static Behavior<Command> create(ActorRef<NetStack.Command> netStack, ActorRef<MonitorHub.Command> monitor,
      LatencyProfile latency, Instance.Faults faults, Drivers drivers, HostInventory boot,
      ActorRef<HostInventory> observer) {
    return Behaviors.setup(ctx -> {
      Registry r = new Registry(ctx, netStack, monitor, latency, faults, drivers, observer);
      for (HostInventory.Card card : boot.cards()) {
        // A power cycle: the card probes again with what its NVM kept; nobody waits for the answer.
        dev.fabric.devices.Nvm nvm = plantedBootNvm == null || card.nvm() == null ? card.nvm()
            : plantedBootNvm.apply(card.nvm());
        r.plugIn(new NewDevice(card.newDeviceText(), INIT_NETNS, ctx.getSystem().ignoreRef(), card.bus()), nvm);
      }
      return r;
    });
  }

  private enum Phase { PROBING, REGISTERED, UNREGISTERING }

  /** One life of a bus id: from new_device until its instance actor has stopped. */
  private static final class Life {
    final BusId id;
    final long life;
    final DevHandle handle;
    final ActorRef<Instance.Command> ref;
    Phase phase = Phase.PROBING;
    String netns;
    long index = -1;
    ActorRef<Reply<?>> delReplyTo;
    /** Bus writes for this id that wait for this life to finish probing or unregistering. */
    final ArrayDeque<Command> waiting = new ArrayDeque<>();

    /** The card as a power cycle keeps it (its NVM as last written); null until registered. */
    HostInventory.Card card;

    Life(BusId id, long life, DevHandle handle, ActorRef<Instance.Command> ref, String netns) {
      this.id = id;
      this.life = life;
      this.handle = handle;
      this.ref = ref;
      this.netns = netns;
    }
  }

  private final ActorRef<NetStack.Command> netStack;
  /** /lib/firmware: the image the guest shipped (4096 bytes), then what users wrote. */
  private final java.util.Map<String, String> firmware =
      new java.util.LinkedHashMap<>(java.util.Map.of("nsim-fw.bin", "\u0000".repeat(4096)));
  private final ActorRef<MonitorHub.Command> monitor;
  private final Instance.Faults faults;
  private final Limits limits;
  private LatencyProfile latency;
  /** Registered lives in index order (dumps) and by handle (routing). */
  private final TreeMap<Long, Life> byIndex = new TreeMap<>();
  private final Map<DevHandle, Life> byHandle = new HashMap<>();
  /** Every bus id taken, whatever its life's phase. */
  private final Map<BusId, Life> byId = new HashMap<>();
  private final Drivers drivers;
  /** Told every new inventory value; null when nobody keeps it. */
  private final ActorRef<HostInventory> observer;
  /** The cards of the last inventory told (so an unchanged value is not told again). */
  private HostInventory told = HostInventory.EMPTY;
  private final Set<String> namespaces = new LinkedHashSet<>();
  private long nextIndex;
  private long nextLife;
  private long modelFaults;
  private long unexpectedStops;

  private Registry(ActorContext<Command> ctx, ActorRef<NetStack.Command> netStack,
      ActorRef<MonitorHub.Command> monitor, LatencyProfile latency, Instance.Faults faults, Drivers drivers,
      ActorRef<HostInventory> observer) {
    super(ctx);
    this.drivers = drivers;
    this.observer = observer;
    this.netStack = netStack;
    this.monitor = monitor;
    this.latency = latency;
    this.faults = faults;
    this.limits = Limits.from(ctx.getSystem().settings().config());
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Route.class, this::onRoute)
        .onMessage(FirmwareWrite.class, w -> {
          firmware.remove(w.name());
          firmware.put(w.name(), w.content());
          w.replyTo().tell(Reply.ok());
          return this;
        })
        .onMessage(FirmwareList.class, l -> {
          l.replyTo().tell(new FirmwareFiles(java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(firmware))));
          return this;
        })
        .onMessage(ListInstances.class, this::onList)
        .onMessage(NewDevice.class, this::onNewDevice)
        .onMessage(DelDevice.class, this::onDelDevice)
        .onMessage(ListDeviceIds.class, l -> {
          l.replyTo().tell(new DeviceIds(byId.keySet().stream().filter(b -> b.bus().equals(NETDEVSIM)).map(BusId::id).sorted().toList()));
          return this;
        })
        .onMessage(GetInventory.class, g -> {
          g.replyTo().tell(inventory());
          return this;
        })
        .onMessage(PowerOff.class, p -> {
          p.replyTo().tell(inventory());
          return Behaviors.stopped();
        })
        .onMessage(NvmChanged.class, this::onNvmChanged)
        .onMessage(InstanceRegistered.class, this::onRegistered)
        .onMessage(InstanceStopped.class, this::onStopped)
        .onMessage(NetnsChanged.class, this::onNetnsChanged)
        .onMessage(ModelFault.class, f -> {
          modelFaults++;
          return this;
        })
        .onMessage(NetnsAdd.class, this::onNetnsAdd)
        .onMessage(NetnsDel.class, this::onNetnsDel)
        .onMessage(NetnsList.class, l -> {
          l.replyTo().tell(new Namespaces(List.copyOf(namespaces)));
          return this;
        })
        .onMessage(DeviceLatency.class, d -> {
          Life l = byId.get(new BusId(NETDEVSIM, d.id()));
          if (l == null || l.phase == Phase.UNREGISTERING) {
            d.refuse(Errno.ENODEV, null);
          } else {
            l.ref.tell(new Instance.SetLatency(d.latency(), d.replyTo()));
          }
          return this;
        })
        .onMessage(SetLatency.class, s -> {
          latency = s.latency();
          s.replyTo().tell(Reply.ok());
          return this;
        })
        .onMessage(GetStats.class, g -> {
          int waiting = byId.values().stream().mapToInt(l -> l.waiting.size()).sum();
          g.replyTo().tell(new Stats(byHandle.size(), byId.size(), waiting,
              getContext().getChildren().size(), modelFaults, unexpectedStops));
          return this;
        })
        .build();
  }

  private Behavior<Command> onRoute(Route r) {
    Life e = byHandle.get(r.dev());
    if (e == null || !r.caller().sees(e.netns)) {
      if (e == null && faults != Instance.Faults.NONE && racesDelDevice(r.dev()) && faults.dropRacingDelDevice(r.op())) {
        return this; // a planted defect (tests only): the request racing del_device gets no answer
      }
      r.refuse(Errno.ENODEV, null);
      return this;
    }
    e.ref.tell(new Instance.Request(r.caller(), r.op(), resolve(r.op()), r.replyTo()));
    return this;
  }

  private boolean racesDelDevice(DevHandle dev) {
    return byId.values().stream().anyMatch(l -> l.handle.equals(dev) && l.phase == Phase.UNREGISTERING);
  }

  /** What the host resolves beside the op: one copy of the rule, shared with the host model. */
  private Resolution resolve(Op<?> op) {
    return HostModel.resolve(op, namespaces, firmware::containsKey);
  }

  private Behavior<Command> onList(ListInstances l) {
    List<DevHandle> out = new ArrayList<>();
    for (Life e : byIndex.values()) {
      if (l.netns() == null || l.netns().equals(e.netns)) {
        out.add(e.handle);
      }
    }
    l.replyTo().tell(new Instances(out));
    return this;
  }

  // ---------------------------------------------------------------- the bus

  private Behavior<Command> onNewDevice(NewDevice n) {
    return plugIn(n, null);
  }

  /** new_device: a card plugged into the bus, fresh ({@code nvm} null) or with what its NVM kept. */
  private Behavior<Command> plugIn(NewDevice n, Nvm nvm) {
    Optional<DeviceDriver> driver = drivers.forBus(n.bus());
    if (driver.isEmpty()) {
      n.replyTo().tell(Reply.err(Errno.ENOENT)); // no /sys/bus/BUS/new_device
      return this;
    }
    Optional<BusRequest.NewDevice> req = driver.get().parseNewDevice(n.text());
    if (req.isEmpty()) {
      n.refuse(Errno.EINVAL, null);
      return this;
    }
    BusId id = new BusId(n.bus(), req.get().id());
    Life taken = byId.get(id);
    if (taken != null && taken.phase != Phase.REGISTERED) {
      taken.waiting.add(n);
      return this;
    }
    if (taken != null) {
      n.refuse(Errno.ENOSPC, null);
      return this;
    }
    // Bounded before anything is allocated: the kernel's netdev allocation runs out (ENOMEM).
    if (req.get().portCount() > limits.maxPortsPerDevice()) {
      n.refuse(Errno.ENOMEM, null);
      return this;
    }
    DevHandle handle = driver.get().handle(id.id());
    NsimDevlink model = new NsimDevlink(driver.get(), handle, id.id(), (int) req.get().portCount(), n.netns(), nvm);
    long life = nextLife++;
    Instance.Env env = new Instance.Env(netStack, monitor, getContext().getSelf(), latency, life, limits, faults);
    ActorRef<Instance.Command> ref =
        getContext().spawn(Instance.create(model, env, n.replyTo()), handle.name() + "-" + life);
    getContext().watchWith(ref, new InstanceStopped(id, life));
    Life l = new Life(id, life, handle, ref, n.netns());
    // devlink_alloc_ns takes the instance's index (xa_alloc_cyclic on devlinks) before the probe
    // registers it: dumps list instances in allocation order, so cards probing side by side (a
    // host booting from its inventory) list in the order they were plugged in.
    l.index = nextIndex++;
    l.card = new HostInventory.Card(id.bus(), id.id(), req.get().portCount(), req.get().numQueues(), model.nvm());
    byId.put(id, l);
    return this;
  }

  private Behavior<Command> onRegistered(InstanceRegistered m) {
    Instance.Registered r = m.r();
    Life l = byId.get(new BusId(r.handle().bus(), r.id()));
    if (l == null || l.life != r.life()) {
      return this; // cannot happen: a life is registered only by its own actor
    }
    l.phase = Phase.REGISTERED;
    byIndex.put(l.index, l);
    byHandle.put(l.handle, l);
    // Announced once routed to: devl_register marks the instance registered before notifying.
    if (!r.announce().isEmpty()) {
      monitor.tell(new MonitorHub.Publish(r.announce()));
    }
    r.replyTo().tell(Reply.ok());
    tellInventory();
    runWaiting(l);
    return this;
  }

  /** Cards of registered and unregistering lives, in creation (life) order: what a power cycle keeps. */
  private HostInventory inventory() {
    return new HostInventory(byId.values().stream().filter(l -> l.phase != Phase.PROBING)
        .sorted(java.util.Comparator.comparingLong(l -> l.life)).map(l -> l.card).toList());
  }

  private void tellInventory() {
    HostInventory now = inventory();
    if (observer != null && !now.equals(told)) {
      observer.tell(now);
    }
    told = now;
  }

  private Behavior<Command> onNvmChanged(NvmChanged c) {
    Life l = byId.get(new BusId(c.bus(), c.id()));
    if (l != null && l.life == c.life()) {
      HostInventory.Card card = l.card;
      l.card = new HostInventory.Card(card.bus(), card.id(), card.portCount(), card.numQueues(), c.nvm());
      tellInventory();
    }
    if (c.replyTo() != null) {
      c.replyTo().tell(c.reply());
    }
    return this;
  }

  private Behavior<Command> onDelDevice(DelDevice d) {
    Optional<DeviceDriver> driver = drivers.forBus(d.bus());
    if (driver.isEmpty()) {
      d.replyTo().tell(Reply.err(Errno.ENOENT));
      return this;
    }
    Optional<Integer> id = driver.get().parseDelDevice(d.text());
    if (id.isEmpty()) {
      d.refuse(Errno.EINVAL, null);
      return this;
    }
    Life l = byId.get(new BusId(d.bus(), id.get()));
    if (l == null) {
      d.refuse(Errno.ENOENT, null);
      return this;
    }
    if (l.phase != Phase.REGISTERED) {
      l.waiting.add(d);
      return this;
    }
    // Stop routing first, then tell the instance: every request forwarded earlier reaches it first.
    byHandle.remove(l.handle);
    byIndex.remove(l.index);
    l.phase = Phase.UNREGISTERING;
    l.delReplyTo = d.replyTo();
    l.ref.tell(new Instance.Unregister());
    return this;
  }

  /** The life's actor and its ports have stopped: the id is free, and its waiting writes run. */
  private Behavior<Command> onStopped(InstanceStopped s) {
    Life l = byId.get(s.id());
    if (l == null || l.life != s.life()) {
      return this;
    }
    byId.remove(s.id());
    tellInventory();
    if (l.phase == Phase.UNREGISTERING) {
      l.delReplyTo.tell(Reply.ok());
    } else if (l.phase == Phase.REGISTERED) {
      // Only an exception escaping the instance gets here (model exceptions are caught there).
      unexpectedStops++;
      byHandle.remove(l.handle);
      byIndex.remove(l.index);
    }
    // (PROBING: the probe failed and the instance answered new_device itself.)
    List<Command> rest = new ArrayList<>(l.waiting);
    l.waiting.clear();
    for (Command c : rest) {
      dispatchBusWrite(c);
    }
    return this;
  }

  private void runWaiting(Life l) {
    while (!l.waiting.isEmpty() && l.phase == Phase.REGISTERED) {
      dispatchBusWrite(l.waiting.poll());
    }
  }

  private void dispatchBusWrite(Command c) {
    if (c instanceof NewDevice n) {
      onNewDevice(n);
    } else if (c instanceof DelDevice d) {
      onDelDevice(d);
    }
  }

  private Behavior<Command> onNetnsChanged(NetnsChanged c) {
    Life l = byHandle.get(c.dev());
    if (l == null || l.life != c.life()) {
      return this; // a stale message of an earlier life of this handle
    }
    l.netns = c.netns();
    if (!INIT_NETNS.equals(c.netns()) && !namespaces.contains(c.netns())) {
      // The namespace was deleted while the reload into it waited: devlink_pernet_pre_exit.
      reloadIntoInit(l);
    }
    return this;
  }

  private Behavior<Command> onNetnsAdd(NetnsAdd a) {
    if (INIT_NETNS.equals(a.name()) || !namespaces.add(a.name())) {
      a.refuse(Errno.EEXIST, null);
    } else {
      a.replyTo().tell(Reply.ok());
    }
    return this;
  }

  private Behavior<Command> onNetnsDel(NetnsDel d) {
    if (!namespaces.remove(d.name())) {
      d.refuse(Errno.ENOENT, null);
      return this;
    }
    for (Life e : byIndex.values()) {
      if (d.name().equals(e.netns)) {
        reloadIntoInit(e);
      }
    }
    d.replyTo().tell(Reply.ok());
    return this;
  }

  /**
   * devlink_pernet_pre_exit: a dying namespace reloads its devlink instances into init_net
   * (failures only logged by the kernel, so the answer is ignored). The registry learns the move
   * from the instance (NetnsChanged), in order with everything else that instance does.
   */
  private void reloadIntoInit(Life l) {
    ActorRef<Reply<?>> ignore = getContext().getSystem().ignoreRef();
    DevOp.Reload reload = DevOp.Reload.of(DevOp.Action.DRIVER_REINIT, null, INIT_NETNS);
    l.ref.tell(new Instance.Request(Caller.DRIVER, reload,
        new Resolution(new NetnsTarget.Known(INIT_NETNS), true), ignore));
  }
}
