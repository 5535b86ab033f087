package dev.fabric.chaos.sim;

import com.typesafe.config.Config;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadFactory;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.event.LoggingAdapter;
import org.apache.pekko.testkit.ExplicitlyTriggeredScheduler;
import scala.concurrent.ExecutionContext;
import scala.concurrent.duration.FiniteDuration;

/**
 * Pekko's explicitly triggered scheduler with a deterministic order: timers due at the same
 * simulated millisecond fire in the order they were scheduled (the parent keeps them in a hash
 * map, whose order for ties follows identity hash codes and so changes from run to run). Time
 * only moves when the {@link SimDriver} says so.
 */
public final class SimScheduler extends ExplicitlyTriggeredScheduler {
  private record Key(long due, long seq) implements Comparable<Key> {
    @Override
    public int compareTo(Key o) {
      int c = Long.compare(due, o.due);
      return c != 0 ? c : Long.compare(seq, o.seq);
    }
  }

  private final class Task implements Cancellable {
    final Runnable runnable;
    final ExecutionContext ec;
    final long interval;
    Key key;
    boolean cancelled;

    Task(Runnable runnable, ExecutionContext ec, long interval) {
      this.runnable = runnable;
      this.ec = ec;
      this.interval = interval;
    }

    @Override
    public boolean cancel() {
      synchronized (SimScheduler.this) {
        if (cancelled) {
          return false;
        }
        cancelled = true;
        return timers.remove(key) != null;
      }
    }

    @Override
    public boolean isCancelled() {
      synchronized (SimScheduler.this) {
        return cancelled;
      }
    }
  }

  private final TreeMap<Key, Task> timers = new TreeMap<>();
  private long now;
  private long seq;

  public SimScheduler(Config config, LoggingAdapter log, ThreadFactory tf) {
    super(config, log, tf);
  }

  @Override
  public Cancellable scheduleOnce(FiniteDuration delay, Runnable runnable, ExecutionContext ec) {
    return add(new Task(runnable, ec, 0), delay.toMillis());
  }

  @Override
  public Cancellable schedule(FiniteDuration initialDelay, FiniteDuration interval, Runnable runnable,
      ExecutionContext ec) {
    return add(new Task(runnable, ec, Math.max(1, interval.toMillis())), initialDelay.toMillis());
  }

  @Override
  public Cancellable scheduleOnce(java.time.Duration delay, Runnable runnable, ExecutionContext ec) {
    return add(new Task(runnable, ec, 0), delay.toMillis());
  }

  @Override
  public Cancellable schedule(java.time.Duration initialDelay, java.time.Duration interval, Runnable runnable,
      ExecutionContext ec) {
    return add(new Task(runnable, ec, Math.max(1, interval.toMillis())), initialDelay.toMillis());
  }

  @Override
  public Cancellable scheduleWithFixedDelay(FiniteDuration initialDelay, FiniteDuration delay, Runnable runnable,
      ExecutionContext ec) {
    return add(new Task(runnable, ec, Math.max(1, delay.toMillis())), initialDelay.toMillis());
  }

  private synchronized Cancellable add(Task t, long delayMs) {
    t.key = new Key(now + Math.max(0, delayMs), seq++);
    timers.put(t.key, t);
    return t;
  }

  @Override
  public void timePasses(FiniteDuration amount) {
    advanceTo(now + amount.toMillis());
  }

  /** Fires (hands to their executors) every timer due by {@code target}, in (due, scheduled) order. */
  public void advanceTo(long target) {
    while (true) {
      Task t;
      synchronized (this) {
        Map.Entry<Key, Task> first = timers.firstEntry();
        if (first == null || first.getKey().due() > target) {
          now = Math.max(now, target);
          return;
        }
        timers.remove(first.getKey());
        t = first.getValue();
        now = Math.max(now, first.getKey().due());
        if (t.interval > 0) {
          t.key = new Key(now + t.interval, seq++);
          timers.put(t.key, t);
        }
      }
      t.ec.execute(t.runnable);
    }
  }

  /** Fires what is due now (a zero delay) without moving time. */
  public void fireDue() {
    advanceTo(now);
  }

  /** The earliest due time, or Long.MAX_VALUE when nothing is scheduled. */
  public synchronized long nextDue() {
    return timers.isEmpty() ? Long.MAX_VALUE : timers.firstKey().due();
  }

  @Override
  public synchronized long currentTimeMs() {
    return now;
  }
}
