package dev.fabric.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.fabric.chaos.ChaosTarget;
import dev.fabric.chaos.ClusterTargets;
import dev.fabric.chaos.EmbeddedTarget;
import dev.fabric.devlink.client.DevlinkClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.cluster.typed.Leave;

/**
 * A chaos target over an in-JVM cluster: several fabric members (one ActorSystem each, Artery and
 * the API on 127.0.0.1 port 0, each with its own storage directory) holding one host,
 * {@value EmbeddedTarget#HOST}, as a sharded entity. The run's client sends from a member that is
 * not about to be hit. Member faults, each started and healed by the runner:
 * <ul>
 *   <li>{@code kill-member}: the member that holds the host crashes (its actor system terminates
 *       without leaving: the others see it unreachable, the split-brain resolver downs it, the host
 *       boots again on a survivor from its image). Heal: a fresh member (new name, empty storage)
 *       joins, and the host answers again.
 *   <li>{@code leave-rejoin}: the member that holds the host leaves gracefully (its hosts hand off:
 *       a reboot on another member). Heal: the same member (name and storage) starts again and
 *       joins, and the host answers again.
 * </ul>
 * The fault steps run on a thread of their own (they wait for membership changes), never on the
 * runner's loop or an actor. The host's monitor events reach the run from the cluster's monitor
 * topic ({@link ClusterMonitorFeed}, a subscriber on the client's member that follows it).
 */
public final class ClusterChaosTarget implements ChaosTarget {
  static final String HOST = EmbeddedTarget.HOST;
  /** How long a fault step may take before it fails the run (a downing takes ~5 s on a busy machine). */
  static final Duration STEP_LIMIT = Duration.ofSeconds(90);

  /** The ServiceLoader entry `fabric chaos run --cluster` finds. */
  public static final class Provider implements ClusterTargets {
    @Override
    public ChaosTarget start(int members) {
      return ClusterChaosTarget.start(members);
    }

    @Override
    public ChaosTarget endpoint(String url) {
      return EndpointChaosTarget.connect(url);
    }
  }

