package dev.fabric.devlink.actor;

import dev.fabric.devlink.model.Caller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fabric.devices.LatencyProfile;
import dev.fabric.devlink.model.DevHandle;
import dev.fabric.devlink.model.DevOp;
import dev.fabric.devlink.model.Notification;
import dev.fabric.devlink.model.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Monitors in the namespace a reload leaves and in the one it enters each see their part only
 * (devlink_reload: notifications go to devlink_net(devlink), which changes between reload_down
 * and reload_up), into a namespace and back with netns 1.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NetnsReloadNotificationsTest {
  private final ActorTestKit kit = ActorTestKit.create();

  @AfterAll
  void shutdown() {
    kit.shutdownTestKit();
  }

  private static String line(Notification n) {
    return n.netns() + " " + n.kind().label + "," + n.cmd().label;
  }

  /** Everything up to (and including) the instance message {@code last}, then nothing more. */
  private List<String> until(TestProbe<Notification> mon, String last, int nth) {
    List<String> seen = new ArrayList<>();
    int[] count = {0};
    mon.fishForMessage(Duration.ofSeconds(5), n -> {
      seen.add(line(n));
      return line(n).equals(last) && ++count[0] == nth ? FishingOutcomes.complete() : FishingOutcomes.continueAndIgnore();
    });
    mon.expectNoMessage(Duration.ofMillis(200));
    return seen;
  }

  @Test
  void eachNamespaceSeesItsPart() {
    ActorRef<NetStack.Command> ns = kit.spawn(NetStack.create());
    ActorRef<MonitorHub.Command> hub = kit.spawn(MonitorHub.create());
    ActorRef<Registry.Command> reg = kit.spawn(Registry.create(ns, hub, LatencyProfile.INSTANT));
    TestProbe<Reply<?>> r = kit.createTestProbe();
    reg.tell(new Registry.NetnsAdd("ns1", r.getRef()));
    assertEquals(Reply.ok(), r.receiveMessage());
    reg.tell(new Registry.NewDevice("11 1", "init", r.getRef()));
    assertEquals(Reply.ok(), r.receiveMessage());
    TestProbe<Notification> init = kit.createTestProbe();
    TestProbe<Notification> ns1 = kit.createTestProbe();
    hub.tell(new MonitorHub.Subscribe(java.util.Optional.ofNullable("init"), NoteProbes.notes(kit, init)));
    hub.tell(new MonitorHub.Subscribe(java.util.Optional.ofNullable("ns1"), NoteProbes.notes(kit, ns1)));
    DevHandle dev = DevHandle.netdevsim(11);

    reg.tell(new Registry.Route(Caller.of("init"), dev, DevOp.Reload.of(null, null, "ns1"), r.getRef()));
    assertTrue(r.receiveMessage(Duration.ofSeconds(5)).isOk());
    List<String> left = until(init, "init region,del", 1);
    assertEquals(List.of("init param,del", "init param,del", "init dev,del"), left.subList(0, 3));
    assertTrue(left.contains("init port,del"), left.toString());
    List<String> entered = until(ns1, "ns1 dev,new", 2);
    assertTrue(entered.indexOf("ns1 port,new") < entered.indexOf("ns1 dev,new"), entered.toString());
    assertEquals(List.of("ns1 dev,new", "ns1 param,new", "ns1 param,new", "ns1 dev,new"),
        entered.subList(entered.size() - 4, entered.size()));

    // and back to the initial namespace by pid 1, asked from inside ns1
    reg.tell(new Registry.Route(Caller.of("ns1"), dev, DevOp.Reload.of(null, null, "1"), r.getRef()));
    assertTrue(r.receiveMessage(Duration.ofSeconds(5)).isOk());
    List<String> leftNs1 = until(ns1, "ns1 region,del", 1);
    assertEquals(List.of("ns1 param,del", "ns1 param,del", "ns1 dev,del"), leftNs1.subList(0, 3));
    List<String> back = until(init, "init dev,new", 2);
    assertEquals(List.of("init dev,new", "init param,new", "init param,new", "init dev,new"),
        back.subList(back.size() - 4, back.size()));
  }
}
