package dev.fabric.chaos;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.fabric.devices.LatencyProfile;
import dev.fabric.devlink.actor.Instance;
import dev.fabric.devlink.client.DevlinkClient;
import dev.fabric.devlink.client.Fabric;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;

/** One embedded fabric (one emulated host, {@value #HOST}) in this JVM. */
public final class EmbeddedTarget implements ChaosTarget {
  public static final String HOST = "host1";

  private final Fabric fabric;

  private EmbeddedTarget(Fabric fabric) {
    this.fabric = fabric;
  }

  public static EmbeddedTarget start(String latency) {
    return start(latency, ConfigFactory.empty(), Instance.Faults.NONE);
  }

  /**
   * With defects planted in every instance: only tests call this (the {@code fabric} command
   * has no way to reach {@link Instance.Faults}).
   */
  public static EmbeddedTarget start(String latency, Config overrides, Instance.Faults faults) {
    LatencyProfile profile = Schedule.latencyProfile(latency);
    // The client deadline is the run's per-operation deadline (the runner's own timer); the
    // fabric's is only a backstop after it.
    return new EmbeddedTarget(Fabric.start("chaos", profile, overrides, Duration.ofMinutes(10), faults));
  }

  public Fabric fabric() {
    return fabric;
  }

  @Override
  public List<String> hosts() {
    return List.of(HOST);
  }

  @Override
  public DevlinkClient client(String host) {
    return fabric;
  }

  @Override
  public ActorSystem<?> system() {
    return fabric.system();
  }

  @Override
  public CompletionStage<Void> writeFirmware(String name, String content) {
    fabric.firmwareWriteSync(name, content);
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public void close() {
    fabric.close();
  }
}