  private final FabricSpec spec;
  private final Path state;
  private final int expected;
  private final List<ActorSystem<Void>> alive = new CopyOnWriteArrayList<>();
  private final ExecutorService nemesisThread = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "chaos-cluster-nemesis");
    t.setDaemon(true);
    return t;
  });
  private volatile ActorSystem<Void> via;
  private final EntityClient client;
  private final ClusterMonitorFeed feed;
  private int started;
  /** The member that left and will rejoin (leave-rejoin), by name. */
  private String left;

  private ClusterChaosTarget(int size) throws Exception {
    this.expected = size;
    this.spec = new FabricSpec("chaos", List.of(new FabricSpec.Member("m1", "127.0.0.1", 0, null, 0)), null,
        List.of(new FabricSpec.HostSpec(HOST, List.of(), "instant")), null).validated();
    this.state = Files.createTempDirectory("fabric-chaos-cluster");
    for (int i = 0; i < size; i++) {
      alive.add(startMember("m" + (++started)));
    }
    Address first = Cluster.get(alive.get(0)).selfMember().address();
    for (ActorSystem<Void> m : alive) {
      Cluster.get(m).manager().tell(Join.create(first));
    }
    via = alive.get(0);
    // asks outlive the run's deadline: a request cut off by a fault becomes info at the deadline
    client = new EntityClient(HOST, () -> via, Duration.ofSeconds(60));
    feed = new ClusterMonitorFeed(() -> via, () -> List.copyOf(alive));
    awaitMembers(size, null);
    awaitHost(null);
  }

  public static ClusterChaosTarget start(int members) {
    try {
      return new ClusterChaosTarget(members);
    } catch (Exception e) {
      throw new IllegalStateException("the in-JVM cluster did not start: " + e, e);
    }
  }

  private ActorSystem<Void> startMember(String name) {
    Config c = ConfigFactory.parseString(""
        + Member.EXPECTED_SETTING + " = " + expected + "\n"
        + "fabric-cluster.ask-timeout = 8s\n"
        // terminating an actor system is then a crash as the others see it, not a graceful leave
        + "pekko.coordinated-shutdown.run-by-actor-system-terminate = off\n")
        .withFallback(Member.storage(state.resolve(name)));
    return Member.start(spec, name, c);
  }

  private static boolean isUp(ActorSystem<?> seenBy, Address member) {
    for (org.apache.pekko.cluster.Member m : Cluster.get(seenBy).state().getMembers()) {
      if (m.address().equals(member)) {
        return m.status() == MemberStatus.up();
      }
    }
    return false;
  }

  /** Waits until {@code via} sees {@code n} members up and {@code gone} (if any) no longer a member. */
  private void awaitMembers(int n, Address gone) throws InterruptedException {
    long end = System.nanoTime() + STEP_LIMIT.toNanos();
    while (System.nanoTime() < end) {
      int up = 0;
      boolean goneStill = false;
      for (org.apache.pekko.cluster.Member m : Cluster.get(via).state().getMembers()) {
        if (m.status() == MemberStatus.up()) {
          up++;
        }
        goneStill |= m.address().equals(gone);
      }
      if (up == n && !goneStill && Cluster.get(via).state().getUnreachable().isEmpty()) {
        return;
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("the cluster did not settle at " + n + " members within " + STEP_LIMIT);
  }

  /**
   * Waits until the host answers from a member other than {@code notOn} (null: any member). Not by
   * its boot count: a boot whose image write no majority confirmed may boot again with the same count.
   */
  private HostEntity.HostInfo awaitHost(String notOn) throws InterruptedException {
    long end = System.nanoTime() + STEP_LIMIT.toNanos();
    Exception last = null;
    while (System.nanoTime() < end) {
      try {
        HostEntity.HostInfo info = org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding.get(via)
            .entityRefFor(HostEntity.KEY, HOST).<HostEntity.HostInfo>ask(HostEntity.Describe::new, Duration.ofSeconds(3))
            .toCompletableFuture().get(5, TimeUnit.SECONDS);
        if (!info.member().equals(notOn)) {
          return info;
        }
      } catch (Exception e) {
        last = e;
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("host " + HOST + " did not answer within " + STEP_LIMIT + ": " + last);
  }

  private ActorSystem<Void> byName(String name) {
    for (ActorSystem<Void> m : alive) {
      if (m.settings().config().getString(Member.NAME_SETTING).equals(name)) {
        return m;
      }
    }
    throw new IllegalStateException("no live member " + name);
  }

  /** The member holding the host; the client moves to another member first. */
  private ActorSystem<Void> hostMember() throws InterruptedException {
    ActorSystem<Void> victim = byName(awaitHost(null).member());
    if (victim == via) {
      via = alive.stream().filter(m -> m != victim).findFirst().orElseThrow();
      feed.follow();
    }
    return victim;
  }

  /** The member the last fault took down, by name. */
  private String victimName;

  @Override
  public CompletionStage<Void> memberFault(String fault, String phase) {
    return CompletableFuture.runAsync(() -> {
      try {
        switch (fault + "/" + phase) {
          case "kill-member/start" -> {
            ActorSystem<Void> victim = hostMember();
            victimName = victim.settings().config().getString(Member.NAME_SETTING);
            alive.removeIf(m -> m == victim); // by identity: every member's system has the same name and compares equal
            feed.detach(victim);
            victim.terminate();
            victim.getWhenTerminated().toCompletableFuture().get(STEP_LIMIT.toSeconds(), TimeUnit.SECONDS);
          }
          case "leave-rejoin/start" -> {
            ActorSystem<Void> victim = hostMember();
            victimName = victim.settings().config().getString(Member.NAME_SETTING);
            left = victim.settings().config().getString(Member.NAME_SETTING);
            Address address = Cluster.get(victim).selfMember().address();
            Cluster.get(victim).manager().tell(Leave.create(address));
            // a member that left shuts down (coordinated shutdown after its removal)
            victim.getWhenTerminated().toCompletableFuture().get(STEP_LIMIT.toSeconds(), TimeUnit.SECONDS);
            alive.removeIf(m -> m == victim); // by identity: every member's system has the same name and compares equal
            feed.detach(victim);
          }
          case "kill-member/heal", "leave-rejoin/heal" -> {
            String name = "leave-rejoin".equals(fault) && left != null ? left : "m" + (++started);
            left = null;
            // The host first boots again on a survivor (once the lost member is downed and removed);
            // only then does the new member join: a member joining while another is unreachable waits
            // for convergence, and the shard coordinator's state reads wait with it.
            awaitMembers(alive.size(), null);
            awaitHost(victimName);
            ActorSystem<Void> fresh = startMember(name);
            Cluster.get(fresh).manager().tell(Join.create(Cluster.get(via).selfMember().address()));
            alive.add(fresh);
            awaitMembers(alive.size(), null);
            awaitHost(null);
          }
          default -> throw new UnsupportedOperationException(fault + " is not a member fault of this target");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      } catch (Exception e) {
        throw new IllegalStateException(fault + " " + phase + ": " + e.getMessage(), e);
      }
    }, nemesisThread);
  }

  /** The hosts' events come from the monitor topic, through a subscriber on the client's member. */
  @Override
  public dev.fabric.chaos.MonitorFeed monitorFeed() {
    return feed;
  }

  @Override
  public List<String> hosts() {
    return List.of(HOST);
  }

  @Override
  public DevlinkClient client(String host) {
    return client;
  }

  @Override
  public ActorSystem<?> system() {
    return via;
  }

  @Override
  public CompletionStage<Void> writeFirmware(String name, String content) {
    return client.firmwareWrite(name, content).thenAccept(r -> {
      if (r instanceof dev.fabric.devlink.model.Reply.Err<?> e) {
        throw new IllegalStateException("/lib/firmware/" + name + ": " + e);
      }
    });
  }

  /** Members alive now (tests look at them). */
  List<ActorSystem<Void>> members() {
    return List.copyOf(alive);
  }

  @Override
  public void close() {
    nemesisThread.shutdownNow();
    feed.stop();
    for (ActorSystem<Void> m : alive) {
      m.terminate();
    }
    for (ActorSystem<Void> m : alive) {
      try {
        m.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        // a member that does not stop is reported by nothing else: the JVM exits anyway
      }
    }
    Member.deleteTree(state);
  }
}
