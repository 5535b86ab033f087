package dev.fabric.devlink.actor;

import dev.fabric.devices.LatencyProfile;
import dev.fabric.devices.NetdevsimHardware;
import dev.fabric.devlink.model.DevOp;
import dev.fabric.devlink.model.Errno;
import dev.fabric.devlink.model.NsimDevlink;
import dev.fabric.devlink.model.Op;
import dev.fabric.devlink.model.PortOp;
import dev.fabric.devlink.model.PortState;
import dev.fabric.devlink.model.Reply;
import dev.fabric.devlink.model.Notification;
import dev.fabric.devlink.model.Result;
import java.util.HashMap;
import java.util.HashSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.StashBuffer;

/**
 * One devlink instance (the netdevsim device's devlink side). Its mailbox is the per-instance lock:
 * requests run one at a time against the sequential model; while a slow step runs (probe,
 * reload, flash, netdev allocation) every other request is stashed and replayed afterwards, so
 * each gets its answer in arrival order and other instances keep answering meanwhile.
 *
 * <p>States: {@link #registered()}, {@link #reloadFailed()} (both serve requests; the model
 * answers what the kernel answers in that state), {@link #reloading}, {@link #flashing},
 * {@link #allocating} and {@link #unregistering()}.
 */
public final class Instance {

  public sealed interface Command {}

  /** {@code callerNetns} null means a driver-side caller (sysfs/debugfs), which sees every netns. */
  public record Request(String callerNetns, Op op, ActorRef<Reply> replyTo) implements Command {}

  /** Sent by the registry after it stopped routing to this instance (del_device). */
  public record Unregister(ActorRef<Reply> replyTo) implements Command {}

  /** Changes the simulated hardware's timing of this device (takes effect for the next slow step). */
  public record SetLatency(LatencyProfile latency, ActorRef<Reply> replyTo) implements Command {}

  private record NetdevsReady(List<String> names) implements Command {}

  private record PortsQuiesced() implements Command {}

  private record QuiesceAck(long index) implements Command {}

  private record HardwareReady() implements Command {}

  private record FlashStep(NetdevsimHardware.FlashProgress progress) implements Command {}

  private record Drained() implements Command {}

  private record PortRetired(ActorRef<Port.Command> port) implements Command {}

  /** Tells the registry that probe and registration finished. */
  public record Registered(dev.fabric.devlink.model.DevHandle handle, ActorRef<Command> instance,
      ActorRef<Reply> replyTo, List<Notification> announce) {}

  /** The unknown-namespace marker the registry puts in a reload's netns field. */
  public static final String UNKNOWN_NETNS = "\u0000unknown";

  /**
   * The file name the registry puts in a flash request when the host's /lib/firmware has no such
   * file (request_firmware fails): the registry owns the host's files, the instance trusts it.
   */
  public static final String MISSING_FIRMWARE = "\u0000missing-firmware";

  public record Env(ActorRef<NetStack.Command> netStack, ActorRef<MonitorHub.Command> monitor,
      ActorRef<Registry.Command> registry, LatencyProfile latency) {}

  public static Behavior<Command> create(NsimDevlink model, Env env, ActorRef<Reply> creator) {
    return Behaviors.withStash(10_000, stash -> Behaviors.setup(ctx -> new Instance(ctx, stash, model, env).probing(creator)));
  }

  private final ActorContext<Command> ctx;
  private final StashBuffer<Command> stash;
  private final NsimDevlink model;
  private final Env env;
  private final ActorRef<NetdevsimHardware.Command> hardware;
  private final ActorRef<List<String>> namesTo;
  private final Map<Long, ActorRef<Port.Command>> portActors = new HashMap<>();
  private final Map<Long, PortState> portStates = new HashMap<>();
  /** Removed ports still answering what was routed to them before their removal. */
  private final Set<ActorRef<Port.Command>> retiring = new HashSet<>();

  private Instance(ActorContext<Command> ctx, StashBuffer<Command> stash, NsimDevlink model, Env env) {
    this.ctx = ctx;
    this.stash = stash;
    this.model = model;
    this.env = env;
    this.hardware = ctx.spawn(NetdevsimHardware.create(env.latency()), "hw");
    model.useHealthClock(dev.fabric.devices.HardwareClock.get(ctx.getSystem()).wallMillis());
    this.namesTo = castRef(ctx.messageAdapter(List.class, names -> new NetdevsReady(castList(names))));
  }

  // ---------------------------------------------------------------- probing

