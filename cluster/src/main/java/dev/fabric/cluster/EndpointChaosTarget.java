package dev.fabric.cluster;

import dev.fabric.chaos.ChaosTarget;
import dev.fabric.chaos.MonitorFeed;
import dev.fabric.cluster.cli.Endpoint;
import dev.fabric.devlink.client.DevlinkClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * A chaos target over a running fabric ({@code fabric up}) through its HTTP API: the run attacks
 * the first host of the fabric that has no devices (the run creates its own), with devlink
 * requests as the typed protocol's JSON ({@link HttpDevlinkClient}), and records the host's
 * monitor events from the API's event stream ({@link EndpointMonitorFeed}). The bearer token and
 * the trust store come from the endpoint file {@code fabric up} wrote (FABRIC_ENDPOINT_FILE or
 * ~/.fabric/endpoint.json) when it names the URL, else FABRIC_TOKEN.
 *
 * <p>Member faults: {@code kill-member} sends SIGKILL to the member process holding the host (its
 * pid from the endpoint file; requests and the event stream move to another member first); the
 * heal waits until the host answers again from a survivor. {@code fabric up} does not start a
 * member again, so a run can kill while at least three member processes live (two keep a
 * majority); {@code leave-rejoin} is refused (nothing would rejoin).
 */
public final class EndpointChaosTarget implements ChaosTarget {
  static final Duration STEP_LIMIT = ClusterChaosTarget.STEP_LIMIT;
  static final Duration CONNECT_LIMIT = Duration.ofSeconds(20);

  private final HttpFabric fabric;
  private final String host;
  private final HttpDevlinkClient client;
  private final EndpointMonitorFeed feed;
  /** How often a waiting step asks the fabric about the host again. */
  private static final long POLL_MS = 200;

