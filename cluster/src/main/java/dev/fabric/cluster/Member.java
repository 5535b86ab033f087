package dev.fabric.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.ShardingEnvelope;
import org.apache.pekko.cluster.sharding.typed.ShardingMessageExtractor;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.SelfUp;
import org.apache.pekko.cluster.typed.Subscribe;

/**
 * One fabric member: a Pekko Cluster node running the host shard region and the HTTP API. As a
 * process: {@code Member --config FILE|- --member NAME [--state DIR]} (what {@code fabric up}
 * starts); in tests, {@link #start(FabricSpec, String, Config)} in-process.
 */
public final class Member {
  private Member() {}

  /** The member's name, as the fabric file names it (read back by the API and the host entities). */
  public static final String NAME_SETTING = "fabric-cluster.member-name";

  /**
   * How many members' regions a fresh fabric waits for before its first host is placed
   * ({@link HostPlacement}). Not Pekko's min-nr-of-members: the shard coordinator ignores every
   * GetShardHome while fewer regions than that are alive, and after a member loss a coordinator
   * that moved to another member would never see that many.
   */
  public static final String EXPECTED_SETTING = "fabric-cluster.expected-members";

  public static void main(String[] args) throws IOException {
    String config = null;
    String member = null;
    String state = null;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--config" -> config = args[i + 1];
        case "--member" -> member = args[i + 1];
        case "--state" -> state = args[i + 1];
        default -> {
          System.err.println("fabric member: unknown option " + args[i]);
          System.exit(2);
        }
      }
    }
    if (member == null) {
      System.err.println("usage: Member [--config FILE] --member NAME [--state DIR]");
      System.exit(2);
    }
    org.slf4j.LoggerFactory.getILoggerFactory();
    FabricSpec spec = config == null ? FabricSpec.defaults() : FabricSpec.load(Path.of(config));
    Path dir = state != null ? Path.of(state) : Files.createTempDirectory("fabric-" + member + "-");
    boolean temporary = state == null;
    Config process = ConfigFactory.parseString("""
        pekko.coordinated-shutdown.exit-jvm = on
        pekko.coordinated-shutdown.run-by-jvm-shutdown-hook = on
        """);
    ActorSystem<Void> system = start(spec, member, processConfig(spec, member, dir).withFallback(process));
    if (temporary) {
      system.getWhenTerminated().thenRun(() -> deleteTree(dir));
    }
  }

  /**
   * The settings of member {@code name} of {@code spec} as a separate process: its Artery address,
   * the seed nodes, how many members must join before hosts start, the storage directories under
   * {@code stateDir}, TLS when the file asks for it.
   */
  public static Config processConfig(FabricSpec spec, String name, Path stateDir) {
    FabricSpec.Member m = spec.member(name);
    Path mine = stateDir.resolve(name);
    List<String> seeds = spec.seeds().stream()
        .map(s -> "pekko://" + spec.name() + "@" + FabricSpec.hostForUrl(spec.member(s).host()) + ":"
            + spec.member(s).port()).toList();
    Config c = ConfigFactory.empty()
        .withValue("pekko.remote.artery.canonical.hostname", ConfigValueFactory.fromAnyRef(m.host()))
        .withValue("pekko.remote.artery.canonical.port", ConfigValueFactory.fromAnyRef(m.port()))
        .withValue("pekko.cluster.seed-nodes", ConfigValueFactory.fromIterable(seeds))
        // Hosts are placed once every member of the file has joined (an even spread from the start).
        .withValue(EXPECTED_SETTING, ConfigValueFactory.fromAnyRef(spec.members().size()))
        .withValue("fabric-cluster.api.host", ConfigValueFactory.fromAnyRef(m.apiHost()))
        .withValue("fabric-cluster.api.port", ConfigValueFactory.fromAnyRef(m.apiPort()));
    c = c.withFallback(storage(mine));
    if (spec.secured()) {
      c = Security.arteryTls(spec).withFallback(c);
    }
    return c;
  }

  /** Durable Distributed Data (host images, remembered hosts) under {@code dir}. */
  public static Config storage(Path dir) {
    return ConfigFactory.empty()
        .withValue("pekko.cluster.distributed-data.durable.lmdb.dir",
            ConfigValueFactory.fromAnyRef(dir.resolve("hosts").toAbsolutePath().toString()))
        .withValue("pekko.cluster.sharding.distributed-data.durable.lmdb.dir",
            ConfigValueFactory.fromAnyRef(dir.resolve("sharding").toAbsolutePath().toString()));
  }

  /**
   * The cluster module's settings (fabric-cluster.conf) over everything's reference.conf. Not a
   * reference.conf of its own: merged reference.conf files (a shaded jar) could let Pekko's
   * defaults (provider local, hostname of the machine) win over ours.
   */
  public static Config baseConfig() {
    return ConfigFactory.defaultOverrides()
        .withFallback(ConfigFactory.parseResources(Member.class.getClassLoader(), "fabric-cluster.conf"))
        .withFallback(ConfigFactory.load())
        .resolve();
  }

  /** Starts member {@code name}: {@code overrides} first, then {@link #baseConfig()}. */
  public static ActorSystem<Void> start(FabricSpec spec, String name, Config overrides) {
    Config config = overrides
        .withValue(NAME_SETTING, ConfigValueFactory.fromAnyRef(name))
        .withValue("pekko.cluster.roles", ConfigValueFactory.fromIterable(List.of("member-" + name)))
        .withFallback(baseConfig());
    return ActorSystem.create(guardian(spec, name), spec.name(), config);
  }

  private static Behavior<Void> guardian(FabricSpec spec, String name) {
    return Behaviors.<Object>setup(ctx -> {
      ActorSystem<?> system = ctx.getSystem();
      initSharding(system, spec, name);
      Api.start(system, spec);
      Cluster.get(system).subscriptions().tell(Subscribe.create(ctx.getSelf().narrow(), SelfUp.class));
      return Behaviors.receive(Object.class)
          .onMessage(SelfUp.class, up -> {
            // Every member wakes every host of the file: sharding starts each once, wherever its
            // coordinator places it (remember-entities restarts them after a member loss). The
            // coordinator holds the first placement until every member of the file registered
            // (HostPlacement), so waking at once costs no spread.
            ClusterSharding sharding = ClusterSharding.get(system);
            for (FabricSpec.HostSpec h : spec.hosts()) {
              sharding.entityRefFor(HostEntity.KEY, h.name()).tell(new HostEntity.Wake());
            }
            return Behaviors.same();
          })
          .build();
    }).narrow();
  }

  static void initSharding(ActorSystem<?> system, FabricSpec spec, String memberName) {
    // Every member's replicator must run from the start, also on a member holding no host yet:
    // the extension starts it on first use, and a member without one never acknowledges a
    // majority read or write of a host's image (with one host on three members, none succeeds).
    org.apache.pekko.cluster.ddata.typed.javadsl.DistributedData.get(system);
    ClusterSharding.get(system).init(Entity.of(HostEntity.KEY, ec -> HostEntity.create(ec.getEntityId(),
            spec.host(ec.getEntityId()).orElseGet(() -> new FabricSpec.HostSpec(ec.getEntityId(), List.of(),
                "netdevsim")), memberName))
        .withMessageExtractor(new OneShardPerHost())
        // Least-shard placement, held until every member can take its share (HostPlacement).
        .withAllocationStrategy(new HostPlacement(system.settings().config().getInt(EXPECTED_SETTING))));
  }

  /** Each host is its own shard: the allocation strategy then spreads hosts, not hash buckets. */
  static final class OneShardPerHost extends ShardingMessageExtractor<ShardingEnvelope<HostEntity.Command>,
      HostEntity.Command> {
    @Override
    public String entityId(ShardingEnvelope<HostEntity.Command> envelope) {
      return envelope.entityId();
    }

    @Override
    public String shardId(String entityId) {
      return entityId;
    }

    @Override
    public HostEntity.Command unwrapMessage(ShardingEnvelope<HostEntity.Command> envelope) {
      return envelope.message();
    }
  }

  public static void deleteTree(Path dir) {
    try (var walk = Files.walk(dir)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort: a temporary directory
    }
  }

}