  private Behavior<Command> probing(ActorRef<Reply> creator) {
    allocate(model.netns(), model.probeNetdevs());
    return Behaviors.receive(Command.class)
        .onMessage(NetdevsReady.class, n -> {
          Result probed = model.probe(n.names());
          Result registered = model.register();
          releaseNetdevs(probed);
          releaseNetdevs(registered);
          syncPorts();
          // devl_register marks the instance registered before devlink_notify_register announces
          // it, so whoever sees [dev,new] can already reach it: the registry publishes these
          // notifications once it routes to this instance (a client reacting to [dev,new] got
          // ENODEV before; found by the TestKit's example controller).
          List<Notification> announce = new ArrayList<>(probed.notes());
          announce.addAll(registered.notes());
          env.registry().tell(new Registry.InstanceRegistered(
              new Registered(model.handle, ctx.getSelf(), creator, List.copyOf(announce))));
          return stash.unstashAll(registered());
        })
        .onAnyMessage(this::stashOrRefuse)
        .build();
  }

  // ---------------------------------------------------------------- serving states

  /** Registered and healthy. */
  Behavior<Command> registered() {
    return serving();
  }

  /** Registered after a failed reload: still serves, the model refuses what the kernel refuses. */
  Behavior<Command> reloadFailed() {
    return serving();
  }

  private Behavior<Command> afterStep() {
    return stash.unstashAll(model.reloadFailed() ? reloadFailed() : registered());
  }

  private Behavior<Command> serving() {
    return Behaviors.receive(Command.class)
        .onMessage(Request.class, this::onRequest)
        .onMessage(Unregister.class, this::onUnregister)
        .onMessage(SetLatency.class, this::onSetLatency)
        .onMessage(QuiesceAck.class, a -> Behaviors.same())
        .onMessage(PortRetired.class, this::onPortRetired)
        .onMessage(LatencyApplied.class, l -> {
          l.replyTo().tell(Reply.ok());
          return Behaviors.same();
        })
        .build();
  }

  private Behavior<Command> onSetLatency(SetLatency s) {
    ActorRef<LatencyProfile> ack = ctx.messageAdapter(LatencyProfile.class, p -> new LatencyApplied(s.replyTo()));
    hardware.tell(new NetdevsimHardware.SetLatency(s.latency(), ack));
    return Behaviors.same();
  }

  private record LatencyApplied(ActorRef<Reply> replyTo) implements Command {}

  private Behavior<Command> onPortRetired(PortRetired r) {
    retiring.remove(r.port());
    return Behaviors.same();
  }

  private Behavior<Command> onRequest(Request r) {
    if (r.callerNetns() != null && !r.callerNetns().equals(model.netns())) {
      r.replyTo().tell(Reply.err(Errno.ENODEV));
      return Behaviors.same();
    }
    Op op = r.op();
    if (op instanceof PortOp.OnePort p && !model.reloadFailed()) {
      ActorRef<Port.Command> port = portActors.get(p.index());
      if (port == null) {
        r.replyTo().tell(Reply.err(Errno.ENODEV));
      } else {
        port.tell(new Port.Request(p, r.replyTo()));
      }
      return Behaviors.same();
    }
    if (op instanceof DevOp.Reload reload) {
      return startReload(reload, r.replyTo());
    }
    if (op instanceof DevOp.Flash flash) {
      return startFlash(flash, r.replyTo());
    }
    int need = model.netdevsNeeded(op);
    if (need > 0) {
      allocate(model.netns(), need);
      return allocating(r);
    }
    Result result = model.apply(op, List.of());
    if (op.readOnly()) {
      // A read changes no port: skip syncPorts, which copies and compares the whole port list
      // (the top project frame in the benchmark's profile of cheap reads).
      publish(result);
      r.replyTo().tell(result.reply());
    } else {
      finish(result, r.replyTo());
    }
    return Behaviors.same();
  }

  private void finish(Result result, ActorRef<Reply> replyTo) {
    publish(result);
    syncPorts();
    replyTo.tell(result.reply());
  }

  // ---------------------------------------------------------------- netdev allocation

  private Behavior<Command> allocating(Request pending) {
    return Behaviors.receive(Command.class)
        .onMessage(NetdevsReady.class, n -> {
          Result result = model.apply(pending.op(), n.names());
          finish(result, pending.replyTo());
          releaseUnused(n.names());
          return afterStep();
        })
        .onAnyMessage(this::stashOrRefuse)
        .build();
  }

