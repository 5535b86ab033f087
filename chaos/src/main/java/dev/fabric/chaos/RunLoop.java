package dev.fabric.chaos;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Where and when the runner's own steps run, and what time the history records: real threads and
 * the monotonic clock ({@link #real()}), or a simulation's seeded single thread and simulated
 * time ({@code sim.SimTarget}).
 */
public interface RunLoop extends Executor {
  /** Nanoseconds since the loop started. */
  long nanos();

  /** Runs {@code task} after {@code delayMs}; the handle cancels it. */
  Cancel schedule(Runnable task, long delayMs);

  /** Waits (or, simulated, runs the system) until {@code stage} completes. */
  <T> T await(CompletionStage<T> stage) throws Exception;

  void close();

  interface Cancel {
    void cancel();
  }

  /** One scheduler thread and System.nanoTime. */
  static RunLoop real() {
    return new RunLoop() {
      final long start = System.nanoTime();
      final ScheduledExecutorService exec = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "chaos-runner");
        t.setDaemon(true);
        return t;
      });

      @Override
      public long nanos() {
        return System.nanoTime() - start;
      }

      @Override
      public void execute(Runnable task) {
        exec.execute(task);
      }

      @Override
      public Cancel schedule(Runnable task, long delayMs) {
        var f = exec.schedule(task, delayMs, TimeUnit.MILLISECONDS);
        return () -> f.cancel(false);
      }

      @Override
      public <T> T await(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(24, TimeUnit.HOURS);
      }

      @Override
      public void close() {
        exec.shutdownNow();
      }
    };
  }
}
