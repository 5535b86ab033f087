package dev.fabric.devlink.client;

import com.typesafe.config.ConfigFactory;
import dev.fabric.devices.LatencyProfile;
import dev.fabric.devlink.actor.Host;
import dev.fabric.devlink.actor.MonitorHub;
import dev.fabric.devlink.actor.Registry;
import dev.fabric.devlink.model.DevHandle;
import dev.fabric.devlink.model.Ack;
import dev.fabric.devlink.model.Caller;
import dev.fabric.devlink.model.MonitorEvent;
import dev.fabric.devlink.model.Op;
import dev.fabric.devlink.model.Reply;
import dev.fabric.devlink.model.ReplyTypes;
import dev.fabric.devlink.model.ReplyValue;
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
    return ask(message, java.util.function.Function.identity());
  }

  /** As {@link #ask(java.util.function.Function)}, the answer read by {@code reading} on the way. */
  private <T, U> CompletionStage<U> ask(java.util.function.Function<ActorRef<T>, Registry.Command> message,
      java.util.function.Function<T, U> reading) {
    CompletableFuture<U> out = new CompletableFuture<>();
    AskPattern.<Registry.Command, T>ask(parts.registry(), message::apply, LATE_REPLY_GRACE, scheduler)
        .whenCompleteAsync((v, e) -> {
          if (e != null) {
            out.completeExceptionally(e);
          } else {
            try {
              out.complete(reading.apply(v));
            } catch (RuntimeException x) {
              out.completeExceptionally(x);
            }
          }
        }, executor);
    return out.orTimeout(deadline.get().toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public <R extends ReplyValue> CompletionStage<Reply<R>> request(String netns, DevHandle dev, Op<R> op) {
    return this.<Reply<?>, Reply<R>>ask(r -> new Registry.Route(Caller.of(netns), dev, op, r),
        reply -> ReplyTypes.typed(op, reply));
  }

  @Override
  public CompletionStage<List<DevHandle>> list(String netns) {
    return this.<Registry.Instances, List<DevHandle>>ask(r -> new Registry.ListInstances(netns, r),
        Registry.Instances::handles);
  }

  @Override
  public CompletionStage<Reply<Ack>> newDevice(String text, String netns) {
    return this.<Reply<?>, Reply<Ack>>ask(r -> new Registry.NewDevice(text, netns, r), ReplyTypes::acked);
  }

  @Override
  public CompletionStage<Reply<Ack>> delDevice(String text) {
    return this.<Reply<?>, Reply<Ack>>ask(r -> new Registry.DelDevice(text, r), ReplyTypes::acked);
  }

  @Override
  public CompletionStage<List<Integer>> deviceIds() {
    return this.<Registry.DeviceIds, List<Integer>>ask(Registry.ListDeviceIds::new, Registry.DeviceIds::ids);
  }

  @Override
  public CompletionStage<Reply<Ack>> setLatency(int id, LatencyProfile latency) {
    return this.<Reply<?>, Reply<Ack>>ask(r -> new Registry.DeviceLatency(id, latency, r), ReplyTypes::acked);
  }

  @Override
  public CompletionStage<Reply<Ack>> setDefaultLatency(LatencyProfile latency) {
    return this.<Reply<?>, Reply<Ack>>ask(r -> new Registry.SetLatency(latency, r), ReplyTypes::acked);
  }

  @Override
  public CompletionStage<Reply<Ack>> netnsAdd(String name) {
    return this.<Reply<?>, Reply<Ack>>ask(r -> new Registry.NetnsAdd(name, r), ReplyTypes::acked);
  }

  @Override
  public CompletionStage<Reply<Ack>> netnsDel(String name) {
    return this.<Reply<?>, Reply<Ack>>ask(r -> new Registry.NetnsDel(name, r), ReplyTypes::acked);
  }

  @Override
  public CompletionStage<List<String>> netnsList() {
    return this.<Registry.Namespaces, List<String>>ask(Registry.NetnsList::new, Registry.Namespaces::names);
  }

  @Override
  public void subscribe(String netns, ActorRef<MonitorEvent> subscriber) {
    parts.monitor().tell(new MonitorHub.Subscribe(java.util.Optional.ofNullable(netns), subscriber));
  }

  @Override
  public void unsubscribe(ActorRef<MonitorEvent> subscriber) {
    parts.monitor().tell(new MonitorHub.Unsubscribe(subscriber));
  }

  @Override
  public void fence(ActorRef<MonitorEvent> subscriber, long id) {
    parts.monitor().tell(new MonitorHub.Fence(subscriber, id));
  }

  @Override
  public void consumed(ActorRef<MonitorEvent> subscriber, int count) {
    if (count > 0) {
      parts.monitor().tell(new MonitorHub.Consumed(subscriber, count));
    }
  }

  @Override
  public Executor executor() {
    return executor;
  }
}
