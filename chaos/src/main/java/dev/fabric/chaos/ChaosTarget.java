package dev.fabric.chaos;

import dev.fabric.devices.LatencyProfile;
import dev.fabric.devlink.client.DevlinkClient;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * What a chaos run attacks: one or more emulated hosts behind {@link DevlinkClient}s, and the
 * actor system the run's own monitor recorder lives in. The embedded fabric is one
 * implementation ({@link EmbeddedTarget}); a cluster client plugs in beside it.
 */
public interface ChaosTarget extends AutoCloseable {

  /** The emulated hosts, by name. */
  java.util.List<String> hosts();

  DevlinkClient client(String host);

  /** Where the runner spawns its monitor recorder. */
  ActorSystem<?> system();

  /** Writes /lib/firmware/NAME on every host (flash reads it). */
  CompletionStage<Void> writeFirmware(String name, String content);

  /** The hardware timing of device {@code id} of {@code host} (the slow-hardware fault). */
  default CompletionStage<?> setLatency(String host, int id, LatencyProfile latency) {
    return client(host).setLatency(id, latency);
  }

  /** Where the runner's steps run and what time it records (real by default; simulated targets override). */
  default RunLoop newLoop() {
    return RunLoop.real();
  }

  /**
   * Starts ({@code phase} start) or heals ({@code phase} heal) a member fault: {@code kill-member},
   * {@code leave-rejoin}, {@code host-reboot} (see {@link dev.fabric.chaos.check.Checks#RESTARTING_FAULTS}).
   * The stage completes once the fault is in place, or once the heal is complete (the hosts answer
   * again). Only a cluster target has members.
   */
  default CompletionStage<Void> memberFault(String fault, String phase) {
    return java.util.concurrent.CompletableFuture.failedFuture(
        new UnsupportedOperationException(fault + " needs a cluster target (fabric chaos run --cluster)"));
  }

  /**
   * Whether the hosts' monitor events reach the run's history: through {@link DevlinkClient#subscribe},
   * or through {@link #monitorFeed()} when it has one.
   */
  default boolean monitors() {
    return true;
  }

  /** Where the hosts' monitor events come from when not through {@link DevlinkClient#subscribe}; null: there. */
  default MonitorFeed monitorFeed() {
    return null;
  }

  @Override
  void close();
}
