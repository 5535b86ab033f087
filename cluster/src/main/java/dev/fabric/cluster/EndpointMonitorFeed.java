package dev.fabric.cluster;

import dev.fabric.chaos.History;
import dev.fabric.chaos.MonitorFeed;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A chaos run's monitor feed from a running fabric: the API's event stream ({@code GET
 * /api/monitor?host=H}, Server-Sent Events, read by a line subscriber of the JDK HttpClient: no
 * thread waits on it), every event naming its host; fences through {@code POST
 * /api/hosts/H/monitor-fence}. A stream whose member goes away is opened again on another member
 * (what it missed shows as a gap at the next fence: the monitor checker reports the loss). Before
 * a member is killed on purpose the feed moves off it ({@link #moveOff}), as {@link
 * ClusterMonitorFeed} does.
 */
final class EndpointMonitorFeed implements MonitorFeed {
  static final Duration FENCE_LIMIT = ClusterMonitorFeed.FENCE_LIMIT;
  private static final AtomicLong STREAMS = new AtomicLong();

  private final HttpFabric fabric;
  private volatile HostEventRecorder recorder;
  private volatile Stream current;
  private volatile boolean stopped;
  /** Why the last stream was refused (an HTTP status other than 200), else null. */
  private volatile String refused;

  EndpointMonitorFeed(HttpFabric fabric) {
    this.fabric = fabric;
  }

  /** One open event stream from one member's API. */
  private final class Stream implements Flow.Subscriber<String> {
    final String api;
    final String name = "sse-" + STREAMS.incrementAndGet();
    volatile Flow.Subscription subscription;
    volatile boolean closed;

    Stream(String api) {
      this.api = api;
    }

    void open() {
      String host = recorder.host();
      var request = fabric.request(api, "/api/monitor?host=" + HttpDevlinkClient.encode(host))
          .header("Accept", "text/event-stream").GET().build();
      fabric.http().sendAsync(request, info -> {
            if (info.statusCode() == 200) {
              return HttpResponse.BodySubscribers.fromLineSubscriber(this);
            }
            refused = "the fabric at " + api + " refused its event stream (HTTP " + info.statusCode() + ")";
            return HttpResponse.BodySubscribers.replacing(null);
          })
          .whenCompleteAsync((r, e) -> ended(), fabric.executor());
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      if (closed) {
        s.cancel();
      } else {
        s.request(Long.MAX_VALUE);
      }
    }

    @Override
    public void onNext(String line) {
      if (closed || !line.startsWith("data:")) {
        return; // event names, heartbeats, blank separators
      }
      try {
        HostEntity.HostEvent e = HttpFabric.READ.readValue(line.substring(5).strip(), HostEntity.HostEvent.class);
        recorder.accept(e, name);
      } catch (java.io.IOException ex) {
        // not an event of this API: nothing to record (the checkers see what is missing)
      }
    }

    @Override
    public void onError(Throwable t) {}

    @Override
    public void onComplete() {}

    void close() {
      closed = true;
      Flow.Subscription s = subscription;
      if (s != null) {
        s.cancel();
      }
    }

    /** The stream ended: unless closed on purpose, open it again where requests go now. */
    private void ended() {
      if (closed || stopped || current != this) {
        return;
      }
      CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS, fabric.executor()).execute(() -> {
        if (!stopped && current == this) {
          Stream again = new Stream(fabric.preferredApi());
          current = again;
          again.open();
        }
      });
    }
  }

  @Override
  public CompletionStage<Void> start(String host, History history) {
    recorder = new HostEventRecorder(host, history);
    Stream s = new Stream(fabric.preferredApi());
    current = s;
    s.open();
    return fence();
  }

  /**
   * Back through the stream (one is read at a time; a move waits for both): then anything still
   * missing was lost, with a stream that ended or before.
   */
  @Override
  public CompletableFuture<Void> fence() {
    String id = UUID.randomUUID().toString();
    return fence(id, recorder.expect(id)).thenRun(recorder::settle);
  }

  /**
   * Asks for the fence every second until it comes back (a stream opening may miss the first);
   * returns {@code back}, which fails when the fabric refused the stream or the limit passed.
   */
  private CompletableFuture<Void> fence(String id, CompletableFuture<Void> back) {
    new Polling(fabric.executor(), Duration.ofSeconds(1)).until(FENCE_LIMIT, () -> {
      if (back.isDone()) {
        return true;
      }
      if (refused != null) {
        throw new IllegalStateException(refused);
      }
      fabric.send("POST", "/api/hosts/" + HttpDevlinkClient.encode(recorder.host()) + "/monitor-fence",
          Map.of("id", id));
      return false;
    }, last -> "host " + recorder.host() + "'s monitor fence did not come back through the fabric's event stream "
        + "within " + FENCE_LIMIT.toSeconds() + " s")
        .whenCompleteAsync((v, e) -> {
          if (e != null) {
            recorder.forget(id);
            back.completeExceptionally(Polling.unwrap(e));
          }
        }, fabric.executor());
    return back;
  }

  /**
   * Moves the stream off the member at {@code api} (about to be killed) to where requests go now;
   * completes once the new stream is live and the old one has delivered everything before the same
   * fence (each within its limit, else the stage fails and the kill is not made).
   */
  CompletableFuture<Void> moveOff(String api) {
    Stream old = current;
    if (recorder == null || old == null || !old.api.equals(api)) {
      return CompletableFuture.completedFuture(null);
    }
    CompletableFuture<Void> moved;
    try {
      Stream fresh = new Stream(fabric.preferredApi());
      current = fresh;
      fresh.open();
      String id = UUID.randomUUID().toString();
      CompletableFuture<Void> throughOld = recorder.expectOn(id, old.name);
      moved = fence(id, recorder.expectOn(id, fresh.name)).copy().orTimeout(FENCE_LIMIT.toSeconds() + 5, TimeUnit.SECONDS)
          // the old stream's limit counts from the new one's fence; copies: the timeouts are this wait's own
          .thenComposeAsync(v -> throughOld.copy().orTimeout(FENCE_LIMIT.toSeconds(), TimeUnit.SECONDS),
              fabric.executor());
    } catch (RuntimeException e) {
      old.close();
      throw e;
    }
    return moved.whenCompleteAsync((v, e) -> old.close(), fabric.executor());
  }

  @Override
  public void stop() {
    stopped = true;
    Stream s = current;
    if (s != null) {
      s.close();
    }
  }
}
