package dev.fabric.chaos.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The executor behind every dispatcher of a simulated actor system: it only queues tasks. The
 * {@link SimDriver} runs them one at a time on its own thread, picking the next one with the
 * run's seed, so one seed gives one interleaving.
 *
 * <p>The seed picks an index into the queue kept in a canonical order, not in arrival order: an
 * actor's mailbox sorts by the actor's path, any other task (a timer, a callback, a runner step)
 * after every mailbox in arrival order. Arrival order is not always the seed's to decide: Pekko
 * walks hash sets keyed by actor refs, whose hashes come from random uids, when one actor reaches
 * many at once (a stopping registry unwatching its instances, a stopped actor notifying its
 * watchers), so the same messages reach the same mailboxes but schedule them in a different order
 * from one run to the next.
 */
public final class SimExecutor extends AbstractExecutorService {
  private static final Map<String, SimExecutor> BY_ID = new ConcurrentHashMap<>();

  /** A queued task with its place in the canonical order. */
  private record Queued(String actorPath, long arrival, Runnable task) {}

  private static final java.util.Comparator<Queued> CANONICAL = java.util.Comparator
      .comparing(Queued::actorPath, java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder()))
      .thenComparingLong(Queued::arrival);

  private final List<Queued> queue = new ArrayList<>();
  private long arrivals;
  /** Each mailbox's actor path, built once (a mailbox belongs to one actor for its life; weak: actors come and go). */
  private final Map<org.apache.pekko.dispatch.Mailbox, String> paths = new java.util.WeakHashMap<>();
  /**
   * While the actor system starts (ActorSystem.create waits for its loggers' handshake before
   * anything can drive it), tasks run in arrival order on one helper thread; then they queue.
   */
  private java.util.concurrent.ExecutorService startup = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "chaos-sim-startup");
    t.setDaemon(true);
    return t;
  });

  /** The executor of simulation {@code id} (created on first use: by the driver or a dispatcher). */
  public static SimExecutor of(String id) {
    return BY_ID.computeIfAbsent(id, k -> new SimExecutor());
  }

  static void forget(String id) {
    BY_ID.remove(id);
  }

  @Override
  public synchronized void execute(Runnable task) {
    if (startup != null) {
      startup.execute(task);
    } else {
      Queued q = new Queued(actorPath(task), arrivals++, task);
      int at = java.util.Collections.binarySearch(queue, q, CANONICAL);
      queue.add(at < 0 ? -at - 1 : at, q);
    }
  }

  /** Ends the start-up phase: from now on tasks queue for the driver (those already handed over finish first). */
  void endStartup() throws InterruptedException {
    java.util.concurrent.ExecutorService s;
    synchronized (this) {
      s = startup;
      startup = null;
    }
    if (s != null) {
      s.shutdown();
      if (!s.awaitTermination(1, TimeUnit.MINUTES)) {
        throw new IllegalStateException("the simulated system did not finish starting");
      }
    }
  }

  /** Removes and returns the task at {@code pick(size)}, or null when none is queued. */
  synchronized Runnable take(java.util.function.IntUnaryOperator pick) {
    if (queue.isEmpty()) {
      return null;
    }
    return queue.remove(pick.applyAsInt(queue.size())).task();
  }

  /** The path of the actor whose mailbox {@code task} is (without uid), or null for any other task. */
  private String actorPath(Runnable task) {
    if (task instanceof org.apache.pekko.dispatch.Mailbox mailbox && mailbox.actor() != null) {
      return paths.computeIfAbsent(mailbox, m -> m.actor().self().path().toString());
    }
    return null;
  }

  synchronized int queued() {
    return queue.size();
  }

  @Override
  public void shutdown() {
    // the driver owns the thread; nothing to stop
  }

  @Override
  public List<Runnable> shutdownNow() {
    return List.of();
  }

  @Override
  public boolean isShutdown() {
    return false;
  }

  @Override
  public boolean isTerminated() {
    return false;
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) {
    return true;
  }
}
