package dev.fabric.cluster;

import dev.fabric.devices.LatencyProfile;
import dev.fabric.devlink.model.Ack;
import dev.fabric.devlink.model.DevHandle;
import dev.fabric.devlink.model.DriverOp;
import dev.fabric.devlink.model.Errno;
import dev.fabric.devlink.model.MonitorEvent;
import dev.fabric.devlink.model.Op;
import dev.fabric.devlink.model.Reply;
import dev.fabric.devlink.model.ReplyValue;
import dev.fabric.devlink.client.DevlinkClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

/**
 * {@link DevlinkClient} over one host of a cluster: every call is one message to the host's
 * sharded entity ({@link HostEntity.Devlink} for devlink requests, {@link HostEntity.Action} for the
 * bus and namespaces), sent from whichever member {@code via} names at that moment (a chaos run
 * moves its client off a member before it kills it). What the cluster API has no message for
 * (hardware timing, driver files, monitor subscriptions) fails the stage: a run that needs it
 * sees a client-side failure, never a made-up answer.
 */
final class EntityClient implements DevlinkClient {
  private final String host;
  private final Supplier<ActorSystem<?>> via;
  private final Duration timeout;

  EntityClient(String host, Supplier<ActorSystem<?>> via, Duration timeout) {
    this.host = host;
    this.via = via;
    this.timeout = timeout;
  }

  private <T> CompletionStage<T> ask(Function<ActorRef<T>, HostEntity.Command> message) {
    return ClusterSharding.get(via.get()).entityRefFor(HostEntity.KEY, host).ask(message::apply, timeout);
  }

  private CompletionStage<HostEntity.ActionReply> action(HostEntity.ActionKind kind, String value, String netns) {
    return this.<HostEntity.ActionReply>ask(r -> new HostEntity.Action(kind, null, null, value, netns, r));
  }

  /** An action's answer as the typed protocol's reply (ActionReply carries extack or, without one, strerror). */
  static Reply<Ack> acked(HostEntity.ActionReply a) {
    if (a.ok()) {
      return Reply.ok();
    }
    Errno errno = Errno.valueOf(a.errno());
    return a.message() == null || a.message().equals(errno.strerror) ? Reply.err(errno) : Reply.err(errno, a.message());
  }

  @Override
  @SuppressWarnings("unchecked")
  public <R extends ReplyValue> CompletionStage<Reply<R>> request(String netns, DevHandle dev, Op<R> op) {
    return this.<Reply<?>>ask(r -> new HostEntity.Devlink(netns, dev, op, r))
        .thenApplyAsync(r -> (Reply<R>) r, executor());
  }

  @Override
  public CompletionStage<List<DevHandle>> list(String netns) {
    return action(HostEntity.ActionKind.INSTANCES, null, netns).thenApplyAsync(a -> {
      if (!a.ok()) {
        throw new IllegalStateException("instances: " + a.errno() + " " + a.message());
      }
      return a.values().stream().map(s -> {
        int slash = s.indexOf('/');
        return new DevHandle(s.substring(0, slash), s.substring(slash + 1));
      }).toList();
    }, executor());
  }

  @Override
  public CompletionStage<Reply<Ack>> newDevice(String text, String netns) {
    return action(HostEntity.ActionKind.NEW_DEVICE, text, netns).thenApplyAsync(EntityClient::acked, executor());
  }

  @Override
  public CompletionStage<Reply<Ack>> delDevice(String text) {
    return action(HostEntity.ActionKind.DEL_DEVICE, text, null).thenApplyAsync(EntityClient::acked, executor());
  }

  @Override
  public CompletionStage<List<Integer>> deviceIds() {
    return action(HostEntity.ActionKind.DEVICES, null, null)
        .thenApplyAsync(a -> a.values().stream().map(Integer::valueOf).toList(), executor());
  }

  @Override
  public CompletionStage<Reply<Ack>> netnsAdd(String name) {
    return action(HostEntity.ActionKind.NETNS_ADD, name, null).thenApplyAsync(EntityClient::acked, executor());
  }

  @Override
  public CompletionStage<Reply<Ack>> netnsDel(String name) {
    return action(HostEntity.ActionKind.NETNS_DEL, name, null).thenApplyAsync(EntityClient::acked, executor());
  }

  @Override
  public CompletionStage<List<String>> netnsList() {
    return action(HostEntity.ActionKind.NETNS_LIST, null, null).thenApplyAsync(HostEntity.ActionReply::values, executor());
  }

  /** /lib/firmware/NAME through the host's script runner (the emulated file system's firmware directory). */
  @Override
  public CompletionStage<Reply<Ack>> firmwareWrite(String name, String content) {
    if (!name.matches("[A-Za-z0-9._-]+") || !content.matches("[A-Za-z0-9 ._-]*")) {
      return CompletableFuture.completedFuture(Reply.err(Errno.EINVAL, "firmware name or content not plain"));
    }
    return this.<HostEntity.ExecResult>ask(r -> new HostEntity.Exec(
            "echo \"" + content + "\" > /lib/firmware/" + name + "\n", false, r))
        .thenApplyAsync(x -> x.status() == 0 ? Reply.<Ack>ok() : Reply.<Ack>err(Errno.EIO, x.stderr().strip()), executor());
  }

  private static <T> CompletionStage<T> unsupported(String what) {
    return CompletableFuture.failedFuture(new UnsupportedOperationException(what + ": no cluster message for it"));
  }

  @Override
  public <R extends ReplyValue> CompletionStage<Reply<R>> driver(int id, DriverOp<R> op) {
    return unsupported("driver " + op.getClass().getSimpleName());
  }

  @Override
  public CompletionStage<Reply<Ack>> setLatency(int id, LatencyProfile latency) {
    return unsupported("set latency");
  }

  @Override
  public CompletionStage<Reply<Ack>> setDefaultLatency(LatencyProfile latency) {
    return unsupported("set default latency");
  }

  @Override
  public CompletionStage<Map<String, String>> firmware() {
    return unsupported("firmware list");
  }

  @Override
  public CompletionStage<List<dev.fabric.devlink.actor.Host.Link>> links(String netns) {
    return unsupported("links");
  }

  @Override
  public CompletionStage<dev.fabric.devlink.actor.Host.Stats> stats() {
    return unsupported("stats");
  }

  @Override
  public void subscribe(String netns, ActorRef<MonitorEvent> subscriber) {
    throw new UnsupportedOperationException("monitor subscriptions: the cluster publishes rendered events on a topic");
  }

  @Override
  public void unsubscribe(ActorRef<MonitorEvent> subscriber) {}

  @Override
  public void fence(ActorRef<MonitorEvent> subscriber, long id) {
    throw new UnsupportedOperationException("monitor fences: the cluster publishes rendered events on a topic");
  }

  @Override
  public void consumed(ActorRef<MonitorEvent> subscriber, int count) {}

  @Override
  public Executor executor() {
    return via.get().executionContext();
  }
}
