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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * {@link DevlinkClient} over one host of a running fabric's HTTP API (docs/API.md): devlink
 * requests as the typed protocol's JSON ({@code POST /api/hosts/H/devlink}), the bus, instances
 * and namespaces as the API's actions, /lib/firmware through a script. As {@link EntityClient},
 * what the API has no route for fails the stage; monitor events come through the API's event
 * stream ({@link EndpointMonitorFeed}), not a subscription.
 */
final class HttpDevlinkClient implements DevlinkClient {
  private final HttpFabric fabric;
  private final String base;

  HttpDevlinkClient(HttpFabric fabric, String host) {
    this.fabric = fabric;
    this.base = "/api/hosts/" + encode(host);
  }

  static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private CompletionStage<HostEntity.ActionReply> action(String method, String path, Object body) {
    return fabric.json(method, base + path, body, HostEntity.ActionReply.class);
  }

  @Override
  @SuppressWarnings("unchecked")
  public <R extends ReplyValue> CompletionStage<Reply<R>> request(String netns, DevHandle dev, Op<R> op) {
    return fabric.json("POST", base + "/devlink", new Api.DevlinkRequest(netns, dev.toString(), op), Reply.class)
        .thenApplyAsync(r -> (Reply<R>) r, executor());
  }

  @Override
  public CompletionStage<List<DevHandle>> list(String netns) {
    String q = netns == null ? "" : "?netns=" + encode(netns);
    return action("GET", "/instances" + q, null).thenApplyAsync(a -> {
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
    return action("POST", "/bus/new_device", new Api.BusRequest(text, netns)).thenApplyAsync(EntityClient::acked, executor());
  }

  @Override
  public CompletionStage<Reply<Ack>> delDevice(String text) {
    return action("POST", "/bus/del_device", new Api.BusRequest(text, null)).thenApplyAsync(EntityClient::acked, executor());
  }

  @Override
  public CompletionStage<List<Integer>> deviceIds() {
    return action("GET", "/bus/devices", null)
        .thenApplyAsync(a -> a.values().stream().map(Integer::valueOf).toList(), executor());
  }

  @Override
  public CompletionStage<Reply<Ack>> netnsAdd(String name) {
    return action("PUT", "/netns/" + encode(name), null).thenApplyAsync(EntityClient::acked, executor());
  }

  @Override
  public CompletionStage<Reply<Ack>> netnsDel(String name) {
    return action("DELETE", "/netns/" + encode(name), null).thenApplyAsync(EntityClient::acked, executor());
  }

  @Override
  public CompletionStage<List<String>> netnsList() {
    return action("GET", "/netns", null).thenApplyAsync(HostEntity.ActionReply::values, executor());
  }

  /** /lib/firmware/NAME through the host's script runner (POST /api/hosts/H/run), as {@link EntityClient}. */
  @Override
  public CompletionStage<Reply<Ack>> firmwareWrite(String name, String content) {
    if (!name.matches("[A-Za-z0-9._-]+") || !content.matches("[A-Za-z0-9 ._-]*")) {
      return CompletableFuture.completedFuture(Reply.err(Errno.EINVAL, "firmware name or content not plain"));
    }
    return fabric.json("POST", base + "/run", new Api.RunRequest("echo \"" + content + "\" > /lib/firmware/" + name
            + "\n", false, false, false), HostEntity.ExecResult.class)
        .thenApplyAsync(x -> x.status() == 0 ? Reply.<Ack>ok() : Reply.<Ack>err(Errno.EIO, x.stderr().strip()), executor());
  }

  private static <T> CompletionStage<T> unsupported(String what) {
    return CompletableFuture.failedFuture(new UnsupportedOperationException(what + ": not used over the fabric API"));
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
    throw new UnsupportedOperationException("monitor subscriptions: the fabric API streams events (GET /api/monitor)");
  }

  @Override
  public void unsubscribe(ActorRef<MonitorEvent> subscriber) {}

  @Override
  public void fence(ActorRef<MonitorEvent> subscriber, long id) {
    throw new UnsupportedOperationException("monitor fences: the fabric API streams events (GET /api/monitor)");
  }

  @Override
  public void consumed(ActorRef<MonitorEvent> subscriber, int count) {}

  @Override
  public Executor executor() {
    return fabric.executor();
  }
}
