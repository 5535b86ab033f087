package dev.fabric.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The chaos targets' one way of waiting: asked again after each answer until one is accepted,
 * never after; failing at the deadline with the caller's message (naming the last retried
 * failure); a failure not retried fails at once. Driven by hand: the "interval" is a queue the
 * test runs, the clock a number it moves, so nothing depends on the machine's speed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PollingTest {
  private final Queue<Runnable> nextAsks = new ArrayDeque<>();
  private final AtomicLong clock = new AtomicLong();
  private final ScheduledExecutorService realThread = Executors.newSingleThreadScheduledExecutor();
  private Polling polling;

  @BeforeEach
  void fresh() {
    nextAsks.clear();
    clock.set(0);
    polling = new Polling(Runnable::run, nextAsks::add, clock::get);
  }

  @AfterAll
  void stop() {
    realThread.shutdownNow();
  }

  /** Runs the asks that are due, one interval at a time, until none is pending; returns how many ran. */
  private int runIntervals() {
    int n = 0;
    Runnable next;
    while ((next = nextAsks.poll()) != null) {
      next.run();
      n++;
    }
    return n;
  }

  @Test
  void completesWithTheFirstAcceptedAnswerAndAsksNoMore() throws Exception {
    AtomicInteger asked = new AtomicInteger();
    CompletableFuture<Integer> done = polling.until(Duration.ofNanos(1_000),
        () -> CompletableFuture.completedFuture(asked.incrementAndGet()), n -> n == 3, failure -> false,
        last -> "never");
    assertFalse(done.isDone(), "the first answer was not accepted");
    assertEquals(2, runIntervals(), "two more asks after the first");
    assertEquals(3, done.get());
    assertEquals(3, asked.get());
    assertTrue(nextAsks.isEmpty(), "no ask pending once an answer was accepted");
  }

  @Test
  void failsAtTheDeadlineWithTheCallersMessage() {
    AtomicInteger asked = new AtomicInteger();
    // each ask takes 4 ns of the clock; the limit is 10: asked at 0, 4, 8, then 12 is past it
    CompletableFuture<Void> done = polling.until(Duration.ofNanos(10), () -> {
      asked.incrementAndGet();
      clock.addAndGet(4);
      return false;
    }, last -> "the cluster settled not within the limit" + (last == null ? "" : ": " + last));
    runIntervals();
    assertEquals(3, asked.get());
    ExecutionException e = assertThrows(ExecutionException.class, done::get);
    assertTrue(e.getCause() instanceof IllegalStateException, e.getCause().toString());
    assertEquals("the cluster settled not within the limit", e.getCause().getMessage());
    assertTrue(nextAsks.isEmpty(), "no ask pending after the deadline");
  }

  @Test
  void aRetriedFailureIsAskedAgainAndNamedAtTheDeadline() {
    AtomicInteger asked = new AtomicInteger();
    CompletableFuture<String> done = polling.until(Duration.ofNanos(10), () -> {
      clock.addAndGet(4);
      return asked.incrementAndGet() == 1 ? CompletableFuture.completedFuture("elsewhere")
          : CompletableFuture.failedFuture(new IOException("connection refused " + asked.get()));
    }, "here"::equals, failure -> failure instanceof IOException, last -> "host did not answer: " + last);
    runIntervals();
    assertEquals(3, asked.get());
    ExecutionException e = assertThrows(ExecutionException.class, done::get);
    assertEquals("host did not answer: java.io.IOException: connection refused 3", e.getCause().getMessage());
  }

  @Test
  void aFailureNotRetriedFailsTheWaitAtOnce() {
    AtomicInteger asked = new AtomicInteger();
    IllegalArgumentException bad = new IllegalArgumentException("not an answer of the fabric");
    CompletableFuture<String> done = polling.until(Duration.ofSeconds(90), () -> {
      asked.incrementAndGet();
      return CompletableFuture.failedFuture(bad);
    }, v -> true, failure -> failure instanceof IOException, last -> "never");
    assertEquals(0, runIntervals());
    assertEquals(1, asked.get());
    ExecutionException e = assertThrows(ExecutionException.class, done::get);
    assertSame(bad, e.getCause());
  }

  @Test
  void aConditionThatThrowsFailsTheWait() {
    IllegalStateException gone = new IllegalStateException("no live member m2");
    CompletableFuture<Void> done = polling.until(Duration.ofSeconds(90), () -> {
      throw gone;
    }, last -> "never");
    assertEquals(0, runIntervals());
    ExecutionException e = assertThrows(ExecutionException.class, done::get);
    assertSame(gone, e.getCause());
  }

  /** The public form on a real thread and a real interval: answers from other threads, asked again until one fits. */
  @Test
  void onARealSchedulerAnswersFromOtherThreadsAreWaitedFor() throws Exception {
    AtomicInteger asked = new AtomicInteger();
    Polling real = new Polling(realThread, Duration.ofMillis(1));
    CompletableFuture<Integer> done = real.until(Duration.ofSeconds(60),
        () -> CompletableFuture.supplyAsync(asked::incrementAndGet), n -> n >= 5, failure -> false,
        last -> "not within 60 s");
    assertEquals(5, done.get(60, TimeUnit.SECONDS));
  }
}
