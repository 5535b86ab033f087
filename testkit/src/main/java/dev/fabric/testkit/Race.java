package dev.fabric.testkit;

import dev.fabric.devlink.client.DevlinkResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Fires operations concurrently at the fabric and collects every reply with its errno. Each
 * {@link #fire} names a group of identical operations; {@link #run} sends them all, without waiting
 * for any reply in between (groups interleaved round-robin, or in a seeded shuffle), then waits for
 * every reply. The fabric's actors serve them in parallel, so the replies show the interleavings
 * the devlink core allows; assert on the set of outcomes with {@link RaceResult}.
 *
 * <p>The seed orders the sends only: which interleaving the actors then take is up to the
 * dispatcher. A deterministic scheduler (the chaos engine's deterministic mode) does not exist yet.
 */
public final class Race {
  private record Group(String label, int times, Supplier<? extends CompletionStage<? extends DevlinkResult<?>>> op) {}

  private final List<Group> groups = new ArrayList<>();
  private final Duration timeout;
  private Long seed;

  Race(Duration timeout) {
    this.timeout = timeout;
  }

  /** Adds {@code times} calls of {@code op} under {@code label}. */
  public Race fire(String label, int times, Supplier<? extends CompletionStage<? extends DevlinkResult<?>>> op) {
    if (times < 1) {
      throw new IllegalArgumentException("times must be at least 1");
    }
    groups.add(new Group(label, times, op));
    return this;
  }

  /** Adds one call of {@code op} under {@code label}. */
  public Race fire(String label, Supplier<? extends CompletionStage<? extends DevlinkResult<?>>> op) {
    return fire(label, 1, op);
  }

  /** Sends in an order shuffled by {@code seed} instead of round-robin. */
  public Race shuffled(long seed) {
    this.seed = seed;
    return this;
  }

  /** Sends every operation, then waits (real time) for every reply. */
  public RaceResult run() {
    record Shot(String label, int seq, Supplier<? extends CompletionStage<? extends DevlinkResult<?>>> op) {}
    List<Shot> order = new ArrayList<>();
    int max = groups.stream().mapToInt(Group::times).max().orElse(0);
    for (int i = 0; i < max; i++) {
      for (Group g : groups) {
        if (i < g.times()) {
          order.add(new Shot(g.label(), i, g.op()));
        }
      }
    }
    if (seed != null) {
      Collections.shuffle(order, new Random(seed));
    }
    List<CompletableFuture<? extends DevlinkResult<?>>> pending = new ArrayList<>();
    for (Shot s : order) {
      pending.add(s.op().get().toCompletableFuture());
    }
    List<RaceResult.Reply> replies = new ArrayList<>();
    List<String> unanswered = new ArrayList<>();
    long deadline = System.nanoTime() + timeout.toNanos();
    for (int i = 0; i < order.size(); i++) {
      Shot s = order.get(i);
      try {
        long left = Math.max(0, deadline - System.nanoTime());
        replies.add(new RaceResult.Reply(s.label(), s.seq(), i, pending.get(i).get(left, TimeUnit.NANOSECONDS)));
      } catch (TimeoutException e) {
        unanswered.add(s.label() + "#" + s.seq());
      } catch (ExecutionException e) {
        unanswered.add(s.label() + "#" + s.seq() + " (failed: " + e.getCause() + ")");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for the race's replies", e);
      }
    }
    if (!unanswered.isEmpty()) {
      throw new AssertionError("no reply within " + timeout.toMillis() + " ms for " + unanswered
          + " (every devlink request must be answered)");
    }
    return new RaceResult(replies);
  }
}