  private void allocate(String netns, int count) {
    if (count == 0) {
      ctx.getSelf().tell(new NetdevsReady(List.of()));
      return;
    }
    // A message adapter, not ctx.ask: the javadsl ask pipes a Scala-converted CompletionStage to
    // self, whose callback runs on the common pool (a new thread per reply on 2 cores).
    env.netStack().tell(new NetStack.Alloc(netns, count, namesTo, ctx.getSelf()));
  }

  @SuppressWarnings("unchecked")
  private static ActorRef<List<String>> castRef(ActorRef<List> ref) {
    return (ActorRef<List<String>>) (ActorRef<?>) ref;
  }

  @SuppressWarnings("unchecked")
  private static List<String> castList(List<?> l) {
    return (List<String>) l;
  }

  // ---------------------------------------------------------------- reload

  private Behavior<Command> startReload(DevOp.Reload reload, ActorRef<Reply> replyTo) {
    boolean nsKnown = reload.netns() == null || !UNKNOWN_NETNS.equals(reload.netns());
    Result refused = model.reloadRefused(reload, nsKnown);
    if (refused != null) {
      publishNotes(refused);
      replyTo.tell(refused.reply());
      return Behaviors.same();
    }
    // Quiesce the ports first: every port request routed before the reload is answered before it.
    Set<Long> waiting = new HashSet<>(portActors.keySet());
    ActorRef<Port.Quiesced> ackTo = ctx.messageAdapter(Port.Quiesced.class, q -> new QuiesceAck(q.index()));
    portActors.values().forEach(p -> p.tell(new Port.Quiesce(ackTo)));
    if (waiting.isEmpty()) {
      ctx.getSelf().tell(new PortsQuiesced());
    }
    return reloading(reload, replyTo, waiting);
  }

  /** Reloading: ports quiesce, down, hardware re-init, netdevs, up. Everything else waits. */
  Behavior<Command> reloading(DevOp.Reload reload, ActorRef<Reply> replyTo, Set<Long> waiting) {
    return Behaviors.receive(Command.class)
        .onMessage(QuiesceAck.class, a -> {
          waiting.remove(a.index());
          if (waiting.isEmpty()) {
            ctx.getSelf().tell(new PortsQuiesced());
          }
          return Behaviors.same();
        })
        .onMessage(PortsQuiesced.class, q -> {
          String oldNetns = model.netns();
          String target = reload.netns() == null ? null : reload.netns();
          Result down = model.reloadDown(target);
          publishNotes(down);
          env.netStack().tell(new NetStack.Release(oldNetns, down.releasedNetdevs()));
          syncPorts();
          if (!oldNetns.equals(model.netns())) {
            env.registry().tell(new Registry.NetnsChanged(model.handle, model.netns()));
          }
          ActorRef<NetdevsimHardware.Reinitialized> hwReply =
              ctx.messageAdapter(NetdevsimHardware.Reinitialized.class, x -> new HardwareReady());
          hardware.tell(new NetdevsimHardware.Reinit(hwReply));
          return Behaviors.same();
        })
        .onMessage(HardwareReady.class, h -> {
          allocate(model.netns(), model.reloadUpNetdevs());
          return Behaviors.same();
        })
        .onMessage(NetdevsReady.class, n -> {
          finish(model.reloadUp(reload, n.names()), replyTo);
          return afterStep();
        })
        .onAnyMessage(this::stashOrRefuse)
        .build();
  }

  // ---------------------------------------------------------------- flash

  private Behavior<Command> startFlash(DevOp.Flash flash, ActorRef<Reply> replyTo) {
    boolean exists = !MISSING_FIRMWARE.equals(flash.file());
    Result begin = model.flashBegin(flash, exists);
    publish(begin);
    if (!begin.reply().isOk()) {
      replyTo.tell(begin.reply());
      return Behaviors.same();
    }
    ActorRef<NetdevsimHardware.FlashProgress> progressTo =
        ctx.messageAdapter(NetdevsimHardware.FlashProgress.class, FlashStep::new);
    hardware.tell(new NetdevsimHardware.WriteFlash(flash.component(), dev.fabric.devlink.model.NsimFlash.CHUNKS, dev.fabric.devlink.model.NsimFlash.CHUNK_BYTES, progressTo));
    return flashing(flash, replyTo);
  }

  /** Flashing: the instance lock is held for the whole flash, so other requests wait. */
  Behavior<Command> flashing(DevOp.Flash flash, ActorRef<Reply> replyTo) {
    return Behaviors.receive(Command.class)
        .onMessage(FlashStep.class, s -> {
          NetdevsimHardware.FlashProgress p = s.progress();
          publish(model.flashProgress(flash, p.done(), p.total()));
          if (!p.finished()) {
            return Behaviors.same();
          }
          finish(model.flashEnd(flash), replyTo);
          return afterStep();
        })
        .onAnyMessage(this::stashOrRefuse)
        .build();
  }

