package dev.fabric.devlink.client;

import com.typesafe.config.ConfigFactory;
import dev.fabric.devices.LatencyProfile;
import dev.fabric.devlink.actor.Host;
import dev.fabric.devlink.actor.NetStack;
import dev.fabric.devlink.actor.Registry;
import dev.fabric.devlink.model.Ack;
import dev.fabric.devlink.model.Caller;
import dev.fabric.devlink.model.DevHandle;
import dev.fabric.devlink.model.DriverOp;
import dev.fabric.devlink.model.MonitorEvent;
import dev.fabric.devlink.model.Op;
import dev.fabric.devlink.model.Reply;
import dev.fabric.devlink.model.ReplyTypes;
import dev.fabric.devlink.model.ReplyValue;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.RecipientRef;
import org.apache.pekko.actor.typed.Scheduler;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

/**
 * {@link DevlinkClient} over one emulated host's entry actor: every call is one message to
 * {@link Host}, which forwards it to the child that owns it. The host is any
 * {@link RecipientRef} of {@link Host.Command} — an actor ref in one actor system, or a cluster
 * sharding EntityRef — so the same calls work wherever the host lives. {@link Fabric} uses one
 * for its host; several hosts in one actor system (the TestKit's multi-host fabrics) each get
 * their own.
 */
public final class HostClient implements DevlinkClient {
  private final RecipientRef<Host.Command> host;
  private final Scheduler scheduler;
  private final Executor executor;
  /** How long an ask keeps waiting for its answer after the client's deadline passed (fabric.client.late-reply-grace). */
  public static final Duration LATE_REPLY_GRACE =
      ConfigFactory.load().getDuration("fabric.client.late-reply-grace");

  private final Supplier<Duration> deadline;

  /** A client whose requests fail on the client side after {@code timeout}. */
  public HostClient(RecipientRef<Host.Command> host, ActorSystem<?> system, Duration timeout) {
    this(host, system, () -> timeout);
  }

  /** A client whose deadline is read per request (it may follow the devices' timing). */
  public HostClient(RecipientRef<Host.Command> host, ActorSystem<?> system, Supplier<Duration> deadline) {
    this.host = host;
    this.scheduler = system.scheduler();
    this.executor = system.executionContext();
    this.deadline = deadline;
  }

  /**
   * One ask of the host: the ask itself waits up to {@link #LATE_REPLY_GRACE} (so a late answer
   * is received, not dead-lettered); the returned stage fails with a TimeoutException at the
   * deadline. Completion hops to the actor system's dispatcher (*Async with an executor: the
   * Scala-converted stage would otherwise start a thread per reply on 2 cores).
   */
  private <T> CompletionStage<T> ask(java.util.function.Function<ActorRef<T>, Host.Command> message) {
    return ask(message, java.util.function.Function.identity());
  }

  /** As {@link #ask(java.util.function.Function)}, the answer read by {@code reading} on the way. */
  private <T, U> CompletionStage<U> ask(java.util.function.Function<ActorRef<T>, Host.Command> message,
      java.util.function.Function<T, U> reading) {
    CompletableFuture<U> out = new CompletableFuture<>();
    AskPattern.<Host.Command, T>ask(host, message::apply, LATE_REPLY_GRACE, scheduler)
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

  /** An ask answered with a bare ack (or an error). */
  private CompletionStage<Reply<Ack>> acked(java.util.function.Function<ActorRef<Reply<?>>, Host.Command> message) {
    return this.<Reply<?>, Reply<Ack>>ask(message, ReplyTypes::acked);
  }

  @Override
  public <R extends ReplyValue> CompletionStage<Reply<R>> request(String netns, DevHandle dev, Op<R> op) {
    return this.<Reply<?>, Reply<R>>ask(r -> new Host.Route(Caller.of(netns), dev, op, r),
        reply -> ReplyTypes.typed(op, reply));
  }

  @Override
  public <R extends ReplyValue> CompletionStage<Reply<R>> driver(int id, DriverOp<R> op) {
    return this.<Reply<?>, Reply<R>>ask(r -> new Host.DriverAction(id, op, r), reply -> ReplyTypes.typed(op, reply));
  }

  @Override
  public CompletionStage<List<DevHandle>> list(String netns) {
    return this.<Registry.Instances, List<DevHandle>>ask(r -> new Host.ListInstances(netns, r),
        Registry.Instances::handles);
  }

  @Override
  public CompletionStage<Reply<Ack>> newDevice(String text, String netns) {
    return acked(r -> new Host.NewDevice(text, netns, r));
  }

  @Override
  public CompletionStage<Reply<Ack>> delDevice(String text) {
    return acked(r -> new Host.DelDevice(text, r));
  }

  @Override
  public CompletionStage<List<Integer>> deviceIds() {
    return this.<Registry.DeviceIds, List<Integer>>ask(Host.ListDeviceIds::new, Registry.DeviceIds::ids);
  }

  @Override
  public CompletionStage<Reply<Ack>> setLatency(int id, LatencyProfile latency) {
    return acked(r -> new Host.DeviceLatency(id, latency, r));
  }

  @Override
  public CompletionStage<Reply<Ack>> setDefaultLatency(LatencyProfile latency) {
    return acked(r -> new Host.DefaultLatency(latency, r));
  }

  @Override
  public CompletionStage<Reply<Ack>> netnsAdd(String name) {
    return acked(r -> new Host.NetnsAdd(name, r));
  }

  @Override
  public CompletionStage<Reply<Ack>> netnsDel(String name) {
    return acked(r -> new Host.NetnsDel(name, r));
  }

  @Override
  public CompletionStage<List<String>> netnsList() {
    return this.<Registry.Namespaces, List<String>>ask(Host.NetnsList::new, Registry.Namespaces::names);
  }

  @Override
  public CompletionStage<Reply<Ack>> firmwareWrite(String name, String content) {
    return acked(r -> new Host.FirmwareWrite(name, content, r));
  }

  @Override
  public CompletionStage<Map<String, String>> firmware() {
    return this.<Registry.FirmwareFiles, Map<String, String>>ask(Host.FirmwareList::new,
        Registry.FirmwareFiles::files);
  }

  @Override
  public CompletionStage<List<Host.Link>> links(String netns) {
    return this.<NetStack.LinkList, List<Host.Link>>ask(r -> new Host.Links(netns, r), NetStack.LinkList::links);
  }

  @Override
  public CompletionStage<Host.Stats> stats() {
    return ask(Host.GetStats::new);
  }

  @Override
  public void subscribe(String netns, ActorRef<MonitorEvent> subscriber) {
    host.tell(new Host.Subscribe(Optional.ofNullable(netns), subscriber));
  }

  @Override
  public void unsubscribe(ActorRef<MonitorEvent> subscriber) {
    host.tell(new Host.Unsubscribe(subscriber));
  }

  @Override
  public void fence(ActorRef<MonitorEvent> subscriber, long id) {
    host.tell(new Host.Fence(subscriber, id));
  }

  @Override
  public void consumed(ActorRef<MonitorEvent> subscriber, int count) {
    if (count > 0) {
      host.tell(new Host.Consumed(subscriber, count));
    }
  }

  @Override
  public Executor executor() {
    return executor;
  }
}
