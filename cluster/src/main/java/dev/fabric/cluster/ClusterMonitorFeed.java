package dev.fabric.cluster;

import dev.fabric.chaos.History;
import dev.fabric.chaos.MonitorFeed;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

/**
 * A chaos run's monitor feed over an in-JVM cluster: a {@link TopicFeed} on one member receives
 * every host's events from the monitor topic; fences go to the host's entity, which publishes them
 * after its events. Before the member the feed runs on is hit, the feed moves to another one
 * ({@link #moveOff}): a second subscriber starts there, a fence proves it live, the first stops
 * (the recorder drops what both delivered).
 */
final class ClusterMonitorFeed implements MonitorFeed {
  /** How long a fence may take to come back before the run fails (a host starting again takes seconds). */
  static final Duration FENCE_LIMIT = Duration.ofSeconds(60);
  private static final AtomicLong FEEDS = new AtomicLong();

  private final Supplier<ActorSystem<?>> via;
  private volatile HostEventRecorder recorder;
  private volatile ActorSystem<?> on;
  private volatile ActorRef<TopicFeed.Command> feed;

  ClusterMonitorFeed(Supplier<ActorSystem<?>> via) {
    this.via = via;
  }

  @Override
  public CompletionStage<Void> start(String host, History history) {
    recorder = new HostEventRecorder(host, history);
    attach(via.get());
    return fence();
  }

  private volatile String stream;

  private void attach(ActorSystem<?> system) {
    HostEventRecorder r = recorder;
    String name = "chaos-topic-feed-" + FEEDS.incrementAndGet();
    feed = system.systemActorOf(TopicFeed.create(e -> r.accept(e, name)), name, Props.empty());
    on = system;
    stream = name;
  }

  /**
   * Asks the host for a fence every second until one comes back (a topic subscriber is known to
   * the host's publisher only after the receptionist told it; a fence published before is lost).
   */
  @Override
  public CompletableFuture<Void> fence() {
    String id = UUID.randomUUID().toString();
    return fence(id, recorder.expect(id));
  }

  private CompletableFuture<Void> fence(String id, CompletableFuture<Void> back) {
    Executor executor = via.get().executionContext();
    long end = System.nanoTime() + FENCE_LIMIT.toNanos();
    Runnable[] ask = new Runnable[1];
    ask[0] = () -> {
      if (back.isDone()) {
        return;
      }
      if (System.nanoTime() > end) {
        recorder.forget(id);
        back.completeExceptionally(new IllegalStateException("host " + recorder.host()
            + "'s monitor fence did not come back within " + FENCE_LIMIT.toSeconds() + " s"));
        return;
      }
      try {
        ClusterSharding.get(via.get()).entityRefFor(HostEntity.KEY, recorder.host()).tell(new HostEntity.MonitorFence(id));
      } catch (RuntimeException e) {
        // the member is going away: the next attempt goes through the next member
      }
      CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS, executor).execute(ask[0]);
    };
    ask[0].run();
    return back;
  }

  /**
   * Moves the feed off {@code victim} (a member about to be hit) to the current {@code via}: blocks
   * the calling thread (the nemesis's, never an actor) until the new subscriber is live.
   */
  void moveOff(ActorSystem<?> victim) throws Exception {
    if (recorder == null || on != victim) {
      return;
    }
    ActorRef<TopicFeed.Command> old = feed;
    String oldStream = stream;
    recorder.moving(true);
    try {
      attach(via.get());
      // live once a fence comes through the new subscriber; the old one stops once the same fence
      // came through it too (everything published before is then in the history)
      String id = UUID.randomUUID().toString();
      CompletableFuture<Void> throughOld = recorder.expectOn(id, oldStream);
      fence(id, recorder.expectOn(id, stream)).get(FENCE_LIMIT.toSeconds() + 5, TimeUnit.SECONDS);
      throughOld.get(FENCE_LIMIT.toSeconds(), TimeUnit.SECONDS);
    } finally {
      old.tell(new TopicFeed.Stop());
      recorder.moving(false);
    }
  }

  @Override
  public void stop() {
    ActorRef<TopicFeed.Command> f = feed;
    if (f != null) {
      f.tell(new TopicFeed.Stop());
    }
  }
}