  // ---------------------------------------------------------------- unregister

  private Behavior<Command> onUnregister(Unregister u) {
    Result r = model.unregister();
    publish(r);
    syncPorts();
    u.replyTo().tell(Reply.ok());
    ctx.getSelf().tell(new Drained());
    return stash.unstashAll(unregistering());
  }

  /**
   * Unregistering: everything still queued gets ENODEV; the actor stops once that is done and
   * its removed ports have answered what was routed to them.
   */
  Behavior<Command> unregistering() {
    return unregistering(false);
  }

  private Behavior<Command> unregistering(boolean drained) {
    if (drained && retiring.isEmpty()) {
      return Behaviors.stopped();
    }
    return Behaviors.receive(Command.class)
        .onMessage(Request.class, r -> {
          r.replyTo().tell(Reply.err(Errno.ENODEV));
          return Behaviors.same();
        })
        .onMessage(Unregister.class, u -> {
          u.replyTo().tell(Reply.err(Errno.ENOENT));
          return Behaviors.same();
        })
        .onMessage(Drained.class, d -> unregistering(true))
        .onMessage(PortRetired.class, r -> {
          retiring.remove(r.port());
          return unregistering(drained);
        })
        .onAnyMessage(m -> Behaviors.same())
        .build();
  }

  // ---------------------------------------------------------------- helpers

  private Behavior<Command> stashOrRefuse(Command m) {
    if (m instanceof PortRetired r) {
      retiring.remove(r.port());
    } else if (m instanceof Request || m instanceof Unregister || m instanceof SetLatency
        || m instanceof LatencyApplied) {
      if (stash.isFull()) {
        if (m instanceof Request r) {
          r.replyTo().tell(Reply.err(Errno.EBUSY, "instance request queue is full"));
        } else if (m instanceof Unregister u) {
          u.replyTo().tell(Reply.err(Errno.EBUSY));
        } else if (m instanceof SetLatency sl) {
          sl.replyTo().tell(Reply.err(Errno.EBUSY));
        }
      } else {
        stash.stash(m);
      }
    }
    return Behaviors.same();
  }

  private void publish(Result r) {
    publishNotes(r);
    releaseNetdevs(r);
  }

  private void releaseNetdevs(Result r) {
    if (!r.releasedNetdevs().isEmpty()) {
      env.netStack().tell(new NetStack.Release(model.netns(), r.releasedNetdevs()));
    }
  }

  private void publishNotes(Result r) {
    if (!r.notes().isEmpty()) {
      env.monitor().tell(new MonitorHub.Publish(r.notes()));
    }
  }

  /** Spawns, updates and stops port children so that they mirror the model's port list. */
  private void syncPorts() {
    Map<Long, PortState> now = new HashMap<>();
    for (PortState p : model.ports()) {
      now.put(p.index(), p);
    }
    for (Long idx : List.copyOf(portActors.keySet())) {
      if (!now.containsKey(idx)) {
        ActorRef<Port.Command> gone = portActors.remove(idx);
        retiring.add(gone);
        ctx.watchWith(gone, new PortRetired(gone));
        gone.tell(new Port.Retire());
        portStates.remove(idx);
      }
    }
    for (Map.Entry<Long, PortState> e : now.entrySet()) {
      ActorRef<Port.Command> ref = portActors.get(e.getKey());
      if (ref == null) {
        portActors.put(e.getKey(), ctx.spawn(Port.create(e.getValue()), "port-" + e.getKey() + "-" + portSeq++));
      } else if (!e.getValue().equals(portStates.get(e.getKey()))) {
        ref.tell(new Port.Update(e.getValue()));
      }
      portStates.put(e.getKey(), e.getValue());
    }
  }

  private long portSeq;

  /** Names allocated for a step that did not bind them (the step failed after all) go back. */
  private void releaseUnused(List<String> names) {
    if (names.isEmpty()) {
      return;
    }
    Set<String> bound = new HashSet<>();
    for (PortState p : model.ports()) {
      bound.add(p.netdev());
    }
    List<String> unused = names.stream().filter(n -> !bound.contains(n)).toList();
    if (!unused.isEmpty()) {
      env.netStack().tell(new NetStack.Release(model.netns(), unused));
    }
  }
}
