package dev.fabric.devlink.client;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.fabric.devices.LatencyProfile;
import dev.fabric.devlink.actor.Host;
import dev.fabric.devlink.actor.MonitorHub;
import dev.fabric.devlink.actor.Registry;
import dev.fabric.devlink.model.DevHandle;
import dev.fabric.devlink.model.DriverOp;
import dev.fabric.devlink.model.Notification;
import dev.fabric.devlink.model.Op;
import dev.fabric.devlink.model.Reply;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

/**
 * An embedded fabric with one emulated host, and the typed client calls user space makes against
 * it. The asynchronous calls return CompletionStages; the {@code *Sync} forms block the calling
 * thread (never call them from inside an actor).
 *
 * <p>Deadline: by default it follows the devices' timing — {@link #BASE_DEADLINE} plus the
 * slowest step (re-init or whole flash) of any latency profile given to this fabric — or it is
 * fixed with {@link #start(String, LatencyProfile, Duration)} / {@link #setDeadline}. A request
 * past its deadline fails on the client side only: the fabric still answers it, and that late
 * answer lands in the request's own ask (kept for {@link #LATE_REPLY_GRACE}), never as a dead
 * letter.
 */
public final class Fabric implements AutoCloseable {
  /** The deadline of a request on devices that answer at once. */
  public static final Duration BASE_DEADLINE = Duration.ofSeconds(60);

  /** How long an ask keeps waiting for its answer after the client's deadline passed. */
  public static final Duration LATE_REPLY_GRACE = Duration.ofHours(24);

  private final ActorSystem<Host.Command> system;
  private final Host.Parts parts;
  /** Written by client threads (setLatency*, setDeadline), read by others: volatile, not shared with actors. */
  private volatile Duration deadline;
  private volatile boolean fixedDeadline;

  private Fabric(ActorSystem<Host.Command> system, Host.Parts parts, Duration deadline, boolean fixed) {
    this.system = system;
    this.parts = parts;
    this.deadline = deadline;
    this.fixedDeadline = fixed;
  }

  /** A fabric whose client deadline follows the devices' timing. */
  public static Fabric start(String name, LatencyProfile latency) {
    return start(name, latency, null);
  }

