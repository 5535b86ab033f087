package dev.fabric.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.pubsub.Topic;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.http.javadsl.ConnectionContext;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.marshallers.jackson.Jackson;
import org.apache.pekko.http.javadsl.marshalling.sse.EventStreamMarshalling;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.sse.ServerSentEvent;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.MalformedRequestContentRejection;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.RejectionHandler;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.server.UnsupportedRequestContentTypeRejection;
import org.apache.pekko.stream.OverflowStrategy;
import org.apache.pekko.stream.javadsl.Source;

/**
 * The HTTP API of a member (docs/API.md): members and hosts, scripts and CLI lines run on a host,
 * the netdevsim bus, sysfs/debugfs files, namespaces, and the cluster-wide monitor as Server-Sent
 * Events. Every host request goes through Cluster Sharding to wherever the host runs, with a
 * deadline: a host whose member is gone is answered 504 until it runs again elsewhere.
 */
public final class Api extends AllDirectives {

  /** JSON in and out: unknown fields, missing primitives and unknown enum names are a 400. */
  static final ObjectMapper JSON = JsonMapper.builder()
      .addModule(new com.fasterxml.jackson.datatype.jdk8.Jdk8Module())
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(DeserializationFeature.FAIL_ON_INVALID_SUBTYPE)
      .build();

  // ---------------------------------------------------------------- request and answer bodies

  public record RunRequest(String script, Boolean transcript, Boolean xtrace, Boolean monitors) {}

  public record LineRequest(String line) {}

  public record MonitorsRequest(boolean on) {}

  public record BusRequest(String text, String netns) {}

  public record WriteRequest(String value) {}

  /** Asks the host to publish a fence with this id on the monitor stream (after every event before it). */
  public record FenceRequest(String id) {}

  /** A typed devlink request: {@code dev} as "bus/name", {@code op} named by its "op" property. */
  public record DevlinkRequest(String netns, String dev, dev.fabric.devlink.model.Op<?> op) {}

  public record MemberView(String name, String address, String status, String api, List<String> hosts) {}

  public record HostView(String host, String member, String address, String status, long boots,
      List<dev.fabric.devlink.model.HostInventory.Card> cards, List<String> devices, Boolean saved, String error) {}

  public record ErrorView(String errno, String message) {}

  // ---------------------------------------------------------------- wiring

  private final ActorSystem<?> system;
  private final FabricSpec spec;
  private final ClusterSharding sharding;
  private final Duration askTimeout;
  private final long maxBody;
  private final byte[] token;
  private final Executor executor;
  private final ActorRef<Topic.Command<HostEntity.HostEvent>> topic;

  private Api(ActorSystem<?> system, FabricSpec spec, byte[] token) {
    this.system = system;
    this.spec = spec;
    this.sharding = ClusterSharding.get(system);
    this.askTimeout = system.settings().config().getDuration("fabric-cluster.ask-timeout");
    this.maxBody = system.settings().config().getBytes("fabric-cluster.max-body-bytes");
    this.token = token;
    this.executor = system.executionContext();
    this.topic = system.systemActorOf(Topic.create(HostEntity.HostEvent.class, HostEntity.MONITOR_TOPIC),
        "api-monitor-topic", Props.empty());
  }

  /** Binds the API where the member's settings say; the bound address is logged and answered by bound(). */
  static CompletionStage<ServerBinding> start(ActorSystem<?> system, FabricSpec spec) {
    var config = system.settings().config();
    String host = config.getString("fabric-cluster.api.host");
    int port = config.getInt("fabric-cluster.api.port");
    byte[] token = spec.secured() ? Security.token(spec).getBytes(StandardCharsets.UTF_8) : null;
    Api api = new Api(system, spec, token);
    var builder = Http.get(system).newServerAt(host, port);
    if (spec.secured()) {
      builder = builder.enableHttps(ConnectionContext.httpsServer(Security.sslContext(spec)));
    }
    CompletionStage<ServerBinding> binding = builder.bind(api.routes());
    BOUND.put(system, binding);
    binding.whenCompleteAsync((b, e) -> {
      if (e != null) {
        system.log().error("fabric API could not bind {}:{}: {}", host, port, e.getMessage());
        CoordinatedShutdown.get(system).run(CoordinatedShutdown.unknownReason());
      } else {
        system.log().info("fabric API at {}", b.localAddress());
      }
    }, api.executor);
    return binding;
  }

  private static final Map<ActorSystem<?>, CompletionStage<ServerBinding>> BOUND =
      java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

  /** The API binding of {@code system} (tests bind port 0 and read it here). */
  public static CompletionStage<ServerBinding> bound(ActorSystem<?> system) {
    return BOUND.get(system);
  }

