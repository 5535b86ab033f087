package dev.fabric.devlink.actor;

import dev.fabric.devices.LatencyProfile;
import dev.fabric.devlink.model.DevHandle;
import dev.fabric.devlink.model.DriverOp;
import dev.fabric.devlink.model.Drivers;
import dev.fabric.devlink.model.HostInventory;
import dev.fabric.devlink.Wire;
import dev.fabric.devlink.model.Caller;
import dev.fabric.devlink.model.MonitorEvent;
import dev.fabric.devlink.model.Op;
import dev.fabric.devlink.model.Reply;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * One emulated host: the one entry actor of its devlink registry (with the netdevsim bus,
 * namespaces and /lib/firmware), its net stack and its monitor group. Every host-level command
 * comes here and is forwarded to the child that owns it, keeping {@code replyTo}, so the child
 * answers the caller directly; nothing outside this module holds a child's ref. A cluster shards
 * hosts as entities: their refs change on a rebalance, the host's entity id (its name) does not,
 * so this protocol is what crosses members.
 *
 * <p>Ordering: one sender's commands reach a child in the order sent (Pekko keeps order per
 * sender–receiver pair, and the host forwards in arrival order), so e.g. a netns add followed by
 * a new_device in it behave as before. Commands for different children are not ordered against
 * each other, as before (a subscription and a request sent after it: the CLI fences instead).
 */
public final class Host {
  private Host() {}

  /** The namespace a host starts with (the kernel's init_net). */
  public static final String INIT_NETNS = "init";

  public sealed interface Command extends Wire {}

  // ---------------------------------------------------------------- devlink requests (Registry)

  /**
   * A devlink request from {@code caller} (a devlink socket of a namespace, or the driver side,
   * i.e. sysfs/debugfs, which sees every namespace) to instance {@code dev}.
   */
  public record Route(Caller caller, DevHandle dev, Op<?> op, ActorRef<Reply<?>> replyTo)
      implements Command, Refusable {}

  /** A sysfs/debugfs action on netdevsim device {@code id}, whatever namespace its instance is in. */
  public record DriverAction(int id, DriverOp<?> op, ActorRef<Reply<?>> replyTo) implements Command, Refusable {}

  /** Reply: the registered handles visible from {@code netns} (null: all), in index order. */
  public record ListInstances(String netns, ActorRef<Registry.Instances> replyTo)
      implements Command, Answerable<Registry.Instances> {}

  // ---------------------------------------------------------------- the netdevsim bus (Registry)

  /** A write to /sys/bus/netdevsim/new_device ("ID [PORTS [QUEUES]]"), created in {@code netns}. */
  public record NewDevice(String text, String netns, ActorRef<Reply<?>> replyTo) implements Command, Refusable {}

  /** A write to /sys/bus/netdevsim/del_device: answered once the device is completely gone. */
  public record DelDevice(String text, ActorRef<Reply<?>> replyTo) implements Command, Refusable {}

  /** Reply: the ids of the netdevsim devices (sysfs view, all namespaces), ascending. */
  public record ListDeviceIds(ActorRef<Registry.DeviceIds> replyTo)
      implements Command, Answerable<Registry.DeviceIds> {}

  /** Simulated hardware timing of one device (netdevsim bus id). */
  public record DeviceLatency(int id, LatencyProfile latency, ActorRef<Reply<?>> replyTo)
      implements Command, Refusable {}

  /** Simulated hardware timing of devices created from now on. */
  public record DefaultLatency(LatencyProfile latency, ActorRef<Reply<?>> replyTo) implements Command, Refusable {}

  // ---------------------------------------------------------------- namespaces and files (Registry)

  public record NetnsAdd(String name, ActorRef<Reply<?>> replyTo) implements Command, Refusable {}

  public record NetnsDel(String name, ActorRef<Reply<?>> replyTo) implements Command, Refusable {}

  public record NetnsList(ActorRef<Registry.Namespaces> replyTo) implements Command, Answerable<Registry.Namespaces> {}

  /** A write to /lib/firmware/NAME (content: ISO-8859-1 text, one char per byte). */
  public record FirmwareWrite(String name, String content, ActorRef<Reply<?>> replyTo) implements Command, Refusable {}