  /** A fabric with a fixed client deadline ({@code deadline} null: follow the devices' timing). */
  public static Fabric start(String name, LatencyProfile latency, Duration deadline) {
    // Bring the logging backend up before the actor system logs from several threads at once
    // (otherwise SLF4J reports "replayed" calls on stderr, which would corrupt CLI output).
    org.slf4j.LoggerFactory.getILoggerFactory();
    Config quiet = ConfigFactory.parseString("""
        pekko.loglevel = "WARNING"
        pekko.stdout-loglevel = "OFF"
        pekko.log-dead-letters = 10
        pekko.log-dead-letters-during-shutdown = off
        pekko.coordinated-shutdown.run-by-jvm-shutdown-hook = off
        """).withFallback(ConfigFactory.load());
    ActorSystem<Host.Command> system = ActorSystem.create(Host.create(latency), name, quiet);
    Host.Parts parts = await(AskPattern.ask(system, Host.GetParts::new, BASE_DEADLINE, system.scheduler())
        .toCompletableFuture(), BASE_DEADLINE);
    return deadline != null ? new Fabric(system, parts, deadline, true)
        : new Fabric(system, parts, BASE_DEADLINE.plus(latency.slowestStep()), false);
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

  /**
   * One ask of the fabric: the ask itself waits up to {@link #LATE_REPLY_GRACE} (so a late answer
   * is received, not dead-lettered); the returned future fails with a TimeoutException at the
   * deadline. Completion hops to the actor system's dispatcher (*Async with an executor: the
   * Scala-converted stage would otherwise start a thread per reply on 2 cores).
   */
  private <T> CompletableFuture<T> ask(org.apache.pekko.japi.function.Function<ActorRef<T>, Registry.Command> msg) {
    CompletableFuture<T> out = new CompletableFuture<>();
    AskPattern.<Registry.Command, T>ask(parts.registry(), msg, LATE_REPLY_GRACE, system.scheduler())
        .whenCompleteAsync((v, e) -> {
          if (e != null) {
            out.completeExceptionally(e);
          } else {
            out.complete(v);
          }
        }, system.executionContext());
    return out.orTimeout(deadline.toMillis(), TimeUnit.MILLISECONDS);
  }

  public ActorSystem<Host.Command> system() {
    return system;
  }

  public Host.Parts parts() {
    return parts;
  }

  // ---------------------------------------------------------------- devlink requests

  public CompletionStage<Reply> request(String netns, DevHandle dev, Op op) {
    return ask((ActorRef<Reply> r) -> new Registry.Route(netns, dev, op, r));
  }

  public Reply requestSync(String netns, DevHandle dev, Op op) {
    return await(ask((ActorRef<Reply> r) -> new Registry.Route(netns, dev, op, r)));
  }

  public List<DevHandle> listSync(String netns) {
    return await(ask((ActorRef<List<DevHandle>> r) -> new Registry.ListInstances(netns, r)));
  }

  // ---------------------------------------------------------------- the netdevsim bus and driver files

  public Reply newDeviceSync(String text, String netns) {
    return await(ask((ActorRef<Reply> r) -> new Registry.NewDevice(text, netns, r)));
  }

  public Reply delDeviceSync(String text) {
    return await(ask((ActorRef<Reply> r) -> new Registry.DelDevice(text, r)));
  }

  public List<Integer> deviceIdsSync() {
    return await(ask(Registry.ListDeviceIds::new));
  }

  /** A sysfs/debugfs operation on device {@code id}, whatever namespace its instance is in. */
  public Reply driverSync(int id, DriverOp op) {
    return requestSync(null, DevHandle.netdevsim(id), op);
  }

  /** Simulated hardware timing of one device (reload re-init, flash chunk). */
  public Reply setLatencySync(int id, LatencyProfile latency) {
    follow(latency);
    return await(ask((ActorRef<Reply> r) -> new Registry.DeviceLatency(id, latency, r)));
  }

  /** Timing given to devices created from now on. */
  public Reply setDefaultLatencySync(LatencyProfile latency) {
    follow(latency);
    return await(ask((ActorRef<Reply> r) -> new Registry.SetLatency(latency, r)));
  }

  // ---------------------------------------------------------------- namespaces

  public Reply netnsAddSync(String name) {
    return await(ask((ActorRef<Reply> r) -> new Registry.NetnsAdd(name, r)));
  }

  public Reply netnsDelSync(String name) {
    return await(ask((ActorRef<Reply> r) -> new Registry.NetnsDel(name, r)));
  }

  public List<String> netnsListSync() {
    return await(ask(Registry.NetnsList::new));
  }

  // ---------------------------------------------------------------- monitor

  public void subscribe(String netns, ActorRef<Notification> subscriber) {
    parts.monitor().tell(new MonitorHub.Subscribe(netns, subscriber));
  }

  public void unsubscribe(ActorRef<Notification> subscriber) {
    parts.monitor().tell(new MonitorHub.Unsubscribe(subscriber));
  }

  /**
   * The subscriber's reader has taken {@code count} notifications: room for as many more in its
   * receive buffer (MonitorHub drops beyond it and sends an overrun marker).
   */
  public void consumed(ActorRef<Notification> subscriber, int count) {
    if (count > 0) {
      parts.monitor().tell(new MonitorHub.Consumed(subscriber, count));
    }
  }

  public void fence(ActorRef<Notification> subscriber, Notification marker) {
    parts.monitor().tell(new MonitorHub.Fence(subscriber, marker));
  }

  @Override
  public void close() {
    system.terminate();
    try {
      system.getWhenTerminated().toCompletableFuture().get(20, TimeUnit.SECONDS);
    } catch (InterruptedException | ExecutionException | TimeoutException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Waits for a future that fails at its own deadline. */
  private static <T> T await(CompletableFuture<T> f) {
    return await(f, null);
  }

  static <T> T await(CompletableFuture<T> f, Duration timeout) {
    try {
      return timeout == null ? f.get() : f.get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("the fabric did not answer: " + e, e);
    }
  }
}