  Route routes() {
    return handleRejections(rejections(), () -> authenticated(() -> withSizeLimit(maxBody, () ->
        pathPrefix("api", () -> concat(
            path("members", () -> get(this::members)),
            path("fabric", () -> get(this::fabric)),
            path("shutdown", () -> post(this::shutdown)),
            path("monitor", () -> get(() -> parameterOptional("host", this::monitor))),
            pathPrefix("hosts", () -> concat(
                pathEnd(() -> get(this::hosts)),
                pathPrefix(PathMatchers.segment(), this::host))))))));
  }

  private Route authenticated(Supplier<Route> inner) {
    if (token == null) {
      return inner.get();
    }
    String secret = new String(token, StandardCharsets.UTF_8);
    // verify compares in constant time.
    return authenticateOAuth2("fabric", creds -> creds.filter(c -> c.verify(secret)).map(c -> "client"),
        user -> inner.get());
  }

  private RejectionHandler rejections() {
    return RejectionHandler.newBuilder()
        .handle(MalformedRequestContentRejection.class, r -> tooLarge(r.getCause())
            ? error(StatusCodes.PAYLOAD_TOO_LARGE, "E2BIG", "request bodies are limited to " + maxBody + " bytes")
            : error(StatusCodes.BAD_REQUEST, "EINVAL", "bad request body: " + clean(r.message())))
        .handle(UnsupportedRequestContentTypeRejection.class, r -> error(StatusCodes.UNSUPPORTED_MEDIA_TYPE,
            "EINVAL", "request bodies are application/json"))
        .build()
        .withFallback(RejectionHandler.defaultHandler());
  }

