package dev.fabric.cluster;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A chaos target's fault steps, one at a time in the order they were asked for: each step starts
 * on {@code thread} once the one before it is over, whether it succeeded or failed (a heal must not
 * begin while a kill is half done, and a failed step must not stop the ones after it). The steps
 * themselves wait with {@link Polling}, so the thread is never held while a step waits.
 */
final class FaultSteps {
  private final Executor thread;
  /** The last step asked for; read and written on {@link #thread} only. */
  private CompletableFuture<?> last = CompletableFuture.completedFuture(null);

  /** {@code thread} must run one task at a time (a single-thread executor). */
  FaultSteps(Executor thread) {
    this.thread = thread;
  }

  /**
   * Runs {@code step} after the steps asked for before it; the stage completes as the step does, or
   * fails with {@code onFailure} of the step's failure (without the CompletionException around it).
   */
  <T> CompletableFuture<T> then(Supplier<? extends CompletionStage<T>> step, Function<Throwable, Throwable> onFailure) {
    CompletableFuture<T> out = new CompletableFuture<>();
    thread.execute(() -> {
      CompletableFuture<T> current = last.handle((v, e) -> null).thenComposeAsync(x -> step.get(), thread);
      last = current;
      // on the thread: a step's last stage may complete on whatever thread ends it (an actor
      // system's termination, a process's exit)
      current.whenCompleteAsync((v, e) -> {
        if (e == null) {
          out.complete(v);
        } else {
          out.completeExceptionally(onFailure.apply(Polling.unwrap(e)));
        }
      }, thread);
    });
    return out;
  }
}
