package dev.fabric.devices;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;
import org.apache.pekko.actor.typed.javadsl.ActorContext;

/**
 * The time source of the simulated hardware of one actor system: how a slow hardware step (reload
 * re-init, a flash chunk) waits, and which wall clock health grace periods and dump timestamps read.
 *
 * <p>Two modes, chosen by {@code devlink-fabric.hardware-clock} in the system's config:
 * <ul>
 *   <li>{@code jdk} (default): a JDK delayed executor completes a future piped back to the actor,
 *   because Pekko timers tick only every 10 ms and netdevsim's re-init takes 2 ms;</li>
 *   <li>{@code scheduler}: the actor system's scheduler ({@code ActorContext.scheduleOnce}), so a
 *   test running Pekko's ManualTime decides when each delay ends. The wall clock is then set by the
 *   test (see {@link #useWallClock}) so grace periods follow the same manual time.</li>
 * </ul>
 * Delays of zero are immediate in both modes.
 */
public final class HardwareClock implements Extension {

  public static final String CONFIG_KEY = "devlink-fabric.hardware-clock";

  private static final ExtensionId<HardwareClock> ID = new ExtensionId<>() {
    @Override
    public HardwareClock createExtension(ActorSystem<?> system) {
      String mode = system.settings().config().hasPath(CONFIG_KEY)
          ? system.settings().config().getString(CONFIG_KEY) : "jdk";
      if (!mode.equals("jdk") && !mode.equals("scheduler")) {
        throw new IllegalArgumentException(CONFIG_KEY + " must be jdk or scheduler, not " + mode);
      }
      return new HardwareClock(mode.equals("scheduler"));
    }
  };

  public static HardwareClock get(ActorSystem<?> system) {
    return system.registerExtension(ID);
  }

  private final boolean onScheduler;
  /**
   * Set once by a test before it creates devices (a volatile write read by actors later), not
   * state that actors change: the actors only read it.
   */
  private volatile LongSupplier wallMillis = System::currentTimeMillis;

  private HardwareClock(boolean onScheduler) {
    this.onScheduler = onScheduler;
  }

  public boolean onScheduler() {
    return onScheduler;
  }

  /** Replaces the wall clock devices created from now on read (e.g. start + ManualTime's time). */
  public void useWallClock(LongSupplier millis) {
    this.wallMillis = millis;
  }

  /** A clock that always reads the current choice (devices keep this, not the supplier). */
  public LongSupplier wallMillis() {
    return () -> wallMillis.getAsLong();
  }

  /**
   * Published on the actor system's event stream in scheduler mode, once a hardware delay is
   * scheduled: a test holding time sees what is pending (which device actor, which step, how long)
   * and knows that advancing time by {@code delay} releases it.
   */
  public record DelayStarted(String actorPath, String step, Duration delay) {}

  /**
   * Sends {@code msg} to the actor itself after {@code delay} of hardware time; {@code step} names
   * the hardware step ("reinit", "flash-chunk") for {@link DelayStarted}.
   */
  public <T> void after(ActorContext<T> ctx, Duration delay, T msg, String step) {
    if (delay.isZero()) {
      ctx.getSelf().tell(msg);
    } else if (onScheduler) {
      ctx.scheduleOnce(delay, ctx.getSelf(), msg);
      // After scheduling: whoever sees the event can advance time and be sure this delay ends.
      ctx.getSystem().eventStream().tell(new org.apache.pekko.actor.typed.eventstream.EventStream.Publish<>(
          new DelayStarted(ctx.getSelf().path().toStringWithoutAddress(), step, delay)));
    } else {
      Executor delayed = CompletableFuture.delayedExecutor(delay.toNanos(), TimeUnit.NANOSECONDS, Runnable::run);
      ctx.pipeToSelf(CompletableFuture.supplyAsync(() -> msg, delayed), (m, err) -> m);
    }
  }
}
