package dev.fabric.devlink.client;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.fabric.devices.LatencyProfile;
import dev.fabric.devlink.actor.Host;
import dev.fabric.devlink.model.DevHandle;
import dev.fabric.devlink.model.DriverOp;
import dev.fabric.devlink.model.Ack;
import dev.fabric.devlink.model.MonitorEvent;
import dev.fabric.devlink.model.Op;
import dev.fabric.devlink.model.Reply;
import dev.fabric.devlink.model.ReplyTypes;
import dev.fabric.devlink.model.ReplyValue;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * An embedded fabric with one emulated host, and the client calls user space makes against it
 * ({@link DevlinkClient}). The asynchronous calls return CompletionStages; the {@code *Sync} forms
 * are blocking adapters over them (never call them from inside an actor).
 *
 * <p>Deadline: by default it follows the devices' timing — {@link #BASE_DEADLINE} plus the
 * slowest step (re-init or whole flash) of any latency profile given to this fabric — or it is
 * fixed with {@link #start(String, LatencyProfile, Duration)} / {@link #setDeadline}. A request
 * past its deadline fails on the client side only: the fabric still answers it, and that late
 * answer lands in the request's own ask (kept for {@link #LATE_REPLY_GRACE}), never as a dead
 * letter.
 */
public final class Fabric implements DevlinkClient, AutoCloseable {
  /** The deadline of a request on devices that answer at once (fabric.client.base-deadline). */
  public static final Duration BASE_DEADLINE = ConfigFactory.load().getDuration("fabric.client.base-deadline");

  /** How long an ask keeps waiting for its answer after the client's deadline passed. */
  public static final Duration LATE_REPLY_GRACE = HostClient.LATE_REPLY_GRACE;

  private final ActorSystem<Host.Command> system;
  /** Written by client threads (setLatency*, setDeadline), read by others: volatile, not shared with actors. */
  private volatile Duration deadline;
  private volatile boolean fixedDeadline;
  private final HostClient client;

  /** False for a fabric attached to a host of another actor system (see {@link #attach}). */
  private final boolean ownsSystem;

  private Fabric(ActorSystem<Host.Command> system, Duration deadline, boolean fixed) {
    this.ownsSystem = true;
    this.system = system;
    this.deadline = deadline;
    this.fixedDeadline = fixed;
    // The actor system's guardian is the host: its ref is the system itself.
    this.client = new HostClient(system, system, () -> this.deadline);
  }

  /** A fabric whose client deadline follows the devices' timing. */
  public static Fabric start(String name, LatencyProfile latency) {
    return start(name, latency, ConfigFactory.empty(), null);
  }

  /** A fabric with a fixed client deadline ({@code deadline} null: follow the devices' timing). */
  public static Fabric start(String name, LatencyProfile latency, Duration deadline) {
    return start(name, latency, ConfigFactory.empty(), deadline);
  }

  public static Fabric start(String name, LatencyProfile latency, Config overrides) {
    return start(name, latency, overrides, null);
  }

  /**
   * As {@link #start(String, LatencyProfile)}, with {@code overrides} taking precedence over the
   * defaults (e.g. Pekko's ManualTime scheduler and {@code devlink-fabric.hardware-clock}).
   */
  public static Fabric start(String name, LatencyProfile latency, Config overrides, Duration deadline) {
    return start(name, latency, overrides, deadline, dev.fabric.devlink.actor.Instance.Faults.NONE);
  }

  /**
   * As {@link #start(String, LatencyProfile, Config, Duration)} with defects planted in every
   * instance: for tests that show a checker catching them (the chaos module's planted defects).
   * Nothing in the {@code fabric} command reaches this.
   */
  public static Fabric start(String name, LatencyProfile latency, Config overrides, Duration deadline,
      dev.fabric.devlink.actor.Instance.Faults faults) {
    // Bring the logging backend up before the actor system logs from several threads at once
    // (otherwise SLF4J reports "replayed" calls on stderr, which would corrupt CLI output).
    org.slf4j.LoggerFactory.getILoggerFactory();
    Config defaults = ConfigFactory.load();
    Config quiet = defaults.getConfig("fabric.actor-system").withFallback(defaults);
    quiet = overrides.withFallback(quiet);
    // The host is named after the fabric (a cluster names its hosts by entity id).
    ActorSystem<Host.Command> system = ActorSystem.create(Host.create(name, latency, faults), name, quiet);
    return deadline != null ? new Fabric(system, deadline, true)
        : new Fabric(system, BASE_DEADLINE.plus(latency.slowestStep()), false);
  }

  /**
   * A client of a host that lives in an actor system someone else runs (a cluster member's sharded
   * host): the same calls, sent to {@code host}; {@link #close()} leaves that system alone.
   */
  @SuppressWarnings("unchecked")
  public static Fabric attach(ActorSystem<?> system, org.apache.pekko.actor.typed.RecipientRef<Host.Command> host,
      Duration deadline) {
    // system() is typed for the embedded fabric's guardian; its callers only spawn system actors
    // and use the scheduler, which every actor system has.
    return new Fabric((ActorSystem<Host.Command>) system, host, deadline);
  }

  private Fabric(ActorSystem<Host.Command> system, org.apache.pekko.actor.typed.RecipientRef<Host.Command> host,
      Duration deadline) {
    this.ownsSystem = false;
    this.system = system;
    this.deadline = deadline;
    this.fixedDeadline = true;
    this.client = new HostClient(host, system, () -> this.deadline);
  }

  /** The deadline requests get now. */
  public Duration deadline() {
    return deadline;
  }

  /** Fixes the client deadline (it no longer follows the devices' timing). */
  public void setDeadline(Duration d) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException("a deadline must be positive");
    }
    deadline = d;
    fixedDeadline = true;
  }

  private void follow(LatencyProfile latency) {
    Duration wanted = BASE_DEADLINE.plus(latency.slowestStep());
    if (!fixedDeadline && wanted.compareTo(deadline) > 0) {
      deadline = wanted;
    }
  }

  public ActorSystem<Host.Command> system() {
    return system;
  }

  // ---------------------------------------------------------------- the client protocol (HostClient)

  @Override
  public <R extends ReplyValue> CompletionStage<Reply<R>> request(String netns, DevHandle dev, Op<R> op) {
    return client.request(netns, dev, op);
  }

  @Override
  public CompletionStage<List<DevHandle>> list(String netns) {
    return client.list(netns);
  }

  @Override
  public CompletionStage<Reply<Ack>> newDevice(String text, String netns) {
    return client.newDevice(text, netns);
  }

  @Override
  public CompletionStage<Reply<Ack>> delDevice(String text) {
    return client.delDevice(text);
  }

  @Override
  public CompletionStage<List<Integer>> deviceIds() {
    return client.deviceIds();
  }

  @Override
  public CompletionStage<Reply<Ack>> setLatency(int id, LatencyProfile latency) {
    follow(latency);
    return client.setLatency(id, latency);
  }

  @Override
  public CompletionStage<Reply<Ack>> setDefaultLatency(LatencyProfile latency) {
    follow(latency);
    return client.setDefaultLatency(latency);
  }

  @Override
  public CompletionStage<Reply<Ack>> netnsAdd(String name) {
    return client.netnsAdd(name);
  }

  @Override
  public CompletionStage<Reply<Ack>> netnsDel(String name) {
    return client.netnsDel(name);
  }

  @Override
  public CompletionStage<List<String>> netnsList() {
    return client.netnsList();
  }

  @Override
  public <R extends ReplyValue> CompletionStage<Reply<R>> driver(int id, DriverOp<R> op) {
    return client.driver(id, op);
  }

  @Override
  public CompletionStage<Reply<Ack>> firmwareWrite(String name, String content) {
    return client.firmwareWrite(name, content);
  }

  @Override
  public CompletionStage<java.util.Map<String, String>> firmware() {
    return client.firmware();
  }

  @Override
  public CompletionStage<List<Host.Link>> links(String netns) {
    return client.links(netns);
  }

  @Override
  public CompletionStage<Host.Stats> stats() {
    return client.stats();
  }

  @Override
  public void subscribe(String netns, ActorRef<MonitorEvent> subscriber) {
    client.subscribe(netns, subscriber);
  }

  @Override
  public void unsubscribe(ActorRef<MonitorEvent> subscriber) {
    client.unsubscribe(subscriber);
  }

  /**
   * The subscriber's reader has taken {@code count} notifications: room for as many more in its
   * receive buffer (MonitorHub drops beyond it and sends an overrun marker).
   */
  @Override
  public void consumed(ActorRef<MonitorEvent> subscriber, int count) {
    client.consumed(subscriber, count);
  }

  @Override
  public void fence(ActorRef<MonitorEvent> subscriber, long id) {
    client.fence(subscriber, id);
  }

  @Override
  public Executor executor() {
    return client.executor();
  }

  // ---------------------------------------------------------------- blocking adapters (the CLI)

  public <R extends ReplyValue> Reply<R> requestSync(String netns, DevHandle dev, Op<R> op) {
    return await(request(netns, dev, op), deadline);
  }

  public List<DevHandle> listSync(String netns) {
    return await(list(netns), deadline);
  }

  public Reply<Ack> newDeviceSync(String text, String netns) {
    return await(newDevice(text, netns), deadline);
  }

  public Reply<Ack> delDeviceSync(String text) {
    return await(delDevice(text), deadline);
  }

  public List<Integer> deviceIdsSync() {
    return await(deviceIds(), deadline);
  }

  /** A sysfs/debugfs operation on device {@code id}, whatever namespace its instance is in. */
  public <R extends ReplyValue> Reply<R> driverSync(int id, DriverOp<R> op) {
    return await(driver(id, op), deadline);
  }

  /** Simulated hardware timing of one device (reload re-init, flash chunk). */
  public Reply<Ack> setLatencySync(int id, LatencyProfile latency) {
    return await(setLatency(id, latency), deadline);
  }

  /** Timing given to devices created from now on. */
  public Reply<Ack> setDefaultLatencySync(LatencyProfile latency) {
    return await(setDefaultLatency(latency), deadline);
  }

  public Reply<Ack> netnsAddSync(String name) {
    return await(netnsAdd(name), deadline);
  }

  public Reply<Ack> netnsDelSync(String name) {
    return await(netnsDel(name), deadline);
  }

  public List<String> netnsListSync() {
    return await(netnsList(), deadline);
  }

  /** Writes /lib/firmware/NAME (content: one char per byte). */
  public Reply<Ack> firmwareWriteSync(String name, String content) {
    return await(firmwareWrite(name, content), deadline);
  }

  /** /lib/firmware's files, oldest first (content: one char per byte). */
  public java.util.Map<String, String> firmwareSync() {
    return await(firmware(), deadline);
  }

  /** The netdevs of a namespace (without lo), in ifindex order: what `ip link` lists. */
  public List<Host.Link> linksSync(String netns) {
    return await(links(netns), deadline);
  }

  /** What the host holds (leak checks). */
  public Host.Stats statsSync() {
    return await(stats(), deadline);
  }

  @Override
  public void close() {
    if (!ownsSystem) {
      return;
    }
    system.terminate();
    try {
      system.getWhenTerminated().toCompletableFuture().get(20, TimeUnit.SECONDS);
    } catch (InterruptedException | ExecutionException | TimeoutException e) {
      Thread.currentThread().interrupt();
    }
  }

  static <T> T await(CompletionStage<T> stage, Duration timeout) {
    try {
      return stage.toCompletableFuture().get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("the fabric did not answer: " + e, e);
    }
  }
}
