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

  /** Asks for the fence every second until it comes back (a stream opening may miss the first). */
  private CompletableFuture<Void> fence(String id, CompletableFuture<Void> back) {
    long end = System.nanoTime() + FENCE_LIMIT.toNanos();
    Runnable[] ask = new Runnable[1];
    ask[0] = () -> {
      if (back.isDone()) {
        return;
      }
      if (refused != null) {
        recorder.forget(id);
        back.completeExceptionally(new IllegalStateException(refused));
        return;
      }
      if (System.nanoTime() > end) {
        recorder.forget(id);
        back.completeExceptionally(new IllegalStateException("host " + recorder.host()
            + "'s monitor fence did not come back through the fabric's event stream within "
            + FENCE_LIMIT.toSeconds() + " s"));
        return;
      }
      fabric.send("POST", "/api/hosts/" + HttpDevlinkClient.encode(recorder.host()) + "/monitor-fence",
          Map.of("id", id));
      CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS, fabric.executor()).execute(ask[0]);
    };
    ask[0].run();
    return back;
  }

  /**
   * Moves the stream off the member at {@code api} (about to be killed) to where requests go now;
   * blocks the calling thread (the nemesis's) until the new stream is live and the old one has
   * delivered everything before the same fence.
   */
  void moveOff(String api) throws Exception {
    Stream old = current;
    if (recorder == null || old == null || !old.api.equals(api)) {
      return;
    }
    try {
      Stream fresh = new Stream(fabric.preferredApi());
      current = fresh;
      fresh.open();
      String id = UUID.randomUUID().toString();
      CompletableFuture<Void> throughOld = recorder.expectOn(id, old.name);
      fence(id, recorder.expectOn(id, fresh.name)).get(FENCE_LIMIT.toSeconds() + 5, TimeUnit.SECONDS);
      throughOld.get(FENCE_LIMIT.toSeconds(), TimeUnit.SECONDS);
    } finally {
      old.close();
    }
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
