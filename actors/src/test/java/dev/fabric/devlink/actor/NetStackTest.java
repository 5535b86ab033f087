package dev.fabric.devlink.actor;

import dev.fabric.devlink.model.Caller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fabric.devices.LatencyProfile;
import dev.fabric.devlink.model.DevHandle;
import dev.fabric.devlink.model.DevOp;
import dev.fabric.devlink.model.Reply;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** What `ip link` reads from the host's NetStack: ifindex, MAC and switch id of each netdev. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NetStackTest {
  private final ActorTestKit kit = ActorTestKit.create();

  @AfterAll
  void shutdown() {
    kit.shutdownTestKit();
  }

  private List<Host.Link> links(ActorRef<NetStack.Command> ns, String netns) {
    TestProbe<NetStack.LinkList> p = kit.createTestProbe();
    ns.tell(new NetStack.Links(netns, p.getRef()));
    return p.receiveMessage().links();
  }

  private List<String> alloc(ActorRef<NetStack.Command> ns, String netns, int n, ActorRef<?> owner) {
    TestProbe<NetStack.Names> p = kit.createTestProbe();
    ns.tell(new NetStack.Alloc(netns, n, p.getRef(), owner));
    return p.receiveMessage().names();
  }

  @Test
  void ifindexCountsUpPerNamespaceAndNamesAreReused() {
    ActorRef<NetStack.Command> ns = kit.spawn(NetStack.create());
    ActorRef<String> dev = kit.spawn(Behaviors.ignore());
    assertEquals(List.of("eth0", "eth1"), alloc(ns, "init", 2, dev));
    ns.tell(new NetStack.Release("init", List.of("eth0")));
    // dev_new_index: the next index after the last given, even though eth0's is free; the name
    // is the lowest free one.
    assertEquals(List.of("eth0"), alloc(ns, "init", 1, dev));
    List<Host.Link> l = links(ns, "init");
    assertEquals(List.of("eth1", "eth0"), l.stream().map(Host.Link::name).toList());
    assertEquals(List.of(3, 4), l.stream().map(Host.Link::ifindex).toList());
    // another namespace starts after its own lo
    assertEquals(List.of("eth0"), alloc(ns, "ns1", 1, dev));
    assertEquals(2, links(ns, "ns1").get(0).ifindex());
    assertEquals(List.of(), links(ns, "nosuch"));
  }

  @Test
  void macsAreRandomLocallyAdministeredUnicastAndTheSwitchIdIsPerOwner() {
    ActorRef<NetStack.Command> ns = kit.spawn(NetStack.create());
    ActorRef<String> a = kit.spawn(Behaviors.ignore());
    ActorRef<String> b = kit.spawn(Behaviors.ignore());
    alloc(ns, "init", 2, a);
    alloc(ns, "init", 1, b);
    alloc(ns, "init", 1, null);
    List<Host.Link> l = links(ns, "init");
    for (Host.Link link : l) {
      assertTrue(link.mac().matches("[0-9a-f]{2}(:[0-9a-f]{2}){5}"), link.mac());
      int first = Integer.parseInt(link.mac().substring(0, 2), 16);
      assertEquals(2, first & 3, "local, unicast: " + link.mac());
    }
    assertNotEquals(l.get(0).mac(), l.get(1).mac());
    assertEquals(l.get(0).switchId(), l.get(1).switchId());
    assertTrue(l.get(0).switchId().matches("[0-9a-f]{64}"));
    assertNotEquals(l.get(0).switchId(), l.get(2).switchId());
    assertNull(l.get(3).switchId());
    // the same owner keeps its id (a reload), a stopped owner's id is forgotten
    alloc(ns, "init", 1, a);
    assertEquals(l.get(0).switchId(), links(ns, "init").get(4).switchId());
  }

  @Test
  void aDeviceKeepsItsSwitchIdAcrossReloadAndTheNetdevsFollowItsNamespace() {
    ActorRef<NetStack.Command> ns = kit.spawn(NetStack.create());
    ActorRef<MonitorHub.Command> mon = kit.spawn(MonitorHub.create());
    ActorRef<Registry.Command> reg = kit.spawn(Registry.create(ns, mon, LatencyProfile.INSTANT));
    TestProbe<Reply<?>> p = kit.createTestProbe();
    reg.tell(new Registry.NewDevice("10 2", "init", p.getRef()));
    assertEquals(Reply.ok(), p.receiveMessage(Duration.ofSeconds(5)));
    List<Host.Link> before = links(ns, "init");
    assertEquals(2, before.size());
    reg.tell(new Registry.Route(Caller.of("init"), DevHandle.netdevsim(10), DevOp.Reload.of(null, null, null), p.getRef()));
    assertTrue(p.receiveMessage(Duration.ofSeconds(5)).isOk());
    List<Host.Link> after = links(ns, "init");
    assertEquals(List.of(4, 5), after.stream().map(Host.Link::ifindex).toList(), "new netdevs, new indexes");
    assertEquals(before.get(0).switchId(), after.get(0).switchId(), "nsim_dev keeps its switch_id");
    assertNotEquals(before.get(0).mac(), after.get(0).mac(), "new netdevs, new random MACs");
  }
}