  /** Reply: /lib/firmware's files, oldest first, name to content. */
  public record FirmwareList(ActorRef<Registry.FirmwareFiles> replyTo)
      implements Command, Answerable<Registry.FirmwareFiles> {}

  // ---------------------------------------------------------------- ip link (NetStack)

  /** One netdev as RTM_GETLINK shows it. {@code switchId} is hex, or null. */
  public record Link(String name, int ifindex, String mac, String switchId) implements Wire {}

  /** Reply: the netdevs of {@code netns} (without lo), in ifindex order. */
  public record Links(String netns, ActorRef<NetStack.LinkList> replyTo) implements Command, Answerable<NetStack.LinkList> {}

  // ---------------------------------------------------------------- the monitor (MonitorHub)

  /** Subscribes to the devlink multicast group of {@code netns} (empty: every namespace). */
  public record Subscribe(Optional<String> netns, ActorRef<MonitorEvent> subscriber) implements Command {}

  public record Unsubscribe(ActorRef<MonitorEvent> subscriber) implements Command {}

  /** Sends {@link MonitorEvent.FenceReached}{@code (id)} to {@code subscriber} after every event published before. */
  public record Fence(ActorRef<MonitorEvent> subscriber, long id) implements Command, Answerable<MonitorEvent> {
    @Override
    public ActorRef<MonitorEvent> replyTo() {
      return subscriber;
    }
  }

  /** The subscriber has read {@code count} events: room for as many more. */
  public record Consumed(ActorRef<MonitorEvent> subscriber, int count) implements Command {}

  // ---------------------------------------------------------------- what a power cycle keeps (Registry)

  /** Reply: what a power cycle of this host keeps now (its cards, each with its NVM). */
  public record GetInventory(ActorRef<HostInventory> replyTo) implements Command, Answerable<HostInventory> {}

  // ---------------------------------------------------------------- a power cycle

  /**
   * Power-cycles the host (the chaos fault {@code host-reboot}): the registry answers what the
   * cards keep (its inventory: cards with their NVM) and stops in the same step
   * ({@link Registry.PowerOff}: every answer it gave before is kept, none comes after), then the
   * net stack stops, each with everything it holds (instances, ports, namespaces, netdevs,
   * /lib/firmware, requests in flight: lost, as with a real power loss), and once every one of
   * their actors has stopped they start again from the inventory, each card probing again with its NVM, as a cluster host boots from its image.
   * Commands that arrive meanwhile wait and are served by the new boot. The monitor group stays:
   * its subscribers get {@link MonitorEvent.Rebooted} after the last event of the old boot and
   * before the first of the new one (the re-probed objects' NEW events). Not a devlink request:
   * {@code replyTo} hears Ack once the new registry runs.
   */
  public record PowerCycle(ActorRef<Reply<?>> replyTo) implements Command {}

  /** A power cycle's second step: what the cards keep. */
  record PowerLost(HostInventory kept) implements Command {}

  // ---------------------------------------------------------------- leak checks

  /** Reply: what the host holds (leak checks of tests, the fuzzer and the benchmark). */
  public record GetStats(ActorRef<Stats> replyTo) implements Command, Answerable<Stats> {}

  /**
   * @param host the host's name
   * @param registry instances, bus ids and instance actors the registry holds
   * @param netdevsTaken netdev names taken, per namespace that has any
   * @param subscribers monitor subscribers held
   */
  public record Stats(String host, Registry.Stats registry, Map<String, Set<String>> netdevsTaken,
      int subscribers) implements Wire {}

  /** A host named {@code name} (a cluster's entity id) whose devices get {@code latency}. */
  public static Behavior<Command> create(String name, LatencyProfile latency) {
    return create(name, latency, Instance.Faults.NONE);
  }

  /** With defects planted into every instance (tests of the checkers only). */
  public static Behavior<Command> create(String name, LatencyProfile latency, Instance.Faults faults) {
    return create(name, latency, faults, Drivers.standard(), HostInventory.EMPTY, null);
  }

