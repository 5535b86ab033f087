package dev.fabric.cluster;

import dev.fabric.devices.LatencyProfile;
import dev.fabric.devlink.client.DevlinkClient;
import dev.fabric.devlink.model.Ack;
import dev.fabric.devlink.model.DevHandle;
import dev.fabric.devlink.model.DriverOp;
import dev.fabric.devlink.model.Errno;
import dev.fabric.devlink.model.MonitorEvent;
import dev.fabric.devlink.model.Op;
import dev.fabric.devlink.model.Reply;
import dev.fabric.devlink.model.ReplyValue;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * {@link DevlinkClient} over one host that lives elsewhere, whatever carries the messages (the
 * host's sharded entity, {@link EntityClient}; the fabric API over HTTP, {@link HttpDevlinkClient}):
 * what a remote host answers and how its answers become the typed protocol's is written here once,
 * each transport says only how it sends a devlink request, a bus or namespace action and a script.
 * What no transport carries (hardware timing, driver files, the firmware list, links, stats,
 * monitor subscriptions) fails the stage, or the call, with the transport's reason: a run that needs
 * it sees a client-side failure, never a made-up answer.
 */
abstract class RemoteHostClient implements DevlinkClient {

  /** A devlink request as the host's entity takes it; its stage answers the typed reply. */
  protected abstract CompletionStage<Reply<?>> devlink(String netns, DevHandle dev, Op<?> op);

  /**
   * A bus, instance or namespace action: {@code value} the bus text or namespace name, {@code
   * netns} the namespace it is about (null: none or every one).
   */
  protected abstract CompletionStage<HostEntity.ActionReply> action(HostEntity.ActionKind kind, String value,
      String netns);

  /** Runs {@code script} with the host's script runner. */
  protected abstract CompletionStage<HostEntity.ExecResult> run(String script);

  /** Why an operation outside the protocol fails: "OP: " and this. */
  protected abstract String unsupportedReason();

  /** Where the transport's monitor events come from instead of a subscription. */
  protected abstract String monitorEventsInstead();

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
  public final <R extends ReplyValue> CompletionStage<Reply<R>> request(String netns, DevHandle dev, Op<R> op) {
    return devlink(netns, dev, op).thenApplyAsync(r -> (Reply<R>) r, executor());
  }

  @Override
  public final CompletionStage<List<DevHandle>> list(String netns) {
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
  public final CompletionStage<Reply<Ack>> newDevice(String text, String netns) {
    return action(HostEntity.ActionKind.NEW_DEVICE, text, netns).thenApplyAsync(RemoteHostClient::acked, executor());
  }

  @Override
  public final CompletionStage<Reply<Ack>> delDevice(String text) {
    return action(HostEntity.ActionKind.DEL_DEVICE, text, null).thenApplyAsync(RemoteHostClient::acked, executor());
  }

  @Override
  public final CompletionStage<List<Integer>> deviceIds() {
    return action(HostEntity.ActionKind.DEVICES, null, null)
        .thenApplyAsync(a -> a.values().stream().map(Integer::valueOf).toList(), executor());
  }

  @Override
  public final CompletionStage<Reply<Ack>> netnsAdd(String name) {
    return action(HostEntity.ActionKind.NETNS_ADD, name, null).thenApplyAsync(RemoteHostClient::acked, executor());
  }

  @Override
  public final CompletionStage<Reply<Ack>> netnsDel(String name) {
    return action(HostEntity.ActionKind.NETNS_DEL, name, null).thenApplyAsync(RemoteHostClient::acked, executor());
  }

  @Override
  public final CompletionStage<List<String>> netnsList() {
    return action(HostEntity.ActionKind.NETNS_LIST, null, null)
        .thenApplyAsync(HostEntity.ActionReply::values, executor());
  }

  /** /lib/firmware/NAME through the host's script runner (the emulated file system's firmware directory). */
  @Override
  public final CompletionStage<Reply<Ack>> firmwareWrite(String name, String content) {
    if (!name.matches("[A-Za-z0-9._-]+") || !content.matches("[A-Za-z0-9 ._-]*")) {
      return CompletableFuture.completedFuture(Reply.err(Errno.EINVAL, "firmware name or content not plain"));
    }
    return run("echo \"" + content + "\" > /lib/firmware/" + name + "\n")
        .thenApplyAsync(x -> x.status() == 0 ? Reply.<Ack>ok() : Reply.<Ack>err(Errno.EIO, x.stderr().strip()), executor());
  }

  private <T> CompletionStage<T> unsupported(String what) {
    return CompletableFuture.failedFuture(new UnsupportedOperationException(what + ": " + unsupportedReason()));
  }

  @Override
  public final <R extends ReplyValue> CompletionStage<Reply<R>> driver(int id, DriverOp<R> op) {
    return unsupported("driver " + op.getClass().getSimpleName());
  }

  @Override
  public final CompletionStage<Reply<Ack>> setLatency(int id, LatencyProfile latency) {
    return unsupported("set latency");
  }

  @Override
  public final CompletionStage<Reply<Ack>> setDefaultLatency(LatencyProfile latency) {
    return unsupported("set default latency");
  }

  @Override
  public final CompletionStage<Map<String, String>> firmware() {
    return unsupported("firmware list");
  }

  @Override
  public final CompletionStage<List<dev.fabric.devlink.actor.Host.Link>> links(String netns) {
    return unsupported("links");
  }

  @Override
  public final CompletionStage<dev.fabric.devlink.actor.Host.Stats> stats() {
    return unsupported("stats");
  }

  @Override
  public final void subscribe(String netns, ActorRef<MonitorEvent> subscriber) {
    throw new UnsupportedOperationException("monitor subscriptions: " + monitorEventsInstead());
  }

  @Override
  public final void unsubscribe(ActorRef<MonitorEvent> subscriber) {}

  @Override
  public final void fence(ActorRef<MonitorEvent> subscriber, long id) {
    throw new UnsupportedOperationException("monitor fences: " + monitorEventsInstead());
  }

  @Override
  public final void consumed(ActorRef<MonitorEvent> subscriber, int count) {}
}
