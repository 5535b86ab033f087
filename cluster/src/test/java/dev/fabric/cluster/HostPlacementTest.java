package dev.fabric.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Where hosts land: a fabric of three members and six hosts whose second member comes late (hosts
 * are woken and asked for before it exists) still spreads 2/2/2; after that member dies, its hosts
 * go to the two others (3/3), and once it is back it takes the hosts of the next member that dies.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostPlacementTest {
  private static final Duration LIMIT = Duration.ofSeconds(60);
  private FabricSpec spec;
  private Path state;
  private final Map<String, ActorSystem<Void>> members = new TreeMap<>();

  @BeforeAll
  void spec() throws Exception {
    List<FabricSpec.HostSpec> hosts = new ArrayList<>();
    for (int i = 1; i <= 6; i++) {
      hosts.add(new FabricSpec.HostSpec("h" + i, List.of(new FabricSpec.Device("netdevsim", 1, 1, 1)), "instant"));
    }
    spec = new FabricSpec("placement", List.of(new FabricSpec.Member("m1", "127.0.0.1", 0, null, 0)), null, hosts,
        null).validated();
    state = Files.createTempDirectory("fabric-placement-test");
  }

  @AfterAll
  void stop() {
    members.values().forEach(ActorSystem::terminate);
    for (ActorSystem<Void> m : members.values()) {
      try {
        m.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        // reported by the test that needed it
      }
    }
    Member.deleteTree(state);
  }

  /** A member of a three-member fabric; stopping its actor system is a crash as the others see it. */
  private ActorSystem<Void> start(String name, String incarnation) {
    ActorSystem<Void> m = Member.start(spec, name, ConfigFactory.parseString(Member.EXPECTED_SETTING + " = 3\n"
            + "fabric-cluster.ask-timeout = 8s\n"
            + "pekko.coordinated-shutdown.run-by-actor-system-terminate = off\n")
        .withFallback(Member.storage(state.resolve(name + incarnation))));
    members.put(name, m);
    Address seed = Cluster.get(members.values().iterator().next()).selfMember().address();
    Cluster.get(m).manager().tell(Join.create(seed));
    return m;
  }

  private static int up(ActorSystem<?> view) {
    int n = 0;
    for (org.apache.pekko.cluster.Member m : Cluster.get(view).state().getMembers()) {
      n += m.status() == MemberStatus.up() ? 1 : 0;
    }
    return n;
  }

  /** Member name → how many of the six hosts it runs, as the hosts themselves report. */
  /** Waits until the hosts run {@code expected} (hosts per member), as {@code via} sees them. */
  private void awaitSpread(Map<String, Integer> expected, ActorSystem<Void> via) {
    TestProbe.create(via).awaitAssert(LIMIT, () -> {
      try {
        assertEquals(expected, spread(via));
      } catch (Exception e) {
        throw new AssertionError(e);
      }
      return null;
    });
  }

  private Map<String, Integer> spread(ActorSystem<Void> via) throws Exception {
    Map<String, Integer> out = new TreeMap<>();
    for (String m : members.keySet()) {
      out.put(m, 0);
    }
    for (int i = 1; i <= 6; i++) {
      HostEntity.HostInfo info = ClusterSharding.get(via).entityRefFor(HostEntity.KEY, "h" + i)
          .<HostEntity.HostInfo>ask(HostEntity.Describe::new, Duration.ofSeconds(5))
          .toCompletableFuture().get(7, TimeUnit.SECONDS);
      out.merge(info.member(), 1, Integer::sum);
    }
    return out;
  }

  @Test
  void aLateMemberGetsItsShareAndAReturnedMemberTakesTheNextMovedHosts() throws Exception {
    ActorSystem<Void> m1 = start("m1", "");
    ActorSystem<Void> m3 = start("m3", "");
    TestProbe<Object> probe = TestProbe.create(m1);
    probe.awaitAssert(LIMIT, () -> {
      assertEquals(2, up(m1));
      assertEquals(2, up(m3));
      return null;
    });
    // Both woke every host at Up, and a request for a host arrives: without the hold, the
    // coordinator places them on m1 and m3 now and m2 never gets one (rebalancing is off).
    TestProbe<HostEntity.HostInfo> describe = TestProbe.create(m1);
    ClusterSharding.get(m1).entityRefFor(HostEntity.KEY, "h1").tell(new HostEntity.Describe(describe.ref()));
    describe.expectNoMessage(Duration.ofSeconds(3));

    start("m2", "");
    HostEntity.HostInfo h1 = describe.expectMessageClass(HostEntity.HostInfo.class, LIMIT);
    assertEquals("h1", h1.host());
    awaitSpread(Map.of("m1", 2, "m2", 2, "m3", 2), m1);

    // m2 dies: its two hosts start again on m1 and m3, one each (the fewest hosts first).
    crash("m2");
    awaitSpread(Map.of("m1", 3, "m3", 3), m1);
    // m2 comes back (a new process): running hosts stay where they are (a move is a reboot), but
    // the next hosts to place go to it: m3 dies and its three hosts all start on m2.
    ActorSystem<Void> m2 = start("m2", "-again");
    probe.awaitAssert(LIMIT, () -> {
      assertEquals(3, up(m1));
      assertEquals(3, up(m2));
      return null;
    });
    crash("m3");
    awaitSpread(Map.of("m1", 3, "m2", 3), m1);
  }

  private void crash(String name) throws Exception {
    ActorSystem<Void> victim = members.remove(name);
    victim.terminate();
    victim.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @Test
  void theHoldRules() {
    Address a = new Address("pekko", "f", "127.0.0.1", 1);
    Address b = new Address("pekko", "f", "127.0.0.1", 2);
    Address c = new Address("pekko", "f", "127.0.0.1", 3);
    // A fresh fabric waits for the file's members, an Up member's region must have registered.
    assertFalse(HostPlacement.mayPlace(Set.of(a, b), List.of(a, b), false, 3));
    assertFalse(HostPlacement.mayPlace(Set.of(a, b), List.of(a, b, c), true, 3));
    assertFalse(HostPlacement.mayPlace(Set.of(), List.of(), true, 1));
    assertTrue(HostPlacement.mayPlace(Set.of(a, b, c), List.of(a, b, c), false, 3));
    // Past the first placement (or a remembered host), a member loss does not stop placement.
    assertTrue(HostPlacement.mayPlace(Set.of(a, b), List.of(a, b), true, 3));
  }
}
