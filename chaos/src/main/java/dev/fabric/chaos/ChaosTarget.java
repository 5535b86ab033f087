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

  @Override
  void close();
}
