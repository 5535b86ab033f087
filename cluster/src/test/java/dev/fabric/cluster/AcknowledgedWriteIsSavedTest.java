package dev.fabric.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fabric.devlink.model.HostInventory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.cluster.ddata.LWWRegister;
import org.apache.pekko.cluster.ddata.LWWRegisterKey;
import org.apache.pekko.cluster.ddata.typed.javadsl.DistributedData;
import org.apache.pekko.cluster.ddata.typed.javadsl.Replicator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What a power cycle keeps is saved before it is acknowledged: the moment a new_device or
 * del_device (a bus write, or a line of a script) is answered, a majority read of the host's image
 * from another member already shows the change. A member that dies right after the answer
 * therefore cannot take an acknowledged card with it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AcknowledgedWriteIsSavedTest {
  private LocalCluster cluster;

  @BeforeAll
  void start() throws Exception {
    FabricSpec spec = new FabricSpec("saved", List.of(new FabricSpec.Member("m1", "127.0.0.1", 0, null, 0)), null,
        List.of(new FabricSpec.HostSpec("h1", List.of(new FabricSpec.Device("netdevsim", 1, 1, 1)), "instant")),
        null).validated();
    cluster = new LocalCluster(spec, 3, "");
  }

  @AfterAll
  void stop() {
    cluster.close();
  }

  private int hostIndex() throws Exception {
    HostEntity.HostInfo info = cluster.ask(0, "h1", HostEntity.Describe::new, Duration.ofSeconds(20));
    for (int i = 0; i < cluster.members.size(); i++) {
      if (cluster.members.get(i).settings().config().getString(Member.NAME_SETTING).equals(info.member())) {
        return i;
      }
    }
    throw new AssertionError("no member " + info.member());
  }

  /** The card ids of the host's image, read by a majority from member {@code via}. */
  private List<Integer> savedIds(int via) throws Exception {
    ActorSystem<Void> system = cluster.members.get(via);
    var key = LWWRegisterKey.<HostImage>create("host-h1");
    Replicator.GetResponse<LWWRegister<HostImage>> r = AskPattern.<Replicator.Command,
        Replicator.GetResponse<LWWRegister<HostImage>>>ask(DistributedData.get(system).replicator(),
        reply -> new Replicator.Get<>(key, new Replicator.ReadMajority(Duration.ofSeconds(5)), reply),
        Duration.ofSeconds(10), system.scheduler()).toCompletableFuture().get(15, TimeUnit.SECONDS);
    assertTrue(r instanceof Replicator.GetSuccess, "majority read: " + r);
    HostImage image = ((Replicator.GetSuccess<LWWRegister<HostImage>>) r).get(key).getValue();
    return image.inventory().cards().stream().map(HostInventory.Card::id).toList();
  }

  private HostEntity.ActionReply bus(int via, HostEntity.ActionKind kind, String value) throws Exception {
    return cluster.ask(via, "h1", r -> new HostEntity.Action(kind, null, null, value, null, r), Duration.ofSeconds(20));
  }

  @Test
  void everyAcknowledgedBusWriteIsInAMajorityReadAtOnce() throws Exception {
    int other = (hostIndex() + 1) % 3;
    for (int round = 0; round < 10; round++) {
      int id = 10 + round;
      assertTrue(bus(other, HostEntity.ActionKind.NEW_DEVICE, id + " 1").ok());
      assertTrue(savedIds(other).contains(id), "new_device " + id + " acknowledged, not saved: " + savedIds(other));
      assertTrue(bus(other, HostEntity.ActionKind.DEL_DEVICE, String.valueOf(id)).ok());
      assertTrue(!savedIds(other).contains(id), "del_device " + id + " acknowledged, not saved");
    }
  }

  @Test
  void aScriptIsAnsweredOnceWhatItPluggedInIsSaved() throws Exception {
    int other = (hostIndex() + 2) % 3;
    HostEntity.ExecResult r = cluster.ask(other, "h1",
        x -> new HostEntity.Exec("echo \"42 2\" > /sys/bus/netdevsim/new_device\n", false, x), Duration.ofSeconds(20));
    assertEquals(0, r.status(), r.stderr());
    assertTrue(savedIds(other).contains(42), "a card the script plugged in was not saved: " + savedIds(other));
  }
}
