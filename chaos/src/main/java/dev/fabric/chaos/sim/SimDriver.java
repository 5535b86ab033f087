package dev.fabric.chaos.sim;

import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

/**
 * Runs a simulated actor system on the calling thread: the queued task to run next is drawn with
 * the seed; when none is queued, simulated time jumps to the next scheduler deadline. Nothing
 * else runs the system's actors, so one seed gives the same interleaving and the same history.
 */
public final class SimDriver {
  private final String id;
  private final SimExecutor executor;
  private final SplittableRandom random;
  private SimScheduler scheduler;
  /** Simulated time allowed per await before it fails (a run that never ends). */
  private final long maxSimulatedMillis;
  private long steps;

  public SimDriver(String id, long seed, long maxSimulatedMillis) {
    this.id = id;
    this.executor = SimExecutor.of(id);
    this.random = new SplittableRandom(seed);
    this.maxSimulatedMillis = maxSimulatedMillis;
  }

  public String id() {
    return id;
  }

  /**
   * Takes over the system: the start-up thread finishes what it was given, then the tasks queued
   * meanwhile run in arrival order until none is left, so the seeded interleaving starts from the
   * same state every time.
   */
  public void attach(SimScheduler scheduler) {
    this.scheduler = scheduler;
    try {
      executor.endStartup();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    Runnable task;
    while ((task = executor.take(n -> 0)) != null) {
      task.run();
    }
  }

  public SimExecutor executor() {
    return executor;
  }

  /** Simulated milliseconds since the system started. */
  public long nowMillis() {
    return scheduler == null ? 0 : scheduler.currentTimeMs();
  }

  public long steps() {
    return steps;
  }

  /** Runs tasks and advances time until {@code stage} completes; its value (or its failure). */
  public <T> T await(CompletionStage<T> stage) {
    CompletableFuture<T> f = stage.toCompletableFuture();
    long start = nowMillis();
    while (!f.isDone()) {
      if (scheduler != null && scheduler.nextDue() <= scheduler.currentTimeMs()) {
        scheduler.fireDue(); // timers due now join the tasks to pick from
      }
      Runnable task = executor.take(random::nextInt);
      if (task != null) {
        steps++;
        task.run();
        continue;
      }
      if (scheduler == null) {
        throw new IllegalStateException("simulation " + id + ": nothing to run and no scheduler");
      }
      if (nowMillis() - start > maxSimulatedMillis) {
        throw new IllegalStateException("simulation " + id + ": nothing completed within " + maxSimulatedMillis
            + " simulated ms");
      }
      long next = scheduler.nextDue();
      if (next == Long.MAX_VALUE) {
        throw new IllegalStateException("simulation " + id + ": nothing to run and no timer: the awaited step can never end");
      }
      scheduler.advanceTo(next);
    }
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("simulation " + id + ": " + e.getCause(), e.getCause());
    }
  }

  public void close() {
    SimExecutor.forget(id);
  }
}
