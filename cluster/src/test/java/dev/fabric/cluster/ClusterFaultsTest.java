package dev.fabric.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fabric.devlink.model.Reply;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.typed.Cluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The cluster target's host-reboot and partition faults, each shown to do what it says against a
 * three-member in-JVM cluster (one for the class): a reboot resets the host's runtime state and
 * keeps its cards; a partition really drops the requests that cross it, marks the isolated member
 * unreachable when it outlasts failure detection and gets it downed when it outlasts the
 * split-brain resolver; each heal leaves three members up and the host answering.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterFaultsTest {
  private static final long WAIT_S = 120;
  private ClusterChaosTarget target;

  @BeforeAll
  void start() {
    target = ClusterChaosTarget.start(3);
  }

  @AfterAll
  void stop() {
    target.close();
  }

  private static <T> T await(CompletionStage<T> stage) throws Exception {
    return stage.toCompletableFuture().get(WAIT_S, TimeUnit.SECONDS);
  }

  private CompletionStage<HostEntity.HostInfo> describe(ActorSystem<?> from, Duration timeout) {
    return ClusterSharding.get(from).entityRefFor(HostEntity.KEY, ClusterChaosTarget.HOST)
        .ask(HostEntity.Describe::new, timeout);
  }

  private ActorSystem<Void> member(String name) {
    return target.members().stream()
        .filter(m -> m.settings().config().getString(Member.NAME_SETTING).equals(name)).findFirst().orElseThrow();
  }

  private List<String> memberNames() {
    return target.members().stream().map(m -> m.settings().config().getString(Member.NAME_SETTING)).toList();
  }

  /** Checks {@code condition} (a cluster-state read) until it holds (a probe's awaitAssert); fails after {@code limit}. */
  private void eventually(String what, Duration limit, java.util.function.BooleanSupplier condition) {
    org.apache.pekko.actor.testkit.typed.javadsl.TestProbe.create(target.via()).awaitAssert(limit,
        Duration.ofMillis(100), () -> {
          assertTrue(condition.getAsBoolean(), what);
          return null;
        });
  }

  private static boolean isMember(ActorSystem<?> seenBy, Address a) {
    for (org.apache.pekko.cluster.Member m : Cluster.get(seenBy).state().getMembers()) {
      if (m.address().equals(a)) {
        return true;
      }
    }
    return false;
  }

  @Test
  @Order(1)
  void aHostRebootResetsRuntimeStateKeepsTheCardsAndNoMemberIsLost() throws Exception {
    var client = target.client(ClusterChaosTarget.HOST);
    assertEquals(Reply.ok(), await(client.newDevice("7 2", "init")));
    assertEquals(Reply.ok(), await(client.netnsAdd("before-reboot")));
    HostEntity.HostInfo before = await(describe(target.via(), Duration.ofSeconds(10)));
    assertTrue(await(client.netnsList()).contains("before-reboot"));

    await(target.memberFault("host-reboot", "start"));
    await(target.memberFault("host-reboot", "heal"));

    HostEntity.HostInfo after = await(describe(target.via(), Duration.ofSeconds(10)));
    assertEquals(before.member(), after.member(), "a power cycle where the host runs: no member moved");
    assertEquals(before.boots() + 1, after.boots(), "the host booted once more");
    assertFalse(await(client.netnsList()).contains("before-reboot"), "namespaces are runtime state");
    assertTrue(await(client.deviceIds()).contains(7), "the card plugged in before the reboot is still there");
    assertEquals(3, target.members().size());
  }

  @Test
  @Order(2)
  void aShortPartitionDropsTheRequestsThatCrossItAndHealsWithoutDowningAnyone() throws Exception {
    HostEntity.HostInfo before = await(describe(target.via(), Duration.ofSeconds(10)));
    List<String> names = memberNames();
    await(target.memberFault("partition", "start"));
    ActorSystem<Void> via = target.via();
    assertNotEquals(before.member(), via.settings().config().getString(Member.NAME_SETTING),
        "the client sends from the majority side");
    // The request crosses the partition and is dropped: no answer (a timeout), not an error reply.
    ExecutionException lost = assertThrows(ExecutionException.class,
        () -> describe(via, Duration.ofMillis(1_500)).toCompletableFuture().get(WAIT_S, TimeUnit.SECONDS));
    assertTrue(lost.getCause() instanceof java.util.concurrent.TimeoutException, String.valueOf(lost.getCause()));
    // The isolated member's own side can still reach the host it holds.
    HostEntity.HostInfo inside = await(describe(member(before.member()), Duration.ofSeconds(10)));
    assertEquals(before.member(), inside.member());

    await(target.memberFault("partition", "heal"));
    HostEntity.HostInfo after = await(describe(target.via(), Duration.ofSeconds(10)));
    assertEquals(before.member(), after.member(), "too short to be noticed: the host did not move");
    assertEquals(before.boots(), after.boots());
    assertEquals(names, memberNames(), "nobody was downed");
  }

  @Test
  @Order(3)
  void aLongPartitionGetsTheIsolatedMemberDownedAndTheHealBringsAFreshMemberIn() throws Exception {
    HostEntity.HostInfo before = await(describe(target.via(), Duration.ofSeconds(10)));
    ActorSystem<Void> isolated = member(before.member());
    Address isolatedAddress = Cluster.get(isolated).selfMember().address();
    await(target.memberFault("partition", "start"));
    ActorSystem<Void> via = target.via();
    // Outlasting failure detection: unreachable, then downed by the split-brain resolver (the
    // isolated member is the minority and shuts down; the majority removes it).
    eventually("the majority sees the isolated member unreachable", Duration.ofSeconds(30),
        () -> Cluster.get(via).state().getUnreachable().stream().anyMatch(m -> m.address().equals(isolatedAddress))
            || !isMember(via, isolatedAddress));
    eventually("the isolated member was downed and stopped", Duration.ofSeconds(60),
        () -> isolated.getWhenTerminated().toCompletableFuture().isDone());

    await(target.memberFault("partition", "heal"));
    List<String> names = memberNames();
    assertEquals(3, names.size(), String.valueOf(names));
    assertFalse(names.contains(before.member()), "the downed member was replaced by a fresh one: " + names);
    HostEntity.HostInfo after = await(describe(target.via(), Duration.ofSeconds(10)));
    assertNotEquals(before.member(), after.member(), "the host booted again on the majority side");
    // new_device was acknowledged once a majority saved the image: the majority side has it
    assertTrue(await(target.client(ClusterChaosTarget.HOST).deviceIds()).contains(7),
        "the card plugged in (and acknowledged) earlier came back from the image");
  }
}
