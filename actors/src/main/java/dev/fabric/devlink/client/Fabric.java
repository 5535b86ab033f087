package dev.fabric.devlink.client;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.fabric.devices.LatencyProfile;
import dev.fabric.devlink.actor.Host;
import dev.fabric.devlink.actor.MonitorHub;
import dev.fabric.devlink.actor.NetStack;
import dev.fabric.devlink.actor.Registry;
import dev.fabric.devlink.model.DevHandle;
import dev.fabric.devlink.model.DriverOp;
import dev.fabric.devlink.model.Notification;
import dev.fabric.devlink.model.Op;
import dev.fabric.devlink.model.Reply;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

/**
 * An embedded fabric with one emulated host, and the typed client calls user space makes against
 * it. The asynchronous calls return CompletionStages; the {@code *Sync} forms block the calling
 * thread (never call them from inside an actor).
 */
public final class Fabric implements AutoCloseable {
  private final ActorSystem<Host.Command> system;
  private final Host.Parts parts;
  private final Duration timeout;

  private Fabric(ActorSystem<Host.Command> system, Host.Parts parts, Duration timeout) {
    this.system = system;
    this.parts = parts;
    this.timeout = timeout;
  }

  public static Fabric start(String name, LatencyProfile latency) {
    // Bring the logging backend up before the actor system logs from several threads at once
    // (otherwise SLF4J reports "replayed" calls on stderr, which would corrupt CLI output).
    org.slf4j.LoggerFactory.getILoggerFactory();
    Config quiet = ConfigFactory.parseString("""
        pekko.loglevel = "WARNING"
        pekko.stdout-loglevel = "OFF"
        pekko.log-dead-letters = 10
        pekko.log-dead-letters-during-shutdown = off
        pekko.coordinated-shutdown.run-by-jvm-shutdown-hook = off
        """).withFallback(ConfigFactory.load());
    ActorSystem<Host.Command> system = ActorSystem.create(Host.create(latency), name, quiet);
    Duration timeout = Duration.ofSeconds(60);
    Host.Parts parts = await(AskPattern.ask(system, Host.GetParts::new, timeout, system.scheduler()), timeout);
    return new Fabric(system, parts, timeout);
  }

  public ActorSystem<Host.Command> system() {
    return system;
  }

  public Host.Parts parts() {
    return parts;
  }

  // ---------------------------------------------------------------- devlink requests

  public CompletionStage<Reply> request(String netns, DevHandle dev, Op op) {
    return AskPattern.ask(parts.registry(), (ActorRef<Reply> r) -> new Registry.Route(netns, dev, op, r), timeout,
        system.scheduler());
  }

  public Reply requestSync(String netns, DevHandle dev, Op op) {
    return await(request(netns, dev, op), timeout);
  }

  public List<DevHandle> listSync(String netns) {
    return await(AskPattern.ask(parts.registry(), (ActorRef<List<DevHandle>> r) -> new Registry.ListInstances(netns, r),
        timeout, system.scheduler()), timeout);
  }

  // ---------------------------------------------------------------- the netdevsim bus and driver files

  public Reply newDeviceSync(String text, String netns) {
    return await(AskPattern.ask(parts.registry(), (ActorRef<Reply> r) -> new Registry.NewDevice(text, netns, r),
        timeout, system.scheduler()), timeout);
  }

  public Reply delDeviceSync(String text) {
    return await(AskPattern.ask(parts.registry(), (ActorRef<Reply> r) -> new Registry.DelDevice(text, r), timeout,
        system.scheduler()), timeout);
  }

  public List<Integer> deviceIdsSync() {
    return await(AskPattern.ask(parts.registry(), Registry.ListDeviceIds::new, timeout, system.scheduler()), timeout);
  }

  /** A sysfs/debugfs operation on device {@code id}, whatever namespace its instance is in. */
  public Reply driverSync(int id, DriverOp op) {
    return requestSync(null, DevHandle.netdevsim(id), op);
  }

  /** Simulated hardware timing of one device (reload re-init, flash chunk). */
  public Reply setLatencySync(int id, LatencyProfile latency) {
    return await(AskPattern.ask(parts.registry(), (ActorRef<Reply> r) -> new Registry.DeviceLatency(id, latency, r),
        timeout, system.scheduler()), timeout);
  }

  /** Timing given to devices created from now on. */
  public Reply setDefaultLatencySync(LatencyProfile latency) {
    return await(AskPattern.ask(parts.registry(), (ActorRef<Reply> r) -> new Registry.SetLatency(latency, r),
        timeout, system.scheduler()), timeout);
  }

  // ---------------------------------------------------------------- namespaces

  public Reply netnsAddSync(String name) {
    return await(AskPattern.ask(parts.registry(), (ActorRef<Reply> r) -> new Registry.NetnsAdd(name, r), timeout,
        system.scheduler()), timeout);
  }

  public Reply netnsDelSync(String name) {
    return await(AskPattern.ask(parts.registry(), (ActorRef<Reply> r) -> new Registry.NetnsDel(name, r), timeout,
        system.scheduler()), timeout);
  }

  public List<String> netnsListSync() {
    return await(AskPattern.ask(parts.registry(), Registry.NetnsList::new, timeout, system.scheduler()), timeout);
  }

  /** Writes /lib/firmware/NAME (content: one char per byte). */
  public Reply firmwareWriteSync(String name, String content) {
    return await(AskPattern.ask(parts.registry(), (ActorRef<Reply> r) -> new Registry.FirmwareWrite(name, content, r),
        timeout, system.scheduler()), timeout);
  }

  /** /lib/firmware's files, oldest first (content: one char per byte). */
  public java.util.Map<String, String> firmwareSync() {
    return await(AskPattern.ask(parts.registry(), Registry.FirmwareList::new, timeout, system.scheduler()), timeout);
  }

  /** The netdevs of a namespace (without lo), in ifindex order: what `ip link` lists. */
  public List<NetStack.Link> linksSync(String netns) {
    return await(AskPattern.ask(parts.netStack(), (ActorRef<List<NetStack.Link>> r) -> new NetStack.Links(netns, r),
        timeout, system.scheduler()), timeout);
  }

  // ---------------------------------------------------------------- monitor

  public void subscribe(String netns, ActorRef<Notification> subscriber) {
    parts.monitor().tell(new MonitorHub.Subscribe(netns, subscriber));
  }

  public void unsubscribe(ActorRef<Notification> subscriber) {
    parts.monitor().tell(new MonitorHub.Unsubscribe(subscriber));
  }

  public void fence(ActorRef<Notification> subscriber, Notification marker) {
    parts.monitor().tell(new MonitorHub.Fence(subscriber, marker));
  }

  @Override
  public void close() {
    system.terminate();
    try {
      system.getWhenTerminated().toCompletableFuture().get(20, TimeUnit.SECONDS);
    } catch (InterruptedException | ExecutionException | TimeoutException e) {
      Thread.currentThread().interrupt();
    }
  }

  static <T> T await(CompletionStage<T> stage, Duration timeout) {
    try {
      return stage.toCompletableFuture().get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("the fabric did not answer: " + e, e);
    }
  }
}
