package dev.fabric.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A member dies without leaving (its actor system stops as a killed process would: no cluster
 * leave, no handoff): the split-brain resolver downs it, its hosts start again on the survivors
 * from their image in Distributed Data — the cards (including one plugged in at run time) and
 * their NVM are back, runtime state is reset — and a request in flight ends in an answer or an
 * error, never a hang.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FailoverTest {
  private LocalCluster cluster;

  @BeforeAll
  void start() throws Exception {
    List<FabricSpec.HostSpec> hosts = new java.util.ArrayList<>();
    for (int i = 1; i <= 4; i++) {
      hosts.add(new FabricSpec.HostSpec("h" + i, List.of(new FabricSpec.Device("netdevsim", 1, 2, 1)), "instant"));
    }
    FabricSpec spec = new FabricSpec("failover", List.of(new FabricSpec.Member("m1", "127.0.0.1", 0, null, 0)),
        null, hosts, null).validated();
    // Terminating a member's actor system then does not leave the cluster: a crash as the others see it.
    cluster = new LocalCluster(spec, 3, "pekko.coordinated-shutdown.run-by-actor-system-terminate = off\n"
        + System.getProperty("failover.extra", ""));
  }

  @AfterAll
  void stop() {
    cluster.close();
  }

  private HostEntity.ExecResult run(int via, String host, String script) throws Exception {
    return cluster.ask(via, host, r -> new HostEntity.Exec(script, false, r), Duration.ofSeconds(20));
  }

  /** The index of the oldest member: it runs the shard coordinator (a cluster singleton). */
  private int oldest() {
    org.apache.pekko.cluster.Member oldest = null;
    for (org.apache.pekko.cluster.Member m : org.apache.pekko.cluster.typed.Cluster.get(cluster.members.get(0)).state()
        .getMembers()) {
      if (oldest == null || m.isOlderThan(oldest)) {
        oldest = m;
      }
    }
    for (int i = 0; i < cluster.members.size(); i++) {
      if (org.apache.pekko.cluster.typed.Cluster.get(cluster.members.get(i)).selfMember().address()
          .equals(oldest.address())) {
        return i;
      }
    }
    throw new AssertionError("no oldest member");
  }

  @Test
  void theHostsOfACrashedMemberComeBackOnTheSurvivorsWithTheirCardsAndFreshRuntimeState() throws Exception {
    // The member that dies is the oldest: its hosts move AND the shard coordinator moves with it.
    int victimIndex = oldest();
    int via = (victimIndex + 1) % cluster.members.size();
    String victim = "m" + (victimIndex + 1);
    String host = null;
    for (int i = 1; i <= 4 && host == null; i++) {
      HostEntity.HostInfo info = cluster.ask(via, "h" + i, HostEntity.Describe::new, Duration.ofSeconds(30));
      if (info.member().equals(victim)) {
        host = info.host();
      }
    }
    assertTrue(host != null, "no host on the oldest member " + victim);
    String h = host;
    HostEntity.ExecResult setup = run(via, h, """
        echo "7 3" > /sys/bus/netdevsim/new_device
        devlink dev eswitch set netdevsim/netdevsim1 mode switchdev
        echo 5 > /sys/bus/netdevsim/devices/netdevsim1/new_port
        ip netns add blue
        devlink dev eswitch show netdevsim/netdevsim1
        devlink port show netdevsim/netdevsim1/5
        """);
    assertEquals(0, setup.status(), setup.stderr());
    assertTrue(setup.stdout().contains("mode switchdev"), setup.stdout());
    // The image is written when the inventory changes: wait until the host reports both cards.
    awaitCards(via, h, 2);
    // NVM: what a flash would have stored (netdevsim's own flash writes back the version it ships
    // with, so a newer image is planted in the host's image the way the entity writes it) must be
    // what the card boots with on the survivor.
    plantNvm(via, h, "99.98.97");

    // A request in flight when the member dies: a script that is still sleeping.
    CompletableFuture<HostEntity.ExecResult> inFlight = cluster.sharding(via).entityRefFor(HostEntity.KEY, h)
        .<HostEntity.ExecResult>ask(r -> new HostEntity.Exec("sleep 1\ndevlink dev show\n", false, r),
            Duration.ofSeconds(8)).toCompletableFuture();
    Thread.sleep(200);
    ActorSystem<Void> dead = cluster.members.get(victimIndex);
    long crashed = System.nanoTime();
    dead.terminate();

    // Answered or failed within its deadline, never left hanging.
    try {
      HostEntity.ExecResult r = inFlight.get(15, TimeUnit.SECONDS);
      assertTrue(r.stdout().contains("netdevsim") || !r.stderr().isEmpty(), r.toString());
    } catch (java.util.concurrent.ExecutionException e) {
      assertTrue(e.getCause() instanceof java.util.concurrent.TimeoutException, e.toString());
    }

    HostEntity.HostInfo back = null;
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < end) {
      try {
        back = cluster.ask(via, h, HostEntity.Describe::new, Duration.ofSeconds(3));
        if (back.boots() >= 2) {
          break;
        }
      } catch (Exception e) {
        // not yet back
      }
    }
    assertTrue(back != null && back.boots() >= 2, "the host did not start again: " + back);
    System.out.printf("failover: %s back on %s after %.1f s%n", h, back.member(),
        (System.nanoTime() - crashed) / 1e9);
    assertNotEquals(victim, back.member());

    HostEntity.ExecResult after = run(via, h, """
        devlink dev show
        devlink dev eswitch show netdevsim/netdevsim1
        devlink port show
        ip netns list
        devlink port show netdevsim/netdevsim1/5
        """);
    // Both cards probed again (the one plugged in at run time too), with their port counts.
    assertTrue(after.stdout().startsWith("netdevsim/netdevsim1\nnetdevsim/netdevsim7\n"), after.stdout());
    assertEquals(3, after.stdout().lines().filter(l -> l.startsWith("netdevsim/netdevsim7/")).count(),
        after.stdout());
    // NVM kept: the card booted from the stored firmware version of its image.
    HostEntity.ExecResult info = run(via, h, "devlink dev info netdevsim/netdevsim1\n");
    assertTrue(info.stdout().matches("(?s).*stored:\\s+fw\\.mgmt 99\\.98\\.97\n.*"), info.stdout());
    // Runtime state reset: eswitch mode, the namespace, the port added with new_port.
    assertTrue(after.stdout().contains("netdevsim/netdevsim1: mode legacy"), after.stdout());
    assertTrue(!after.stdout().contains("blue"), after.stdout());
    assertTrue(after.stderr().contains("No such device"), after.stderr());
    assertTrue(!after.stdout().contains("netdevsim/netdevsim1/5:"), after.stdout());
  }

  /** Writes the host's image with netdevsim1's stored firmware set to {@code version} (a majority write). */
  private void plantNvm(int via, String host, String version) throws Exception {
    HostEntity.HostInfo info = cluster.ask(via, host, HostEntity.Describe::new, Duration.ofSeconds(5));
    List<dev.fabric.devlink.model.HostInventory.Card> cards = new java.util.ArrayList<>();
    for (var c : info.cards()) {
      cards.add(c.id() != 1 ? c : new dev.fabric.devlink.model.HostInventory.Card(c.bus(), c.id(), c.portCount(),
          c.numQueues(), c.nvm().withFirmware(java.util.Map.of("fw.mgmt", version))));
    }
    HostImage image = new HostImage(new dev.fabric.devlink.model.HostInventory(cards), info.boots());
    var system = cluster.members.get(via);
    var self = org.apache.pekko.cluster.ddata.typed.javadsl.DistributedData.get(system).selfUniqueAddress();
    org.apache.pekko.cluster.ddata.Key<org.apache.pekko.cluster.ddata.LWWRegister<HostImage>> key =
        org.apache.pekko.cluster.ddata.LWWRegisterKey.create("host-" + host);
    Object r = org.apache.pekko.actor.typed.javadsl.AskPattern.<
        org.apache.pekko.cluster.ddata.typed.javadsl.Replicator.Command,
        org.apache.pekko.cluster.ddata.typed.javadsl.Replicator.UpdateResponse<
            org.apache.pekko.cluster.ddata.LWWRegister<HostImage>>>ask(
        org.apache.pekko.cluster.ddata.typed.javadsl.DistributedData.get(system).replicator(),
        reply -> new org.apache.pekko.cluster.ddata.typed.javadsl.Replicator.Update<>(key,
            org.apache.pekko.cluster.ddata.LWWRegister.create(self, image),
            new org.apache.pekko.cluster.ddata.typed.javadsl.Replicator.WriteMajority(Duration.ofSeconds(5)), reply,
            cur -> cur.withValue(self, image)),
        Duration.ofSeconds(10), system.scheduler()).toCompletableFuture().get(15, TimeUnit.SECONDS);
    assertTrue(r instanceof org.apache.pekko.cluster.ddata.typed.javadsl.Replicator.UpdateSuccess, r.toString());
  }

  private void awaitCards(int via, String host, int cards) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < end) {
      HostEntity.HostInfo info = cluster.ask(via, host, HostEntity.Describe::new, Duration.ofSeconds(5));
      if (info.cards().size() == cards && info.saved()) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("the image never had " + cards + " cards");
  }
}
