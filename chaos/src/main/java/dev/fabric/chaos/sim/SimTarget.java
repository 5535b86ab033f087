package dev.fabric.chaos.sim;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.fabric.chaos.ChaosTarget;
import dev.fabric.chaos.EmbeddedTarget;
import dev.fabric.chaos.RunLoop;
import dev.fabric.devices.HardwareClock;
import dev.fabric.devices.LatencyProfile;
import dev.fabric.devlink.actor.Host;
import dev.fabric.devlink.actor.Instance;
import dev.fabric.devlink.client.DevlinkClient;
import dev.fabric.devlink.client.HostClient;
import dev.fabric.devlink.model.Reply;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

/**
 * An embedded fabric under deterministic simulation: every dispatcher of its actor system queues
 * into one {@link SimExecutor}, the {@link SimDriver} runs those tasks one at a time in an order
 * drawn from the seed, and time is Pekko's explicitly triggered scheduler (hardware delays
 * included: {@code devlink-fabric.hardware-clock = scheduler}). The runner's own steps run as
 * tasks of the same executor and record simulated time, so one seed gives one history, byte for
 * byte. Everything happens on the thread that drives the run.
 */
public final class SimTarget implements ChaosTarget {
  private static final AtomicLong IDS = new AtomicLong();
  /** Simulated time an await may take before the run is declared stuck. */
  private static final long MAX_SIMULATED_MS = 600_000;

  private final SimDriver driver;
  private final ActorSystem<Host.Command> system;
  private final HostClient client;

  private SimTarget(SimDriver driver, ActorSystem<Host.Command> system, HostClient client) {
    this.driver = driver;
    this.system = system;
    this.client = client;
  }

  public static SimTarget start(long seed, String latency) {
    return start(seed, latency, Instance.Faults.NONE);
  }

  /** With defects planted in every instance: tests only. */
  public static SimTarget start(long seed, String latency, Instance.Faults faults) {
    String id = "sim-" + IDS.incrementAndGet();
    SimDriver driver = new SimDriver(id, seed, MAX_SIMULATED_MS);
    String dispatcher = "{ executor = \"" + SimExecutorConfigurator.class.getName() + "\"\n sim-id = \"" + id
        + "\"\n throughput = 1 }";
    Config config = ConfigFactory.parseString(""
        + "pekko.actor.default-dispatcher = " + dispatcher + "\n"
        + "pekko.actor.internal-dispatcher = " + dispatcher + "\n"
        + "pekko.actor.default-blocking-io-dispatcher = " + dispatcher + "\n"
        + "pekko.scheduler.implementation = \"" + SimScheduler.class.getName() + "\"\n"

        + "pekko.loglevel = \"ERROR\"\n"
        + "pekko.stdout-loglevel = \"OFF\"\n"
        + "pekko.log-dead-letters = 0\n"
        + "pekko.log-dead-letters-during-shutdown = off\n"
        + "pekko.coordinated-shutdown.run-by-jvm-shutdown-hook = off\n"
        + HardwareClock.CONFIG_KEY + " = scheduler\n")
        .withFallback(ConfigFactory.load());
    org.slf4j.LoggerFactory.getILoggerFactory();
    LatencyProfile profile = dev.fabric.chaos.Schedule.latencyProfile(latency);
    ActorSystem<Host.Command> system = ActorSystem.create(Host.create(EmbeddedTarget.HOST, profile, faults), "chaos-" + id, config);
    SimScheduler scheduler = (SimScheduler) system.classicSystem().scheduler();
    // health grace periods and dump timestamps read simulated time too
    HardwareClock.get(system).useWallClock(() -> 1_700_000_000_000L + scheduler.currentTimeMs());
    HostClient client = new HostClient(system, system, Duration.ofHours(1));
    try {
      // still on the start-up thread: the host's actors come up in arrival order; its first
      // answer says it serves
      client.list(null).toCompletableFuture().get(1, java.util.concurrent.TimeUnit.MINUTES);
    } catch (Exception e) {
      throw new IllegalStateException("the simulated fabric did not start: " + e, e);
    }
    driver.attach(scheduler);
    return new SimTarget(driver, system, client);
  }

  public SimDriver driver() {
    return driver;
  }

  @Override
  public List<String> hosts() {
    return List.of(EmbeddedTarget.HOST);
  }

  @Override
  public DevlinkClient client(String host) {
    return client;
  }

  @Override
  public ActorSystem<?> system() {
    return system;
  }

  @Override
  public CompletionStage<Void> writeFirmware(String name, String content) {
    CompletionStage<Reply<?>> written = AskPattern.ask(system,
        (ActorRef<Reply<?>> r) -> new Host.FirmwareWrite(name, content, r), Duration.ofMinutes(1), system.scheduler());
    // *Async on the system's executor: the plain callbacks of a Scala-converted stage run on the
    // common pool, outside the simulation
    java.util.concurrent.CompletableFuture<Void> out = new java.util.concurrent.CompletableFuture<>();
    written.whenCompleteAsync((r, e) -> {
      if (e != null) {
        out.completeExceptionally(e);
      } else {
        out.complete(null);
      }
    }, system.executionContext());
    return out;
  }

  /**
   * No member faults here, not even {@code host-reboot}: a power cycle ({@code Host.PowerCycle}, as
   * on the embedded fabric) runs under the simulation, but the same seed did not give the same
   * history twice: three runs, three histories, first differing in which card re-registers first
   * after the power cycle. No task came from outside the simulation's executor; suspected: the
   * many actors stopped at once notify in an order Pekko draws from actor-ref hashes (random uids).
   * A simulated run that does not reproduce would mislead replay and shrink.
   * Real-time runs ({@code --real-time}, the embedded target) have it.
   */
  /**
   * {@code host-reboot} as on the embedded fabric ({@link Host.PowerCycle}), under the simulation:
   * the many actors a power cycle stops reach each other in an order Pekko draws from actor-ref
   * hashes, which the executor's canonical queue order takes out of the picture
   * ({@link SimExecutor}). No member faults: one process has no members.
   */
  @Override
  public CompletionStage<Void> memberFault(String fault, String phase) {
    if (!"host-reboot".equals(fault)) {
      return java.util.concurrent.CompletableFuture.failedFuture(new UnsupportedOperationException(fault
          + " is not available in a deterministic simulation (member faults: --cluster)"));
    }
    return EmbeddedTarget.hostReboot(system, client, phase);
  }

  @Override
  public RunLoop newLoop() {
    return new RunLoop() {
      @Override
      public long nanos() {
        return driver.nowMillis() * 1_000_000;
      }

      @Override
      public void execute(Runnable task) {
        driver.executor().execute(task);
      }

      @Override
      public Cancel schedule(Runnable task, long delayMs) {
        var c = system.scheduler().scheduleOnce(Duration.ofMillis(Math.max(0, delayMs)), task, system.executionContext());
        return c::cancel;
      }

      @Override
      public <T> T await(CompletionStage<T> stage) {
        return driver.await(stage);
      }

      @Override
      public void close() {
        // the system's executor is the driver's: nothing of the loop's own to stop
      }
    };
  }

  @Override
  public void close() {
    system.terminate();
    try {
      driver.await(system.getWhenTerminated());
    } finally {
      driver.close();
    }
  }
}