  /**
   * A host serving the buses of {@code drivers}, powered on with what {@code boot} kept (its cards
   * probe again with their NVM; everything else starts fresh), telling {@code inventoryObserver}
   * (may be null) each new value of what a power cycle keeps: what a cluster keeps across members.
   */
  public static Behavior<Command> create(String name, LatencyProfile latency, Drivers drivers, HostInventory boot,
      ActorRef<HostInventory> inventoryObserver) {
    return create(name, latency, Instance.Faults.NONE, drivers, boot, inventoryObserver, null);
  }

  /**
   * As above, with {@code bootSubscriber} subscribed to every namespace's monitor group before the
   * cards probe: it hears the boot's notifications (each instance's NEW again), which a
   * subscription sent after the host started may miss (the probes race it).
   */
  public static Behavior<Command> create(String name, LatencyProfile latency, Drivers drivers, HostInventory boot,
      ActorRef<HostInventory> inventoryObserver, ActorRef<MonitorEvent> bootSubscriber) {
    return create(name, latency, Instance.Faults.NONE, drivers, boot, inventoryObserver, bootSubscriber);
  }

  private static Behavior<Command> create(String name, LatencyProfile latency, Instance.Faults faults,
      Drivers drivers, HostInventory boot, ActorRef<HostInventory> inventoryObserver) {
    return create(name, latency, faults, drivers, boot, inventoryObserver, null);
  }

  private static Behavior<Command> create(String name, LatencyProfile latency, Instance.Faults faults,
      Drivers drivers, HostInventory boot, ActorRef<HostInventory> inventoryObserver,
      ActorRef<MonitorEvent> bootSubscriber) {
    return Behaviors.setup(ctx -> {
      ActorRef<NetStack.Command> netStack = ctx.spawn(NetStack.create(), "netstack");
      ActorRef<MonitorHub.Command> monitor = ctx.spawn(MonitorHub.create(), "monitor");
      if (bootSubscriber != null) {
        // enqueued in the hub's mailbox before the registry exists: ahead of every notification
        monitor.tell(new MonitorHub.Subscribe(java.util.Optional.empty(), bootSubscriber));
      }
      ActorRef<Registry.Command> registry = ctx.spawn(
          Registry.create(netStack, monitor, latency, faults, drivers, boot, inventoryObserver), "registry");
      Hardware hardware = new Hardware(latency, faults, drivers, inventoryObserver);
      return Behaviors.withStash(Integer.MAX_VALUE, stash ->
          new Powered(ctx, stash, name, hardware, monitor).serving(0, registry, netStack));
    });
  }

  /** What a power cycle starts the registry with again (everything but the cards' inventory). */
  private record Hardware(LatencyProfile latency, Instance.Faults faults, Drivers drivers,
      ActorRef<HostInventory> inventoryObserver) {}

  /**
   * The host's states: serving (every command forwarded to the child that owns it) and, during a
   * power cycle, powering off (commands wait, the monitor group still serves).
   */
  private static final class Powered {
    private final ActorContext<Command> ctx;
    private final org.apache.pekko.actor.typed.javadsl.StashBuffer<Command> stash;
    private final String name;
    private final Hardware hardware;
    private final ActorRef<MonitorHub.Command> monitor;
    /** Requests answered EBUSY while a power cycle holds more than this many (the instances' bound). */
    private final int maxWaiting;

    Powered(ActorContext<Command> ctx, org.apache.pekko.actor.typed.javadsl.StashBuffer<Command> stash, String name,
        Hardware hardware, ActorRef<MonitorHub.Command> monitor) {
      this.ctx = ctx;
      this.stash = stash;
      this.name = name;
      this.hardware = hardware;
      this.monitor = monitor;
      this.maxWaiting = Limits.from(ctx.getSystem().settings().config()).maxQueuedRequests();
    }

