package dev.fabric.devlink.client;

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
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
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
  private final Duration timeout;

  public HostClient(Host.Parts parts, ActorSystem<?> system, Duration timeout) {
    this.parts = parts;
    this.scheduler = system.scheduler();
    this.executor = system.executionContext();
    this.timeout = timeout;
  }

  public Host.Parts parts() {
    return parts;
  }

  private <T> CompletionStage<T> ask(java.util.function.Function<ActorRef<T>, Registry.Command> message) {
    return AskPattern.ask(parts.registry(), message::apply, timeout, scheduler);
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
  public Executor executor() {
    return executor;
  }
}
