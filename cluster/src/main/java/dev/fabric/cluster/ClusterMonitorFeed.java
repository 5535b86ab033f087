package dev.fabric.cluster;

import dev.fabric.chaos.History;
import dev.fabric.chaos.MonitorFeed;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;

/**
 * A chaos run's monitor feed over an in-JVM cluster: a {@link TopicFeed} on the client's member
 * receives every host's events from the monitor topic. When the client moves off a member about
 * to be hit, a subscriber starts on its new member at once ({@link #follow}), before the fault:
 * by the time the host boots again elsewhere, the new subscriber is known (the host waits for its
 * topic's listing before it boots), and what the old one held of the old incarnation's last
 * events does not matter (the monitor checker replays the new incarnation from its boot). The
 * recorder keeps one copy of what several subscribers deliver. Fences go to the host's entity,
 * which publishes them after its events; a fence is back once it came through every live
 * subscriber, and any event still missing then was lost (an overrun: the checker reports it).
 */
final class ClusterMonitorFeed implements MonitorFeed {
  /** How long a fence may take to come back before the run fails (a host starting again takes seconds). */
  static final Duration FENCE_LIMIT = Duration.ofSeconds(60);
  private static final AtomicLong FEEDS = new AtomicLong();

  private final Supplier<ActorSystem<?>> via;
  private final Supplier<List<? extends ActorSystem<?>>> members;
  /** By member, by identity: every member's actor system has the same name and compares equal. */
  private final Map<ActorSystem<?>, Subscriber> subscribers =
      java.util.Collections.synchronizedMap(new java.util.IdentityHashMap<>());
  private volatile HostEventRecorder recorder;

  private record Subscriber(String stream, ActorRef<TopicFeed.Command> ref) {}

  ClusterMonitorFeed(Supplier<ActorSystem<?>> via, Supplier<List<? extends ActorSystem<?>>> members) {
    this.via = via;
    this.members = members;
  }

  @Override
  public CompletionStage<Void> start(String host, History history) {
    recorder = new HostEventRecorder(host, history);
    attach(via.get());
    return fence();
  }

  /** The client's member may have changed: subscribe there too (no wait: see above). */
  void follow() {
    attach(via.get());
  }

  private void attach(ActorSystem<?> member) {
    HostEventRecorder r = recorder;
    String name = "chaos-topic-feed-" + FEEDS.incrementAndGet();
    synchronized (subscribers) {
      if (r == null || subscribers.containsKey(member)) {
        return;
      }
      subscribers.put(member, new Subscriber(name,
          member.systemActorOf(TopicFeed.create(e -> r.accept(e, name)), name, Props.empty())));
    }
  }

  /** {@code member} is gone (its subscriber with it): fences no longer wait for it. */
  void detach(ActorSystem<?> member) {
    subscribers.remove(member);
  }

  /**
   * Asks the host for a fence every second until it came back through every live member's
   * subscriber (a subscriber is known to the host's publisher only once the receptionist told it;
   * a fence published before is lost to it), then settles: anything the host published before
   * that is still missing was lost.
   */
  @Override
  public CompletableFuture<Void> fence() {
    String id = UUID.randomUUID().toString();
    List<CompletableFuture<Void>> through = new ArrayList<>();
    List<? extends ActorSystem<?>> live = members.get();
    synchronized (subscribers) {
      subscribers.forEach((member, s) -> {
        if (live.stream().anyMatch(m -> m == member)) {
          through.add(recorder.expectOn(id, s.stream()));
        }
      });
    }
    CompletableFuture<Void> back = CompletableFuture.allOf(through.toArray(CompletableFuture[]::new));
    new Polling(via.get().executionContext(), Duration.ofSeconds(1)).until(FENCE_LIMIT, () -> {
      if (back.isDone()) {
        return true;
      }
      try {
        org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding.get(via.get())
            .entityRefFor(HostEntity.KEY, recorder.host()).tell(new HostEntity.MonitorFence(id));
      } catch (RuntimeException e) {
        // the member is going away: the next attempt goes through the next member
      }
      return false;
    }, last -> "host " + recorder.host() + "'s monitor fence did not come back within " + FENCE_LIMIT.toSeconds()
        + " s").whenComplete((v, e) -> {
          if (e != null) {
            back.completeExceptionally(Polling.unwrap(e));
          }
        });
    return back.thenRun(recorder::settle);
  }

  @Override
  public void stop() {
    List<? extends ActorSystem<?>> live = members.get();
    synchronized (subscribers) {
      subscribers.forEach((member, s) -> {
        if (live.stream().anyMatch(m -> m == member)) {
          s.ref().tell(new TopicFeed.Stop());
        }
      });
      subscribers.clear();
    }
  }
}