  private static boolean tooLarge(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof org.apache.pekko.http.scaladsl.model.EntityStreamSizeException) {
        return true;
      }
    }
    return false;
  }

  private static String clean(String m) {
    if (m == null) {
      return "";
    }
    int at = m.indexOf("\n at [Source");
    return at > 0 ? m.substring(0, at) : m;
  }

  Route error(StatusCode status, String errno, String message) {
    return completeJson(status, new ErrorView(errno, message));
  }

  Route completeJson(StatusCode status, Object body) {
    return complete(HttpResponse.create().withStatus(status)
        .withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, json(body) + "\n")));
  }

  private <T> Route body(Class<T> type, Function<T, Route> inner) {
    return entity(Jackson.unmarshaller(JSON, type), inner);
  }

  // ---------------------------------------------------------------- members and hosts

  private Route members() {
    List<MemberView> out = new ArrayList<>();
    for (org.apache.pekko.cluster.Member m : Cluster.get(system).state().getMembers()) {
      String name = m.getRoles().stream().filter(r -> r.startsWith("member-")).map(r -> r.substring(7))
          .findFirst().orElse("?");
      boolean unreachable = Cluster.get(system).state().getUnreachable().contains(m);
      String status = unreachable && m.status() == MemberStatus.up() ? "unreachable" : m.status().toString()
          .toLowerCase(java.util.Locale.ROOT);
      String api = spec.members().stream().filter(x -> x.name().equals(name) && x.apiPort() != 0)
          .map(x -> x.api(spec.secured())).findFirst().orElse(null);
      out.add(new MemberView(name, m.address().toString(), status, api, List.of()));
    }
    return completeJson(StatusCodes.OK, out);
  }

  /** The fabric file's view: its name, members and host names (no host is asked). */
  private Route fabric() {
    return completeJson(StatusCodes.OK, Map.of("name", spec.name(),
        "members", spec.members().stream().map(FabricSpec.Member::name).toList(),
        "hosts", spec.hosts().stream().map(FabricSpec.HostSpec::name).toList()));
  }

  private Route hosts() {
    List<CompletableFuture<HostView>> all = new ArrayList<>();
    for (FabricSpec.HostSpec h : spec.hosts()) {
      all.add(describe(h.name()).toCompletableFuture());
    }
    CompletableFuture<List<HostView>> views = CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))
        .thenApplyAsync(v -> all.stream().map(CompletableFuture::join).toList(), executor);
    return onSuccess(views, l -> completeJson(StatusCodes.OK, l));
  }

  private CompletionStage<HostView> describe(String host) {
    CompletableFuture<HostView> out = new CompletableFuture<>();
    sharding.entityRefFor(HostEntity.KEY, host).<HostEntity.HostInfo>ask(HostEntity.Describe::new, askTimeout)
        .whenCompleteAsync((i, e) -> out.complete(i != null
            ? new HostView(i.host(), i.member(), i.address(), "up", i.boots(), i.cards(), i.devices(), i.saved(), null)
            : new HostView(host, null, null, "unreachable", 0, List.of(), List.of(), null, deadlineMessage(host))),
            executor);
    return out;
  }

  private String deadlineMessage(String host) {
    return "host " + host + " did not answer within " + askTimeout.toSeconds() + " s (its member may be gone: "
        + "the host starts again on another member)";
  }

  private Route host(String name) {
    if (spec.host(name).isEmpty()) {
      return error(StatusCodes.NOT_FOUND, "ENOENT", "no host " + name + " in this fabric");
    }
    return concat(
        pathEnd(() -> get(() -> onSuccess(describe(name), v -> completeJson(
            v.error() == null ? StatusCodes.OK : StatusCodes.GATEWAY_TIMEOUT, v)))),
        path("run", () -> post(() -> body(RunRequest.class, r -> {
          if (r.script() == null) {
            return error(StatusCodes.BAD_REQUEST, "EINVAL", "a run needs a script");
          }
          return this.<HostEntity.ExecResult>ask(name, replyTo -> new HostEntity.Exec(r.script(), Boolean.TRUE.equals(r.transcript()),
              Boolean.TRUE.equals(r.xtrace()), Boolean.TRUE.equals(r.monitors()), replyTo));
        }))),
        pathPrefix("sessions", () -> pathPrefix(PathMatchers.segment(), session -> concat(
            path("line", () -> post(() -> body(LineRequest.class, r -> r.line() == null
                ? error(StatusCodes.BAD_REQUEST, "EINVAL", "a line is needed")
                : this.<HostEntity.ExecResult>ask(name, replyTo -> new HostEntity.SessionLine(session, r.line(), replyTo))))),
            path("monitors", () -> post(() -> body(MonitorsRequest.class, r ->
                this.<HostEntity.MonitorLogs>ask(name, replyTo -> new HostEntity.SessionMonitors(session, r.on(), replyTo))))),
            pathEnd(() -> delete(() -> {
              sharding.entityRefFor(HostEntity.KEY, name).tell(new HostEntity.SessionClose(session));
              return completeJson(StatusCodes.OK, Map.of("closed", session));
            }))))),
        pathPrefix("bus", () -> concat(
            path("new_device", () -> post(() -> body(BusRequest.class, r ->
                action(name, HostEntity.ActionKind.NEW_DEVICE, null, null, r.text(), r.netns())))),
            path("del_device", () -> post(() -> body(BusRequest.class, r ->
                action(name, HostEntity.ActionKind.DEL_DEVICE, null, null, r.text(), null)))),
            path("devices", () -> get(() -> action(name, HostEntity.ActionKind.DEVICES, null, null, null, null))))),
        path("instances", () -> get(() -> parameterOptional("netns", ns ->
            action(name, HostEntity.ActionKind.INSTANCES, null, null, null, ns.orElse(null))))),
        pathPrefix("sysfs", () -> pathPrefix(PathMatchers.integerSegment(), id -> extractUnmatchedPath(rest -> {
          String file = rest.startsWith("/") ? rest.substring(1) : rest;
          return concat(
              get(() -> action(name, HostEntity.ActionKind.SYSFS_READ, id, file, null, null)),
              post(() -> body(WriteRequest.class, w ->
                  action(name, HostEntity.ActionKind.SYSFS_WRITE, id, file, w.value(), null))));
        }))),
        pathPrefix("debugfs", () -> pathPrefix(PathMatchers.integerSegment(), id -> extractUnmatchedPath(rest -> {
          String file = rest.startsWith("/") ? rest.substring(1) : rest;
          return concat(
              get(() -> parameterOptional("list", list -> action(name, list.isPresent()
                  ? HostEntity.ActionKind.DEBUGFS_LIST : HostEntity.ActionKind.DEBUGFS_READ, id, file, null, null))),
              post(() -> body(WriteRequest.class, w ->
                  action(name, HostEntity.ActionKind.DEBUGFS_WRITE, id, file, w.value(), null))));
        }))),
        pathPrefix("netns", () -> concat(
            pathEnd(() -> get(() -> action(name, HostEntity.ActionKind.NETNS_LIST, null, null, null, null))),
            path(PathMatchers.segment(), ns -> concat(
                put(() -> action(name, HostEntity.ActionKind.NETNS_ADD, null, null, ns, null)),
                post(() -> action(name, HostEntity.ActionKind.NETNS_ADD, null, null, ns, null)),
                delete(() -> action(name, HostEntity.ActionKind.NETNS_DEL, null, null, ns, null)))))),
        // A power cycle where the host runs: what its cards keep stays, runtime state starts afresh.
        path("power-cycle", () -> post(() -> this.<HostEntity.PoweredOff>ask(name, HostEntity.PowerCycle::new))),
        path("monitor-fence", () -> post(() -> body(FenceRequest.class, r -> {
          if (r.id() == null || r.id().isEmpty()) {
            return error(StatusCodes.BAD_REQUEST, "EINVAL", "a fence needs an id");
          }
          sharding.entityRefFor(HostEntity.KEY, name).tell(new HostEntity.MonitorFence(r.id()));
          return completeJson(StatusCodes.ACCEPTED, Map.of("fence", r.id()));
        }))),
        path("devlink", () -> post(() -> body(DevlinkRequest.class, r -> {
          String[] dev = r.dev() == null ? new String[0] : r.dev().split("/");
          if (dev.length != 2 || dev[0].isEmpty() || dev[1].isEmpty() || r.op() == null) {
            return error(StatusCodes.BAD_REQUEST, "EINVAL", "a devlink request needs dev (\"bus/name\") and op");
          }
          return this.<dev.fabric.devlink.model.Reply<?>>ask(name, replyTo -> new HostEntity.Devlink(r.netns(),
              new dev.fabric.devlink.model.DevHandle(dev[0], dev[1]), r.op(), replyTo));
        }))));
  }

  private Route action(String host, HostEntity.ActionKind kind, Integer id, String path, String value, String netns) {
    if (kind != HostEntity.ActionKind.DEVICES && kind != HostEntity.ActionKind.INSTANCES
        && kind != HostEntity.ActionKind.NETNS_LIST && kind != HostEntity.ActionKind.DEBUGFS_LIST
        && kind != HostEntity.ActionKind.SYSFS_READ && kind != HostEntity.ActionKind.DEBUGFS_READ && value == null) {
      return error(StatusCodes.BAD_REQUEST, "EINVAL", "a value is needed");
    }
    return this.<HostEntity.ActionReply>ask(host, replyTo -> new HostEntity.Action(kind, id, path, value, netns, replyTo));
  }

  /** Asks the host (wherever it runs) and answers its reply as JSON, or 504 at the deadline. */
  <T> Route ask(String host, Function<ActorRef<T>, HostEntity.Command> message) {
    CompletableFuture<Object> out = new CompletableFuture<>();
    sharding.entityRefFor(HostEntity.KEY, host).<T>ask(message::apply, askTimeout)
        .whenCompleteAsync((v, e) -> out.complete(v != null ? v : new ErrorView("ETIMEDOUT", deadlineMessage(host))),
            executor);
    // A devlink or driver error is an answer (200 with ok false, errno and message); only a host
    // that did not answer at all is an HTTP error.
    return onSuccess(out, v -> completeJson(v instanceof ErrorView ? StatusCodes.GATEWAY_TIMEOUT : StatusCodes.OK, v));
  }

  ClusterSharding sharding() {
    return sharding;
  }

  Duration askTimeout() {
    return askTimeout;
  }

  Executor executor() {
    return executor;
  }

  // ---------------------------------------------------------------- monitor and shutdown

  /**
   * The cluster-wide monitor: every host's events as they happen, one SSE event each (event type
   * "devlink", data the {@link HostEntity.HostEvent} as JSON); {@code ?host=} keeps one host's.
   * A reader slower than the fabric loses the oldest events beyond 4096 (never blocks a host).
   */
  private Route monitor(Optional<String> host) {
    if (host.isPresent() && !host.get().equals("all") && spec.host(host.get()).isEmpty()) {
      return error(StatusCodes.NOT_FOUND, "ENOENT", "no host " + host.get() + " in this fabric");
    }
    String only = host.filter(h -> !h.equals("all")).orElse(null);
    Source<ServerSentEvent, org.apache.pekko.NotUsed> events = Source.<HostEntity.HostEvent>actorRef(
            m -> Optional.empty(), m -> Optional.empty(), 4096, OverflowStrategy.dropHead())
        .mapMaterializedValue(ref -> {
          topic.tell(Topic.subscribe(Adapter.toTyped(ref)));
          return org.apache.pekko.NotUsed.getInstance();
        })
        .filter(e -> only == null || e.host().equals(only))
        .map(e -> ServerSentEvent.create(JSON.writeValueAsString(e), "devlink"))
        .keepAlive(Duration.ofSeconds(10), ServerSentEvent::heartbeat);
    return completeOK(events, EventStreamMarshalling.toEventStream());
  }

  private Route shutdown() {
    system.scheduler().scheduleOnce(Duration.ofMillis(200),
        () -> CoordinatedShutdown.get(system).run(CoordinatedShutdown.clusterLeavingReason()),
        system.executionContext());
    return completeJson(StatusCodes.ACCEPTED, Map.of("leaving", system.address().toString()));
  }

  static String json(Object o) {
    try {
      return JSON.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

}
