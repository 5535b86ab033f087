package dev.fabric.testkit;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.fabric.devices.HardwareClock;
import dev.fabric.devices.LatencyProfile;
import dev.fabric.devlink.actor.Host;
import dev.fabric.devlink.client.DevlinkClient;
import dev.fabric.devlink.client.DevlinkResult;
import dev.fabric.devlink.client.HostClient;
import dev.fabric.devlink.client.Fabric;
import dev.fabric.devlink.client.TypedDevlink;
import dev.fabric.devlink.model.DevHandle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ManualTime;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.testkit.ExplicitlyTriggeredScheduler;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit 5 extension that runs an embedded fabric (one emulated host, or several) for one test class, as
 * Pekko's {@code TestKitJunitResource} runs an ActorSystem: register it in a static field with
 * {@code @RegisterExtension}; it starts the fabric and creates the profile's devices before the
 * first test and shuts everything down after the last. One ActorSystem per class: the fabric's,
 * shared with the {@link ActorTestKit} that makes the probes.
 */
public final class FabricTestKit implements BeforeAllCallback, AfterAllCallback {

  public static Builder builder() {
    return new Builder();
  }

  /** How the class's fabric is made. */
  public static final class Builder {
    private final List<List<DeviceProfile>> devices = new ArrayList<>(List.of(new ArrayList<>()));
    private LatencyProfile latency = LatencyProfile.INSTANT;
    private boolean manualTime;
    private Duration timeout = ConfigFactory.load().getDuration("fabric.testkit.timeout");
    private Config config = ConfigFactory.empty();

    private Builder() {}

    /** Creates netdevsim{@code id} with {@code ports} ports before the first test. */
    public Builder device(int id, int ports) {
      return device(DeviceProfile.netdevsim(id, ports));
    }

    public Builder device(DeviceProfile profile) {
      return device(0, profile);
    }

    /**
     * Runs {@code count} emulated hosts in the class's actor system (default 1): each its own
     * netdevsim bus, devlink registry, namespaces and monitor group; {@code kit.client(host)}
     * addresses one. (Hosts in one JVM; there are no cluster members yet.)
     */
    public Builder hosts(int count) {
      if (count < 1) {
        throw new IllegalArgumentException("at least one host");
      }
      while (devices.size() < count) {
        devices.add(new ArrayList<>());
      }
      return this;
    }

    /** Creates a device on host {@code host} (0-based; call {@link #hosts} first). */
    public Builder device(int host, DeviceProfile profile) {
      if (host < 0 || host >= devices.size()) {
        throw new IllegalArgumentException("no host " + host + " (hosts: " + devices.size() + ")");
      }
      devices.get(host).add(profile);
      return this;
    }

    /** Hardware timing of every device (default: none at all, {@link LatencyProfile#INSTANT}). */
    public Builder latency(LatencyProfile latency) {
      this.latency = latency;
      return this;
    }

    /**
     * Puts simulated time under the test's control (Pekko ManualTime): hardware steps and health
     * grace periods advance only through {@link FabricTestKit#time()}. Use a non-zero latency.
     */
    public Builder manualTime() {
      this.manualTime = true;
      return this;
    }

    /** How long (real time) the kit waits for a reply or an event before failing. */
    public Builder timeout(Duration timeout) {
      this.timeout = timeout;
      return this;
    }

    /** Extra actor system configuration (HOCON), taking precedence over the kit's. */
    public Builder config(String hocon) {
      this.config = ConfigFactory.parseString(hocon).withFallback(config);
      return this;
    }

    public FabricTestKit build() {
      return new FabricTestKit(devices.stream().map(List::copyOf).toList(), latency, manualTime, timeout, config);
    }
  }

  private final List<List<DeviceProfile>> devices;
  private final LatencyProfile latency;
  private final boolean manual;
  private final Duration timeout;
  private final Config config;
  private Fabric fabric;
  private ActorTestKit testKit;
  private TypedDevlink client;
  /** One client per host; host 0 is the fabric's own. */
  private final List<DevlinkClient> hosts = new ArrayList<>();
  private SimulatedTime time;

  private FabricTestKit(List<List<DeviceProfile>> devices, LatencyProfile latency, boolean manual, Duration timeout,
      Config config) {
    this.devices = devices;
    this.latency = latency;
    this.manual = manual;
    this.timeout = timeout;
    this.config = config;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    String name = context.getTestClass().map(Class::getSimpleName).orElse("fabric").replaceAll("[^A-Za-z0-9-]", "-");
    start(name);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    shutdown();
  }

