package dev.fabric.devlink.client;

import com.typesafe.config.ConfigFactory;
import dev.fabric.devices.LatencyProfile;
import dev.fabric.devlink.actor.Host;
import dev.fabric.devlink.actor.MonitorHub;
import dev.fabric.devlink.actor.Registry;
import dev.fabric.devlink.model.DevHandle;
import dev.fabric.devlink.model.Notification;
import dev.fabric.devlink.model.Op;
import dev.fabric.devlink.model.Reply;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Scheduler;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

/**
 * {@link DevlinkClient} over the actors of one emulated host: asks to its registry, subscriptions
 * to its monitor hub. {@link Fabric} uses one for its host; several hosts in one actor system
 * (the TestKit's multi-host fabrics) each get their own.
 */
public final class HostClient implements DevlinkClient {
  private final Host.Parts parts;
  private final Scheduler scheduler;
  private final Executor executor;
  /** How long an ask keeps waiting for its answer after the client's deadline passed (fabric.client.late-reply-grace). */
  public static final Duration LATE_REPLY_GRACE =
      ConfigFactory.load().getDuration("fabric.client.late-reply-grace");

  private final Supplier<Duration> deadline;

  /** A client whose requests fail on the client side after {@code timeout}. */
  public HostClient(Host.Parts parts, ActorSystem<?> system, Duration timeout) {
    this(parts, system, () -> timeout);
  }

  /** A client whose deadline is read per request (it may follow the devices' timing). */
  public HostClient(Host.Parts parts, ActorSystem<?> system, Supplier<Duration> deadline) {
    this.parts = parts;
    this.scheduler = system.scheduler();
    this.executor = system.executionContext();
    this.deadline = deadline;
  }

  public Host.Parts parts() {
    return parts;
  }

  /**
   * One ask of the registry: the ask itself waits up to {@link #LATE_REPLY_GRACE} (so a late
   * answer is received, not dead-lettered); the returned stage fails with a TimeoutException at
   * the deadline. Completion hops to the actor system's dispatcher (*Async with an executor: the
   * Scala-converted stage would otherwise start a thread per reply on 2 cores).
   */
  private <T> CompletionStage<T> ask(java.util.function.Function<ActorRef<T>, Registry.Command> message) {
    CompletableFuture<T> out = new CompletableFuture<>();
    AskPattern.<Registry.Command, T>ask(parts.registry(), message::apply, LATE_REPLY_GRACE, scheduler)
        .whenCompleteAsync((v, e) -> {
          if (e != null) {
            out.completeExceptionally(e);
          } else {
            out.complete(v);
          }
        }, executor);
    return out.orTimeout(deadline.get().toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public CompletionStage<Reply> request(String netns, DevHandle dev, Op op) {
    return ask(r -> new Registry.Route(netns, dev, op, r));
  }

  @Override
  public CompletionStage<List<DevHandle>> list(String netns) {
    return ask(r -> new Registry.ListInstances(netns, r));
  }

  @Override
  public CompletionStage<Reply> newDevice(String text, String netns) {
    return ask(r -> new Registry.NewDevice(text, netns, r));
  }

  @Override
  public CompletionStage<Reply> delDevice(String text) {
    return ask(r -> new Registry.DelDevice(text, r));
  }

  @Override
  public CompletionStage<List<Integer>> deviceIds() {
    return ask(Registry.ListDeviceIds::new);
  }

  @Override
  public CompletionStage<Reply> setLatency(int id, LatencyProfile latency) {
    return ask(r -> new Registry.DeviceLatency(id, latency, r));
  }

  @Override
  public CompletionStage<Reply> setDefaultLatency(LatencyProfile latency) {
    return ask(r -> new Registry.SetLatency(latency, r));
  }

  @Override
  public CompletionStage<Reply> netnsAdd(String name) {
    return ask(r -> new Registry.NetnsAdd(name, r));
  }

  @Override
  public CompletionStage<Reply> netnsDel(String name) {
    return ask(r -> new Registry.NetnsDel(name, r));
  }

  @Override
  public CompletionStage<List<String>> netnsList() {
    return ask(Registry.NetnsList::new);
  }

  @Override
  public void subscribe(String netns, ActorRef<Notification> subscriber) {
    parts.monitor().tell(new MonitorHub.Subscribe(netns, subscriber));
  }

  @Override
  public void unsubscribe(ActorRef<Notification> subscriber) {
    parts.monitor().tell(new MonitorHub.Unsubscribe(subscriber));
  }

  @Override
  public void fence(ActorRef<Notification> subscriber, Notification marker) {
    parts.monitor().tell(new MonitorHub.Fence(subscriber, marker));
  }

  @Override
  public void consumed(ActorRef<Notification> subscriber, int count) {
    if (count > 0) {
      parts.monitor().tell(new MonitorHub.Consumed(subscriber, count));
    }
  }

  @Override
  public Executor executor() {
    return executor;
  }
}
