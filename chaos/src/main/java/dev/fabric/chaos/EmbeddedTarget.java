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
import dev.fabric.devlink.actor.Host;
import dev.fabric.devlink.model.Reply;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

/**
 * One embedded fabric (one emulated host, {@value #HOST}) in this JVM. Its one member fault is
 * {@code host-reboot} ({@link #hostReboot}).
 */
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
  public CompletionStage<Void> memberFault(String fault, String phase) {
    if (!"host-reboot".equals(fault)) {
      return ChaosTarget.super.memberFault(fault, phase);
    }
    return hostReboot(fabric.system(), fabric, phase);
  }

  /**
   * The fault {@code host-reboot} on a host that is an actor system's guardian ({@code host}):
   * start = {@link Host.PowerCycle} (complete once the host runs again from what its cards keep),
   * heal = the host answers again ({@code client} lists its instances). Every callback runs on the
   * host system's executor (a simulated target's is the simulation's).
   */
  public static CompletionStage<Void> hostReboot(ActorSystem<Host.Command> host, DevlinkClient client, String phase) {
    CompletableFuture<Void> out = new CompletableFuture<>();
    CompletionStage<?> step = "start".equals(phase)
        ? AskPattern.<Host.Command, Reply<?>>ask(host, Host.PowerCycle::new, Duration.ofMinutes(1), host.scheduler())
        : client.list(null);
    step.whenCompleteAsync((r, e) -> {
      if (e != null) {
        out.completeExceptionally(e);
      } else if (r instanceof Reply.Err<?> err) {
        out.completeExceptionally(new IllegalStateException("host-reboot: " + err));
      } else {
        out.complete(null);
      }
    }, host.executionContext());
    return out;
  }

  @Override
  public void close() {
    fabric.close();
  }
}