  /** Runs the fault steps and their waits (never blocked: a step that waits polls on it). */
  private final ExecutorService nemesis = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "chaos-endpoint-nemesis");
    t.setDaemon(true);
    return t;
  });
  private final Polling polling = new Polling(nemesis, Duration.ofMillis(POLL_MS));
  /** Fault steps run one after another, in the order the runner asked for them. */
  private final FaultSteps steps = new FaultSteps(nemesis);
  /** The member the last kill took down, by name. */
  private volatile String victim;

  private EndpointChaosTarget(HttpFabric fabric, String host) {
    this.fabric = fabric;
    this.host = host;
    this.client = new HttpDevlinkClient(fabric, host);
    this.feed = new EndpointMonitorFeed(fabric);
  }

  /**
   * Connects to the fabric at {@code url} and picks its host. Fails with a message for the user
   * (IllegalArgumentException) when {@code url} is no fabric API, or the fabric has no host
   * without devices.
   */
  public static EndpointChaosTarget connect(String url) {
    String u = url.strip().replaceAll("/+$", "");
    URI uri;
    try {
      uri = URI.create(u);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--endpoint " + url + ": not a URL (say http://127.0.0.1:8080)");
    }
    if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
      throw new IllegalArgumentException("--endpoint " + url + ": not an http(s) URL (say http://127.0.0.1:8080)");
    }
    return connect(resolve(u), u);
  }

  /** As above with the endpoint's description given ({@code u}: the URL as the user said it). */
  static EndpointChaosTarget connect(Endpoint endpoint, String u) {
    HttpFabric fabric;
    try {
      fabric = new HttpFabric(endpoint);
    } catch (IOException e) {
      throw new IllegalArgumentException("--endpoint " + u + ": " + e.getMessage());
    }
    try {
      HttpFabric.Answer a = fabric.send("GET", "/api/hosts", null).get(CONNECT_LIMIT.toSeconds(), TimeUnit.SECONDS);
      if (a.status() == 401) {
        throw new IllegalArgumentException("the fabric at " + u + " requires a token (the endpoint file fabric up "
            + "wrote names it; else set FABRIC_TOKEN)");
      }
      List<Api.HostView> hosts;
      try {
        hosts = List.of(HttpFabric.READ.readValue(a.body(), Api.HostView[].class));
      } catch (IOException | RuntimeException e) {
        throw new IllegalArgumentException(u + " does not answer as a fabric API (GET /api/hosts: HTTP " + a.status()
            + ")");
      }
      for (Api.HostView h : hosts) {
        if ("up".equals(h.status()) && h.cards().isEmpty()) {
          return new EndpointChaosTarget(fabric, h.host());
        }
      }
      StringBuilder b = new StringBuilder();
      hosts.forEach(h -> b.append(b.length() == 0 ? "" : ", ").append(h.host()).append(": ")
          .append("up".equals(h.status()) ? h.cards().size() + " devices" : h.status()));
      throw new IllegalArgumentException("the fabric at " + u + " has no host without devices that answers (" + b
          + "); a chaos run creates its own devices: give the fabric file a host with `devices: []`");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      fabric.close();
      throw new IllegalArgumentException("interrupted");
    } catch (ExecutionException e) {
      fabric.close();
      throw new IllegalArgumentException("no fabric answers at " + u + ": " + e.getCause().getMessage());
    } catch (TimeoutException e) {
      fabric.close();
      throw new IllegalArgumentException("no fabric answers at " + u + " within " + CONNECT_LIMIT.toSeconds() + " s");
    } catch (RuntimeException e) {
      fabric.close();
      throw e;
    }
  }

  /** The endpoint file's description when it names {@code url} (pids, token, trust store), else the URL alone. */
  static Endpoint resolve(String url) {
    Path file = Endpoint.defaultFile();
    if (Files.exists(file)) {
      try {
        Endpoint e = Endpoint.read(file);
        int at = e.apis().stream().map(a -> a.replaceAll("/+$", "")).toList().indexOf(url);
        if (at >= 0) {
          // the given member first
          List<String> apis = new java.util.ArrayList<>(e.apis());
          java.util.Collections.rotate(apis, -at);
          return new Endpoint(e.name(), apis, e.members(), e.upPid(), e.token(), e.trustStore(), e.passwordEnv(),
              e.logs());
        }
      } catch (IOException e) {
        // not readable: the URL alone
      }
    }
    return Endpoint.of(url);
  }

  /** The host the run attacks. */
  public String host() {
    return host;
  }

  @Override
  public List<String> hosts() {
    return List.of(host);
  }

  @Override
  public DevlinkClient client(String h) {
    return client;
  }

  /** None: the monitor recorder of this target is {@link #monitorFeed()}, outside any actor system. */
  @Override
  public ActorSystem<?> system() {
    return null;
  }

  @Override
  public MonitorFeed monitorFeed() {
    return feed;
  }

  @Override
  public CompletionStage<Void> writeFirmware(String name, String content) {
    return client.firmwareWrite(name, content).thenAcceptAsync(r -> {
      if (r instanceof dev.fabric.devlink.model.Reply.Err<?> e) {
        throw new IllegalStateException("/lib/firmware/" + name + ": " + e);
      }
    }, fabric.executor());
  }

  /**
   * The host as the fabric describes it (null: the fabric answered, not with the host). A failure
   * to parse an answer is an {@link UncheckedIOException}, which no wait retries; no answer in 30 s
   * or none at all is a failure a wait for the host to come back retries.
   */
  private CompletableFuture<Api.HostView> describe() {
    return fabric.send("GET", "/api/hosts/" + HttpDevlinkClient.encode(host), null)
        .orTimeout(30, TimeUnit.SECONDS)
        .thenApplyAsync(a -> {
          if (a.status() != 200) {
            return null;
          }
          try {
            return HttpFabric.READ.readValue(a.body(), Api.HostView.class);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }, nemesis);
  }

  @Override
  public CompletionStage<Void> memberFault(String fault, String phase) {
    return steps.then(() -> step(fault, phase), cause ->
        // the steps' own failures say what failed; anything else (no answer, a bad one) gets it said
        cause instanceof IllegalStateException || cause instanceof UnsupportedOperationException ? cause
            : new IllegalStateException(fault + " " + phase + ": " + (cause instanceof UncheckedIOException
                ? cause.getCause().getMessage() : cause.getMessage()), cause));
  }

  /** One fault step; runs on the nemesis thread. */
  private CompletableFuture<Void> step(String fault, String phase) {
    switch (fault + "/" + phase) {
      case "kill-member/start" -> {
        return kill();
      }
      case "kill-member/heal" -> {
        return awaitHostAwayFrom(victim);
      }
      case "host-reboot/start" -> {
        return powerCycle();
      }
      case "host-reboot/heal" -> {
        return awaitHostAwayFrom(null); // answering again, wherever it runs
      }
      default -> {
        return CompletableFuture.failedFuture(new UnsupportedOperationException(fault + " against a running fabric: "
            + "an endpoint run can kill-member (the host moves to a survivor) and host-reboot; fabric up starts no "
            + "member again (leave-rejoin) and its members run no test-mode transport (partition)"));
      }
    }
  }

  /** host-reboot: the host power-cycles where it runs (POST /api/hosts/H/power-cycle). */
  private CompletableFuture<Void> powerCycle() {
    return describe().thenComposeAsync(before ->
        fabric.send("POST", "/api/hosts/" + HttpDevlinkClient.encode(host) + "/power-cycle", null)
            .orTimeout(STEP_LIMIT.toSeconds(), TimeUnit.SECONDS)
            .thenComposeAsync(a -> {
              if (a.status() == 200) {
                return CompletableFuture.<Void>completedFuture(null);
              }
              if (a.status() != 504 || before == null) {
                throw new IllegalStateException("host-reboot: the fabric answered " + a.status() + " " + a.body());
              }
              // The API's deadline passed first (a host still booting from the last fault takes the
              // power cycle once it runs): the request stays with the host, so wait for the boot it
              // causes rather than sending a second one.
              return polling.until(STEP_LIMIT, this::describe, v -> v != null && v.boots() > before.boots(),
                  failure -> false, last -> "host-reboot: host " + host + " did not boot again within " + STEP_LIMIT)
                  .thenApply(v -> (Void) null);
            }, nemesis), nemesis);
  }

  /** SIGKILL to the member process holding the host, once requests and the event stream left it. */
  private CompletableFuture<Void> kill() {
    return polling.until(STEP_LIMIT, this::describe, v -> v != null, failure -> false,
        last -> "kill-member: host " + host + " does not answer").thenComposeAsync(v -> {
          String member = v.member();
          Endpoint.MemberProcess process = fabric.endpoint.members().stream().filter(m -> m.name().equals(member))
              .findFirst().orElseThrow(() -> new IllegalStateException("kill-member: the endpoint file names no "
                  + "process of member " + member + " (run on the machine of fabric up, with the endpoint file it "
                  + "wrote: " + Endpoint.defaultFile() + ")"));
          long alive = fabric.endpoint.members().stream()
              .filter(m -> ProcessHandle.of(m.pid()).map(ProcessHandle::isAlive).orElse(false)).count();
          if (alive < 3) {
            throw new IllegalStateException("kill-member: " + alive + " member processes live; killing one more "
                + "leaves no majority (fabric up starts no member again)");
          }
          ProcessHandle victimProcess = ProcessHandle.of(process.pid()).orElseThrow(() ->
              new IllegalStateException("kill-member: member " + member + "'s process " + process.pid() + " is gone"));
          fabric.avoid(process.api());
          return feed.moveOff(process.api()).thenComposeAsync(moved -> {
            victim = member;
            victimProcess.destroyForcibly(); // SIGKILL
            return victimProcess.onExit().orTimeout(STEP_LIMIT.toSeconds(), TimeUnit.SECONDS)
                .thenApplyAsync(exited -> (Void) null, nemesis);
          }, nemesis);
        }, nemesis);
  }

  /**
   * Waits until the host answers from a member other than {@code gone}; no answer (a member
   * going down, the host booting) is asked again, an answer that is no fabric's fails the step.
   */
  private CompletableFuture<Void> awaitHostAwayFrom(String gone) {
    return polling.until(STEP_LIMIT, this::describe,
        v -> v != null && v.member() != null && !v.member().equals(gone),
        failure -> !(failure instanceof UncheckedIOException),
        last -> "host " + host + " did not answer again within " + STEP_LIMIT.toSeconds() + " s"
            + (last == null ? "" : ": " + last))
        .thenApply(v -> (Void) null);
  }

  @Override
  public void close() {
    feed.stop();
    nemesis.shutdownNow();
    fabric.close();
  }
}
