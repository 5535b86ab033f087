package dev.fabric.cluster;

import dev.fabric.devlink.client.DevlinkClient;
import dev.fabric.devlink.model.DevHandle;
import dev.fabric.devlink.model.Op;
import dev.fabric.devlink.model.Reply;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * {@link DevlinkClient} over one host of a running fabric's HTTP API (docs/API.md): devlink
 * requests as the typed protocol's JSON ({@code POST /api/hosts/H/devlink}), the bus, instances
 * and namespaces as the API's actions, /lib/firmware through a script. What the API has no route
 * for fails as {@link RemoteHostClient} says; monitor events come through the API's event stream
 * ({@link EndpointMonitorFeed}), not a subscription.
 */
final class HttpDevlinkClient extends RemoteHostClient {
  private final HttpFabric fabric;
  private final String base;

  HttpDevlinkClient(HttpFabric fabric, String host) {
    this.fabric = fabric;
    this.base = "/api/hosts/" + encode(host);
  }

  static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  @Override
  @SuppressWarnings({"unchecked", "rawtypes"})
  protected CompletionStage<Reply<?>> devlink(String netns, DevHandle dev, Op<?> op) {
    return (CompletionStage) fabric.json("POST", base + "/devlink", new Api.DevlinkRequest(netns, dev.toString(), op),
        Reply.class);
  }

  /** The API's route for each action the protocol sends (docs/API.md). */
  @Override
  protected CompletionStage<HostEntity.ActionReply> action(HostEntity.ActionKind kind, String value, String netns) {
    return switch (kind) {
      case INSTANCES -> action("GET", "/instances" + (netns == null ? "" : "?netns=" + encode(netns)), null);
      case NEW_DEVICE -> action("POST", "/bus/new_device", new Api.BusRequest(value, netns));
      case DEL_DEVICE -> action("POST", "/bus/del_device", new Api.BusRequest(value, null));
      case DEVICES -> action("GET", "/bus/devices", null);
      case NETNS_ADD -> action("PUT", "/netns/" + encode(value), null);
      case NETNS_DEL -> action("DELETE", "/netns/" + encode(value), null);
      case NETNS_LIST -> action("GET", "/netns", null);
      default -> CompletableFuture.failedFuture(new UnsupportedOperationException(kind + ": "
          + unsupportedReason()));
    };
  }

  private CompletionStage<HostEntity.ActionReply> action(String method, String path, Object body) {
    return fabric.json(method, base + path, body, HostEntity.ActionReply.class);
  }

  /** POST /api/hosts/H/run. */
  @Override
  protected CompletionStage<HostEntity.ExecResult> run(String script) {
    return fabric.json("POST", base + "/run", new Api.RunRequest(script, false, false, false),
        HostEntity.ExecResult.class);
  }

  @Override
  protected String unsupportedReason() {
    return "not used over the fabric API";
  }

  @Override
  protected String monitorEventsInstead() {
    return "the fabric API streams events (GET /api/monitor)";
  }

  @Override
  public Executor executor() {
    return fabric.executor();
  }
}