    Behavior<Command> serving(int boot, ActorRef<Registry.Command> registry, ActorRef<NetStack.Command> netStack) {
      return monitorServed()
          .onMessage(PowerCycle.class, p -> {
            // A one-shot reader, not ctx.ask: the Java ask's stage completes its callbacks on the
            // common pool, outside a deterministic simulation's executor. The registry answers
            // what the cards keep and stops in the same step: the moment the power goes.
            ActorRef<Command> self = ctx.getSelf();
            ctx.watch(registry);
            ctx.spawnAnonymous(Behaviors.<HostInventory>setup(reader -> {
              registry.tell(new Registry.PowerOff(reader.getSelf()));
              return Behaviors.receiveMessage(kept -> {
                self.tell(new PowerLost(kept));
                return Behaviors.stopped();
              });
            }));
            return poweringOff(boot, registry, netStack, p.replyTo(), null, false);
          })
          .onMessage(Route.class, r -> forward(registry, new Registry.Route(r.caller(), r.dev(), r.op(), r.replyTo())))
          .onMessage(DriverAction.class, d ->
              forward(registry, new Registry.Route(Caller.DRIVER, DevHandle.netdevsim(d.id()), d.op(), d.replyTo())))
          .onMessage(ListInstances.class, l -> forward(registry, new Registry.ListInstances(l.netns(), l.replyTo())))
          .onMessage(NewDevice.class, n -> forward(registry, new Registry.NewDevice(n.text(), n.netns(), n.replyTo())))
          .onMessage(DelDevice.class, d -> forward(registry, new Registry.DelDevice(d.text(), d.replyTo())))
          .onMessage(ListDeviceIds.class, l -> forward(registry, new Registry.ListDeviceIds(l.replyTo())))
          .onMessage(DeviceLatency.class, d ->
              forward(registry, new Registry.DeviceLatency(d.id(), d.latency(), d.replyTo())))
          .onMessage(DefaultLatency.class, d -> forward(registry, new Registry.SetLatency(d.latency(), d.replyTo())))
          .onMessage(NetnsAdd.class, a -> forward(registry, new Registry.NetnsAdd(a.name(), a.replyTo())))
          .onMessage(NetnsDel.class, d -> forward(registry, new Registry.NetnsDel(d.name(), d.replyTo())))
          .onMessage(NetnsList.class, l -> forward(registry, new Registry.NetnsList(l.replyTo())))
          .onMessage(FirmwareWrite.class, w ->
              forward(registry, new Registry.FirmwareWrite(w.name(), w.content(), w.replyTo())))
          .onMessage(FirmwareList.class, l -> forward(registry, new Registry.FirmwareList(l.replyTo())))
          .onMessage(Links.class, l -> forward(netStack, new NetStack.Links(l.netns(), l.replyTo())))
          .onMessage(GetInventory.class, g -> forward(registry, new Registry.GetInventory(g.replyTo())))
          .onMessage(GetStats.class, g -> {
            ctx.spawnAnonymous(StatsCollector.create(name, registry, monitor, netStack, g.replyTo()));
            return Behaviors.same();
          })
          .build();
    }

    /**
     * From a PowerCycle until the new boot runs: the registry answers what the cards keep and stops
     * ({@link Registry.PowerOff}); once it has terminated (and with it every instance, port and
     * hardware actor: none can publish or answer any more) the net stack stops; once that has
     * terminated too and the kept inventory is here, the monitor group hears the reboot and the
     * new registry starts. Commands wait in arrival order; monitor commands are served (the group
     * stays powered).
     *
     * @param kept what the cards keep, once the reader has brought it (else null)
     * @param registryGone whether the old registry has terminated (the net stack is stopping)
     */
    private Behavior<Command> poweringOff(int boot, ActorRef<Registry.Command> registry,
        ActorRef<NetStack.Command> netStack, ActorRef<Reply<?>> replyTo, HostInventory kept, boolean registryGone) {
      return monitorServed()
          .onMessage(PowerLost.class, l -> poweringOff(boot, registry, netStack, replyTo, l.kept(), registryGone))
          .onMessage(Command.class, this::waitForBoot)
          .onSignal(org.apache.pekko.actor.typed.Terminated.class, t -> {
            if (!registryGone) {
              ctx.watch(netStack);
              ctx.stop(netStack);
              return poweringOff(boot, registry, netStack, replyTo, kept, true);
            }
            return kept == null ? poweredOff(boot, replyTo) : powerOn(boot + 1, replyTo, kept);
          })
          .build();
    }

