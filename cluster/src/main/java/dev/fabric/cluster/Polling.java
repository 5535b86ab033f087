package dev.fabric.cluster;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waiting without holding a thread, for the chaos targets' fault steps (a member gone, the host
 * answering again, a fence coming back): a probe that returns a stage is asked, and asked again
 * {@code interval} after each answer, until its answer is accepted or the wait's limit has passed.
 * The probe is asked and its answers looked at on the given executor ({@code *Async}): a probe's
 * stage may be a Pekko ask, whose plain continuations would run on whatever thread completes it.
 *
 * <p>The probe is asked at once, and again after each answer only while the limit has not passed;
 * so it is asked at least once, and never after an answer was accepted. A probe that fails (its
 * stage, or by throwing) fails the wait with that failure, unless {@code retry} accepts the failure:
 * then the failure is remembered and the probe asked again, and the message of a wait that runs out
 * is given the last such failure (null when there was none).
 */
public final class Polling {
  private final Executor executor;
  /** Runs a task on {@link #executor} once the interval has passed. */
  private final Executor afterInterval;
  private final LongSupplier nanoClock;

  /** Probes every {@code interval}, its answers looked at on {@code executor}, against {@link System#nanoTime()}. */
  public Polling(Executor executor, Duration interval) {
    // the JDK's delayer thread only hands the next ask to the executor
    this(executor, CompletableFuture.delayedExecutor(interval.toNanos(), TimeUnit.NANOSECONDS, executor),
        System::nanoTime);
  }

  /**
   * With the passing of the interval and the clock given: tests run the next ask by hand and move
   * the clock themselves, so what they check does not depend on a machine's speed.
   */
  Polling(Executor executor, Executor afterInterval, LongSupplier nanoClock) {
    this.executor = Objects.requireNonNull(executor);
    this.afterInterval = Objects.requireNonNull(afterInterval);
    this.nanoClock = Objects.requireNonNull(nanoClock);
  }

  /**
   * Completes with the first answer of {@code probe} that {@code accept} takes; fails with an
   * IllegalStateException of message {@code expired.apply(lastRetriedFailure)} once {@code limit}
   * passed without one.
   */
  public <T> CompletableFuture<T> until(Duration limit, Supplier<? extends CompletionStage<T>> probe,
      Predicate<? super T> accept, Predicate<? super Throwable> retry, Function<Throwable, String> expired) {
    CompletableFuture<T> out = new CompletableFuture<>();
    long end = nanoClock.getAsLong() + limit.toNanos();
    executor.execute(() -> ask(end, probe, accept, retry, expired, out, null));
    return out;
  }

  /** Completes once {@code condition} holds; a condition that throws fails the wait. */
  public CompletableFuture<Void> until(Duration limit, BooleanSupplier condition, Function<Throwable, String> expired) {
    return until(limit, () -> CompletableFuture.completedFuture(condition.getAsBoolean()), holds -> holds,
        failure -> false, expired).thenApply(holds -> null);
  }

  private <T> void ask(long end, Supplier<? extends CompletionStage<T>> probe, Predicate<? super T> accept,
      Predicate<? super Throwable> retry, Function<Throwable, String> expired, CompletableFuture<T> out,
      Throwable last) {
    if (out.isDone()) {
      return; // completed from outside (cancelled): nothing more to ask
    }
    CompletionStage<T> answer;
    try {
      answer = Objects.requireNonNull(probe.get(), "the probe answered no stage");
    } catch (RuntimeException e) {
      answer = CompletableFuture.failedFuture(e);
    }
    answer.whenCompleteAsync((value, failure) -> {
      Throwable cause = unwrap(failure);
      Throwable lastFailure = last;
      try {
        if (cause == null && accept.test(value)) {
          out.complete(value);
          return;
        }
        if (cause != null) {
          if (!retry.test(cause)) {
            out.completeExceptionally(cause);
            return;
          }
          lastFailure = cause;
        }
        if (nanoClock.getAsLong() - end >= 0) {
          out.completeExceptionally(new IllegalStateException(expired.apply(lastFailure)));
          return;
        }
      } catch (RuntimeException e) {
        out.completeExceptionally(e);
        return;
      }
      Throwable remembered = lastFailure;
      afterInterval.execute(() -> ask(end, probe, accept, retry, expired, out, remembered));
    }, executor);
  }

  /** The failure a stage's continuation sees, without the CompletionException around it. */
  static Throwable unwrap(Throwable failure) {
    return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
  }
}
