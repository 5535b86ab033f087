package dev.fabric.devlink.actor;

import dev.fabric.devices.LatencyProfile;
import dev.fabric.devices.NetdevsimHardware;
import dev.fabric.devices.Nvm;
import dev.fabric.devlink.model.DevOp;
import dev.fabric.devlink.model.DeviceDriver;
import dev.fabric.devlink.model.Param;
import dev.fabric.devlink.model.ParamOp;
import dev.fabric.devlink.model.Errno;
import dev.fabric.devlink.model.InstanceStep;
import dev.fabric.devlink.model.NetdevLedger;
import dev.fabric.devlink.model.NsimDevlink;
import dev.fabric.devlink.model.Op;
import dev.fabric.devlink.model.PortOp;
import dev.fabric.devlink.model.PortState;
import dev.fabric.devlink.Wire;
import dev.fabric.devlink.model.Caller;
import dev.fabric.devlink.model.NetnsTarget;
import dev.fabric.devlink.model.Reply;
import dev.fabric.devlink.model.Resolution;
import dev.fabric.devlink.model.Notification;
import dev.fabric.devlink.model.Result;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
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

  /**
   * The instance's messages. The public ones implement {@link Wire} (they may cross members); the
   * private ones are the instance's own continuations (adapters of its children and of the host's
   * net stack, which live beside it) and never leave this actor system, so they stay unbound.
   */
  public sealed interface Command {}

  /**
   * A devlink (or driver-side) request. {@code caller}: a devlink socket's namespace, which sees only
   * its own instances, or the driver side (sysfs/debugfs), which sees every namespace.
   * {@code resolution} is what the registry resolved beside the op (reload target, firmware file).
   */
  public record Request(Caller caller, Op<?> op, Resolution resolution, ActorRef<Reply<?>> replyTo)
      implements Command, Wire, Refusable {
    /** A request that needs nothing resolved by the host. */
    public Request(Caller caller, Op<?> op, ActorRef<Reply<?>> replyTo) {
      this(caller, op, Resolution.NONE, replyTo);
    }
  }

  /**
   * Sent by the registry after it stopped routing to this instance (del_device). Never refused:
   * the registry answers del_device once this actor (and its ports) has stopped.
   */
  public record Unregister() implements Command, Wire {}

  /** Changes the simulated hardware's timing of this device (takes effect for the next slow step). */
  public record SetLatency(LatencyProfile latency, ActorRef<Reply<?>> replyTo)
      implements Command, Wire, Refusable {}

  private record NetdevsReady(List<String> names) implements Command {}

  private record PortsQuiesced() implements Command {}

  private record QuiesceAck(long index) implements Command {}

  private record HardwareReady() implements Command {}

  private record FlashStep(NetdevsimHardware.FlashProgress progress) implements Command {}

  private record Drained() implements Command {}

  private record PortRetired(ActorRef<Port.Command> port) implements Command {}

  private record HardwareStopped() implements Command {}

  /**
   * Tells the registry that probe and registration of life {@code life} of the handle finished;
   * {@code announce} is what the registry publishes once it routes to the instance.
   */
  public record Registered(dev.fabric.devlink.model.DevHandle handle, int id, long life, ActorRef<Command> instance,
      ActorRef<Reply<?>> replyTo, List<Notification> announce) implements Wire {}

  /**
   * What an instance needs from its host. {@code life} tells this instance apart from earlier and
   * later devices of the same bus id (the registry ignores stale messages of an old life).
   */
  public record Env(ActorRef<NetStack.Command> netStack, ActorRef<MonitorHub.Command> monitor,
      ActorRef<Registry.Command> registry, LatencyProfile latency, long life, Limits limits, Faults faults) {}

  /**
   * Test-only defects planted into the request path, so that tests can show the checkers (the
   * fuzzer, the model-exception guard) catch real ones. Production code uses {@link #NONE}.
   */
  public interface Faults {
    Faults NONE = new Faults() {};

    /** Runs before each model step of a request; throwing stands for a bug in the model. */
    default void beforeStep(Op<?> op) {}

    /** True drops the reply of this request (a lost-reply bug). */
    default boolean loseReply(Op<?> op, Reply<?> reply) {
      return false;
    }

    /**
     * True drops the refusal of {@code request} in state {@code state} (a request forgotten by a
     * state or by the full stash: NoRequestLostTest shows it caught).
     */
    default boolean loseRefusal(String state, Refusable request) {
      return false;
    }

    /**
     * True serves a read-only request at once while a reload runs, instead of holding it until
     * the reload ends (the per-instance lock not taken: the bug the devlink_mutex removal risked;
     * the chaos module's planted defect).
     */
    default boolean serveDuringReload(Op<?> op) {
      return false;
    }

    /** True keeps a removed port's actor routed to (a sub-object answering after its removal). */
    default boolean keepRemovedPorts() {
      return false;
    }

    /** What is published of a step's notifications (a dropped or reordered notification bug). */
    default List<Notification> published(List<Notification> notes) {
      return notes;
    }

    /**
     * True drops, without a reply, a request the registry gets for an instance that is
     * unregistering (a request racing del_device lost instead of answered ENODEV).
     */
    default boolean dropRacingDelDevice(Op<?> op) {
      return false;
    }
  }

  public static Behavior<Command> create(NsimDevlink model, Env env, ActorRef<Reply<?>> creator) {
    // The stash is the instance lock's wait queue: requests wait in arrival order while a slow
    // step runs. Its bound only protects the heap (fabric.limits.max-queued-requests).
    return Behaviors.withStash(env.limits().maxQueuedRequests(),
        stash -> Behaviors.setup(ctx -> new Instance(ctx, stash, model, env).probing(creator)));
  }

  private final ActorContext<Command> ctx;
  private final StashBuffer<Command> stash;
  private final NsimDevlink model;
  private final Env env;
  private final ActorRef<NetdevsimHardware.Command> hardware;
  private final ActorRef<NetStack.Names> namesTo;
  private final Map<Long, ActorRef<Port.Command>> portActors = new HashMap<>();
  /** Where each port's netdev name lives (one copy of that rule, shared with the host model). */
  private final NetdevLedger ledger = new NetdevLedger();
  /** Removed ports still answering what was routed to them before their removal. */
  private final Set<ActorRef<Port.Command>> retiring = new HashSet<>();
  /** A del_device that arrived while the stash was full: it is never refused, it runs after the step. */
  private boolean unregisterPending;
  private boolean hardwareRunning = true;

  private Instance(ActorContext<Command> ctx, StashBuffer<Command> stash, NsimDevlink model, Env env) {
    this.ctx = ctx;
    this.stash = stash;
    this.model = model;
    this.env = env;
    // The card powers on with its NVM (what it kept from before, or what it shipped with).
    this.hardware = ctx.spawn(NetdevsimHardware.create(env.latency(), model.nvm()), "hw");
    model.useHealthClock(dev.fabric.devices.HardwareClock.get(ctx.getSystem()).wallMillis());
    this.namesTo = ctx.messageAdapter(NetStack.Names.class, n -> new NetdevsReady(n.names()));
  }

  // ---------------------------------------------------------------- probing

  private Behavior<Command> probing(ActorRef<Reply<?>> creator) {
    allocate(model.netns(), model.probeNetdevs());
    return Behaviors.receive(Command.class)
        .onMessage(NetdevsReady.class, n -> {
          Result probed = guarded("probe", () -> model.probe(n.names()));
          if (!probed.reply().isOk()) {
            // The probe failed: nothing was announced; give the names back and end this life.
            env.netStack().tell(new NetStack.Release(model.netns(), n.names()));
            creator.tell(probed.reply());
            return Behaviors.stopped();
          }
          Result registered = guarded("register", model::register);
          ledger.newStep();
          release(model.netns(), probed.releasedNetdevs());
          release(model.netns(), registered.releasedNetdevs());
          syncPorts();
          // devl_register marks the instance registered before devlink_notify_register announces
          // it, so whoever sees [dev,new] can already reach it: the registry publishes these
          // notifications once it routes to this instance (a client reacting to [dev,new] got
          // ENODEV before; found by the TestKit's example controller).
          List<Notification> announce = new ArrayList<>(probed.notes());
          announce.addAll(registered.notes());
          announce = new ArrayList<>(env.faults().published(announce));
          env.registry().tell(new Registry.InstanceRegistered(
              new Registered(model.handle, model.id, env.life(), ctx.getSelf(), creator, List.copyOf(announce))));
          return afterStep();
        })
        .onMessage(SetLatency.class, this::onSetLatency)
        .onAnyMessage(m -> stashOrRefuse("probing", m))
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
    Behavior<Command> next = stash.unstashAll(model.reloadFailed() ? reloadFailed() : registered());
    if (unregisterPending) {
      // Everything routed before del_device was in the stash, so it has just been answered; the
      // registry routes nothing after it. Unregister now (unless a replayed request began a new
      // slow step: then this runs after that one).
      unregisterPending = false;
      ctx.getSelf().tell(new Unregister());
    }
    return next;
  }

  private Behavior<Command> serving() {
    return Behaviors.receive(Command.class)
        .onMessage(Request.class, this::onRequest)
        .onMessage(Unregister.class, this::onUnregister)
        .onMessage(SetLatency.class, this::onSetLatency)
        .onMessage(QuiesceAck.class, a -> Behaviors.same())
        .onMessage(PortRetired.class, this::onPortRetired)
        .onAnyMessage(m -> unexpected("serving", m))
        .build();
  }

  /**
   * Timing is the hardware's, not guarded by the instance lock: answered at once in every state.
   * The hardware gets it before any later slow step of this instance (one sender, one receiver),
   * so it applies from the next step on. (A message adapter per request would keep only the last
   * one's replyTo: concurrent requests lost their replies.)
   */
  private Behavior<Command> onSetLatency(SetLatency s) {
    hardware.tell(new NetdevsimHardware.SetLatency(s.latency(), ctx.getSystem().ignoreRef()));
    s.replyTo().tell(Reply.ok());
    return Behaviors.same();
  }

  private Behavior<Command> onPortRetired(PortRetired r) {
    retiring.remove(r.port());
    return Behaviors.same();
  }

  private Behavior<Command> onRequest(Request r) {
    if (!r.caller().sees(model.netns())) {
      r.refuse(Errno.ENODEV, null);
      return Behaviors.same();
    }
    Op<?> op = r.op();
    // One start function for the actor and the host model (InstanceStep): what waits for what.
    InstanceStep.Start start = guardedStart(op, () -> InstanceStep.start(model, r.caller(), op, r.resolution(),
        env.limits().maxPortsPerDevice()));
    if (start instanceof InstanceStep.ToPort p) {
      ActorRef<Port.Command> port = portActors.get(p.op().index());
      if (port == null) {
        r.refuse(Errno.ENODEV, null);
      } else {
        port.tell(new Port.Request(p.op(), r.replyTo()));
      }
      return Behaviors.same();
    }
    if (start instanceof InstanceStep.Reloading reloading) {
      return startReload(reloading.reload(), reloading.target(), r.replyTo());
    }
    if (start instanceof InstanceStep.Flashing flashing) {
      return startFlash((DevOp.Flash) op, flashing, r.replyTo());
    }
    if (start instanceof InstanceStep.NeedsNames names) {
      allocate(model.netns(), names.count());
      return allocating(r);
    }
    Result result = ((InstanceStep.Answered) start).result();
    Nvm written = InstanceStep.nvmWritten(model, op, result.reply());
    if (written != null) {
      // a permanent value: written to the NVM at once, answered once the inventory holds it
      hardware.tell(new NetdevsimHardware.WriteNvm(written, ctx.getSystem().ignoreRef()));
      publish(result);
      syncPorts();
      replyAfterNvm(op, written, r.replyTo(), result.reply());
    } else if (op.readOnly() || op instanceof DevOp.Reload || op instanceof DevOp.Flash) {
      // A read (or a refused reload or flash) changes no port: skip syncPorts, which copies and
      // compares the whole port list (the top project frame in the benchmark's profile of cheap reads).
      publish(result);
      reply(op, r.replyTo(), result.reply());
    } else {
      finish(op, result, r.replyTo());
    }
    return Behaviors.same();
  }

  /** {@link #guarded} for the start of a request: a start that throws is answered EIO. */
  private InstanceStep.Start guardedStart(Op<?> op, Supplier<InstanceStep.Start> step) {
    InstanceStep.Start[] out = new InstanceStep.Start[1];
    Result r = guarded(op, () -> {
      out[0] = step.get();
      return Result.of(Reply.ok());
    });
    return out[0] != null ? out[0] : new InstanceStep.Answered(r);
  }

  private void finish(Object op, Result result, ActorRef<Reply<?>> replyTo) {
    publish(result);
    syncPorts();
    reply(op, replyTo, result.reply());
  }

  private void reply(Object op, ActorRef<Reply<?>> replyTo, Reply<?> reply) {
    if (op instanceof Op<?> o && env.faults().loseReply(o, reply)) {
      return;
    }
    replyTo.tell(reply);
  }

  /**
   * Runs one model step. A step that throws is a bug in the model, but the kernel never crashes
   * a device on a request: the request is answered with an error, the instance keeps serving
   * (its port children re-synchronised to the model by the caller), and the exception is logged
   * once with the operation and reported to the registry (the fuzzer counts these).
   */
  private Result guarded(Object op, Supplier<Result> step) {
    try {
      if (op instanceof Op<?> o) {
        env.faults().beforeStep(o);
      }
      return step.get();
    } catch (RuntimeException e) {
      ctx.getLog().error("model step {} on {} failed; answered EIO", op, model.handle, e);
      env.registry().tell(new Registry.ModelFault(model.handle, String.valueOf(op), e.toString()));
      return Result.of(Reply.err(Errno.EIO));
    }
  }

  // ---------------------------------------------------------------- netdev allocation

  private Behavior<Command> allocating(Request pending) {
    return Behaviors.receive(Command.class)
        .onMessage(NetdevsReady.class, n -> {
          Result result = guarded(pending.op(), () -> model.apply(pending.op(), n.names()));
          finish(pending.op(), result, pending.replyTo());
          releaseUnused(n.names(), result);
          return afterStep();
        })
        .onAnyMessage(m -> stashOrRefuse("allocating", m))
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


  // ---------------------------------------------------------------- reload

  private Behavior<Command> startReload(DevOp.Reload reload, NetnsTarget target, ActorRef<Reply<?>> replyTo) {
    // Quiesce the ports first: every port request routed before the reload is answered before it.
    Set<Long> waiting = new HashSet<>(portActors.keySet());
    ActorRef<Port.Quiesced> ackTo = ctx.messageAdapter(Port.Quiesced.class, q -> new QuiesceAck(q.index()));
    portActors.values().forEach(p -> p.tell(new Port.Quiesce(ackTo)));
    if (waiting.isEmpty()) {
      ctx.getSelf().tell(new PortsQuiesced());
    }
    return reloading(reload, target, replyTo, waiting);
  }

  /** Reloading: ports quiesce, down, hardware re-init, netdevs, up. Everything else waits. */
  Behavior<Command> reloading(DevOp.Reload reload, NetnsTarget target, ActorRef<Reply<?>> replyTo,
      Set<Long> waiting) {
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
          // refusal checked above: the target is Stay or an existing namespace
          String toNetns = target instanceof NetnsTarget.Known k ? k.netns() : null;
          Result down = guarded(reload, () -> model.reloadDown(toNetns));
          publishNotes(down);
          release(oldNetns, down.releasedNetdevs());
          syncPorts();
          if (!oldNetns.equals(model.netns())) {
            env.registry().tell(new Registry.NetnsChanged(model.handle, env.life(), model.netns()));
          }
          if (!down.reply().isOk()) {
            reply(reload, replyTo, down.reply());
            return afterStep();
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
          Result up = guarded(reload, () -> model.reloadUp(reload, n.names()));
          finish(reload, up, replyTo);
          releaseUnused(n.names(), up);
          return afterStep();
        })
        .onMessage(Request.class, r -> {
          if (r.op().readOnly() && env.faults().serveDuringReload(r.op())) {
            onRequest(r); // a planted defect (tests only): a read served in the middle of the reload
            return Behaviors.same();
          }
          return stashOrRefuse("reloading", r);
        })
        .onAnyMessage(m -> stashOrRefuse("reloading", m))
        .build();
  }

  // ---------------------------------------------------------------- flash

  private Behavior<Command> startFlash(DevOp.Flash flash, InstanceStep.Flashing start, ActorRef<Reply<?>> replyTo) {
    publish(start.begin());
    ActorRef<NetdevsimHardware.FlashProgress> progressTo =
        ctx.messageAdapter(NetdevsimHardware.FlashProgress.class, FlashStep::new);
    DeviceDriver.FlashGeometry g = start.geometry();
    hardware.tell(new NetdevsimHardware.WriteFlash(flash.component().orElse(null), g.chunks(), g.chunkBytes(),
        start.commit(), progressTo));
    return flashing(flash, replyTo);
  }

  /** Flashing: the instance lock is held for the whole flash, so other requests wait. */
  Behavior<Command> flashing(DevOp.Flash flash, ActorRef<Reply<?>> replyTo) {
    return Behaviors.receive(Command.class)
        .onMessage(FlashStep.class, s -> {
          NetdevsimHardware.FlashProgress p = s.progress();
          publish(guarded(flash, () -> model.flashProgress(flash, p.done(), p.total())));
          if (!p.finished()) {
            return Behaviors.same();
          }
          // The hardware committed the NVM with its last chunk: the host's inventory changes, and
          // the flash is answered through the registry once the inventory holds it.
          Result end = guarded(flash, () -> model.flashEnd(flash, p.nvm()));
          publish(end);
          syncPorts();
          replyAfterNvm(flash, p.nvm(), replyTo, end.reply());
          return afterStep();
        })
        .onAnyMessage(m -> stashOrRefuse("flashing", m))
        .build();
  }

  /**
   * Answers a request that wrote the NVM through the registry, which keeps what a power cycle
   * keeps: the answer goes out once the inventory holds the write (the cluster's host entity, which
   * saves the inventory before it releases an answer, reads it with the new NVM), and a power cycle
   * that stops the registry first loses the answer with the request, never an answered write.
   */
  private void replyAfterNvm(Object op, Nvm nvm, ActorRef<Reply<?>> replyTo, Reply<?> reply) {
    boolean lost = op instanceof Op<?> o && env.faults().loseReply(o, reply);
    env.registry().tell(new Registry.NvmChanged(model.handle.bus(), model.id, env.life(), nvm,
        lost ? null : replyTo, lost ? null : reply));
  }

  // ---------------------------------------------------------------- unregister

  private Behavior<Command> onUnregister(Unregister u) {
    Result r = guarded("unregister", model::unregister);
    publish(r);
    syncPorts();
    // The hardware stops after what was sent to it (a latency change just before del_device).
    ctx.watchWith(hardware, new HardwareStopped());
    hardware.tell(new NetdevsimHardware.Shutdown());
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
    if (drained && retiring.isEmpty() && !hardwareRunning) {
      return Behaviors.stopped();
    }
    return Behaviors.receive(Command.class)
        .onMessage(Request.class, r -> refuse("unregistering", r, Errno.ENODEV, null))
        .onMessage(SetLatency.class, s -> refuse("unregistering", s, Errno.ENODEV, null))
        .onMessage(Drained.class, d -> unregistering(true))
        .onMessage(HardwareStopped.class, h -> {
          hardwareRunning = false;
          return unregistering(drained);
        })
        .onMessage(PortRetired.class, r -> {
          retiring.remove(r.port());
          return unregistering(drained);
        })
        // The registry sends one Unregister; a late quiesce ack is harmless.
        .onMessage(Unregister.class, u -> Behaviors.same())
        .onMessage(QuiesceAck.class, a -> Behaviors.same())
        .onAnyMessage(m -> unexpected("unregistering", m))
        .build();
  }

  // ---------------------------------------------------------------- helpers

  /**
   * A slow step holds the instance lock: requests wait in arrival order. The bound (far beyond
   * any legitimate burst, fabric.limits.max-queued-requests) only protects the heap; above it a
   * request is answered EBUSY and nothing changes. del_device is never refused.
   */
  private Behavior<Command> stashOrRefuse(String state, Command m) {
    if (m instanceof PortRetired r) {
      retiring.remove(r.port());
    } else if (m instanceof SetLatency s) {
      return onSetLatency(s);
    } else if (m instanceof Unregister) {
      if (stash.isFull()) {
        unregisterPending = true;
      } else {
        stash.stash(m);
      }
    } else if (m instanceof Request r) {
      if (stash.isFull()) {
        return refuse(state + " (queue full)", r, Errno.EBUSY, "instance request queue is full");
      }
      stash.stash(m);
    } else {
      return unexpected(state, m);
    }
    return Behaviors.same();
  }

  /**
   * The one refusal path of this actor: every request a state does not serve (unregistering, a
   * full stash) is answered here, with the kernel's errno. (A plain catch-all used to swallow
   * requests of some states: issue 11 point 6.)
   */
  private Behavior<Command> refuse(String state, Refusable request, Errno errno, String extack) {
    if (!env.faults().loseRefusal(state, request)) {
      request.refuse(errno, extack);
    }
    return Behaviors.same();
  }

  /**
   * An internal message in a state that does not expect it: a bug of this actor (each internal
   * message is sent by one step and arrives in that step's state). Logged, never silent.
   */
  private Behavior<Command> unexpected(String state, Command m) {
    if (m instanceof Answerable<?> a) {
      ctx.getLog().error("request {} unhandled in state {} of {}", m, state, model.handle);
      if (a instanceof Refusable r) {
        return refuse(state, r, Errno.EIO, null);
      }
    }
    ctx.getLog().error("internal message {} unexpected in state {} of {}", m, state, model.handle);
    return Behaviors.same();
  }

  private void publish(Result r) {
    publishNotes(r);
    ledger.newStep();
    release(model.netns(), r.releasedNetdevs());
  }

  /** Gives names back to the namespace each lives in (the ledger knows which). */
  private void release(String fallback, List<String> names) {
    ledger.release(fallback, names).forEach((ns, list) -> env.netStack().tell(new NetStack.Release(ns, list)));
  }

  private void publishNotes(Result r) {
    List<Notification> notes = env.faults().published(r.notes());
    if (!notes.isEmpty()) {
      env.monitor().tell(new MonitorHub.Publish(notes));
    }
  }

  /** Spawns, updates and stops port children so that they mirror the model's port list. */
  private void syncPorts() {
    NetdevLedger.PortChanges changes = ledger.sync(model.ports(), model.netns());
    for (Long idx : changes.removed()) {
      if (env.faults().keepRemovedPorts()) {
        continue; // a planted defect (tests only): the removed port stays routed to
      }
      ActorRef<Port.Command> gone = portActors.remove(idx);
      retiring.add(gone);
      ctx.watchWith(gone, new PortRetired(gone));
      gone.tell(new Port.Retire());
    }
    for (PortState p : changes.changed()) {
      ActorRef<Port.Command> ref = portActors.get(p.index());
      if (ref == null) {
        portActors.put(p.index(), ctx.spawn(Port.create(p), "port-" + p.index() + "-" + portSeq++));
      } else {
        ref.tell(new Port.Update(p));
      }
    }
  }

  private long portSeq;

  /** Names allocated for a step that did not bind them go back (once: see NetdevLedger.unused). */
  private void releaseUnused(List<String> names, Result step) {
    List<String> unused = ledger.unused(names, model);
    if (!unused.isEmpty()) {
      env.netStack().tell(new NetStack.Release(model.netns(), unused));
    }
  }
}
