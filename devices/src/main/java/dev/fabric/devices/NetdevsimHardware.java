package dev.fabric.devices;

import java.time.Duration;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * The simulated hardware behind one devlink instance (netdevsim's first, any card's alike): the
 * slow physical steps (driver re-initialisation, writing flash chunk by chunk) and the {@link Nvm}
 * that outlives a reload and a power cycle. A flash commits what it writes to the NVM only after
 * its last chunk (a card removed mid-flash keeps its old NVM); permanent param values are written
 * at once. Delays are simulated time ({@link HardwareClock}): no thread ever sleeps.
 */
public final class NetdevsimHardware extends AbstractBehavior<NetdevsimHardware.Command> {

  public sealed interface Command {}

  /** Re-initialise the device (reload_up's hardware part). Answers {@link Reinitialized}. */
  public record Reinit(ActorRef<Reinitialized> replyTo) implements Command {}

  public record Reinitialized() {}

  /**
   * Write a firmware image in {@code chunks} steps, then commit {@code commit} to the NVM. Each
   * step sends {@link FlashProgress} to {@code progressTo}; the last message is
   * {@link FlashProgress} with {@code finished == true} and the NVM as committed.
   */
  public record WriteFlash(String component, int chunks, long chunkBytes, Nvm commit,
      ActorRef<FlashProgress> progressTo) implements Command {}

  /** {@code nvm} is the NVM after the commit on the last message, null before. */
  public record FlashProgress(String component, long done, long total, boolean finished, Nvm nvm) {}

  /** Write permanent values to the NVM (a permanent-cmode PARAM_SET); answers the NVM written. */
  public record WriteNvm(Nvm nvm, ActorRef<Nvm> replyTo) implements Command {}

  public record SetLatency(LatencyProfile profile, ActorRef<LatencyProfile> replyTo) implements Command {}

  public record ReadNvm(ActorRef<Nvm> replyTo) implements Command {}

  /** The device is removed: stop after everything sent before (no message ends as a dead letter). */
  public record Shutdown() implements Command {}

  private record ReinitElapsed(ActorRef<Reinitialized> replyTo) implements Command {}

  private record ChunkElapsed(WriteFlash job, int chunk) implements Command {}

  /** A card powered on with {@code nvm} (what it kept from before, or what it shipped with). */
  public static Behavior<Command> create(LatencyProfile profile, Nvm nvm) {
    return Behaviors.setup(ctx -> new NetdevsimHardware(ctx, profile, nvm));
  }

  private LatencyProfile profile;
  private Nvm nvm;

  private NetdevsimHardware(ActorContext<Command> ctx, LatencyProfile profile, Nvm nvm) {
    super(ctx);
    this.profile = profile;
    this.nvm = nvm;
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Reinit.class, r -> after(profile.reinit(), new ReinitElapsed(r.replyTo())))
        .onMessage(ReinitElapsed.class, r -> {
          r.replyTo().tell(new Reinitialized());
          return this;
        })
        .onMessage(WriteFlash.class, w -> after(profile.flashChunk(), new ChunkElapsed(w, 1)))
        .onMessage(ChunkElapsed.class, this::onChunk)
        .onMessage(SetLatency.class, s -> {
          profile = s.profile();
          s.replyTo().tell(profile);
          return this;
        })
        .onMessage(Shutdown.class, x -> Behaviors.stopped())
        .onMessage(ReadNvm.class, r -> {
          r.replyTo().tell(nvm);
          return this;
        })
        .onMessage(WriteNvm.class, w -> {
          nvm = w.nvm();
          w.replyTo().tell(nvm);
          return this;
        })
        .build();
  }

  private Behavior<Command> onChunk(ChunkElapsed c) {
    WriteFlash job = c.job();
    long total = job.chunks() * job.chunkBytes();
    long done = c.chunk() * job.chunkBytes();
    boolean last = c.chunk() >= job.chunks();
    if (last) {
      nvm = job.commit();
    }
    job.progressTo().tell(new FlashProgress(job.component(), done, total, last, last ? nvm : null));
    if (!last) {
      after(profile.flashChunk(), new ChunkElapsed(job, c.chunk() + 1));
    }
    return this;
  }

  private Behavior<Command> after(Duration delay, Command msg) {
    // The clock is pluggable (HardwareClock): a JDK timer by default, the actor system's
    // scheduler when a test drives time with ManualTime.
    HardwareClock.get(getContext().getSystem())
        .after(getContext(), delay, msg, msg instanceof ReinitElapsed ? "reinit" : "flash-chunk");
    return this;
  }
}
