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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.cluster.typed.Leave;
import org.apache.pekko.remote.RARP;
import org.apache.pekko.remote.transport.ThrottlerTransportAdapter;

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
 *   <li>{@code partition}: the member that holds the host is cut off from every other member in
 *       both directions: Artery's test-mode blackhole (the members of this target run with
 *       {@code pekko.remote.artery.advanced.test-mode = on}; {@code fabric up}'s never do), set on
 *       both sides of each pair, drops every message, heartbeats included. What follows depends on
 *       how long it lasts against failure detection (heartbeats every 500 ms, 2.5 s acceptable
 *       pause, split-brain resolver stable-after 1.5 s, fabric-cluster.conf): below ~3 s nobody is
 *       marked unreachable and only the requests in flight are lost; from ~3 s the isolated member
 *       is unreachable, and from ~4.5-6 s the resolver downs it (keep-majority: the isolated one is
 *       the minority and downs itself) and the host boots again on the majority side from its
 *       image. Schedules choose the length (a short and a long one are both meaningful). Heal: the
 *       blackholes are lifted; if the isolated member was downed meanwhile, a fresh member joins in
 *       its place (as kill-member's heal); then the host answers again.
 *   <li>{@code host-reboot}: the host is power-cycled where it runs, no member is lost
 *       ({@link HostEntity.PowerCycle}: the entity stops and boots again from its image: cards and
 *       NVM kept, runtime state afresh). Heal: the host answers again.
 * </ul>
 * Fault steps run one after another on a scheduler thread of their own, as chained stages: a step
 * that waits for the membership or the host polls on that scheduler, never blocking a thread (and
 * never on the runner's loop or an actor). The host's monitor events reach the run from the
 * cluster's monitor topic ({@link ClusterMonitorFeed}, a subscriber on the client's member that
 * follows it).
 */
public final class ClusterChaosTarget implements ChaosTarget {
  static final String HOST = EmbeddedTarget.HOST;
  /** How long a fault step may take before it fails the run (a downing takes ~5 s on a busy machine). */
  static final Duration STEP_LIMIT = Duration.ofSeconds(90);
  /** How often a waiting step looks at the membership or asks the host again. */
  private static final long POLL_MS = 100;

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
  private final ScheduledExecutorService nemesis = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "chaos-cluster-nemesis");
    t.setDaemon(true);
    return t;
  });
  private final Polling polling = new Polling(nemesis, Duration.ofMillis(POLL_MS));
  /** Fault steps run one after another, in the order the runner asked for them. */
  private final FaultSteps steps = new FaultSteps(nemesis);
  private volatile ActorSystem<Void> via;
  private final EntityClient client;
  private final ClusterMonitorFeed feed;
  // The fields below are read and written on the nemesis thread only.
  private int started;
  /** The member that left and will rejoin (leave-rejoin), by name. */
  private String left;
  /** The member the last fault took down or cut off, by name. */
  private String victimName;
  /** The member a partition cut off, until the partition heals. */
  private ActorSystem<Void> partitioned;

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
    // the constructing thread (the run's, never an actor) waits for the cluster to form
    awaitMembers(size, null).thenComposeAsync(v -> awaitHost(null), nemesis)
        .get(2 * STEP_LIMIT.toSeconds(), TimeUnit.SECONDS);
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
        + "pekko.coordinated-shutdown.run-by-actor-system-terminate = off\n"
        // the blackhole of the partition fault (SetThrottle); only this target's members have it
        + "pekko.remote.artery.advanced.test-mode = on\n")
        .withFallback(Member.storage(state.resolve(name)));
    return Member.start(spec, name, c);
  }

  private static String name(ActorSystem<?> member) {
    return member.settings().config().getString(Member.NAME_SETTING);
  }

  private static Address address(ActorSystem<?> member) {
    return Cluster.get(member).selfMember().address();
  }

  /** Completes once {@code condition} holds (checked every {@value #POLL_MS} ms on the nemesis thread), or fails after {@link #STEP_LIMIT}. */
  private CompletableFuture<Void> until(String what, BooleanSupplier condition) {
    return polling.until(STEP_LIMIT, condition, last -> what + " not within " + STEP_LIMIT);
  }

  /** Completes once {@code via} sees {@code n} members up, none unreachable, and {@code gone} (if any) no longer a member. */
  private CompletableFuture<Void> awaitMembers(int n, Address gone) {
    return until("the cluster settled at " + n + " members", () -> {
      int up = 0;
      boolean goneStill = false;
      for (org.apache.pekko.cluster.Member m : Cluster.get(via).state().getMembers()) {
        if (m.status() == MemberStatus.up()) {
          up++;
        }
        goneStill |= m.address().equals(gone);
      }
      return up == n && !goneStill && Cluster.get(via).state().getUnreachable().isEmpty();
    });
  }

  private CompletionStage<HostEntity.HostInfo> describe(Duration timeout) {
    return ClusterSharding.get(via).entityRefFor(HostEntity.KEY, HOST).ask(HostEntity.Describe::new, timeout);
  }

  /**
   * Completes once the host answers from a member other than {@code notOn} (null: any member). Not
   * by its boot count: a boot whose image write no majority confirmed may boot again with the same count.
   */
  private CompletableFuture<HostEntity.HostInfo> awaitHost(String notOn) {
    return polling.until(STEP_LIMIT, () -> describe(Duration.ofSeconds(3)), info -> !info.member().equals(notOn),
        failure -> true, last -> "host " + HOST + " did not answer within " + STEP_LIMIT
            + (notOn == null ? "" : " from a member other than " + notOn) + ": " + last);
  }

  private ActorSystem<Void> byName(String name) {
    for (ActorSystem<Void> m : alive) {
      if (name(m).equals(name)) {
        return m;
      }
    }
    throw new IllegalStateException("no live member " + name + " (live: " + alive.stream().map(m -> name(m) + "@"
        + address(m)).toList() + "; steps so far: " + stepLog + ")");
  }

  /**
   * Removes {@code member} from the live ones, by identity: typed ActorSystems compare equal by
   * their guardian's path, which is the same ("pekko://chaos/user") on every member.
   */
  private boolean removeMember(ActorSystem<Void> member) {
    feed.detach(member);
    return alive.removeIf(m -> m == member);
  }

  /** What each fault step did, for the message of a step that fails. */
  private final List<String> stepLog = new CopyOnWriteArrayList<>();

  /** The member holding the host; the client moves to another member first. */
  private CompletableFuture<ActorSystem<Void>> hostMember() {
    return awaitHost(null).thenApplyAsync(info -> {
      ActorSystem<Void> victim = byName(info.member());
      if (victim == via) {
        via = alive.stream().filter(m -> m != victim).findFirst().orElseThrow();
        feed.follow();
      }
      victimName = name(victim);
      stepLog.add("host on " + victimName + "@" + address(victim) + " (boot " + info.boots() + "), client via " + name(via));
      return victim;
    }, nemesis);
  }

  @Override
  public CompletionStage<Void> memberFault(String fault, String phase) {
    return steps.then(() -> step(fault, phase),
        cause -> new IllegalStateException(fault + " " + phase + ": " + cause.getMessage(), cause));
  }

  /** One fault step; runs on the nemesis thread. */
  private CompletableFuture<Void> step(String fault, String phase) {
    stepLog.add(fault + "/" + phase);
    switch (fault + "/" + phase) {
      case "kill-member/start" -> {
        return hostMember().thenComposeAsync(victim -> {
          removeMember(victim);
          victim.terminate();
          return victim.getWhenTerminated().toCompletableFuture();
        }, nemesis).thenApply(done -> null);
      }
      case "leave-rejoin/start" -> {
        return hostMember().thenComposeAsync(victim -> {
          left = victimName;
          Cluster.get(victim).manager().tell(Leave.create(address(victim)));
          // a member that left shuts down (coordinated shutdown after its removal)
          return victim.getWhenTerminated().toCompletableFuture().thenApplyAsync(done -> removeMember(victim), nemesis);
        }, nemesis).thenApply(removed -> null);
      }
      case "kill-member/heal", "leave-rejoin/heal" -> {
        String name = "leave-rejoin".equals(fault) && left != null ? left : "m" + (++started);
        left = null;
        return rejoin(name, null);
      }
      case "partition/start" -> {
        return hostMember().thenAcceptAsync(victim -> {
          partitioned = victim;
          for (ActorSystem<Void> other : alive) {
            if (other != victim) {
              throttle(victim, other, ThrottlerTransportAdapter.blackholeThrottleMode());
              throttle(other, victim, ThrottlerTransportAdapter.blackholeThrottleMode());
            }
          }
        }, nemesis);
      }
      case "partition/heal" -> {
        ActorSystem<Void> victim = partitioned;
        partitioned = null;
        if (victim == null) {
          return CompletableFuture.completedFuture(null);
        }
        Address victimAddress = address(victim);
        for (ActorSystem<Void> other : alive) {
          if (other != victim) {
            throttle(victim, other, ThrottlerTransportAdapter.unthrottledThrottleMode());
            throttle(other, victim, ThrottlerTransportAdapter.unthrottledThrottleMode());
          }
        }
        // Either everybody sees everybody again, or the resolver downed the isolated member
        // (before the heal, or at it: a decision may land as the blackholes lift).
        return until("the partition healed", () -> downed(victim) || settled(alive.size()))
            .thenComposeAsync(v -> {
              stepLog.add(name(victim) + (downed(victim) ? " was downed" : " stayed"));
              if (!downed(victim)) {
                return awaitHost(null).thenApply(info -> (Void) null);
              }
              removeMember(victim);
              victim.terminate();
              return rejoin("m" + (++started), victimAddress);
            }, nemesis);
      }
      case "host-reboot/start" -> {
        return ClusterSharding.get(via).entityRefFor(HostEntity.KEY, HOST)
            .<HostEntity.PoweredOff>ask(HostEntity.PowerCycle::new, Duration.ofSeconds(15))
            .thenApplyAsync(off -> (Void) null, nemesis).toCompletableFuture();
      }
      case "host-reboot/heal" -> {
        return awaitHost(null).thenApply(info -> null);
      }
      default -> {
        return CompletableFuture.failedFuture(
            new UnsupportedOperationException(fault + " is not a member fault of this target"));
      }
    }
  }

  /**
   * The host first boots again on a survivor (once the lost member {@code gone} is downed and
   * removed); only then does member {@code name} join: a member joining while another is
   * unreachable waits for convergence, and the shard coordinator's state reads wait with it.
   */
  private CompletableFuture<Void> rejoin(String name, Address gone) {
    String lost = victimName;
    return awaitMembers(alive.size(), gone)
        .thenComposeAsync(v -> awaitHost(lost), nemesis)
        .thenComposeAsync(info -> {
          stepLog.add("host answers on " + info.member() + "; " + name + " joins");
          ActorSystem<Void> fresh = startMember(name);
          Cluster.get(fresh).manager().tell(Join.create(address(via)));
          alive.add(fresh);
          return awaitMembers(alive.size(), null);
        }, nemesis)
        .thenComposeAsync(v -> awaitHost(null), nemesis)
        .thenApply(info -> null);
  }

  /** {@code via} sees {@code n} members up and none unreachable. */
  private boolean settled(int n) {
    long up = 0;
    for (org.apache.pekko.cluster.Member m : Cluster.get(via).state().getMembers()) {
      up += m.status() == MemberStatus.up() ? 1 : 0;
    }
    return up == n && Cluster.get(via).state().getUnreachable().isEmpty();
  }

  /** The member was downed: by itself, or as {@code via} sees it (down, or already removed). */
  private boolean downed(ActorSystem<Void> member) {
    if (member.getWhenTerminated().toCompletableFuture().isDone()) {
      return true;
    }
    MemberStatus self = Cluster.get(member).selfMember().status();
    if (self == MemberStatus.down() || self == MemberStatus.removed() || self == MemberStatus.exiting()) {
      return true;
    }
    Address a = address(member);
    for (org.apache.pekko.cluster.Member m : Cluster.get(via).state().getMembers()) {
      if (m.address().equals(a)) {
        return m.status() == MemberStatus.down() || m.status() == MemberStatus.removed();
      }
    }
    return true; // no longer a member as via sees it
  }

  /** Artery test mode: traffic between {@code from} and {@code to} (both directions, as {@code from} sees it) dropped or passed. */
  private static void throttle(ActorSystem<?> from, ActorSystem<?> to, ThrottlerTransportAdapter.ThrottleMode mode) {
    if (from.getWhenTerminated().toCompletableFuture().isDone()) {
      return; // its transport is gone: nothing to drop or pass
    }
    RARP rarp = (RARP) RARP.get(Adapter.toClassic(from));
    rarp.provider().transport().managementCommand(new ThrottlerTransportAdapter.SetThrottle(address(to),
        ThrottlerTransportAdapter.bothDirection(), mode));
  }

  /** The member the run's client sends from now (tests look at it). */
  ActorSystem<Void> via() {
    return via;
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
    return client.firmwareWrite(name, content).thenAcceptAsync(r -> {
      if (r instanceof dev.fabric.devlink.model.Reply.Err<?> e) {
        throw new IllegalStateException("/lib/firmware/" + name + ": " + e);
      }
    }, client.executor());
  }

  /** Members alive now (tests look at them). */
  List<ActorSystem<Void>> members() {
    return List.copyOf(alive);
  }

  @Override
  public void close() {
    nemesis.shutdownNow();
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