  /** Starts the fabric (the extension does this before the first test; call it yourself without JUnit). */
  public void start(String systemName) {
    Config overrides = config;
    if (manual) {
      overrides = overrides.withFallback(ConfigFactory.parseString(HardwareClock.CONFIG_KEY + " = scheduler"))
          .withFallback(ManualTime.config());
    }
    fabric = Fabric.start(systemName, latency, overrides);
    testKit = ActorTestKit.create(fabric.system());
    client = new TypedDevlink(fabric);
    hosts.clear();
    hosts.add(fabric);
    for (int i = 1; i < devices.size(); i++) {
      ActorRef<Host.Command> host = testKit.spawn(Host.create("host-" + i, latency), "host-" + i);
      hosts.add(new HostClient(host, fabric.system(), timeout));
    }
    if (manual) {
      ExplicitlyTriggeredScheduler scheduler = (ExplicitlyTriggeredScheduler) fabric.system().classicSystem().scheduler();
      long start = System.currentTimeMillis();
      HardwareClock.get(fabric.system()).useWallClock(() -> start + scheduler.currentTimeMs());
      time = new SimulatedTime(testKit, ManualTime.get(fabric.system()), timeout);
    }
    createDevices();
  }

  /** Stops the fabric and its actor system (the extension does this after the last test). */
  public void shutdown() {
    if (fabric != null) {
      fabric.close();
      fabric = null;
    }
  }

  /**
   * Deletes every device on the bus and creates the profile's devices again: a fresh start for
   * the next test in the same class (the actor system stays).
   */
  public void resetDevices() {
    for (int h = 0; h < hosts.size(); h++) {
      TypedDevlink c = client(h);
      for (int id : await(c.busDevices()).get()) {
        expectOk(c.delDevice(id), "del_device " + id + " on host " + h);
      }
    }
    createDevices();
  }

  private void createDevices() {
    for (int h = 0; h < devices.size(); h++) {
      TypedDevlink c = client(h);
      for (DeviceProfile d : devices.get(h)) {
        expectOk(c.newDevice(d.id(), d.ports()), "new_device " + d.id() + " " + d.ports() + " on host " + h);
        if (d.vfs() > 0) {
          expectOk(c.setNumVfs(d.id(), d.vfs()), "sriov_numvfs " + d.vfs() + " on netdevsim" + d.id());
        }
      }
    }
  }

  private void expectOk(CompletionStage<? extends DevlinkResult<?>> stage, String what) {
    DevlinkResult<?> r = await(stage);
    if (!r.isOk()) {
      throw new IllegalStateException("fabric set-up: " + what + " failed: " + r.describe());
    }
  }

  // ---------------------------------------------------------------- what tests use

  /** The typed devlink client of this fabric (all namespaces). */
  public TypedDevlink client() {
    return running(client);
  }

  /** The typed client of host {@code host} (0-based; 0 is {@link #client()}'s). */
  public TypedDevlink client(int host) {
    return host == 0 ? client() : new TypedDevlink(hostClient(host));
  }

  /** The client protocol of host {@code host}. */
  public DevlinkClient hostClient(int host) {
    running(fabric);
    if (host < 0 || host >= hosts.size()) {
      throw new IllegalArgumentException("no host " + host + " (hosts: " + hosts.size() + ")");
    }
    return hosts.get(host);
  }

  /** A new probe on the devlink monitor of host {@code host}, every namespace. */
  public MonitorProbe monitorOfHost(int host) {
    return new MonitorProbe(testKit(), hostClient(host), null, timeout);
  }

  /** The embedded fabric itself (its {@code DevlinkClient}, the CLI's blocking calls). */
  public Fabric fabric() {
    return running(fabric);
  }

  /** The Pekko ActorTestKit on the fabric's actor system: create your own probes with it. */
  public ActorTestKit testKit() {
    return running(testKit);
  }

  public ActorSystem<?> system() {
    return fabric().system();
  }

  /** The device handle of netdevsim{@code id}. */
  public DevHandle dev(int id) {
    return DevHandle.netdevsim(id);
  }

  /** Simulated time; only with {@link Builder#manualTime()}. */
  public SimulatedTime time() {
    if (time == null) {
      throw new IllegalStateException("simulated time is off: build the kit with .manualTime()");
    }
    return time;
  }

  /** A new probe on the devlink monitor of every namespace. Close it (or let the class end). */
  public MonitorProbe monitor() {
    return new MonitorProbe(testKit(), fabric(), null, timeout);
  }

  /** A new probe on the devlink monitor of namespace {@code netns} (as {@code ip netns exec NS devlink mon}). */
  public MonitorProbe monitor(String netns) {
    return new MonitorProbe(testKit(), fabric(), netns, timeout);
  }

  /** A new race: add operations with {@code fire}, then {@code run}. */
  public Race race() {
    return new Race(timeout);
  }

  /** Waits (real time, on the test thread only) for {@code stage}. */
  public <T> T await(CompletionStage<T> stage) {
    try {
      return stage.toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    } catch (ExecutionException e) {
      throw new AssertionError("the fabric failed to answer: " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new AssertionError("no answer from the fabric within " + timeout.toMillis() + " ms");
    }
  }

  /** Waits for a typed call and returns its value; fails with the errno and message if it failed. */
  public <T> T ok(CompletionStage<DevlinkResult<T>> stage) {
    DevlinkResult<T> r = await(stage);
    if (!r.isOk()) {
      throw new AssertionError("expected success, but the kernel answered " + r.describe());
    }
    return r.get();
  }

  private <T> T running(T part) {
    if (part == null) {
      throw new IllegalStateException("the fabric is not running (register the kit with @RegisterExtension "
          + "in a static field, or call start())");
    }
    return part;
  }
}