    /** Everything of the old boot has stopped; the kept inventory is still on its way. */
    private Behavior<Command> poweredOff(int boot, ActorRef<Reply<?>> replyTo) {
      return monitorServed()
          .onMessage(PowerLost.class, l -> powerOn(boot + 1, replyTo, l.kept()))
          .onMessage(Command.class, this::waitForBoot)
          .build();
    }

    /** The old boot is gone: the monitor group hears it, then the cards probe again with what they kept. */
    private Behavior<Command> powerOn(int boot, ActorRef<Reply<?>> replyTo, HostInventory kept) {
      monitor.tell(new MonitorHub.Rebooted(boot));
      // fresh names: the old children's names are free again, but a name per boot reads better in logs
      ActorRef<NetStack.Command> freshNet = ctx.spawn(NetStack.create(), "netstack-" + boot);
      ActorRef<Registry.Command> fresh = ctx.spawn(Registry.create(freshNet, monitor, hardware.latency(),
          hardware.faults(), hardware.drivers(), kept, hardware.inventoryObserver()), "registry-" + boot);
      replyTo.tell(Reply.ok());
      return stash.unstashAll(serving(boot, fresh, freshNet));
    }

    /** A command during a power cycle waits for the new boot (beyond the instances' bound, a request is EBUSY). */
    private Behavior<Command> waitForBoot(Command c) {
      if (c instanceof Refusable r && stash.size() >= maxWaiting) {
        r.refuse(dev.fabric.devlink.model.Errno.EBUSY, "host is powering on");
      } else {
        stash.stash(c);
      }
      return Behaviors.same();
    }

    /** The monitor group stays powered through a power cycle: its commands are served in every state. */
    private org.apache.pekko.actor.typed.javadsl.BehaviorBuilder<Command> monitorServed() {
      return Behaviors.receive(Command.class)
          .onMessage(Subscribe.class, s -> forward(monitor, new MonitorHub.Subscribe(s.netns(), s.subscriber())))
          .onMessage(Unsubscribe.class, u -> forward(monitor, new MonitorHub.Unsubscribe(u.subscriber())))
          .onMessage(Fence.class, f -> forward(monitor, new MonitorHub.Fence(f.subscriber(), f.id())))
          .onMessage(Consumed.class, c -> forward(monitor, new MonitorHub.Consumed(c.subscriber(), c.count())));
    }
  }

  private static <T> Behavior<Command> forward(ActorRef<T> child, T message) {
    child.tell(message);
    return Behaviors.same();
  }

  /** Asks the three children for their figures and answers one {@link Stats}; then stops. */
  private static final class StatsCollector {
    private sealed interface Part {}

    private record RegistryPart(Registry.Stats stats) implements Part {}

    private record NetStackPart(NetStack.Taken taken) implements Part {}

    private record MonitorPart(MonitorHub.Stats stats) implements Part {}

    static Behavior<Part> create(String host, ActorRef<Registry.Command> registry,
        ActorRef<MonitorHub.Command> monitor, ActorRef<NetStack.Command> netStack, ActorRef<Stats> replyTo) {
      return Behaviors.setup(ctx -> {
        registry.tell(new Registry.GetStats(ctx.messageAdapter(Registry.Stats.class, RegistryPart::new)));
        monitor.tell(new MonitorHub.GetStats(ctx.messageAdapter(MonitorHub.Stats.class, MonitorPart::new)));
        netStack.tell(new NetStack.GetTaken(ctx.messageAdapter(NetStack.Taken.class, NetStackPart::new)));
        return collect(host, replyTo, null, null, null);
      });
    }

    private static Behavior<Part> collect(String host, ActorRef<Stats> replyTo, Registry.Stats reg,
        Map<String, Set<String>> taken, MonitorHub.Stats mon) {
      if (reg != null && taken != null && mon != null) {
        replyTo.tell(new Stats(host, reg, taken, mon.subscribers()));
        return Behaviors.stopped();
      }
      return Behaviors.receive(Part.class)
          .onMessage(RegistryPart.class, p -> collect(host, replyTo, p.stats(), taken, mon))
          .onMessage(NetStackPart.class, p -> collect(host, replyTo, reg, p.taken().byNetns(), mon))
          .onMessage(MonitorPart.class, p -> collect(host, replyTo, reg, taken, p.stats()))
          .build();
    }

  }
}
