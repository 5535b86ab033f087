package dev.fabric.testkit;

import dev.fabric.devices.HardwareClock;
import java.time.Duration;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ManualTime;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.eventstream.EventStream;

/**
 * The fabric's clock when the test holds it (Pekko ManualTime): reload re-initialisation, flash
 * chunks and health grace periods advance only when the test says so. A test starts a reload,
 * waits until its re-init is pending ({@link #expectPending}), fires requests at the device (they
 * wait), checks what is still pending, then {@link #release}s it.
 */
public final class SimulatedTime {
  private final ManualTime manual;
  private final TestProbe<HardwareClock.DelayStarted> delays;
  private final Duration timeout;

  SimulatedTime(ActorTestKit kit, ManualTime manual, Duration timeout) {
    this.manual = manual;
    this.timeout = timeout;
    this.delays = kit.createTestProbe("hardware-delays");
    var stream = kit.system().eventStream();
    stream.tell(new EventStream.Subscribe<>(HardwareClock.DelayStarted.class, delays.ref()));
    // Subscribe and this publish go to the event stream from one sender, in order: once our own
    // marker comes back, no real delay can be missed.
    HardwareClock.DelayStarted marker = new HardwareClock.DelayStarted("testkit-marker", "marker", Duration.ZERO);
    stream.tell(new EventStream.Publish<>(marker));
    delays.expectMessage(timeout, marker);
  }

  /** Pekko's ManualTime of the class's actor system, for the test's own timers too. */
  public ManualTime manualTime() {
    return manual;
  }

  /** Advances simulated time: every hardware step and timer due within {@code d} runs. */
  public void advance(Duration d) {
    manual.timePasses(d);
  }

  /** Waits (real time) until a hardware step is waiting for simulated time, and returns it. */
  public PendingDelay expectPending() {
    try {
      return PendingDelay.of(delays.receiveMessage(timeout));
    } catch (AssertionError e) {
      throw new AssertionError("expected a hardware step to wait for simulated time within "
          + timeout.toMillis() + " ms, but none started", e);
    }
  }

  /** As {@link #expectPending()}, checking which step it is ("reinit", "flash-chunk"). */
  public PendingDelay expectPending(String step) {
    PendingDelay d = expectPending();
    if (!d.step().equals(step)) {
      throw new AssertionError("expected pending hardware step " + step + ", but " + d.dev() + " waits in " + d.step());
    }
    return d;
  }

  /** No hardware step starts waiting within {@code within} (real time). */
  public void expectNothingPending(Duration within) {
    HardwareClock.DelayStarted started;
    try {
      started = delays.receiveMessage(within);
    } catch (AssertionError nothing) {
      return;
    }
    PendingDelay p = PendingDelay.of(started);
    throw new AssertionError("expected no hardware step to wait for simulated time within " + within.toMillis()
        + " ms, but " + p.dev() + " waits in " + p.step() + " for " + p.delay().toMillis() + " ms");
  }

  /**
   * Releases {@code count} hardware steps one after another, each once it is pending (a flash
   * writes its chunks one at a time: 500 "flash-chunk" steps for netdevsim's firmware file).
   */
  public void releaseSteps(String step, int count) {
    for (int i = 0; i < count; i++) {
      release(expectPending(step));
    }
  }

  /** Lets {@code pending} finish: advances simulated time by its delay. */
  public void release(PendingDelay pending) {
    advance(pending.delay());
  }
}
