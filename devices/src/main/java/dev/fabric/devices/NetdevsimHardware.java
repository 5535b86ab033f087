package dev.fabric.devices;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * The simulated hardware behind one netdevsim devlink instance: the slow physical steps (driver
 * re-initialisation, writing flash chunk by chunk) and the NVM that outlives a reload (the stored
 * firmware version). Delays are simulated time ({@link HardwareClock}): no thread ever sleeps.
 */
public final class NetdevsimHardware extends AbstractBehavior<NetdevsimHardware.Command> {

  public sealed interface Command {}

  /** Re-initialise the device (reload_up's hardware part). Answers {@link Reinitialized}. */
  public record Reinit(ActorRef<Reinitialized> replyTo) implements Command {}

  public record Reinitialized() {}

  /**
   * Write a firmware image in {@code chunks} steps. Each step sends {@link FlashProgress} to
   * {@code progressTo}; the last message is {@link FlashProgress} with {@code finished == true}.
   */
  public record WriteFlash(String component, int chunks, long chunkBytes, ActorRef<FlashProgress> progressTo)
      implements Command {}

  public record FlashProgress(String component, long done, long total, boolean finished) {}

  public record SetLatency(LatencyProfile profile, ActorRef<LatencyProfile> replyTo) implements Command {}

  public record ReadNvm(ActorRef<Map<String, String>> replyTo) implements Command {}

  /** The device is removed: stop after everything sent before (no message ends as a dead letter). */
  public record Shutdown() implements Command {}

  private record ReinitElapsed(ActorRef<Reinitialized> replyTo) implements Command {}

  private record ChunkElapsed(WriteFlash job, int chunk) implements Command {}

  public static Behavior<Command> create(LatencyProfile profile) {
    return Behaviors.setup(ctx -> new NetdevsimHardware(ctx, profile));
  }

  private LatencyProfile profile;
  private final Map<String, String> nvm = new HashMap<>(Map.of("fw.mgmt", "10.20.30"));

  private NetdevsimHardware(ActorContext<Command> ctx, LatencyProfile profile) {
    super(ctx);
    this.profile = profile;
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
          r.replyTo().tell(Map.copyOf(nvm));
          return this;
        })
        .build();
  }

  private Behavior<Command> onChunk(ChunkElapsed c) {
    WriteFlash job = c.job();
    long total = job.chunks() * job.chunkBytes();
    long done = c.chunk() * job.chunkBytes();
    boolean last = c.chunk() >= job.chunks();
    job.progressTo().tell(new FlashProgress(job.component(), done, total, last));
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
