package dev.fabric.devlink.actor;

import dev.fabric.devlink.model.Caller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fabric.devices.LatencyProfile;
import dev.fabric.devlink.model.DevHandle;
import dev.fabric.devlink.model.DevOp;
import dev.fabric.devlink.model.Errno;
import dev.fabric.devlink.model.Notification;
import dev.fabric.devlink.model.PortOp;
import dev.fabric.devlink.model.PortState;
import dev.fabric.devlink.model.Reply;
import dev.fabric.devlink.model.ReplyTypes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The instance actor through its states: probing → registered → reloading → registered,
 * reloadFailed, unregistering; requests racing a reload or a del_device always get a reply.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InstanceLifecycleTest {
  private final ActorTestKit kit = ActorTestKit.create();

  @AfterAll
  void shutdown() {
    kit.shutdownTestKit();
  }

  private record HostRefs(ActorRef<Registry.Command> registry, ActorRef<MonitorHub.Command> monitor) {}

  private HostRefs host(LatencyProfile latency) {
    ActorRef<NetStack.Command> ns = kit.spawn(NetStack.create());
    ActorRef<MonitorHub.Command> mon = kit.spawn(MonitorHub.create());
    return new HostRefs(kit.spawn(Registry.create(ns, mon, latency)), mon);
  }

  private Reply ask(ActorRef<Registry.Command> reg, DevHandle dev, dev.fabric.devlink.model.Op op) {
    TestProbe<Reply<?>> p = kit.createTestProbe();
    reg.tell(new Registry.Route(Caller.of("init"), dev, op, p.getRef()));
    return p.receiveMessage(Duration.ofSeconds(5));
  }

  private void newDevice(ActorRef<Registry.Command> reg, String text) {
    TestProbe<Reply<?>> p = kit.createTestProbe();
    reg.tell(new Registry.NewDevice(text, "init", p.getRef()));
    assertEquals(Reply.ok(), p.receiveMessage(Duration.ofSeconds(5)));
  }

  @Test
  void registeredInstanceAnswersPortShowWithNetdevNames() {
    HostRefs h = host(LatencyProfile.INSTANT);
    newDevice(h.registry(), "10 2");
    DevHandle dev = DevHandle.netdevsim(10);
    PortState p = ReplyTypes.typed(new PortOp.Get(1), ask(h.registry(), dev, new PortOp.Get(1))).orElseThrow();
    assertEquals("eth1", p.netdev());
    assertEquals(2, p.number());
    assertEquals(Reply.err(Errno.ENODEV), ask(h.registry(), dev, new PortOp.Get(7)));
    assertEquals(Reply.err(Errno.ENODEV), ask(h.registry(), DevHandle.netdevsim(99), new DevOp.Get()));
  }

  @Test
  void duplicateBusIdIsEnospc() {
    HostRefs h = host(LatencyProfile.INSTANT);
    newDevice(h.registry(), "20 1");
    TestProbe<Reply<?>> p = kit.createTestProbe();
    h.registry().tell(new Registry.NewDevice("20 1", "init", p.getRef()));
    assertEquals(Errno.ENOSPC, ((Reply.Err) p.receiveMessage()).errno());
  }

  @Test
  void requestsRacingASlowReloadAreStashedAndAllAnswered() {
    HostRefs h = host(new LatencyProfile(Duration.ofMillis(300), Duration.ZERO));
    newDevice(h.registry(), "30 4");
    DevHandle dev = DevHandle.netdevsim(30);
    TestProbe<Reply<?>> reload = kit.createTestProbe();
    TestProbe<Reply<?>> reads = kit.createTestProbe();
    h.registry().tell(new Registry.Route(Caller.of("init"), dev, DevOp.Reload.of(null, null, null), reload.getRef()));
    for (int i = 0; i < 20; i++) {
      h.registry().tell(new Registry.Route(Caller.of("init"), dev, new PortOp.Get(i % 4), reads.getRef()));
    }
    // Nothing comes back while the hardware re-initialises: the reads are stashed behind the reload.
    reads.expectNoMessage(Duration.ofMillis(150));
    assertEquals(Reply.ok(new DevOp.ReloadPerformed(java.util.List.of(DevOp.Action.DRIVER_REINIT), false)), reload.receiveMessage(Duration.ofSeconds(5)));
    List<Reply<?>> got = reads.receiveSeveralMessages(20, Duration.ofSeconds(5));
    got.forEach(r -> assertInstanceOf(Reply.Ok.class, r));
  }

  @Test
  void failedReloadLeavesInstanceInReloadFailedWithoutPorts() {
    HostRefs h = host(LatencyProfile.INSTANT);
    newDevice(h.registry(), "40 2");
    DevHandle dev = DevHandle.netdevsim(40);
    TestProbe<Reply<?>> w = kit.createTestProbe();
    h.registry().tell(new Registry.Route(Caller.of(null), dev,
        new dev.fabric.devlink.model.DriverOp.DebugfsWrite("fail_reload", "Y\n"), w.getRef()));
    assertEquals(Reply.ok(), w.receiveMessage());
    Reply r = ask(h.registry(), dev, DevOp.Reload.of(null, null, null));
    assertEquals(Errno.EINVAL, ((Reply.Err) r).errno());
    assertTrue((ReplyTypes.typed(new DevOp.Get(), ask(h.registry(), dev, new DevOp.Get())).orElseThrow()).reloadFailed());
    assertEquals(Reply.err(Errno.ENODEV), ask(h.registry(), dev, new PortOp.Get(0)));
  }

  @Test
  void delDeviceRacingRequestsGetsEveryRequestAnswered() {
    HostRefs h = host(new LatencyProfile(Duration.ofMillis(100), Duration.ZERO));
    newDevice(h.registry(), "50 2");
    DevHandle dev = DevHandle.netdevsim(50);
    TestProbe<Reply<?>> replies = kit.createTestProbe();
    TestProbe<Reply<?>> del = kit.createTestProbe();
    h.registry().tell(new Registry.Route(Caller.of("init"), dev, DevOp.Reload.of(null, null, null), replies.getRef()));
    h.registry().tell(new Registry.Route(Caller.of("init"), dev, new PortOp.Get(0), replies.getRef()));
    h.registry().tell(new Registry.DelDevice("50", del.getRef()));
    h.registry().tell(new Registry.Route(Caller.of("init"), dev, new PortOp.Get(0), replies.getRef()));
    // The late request is refused by the registry at once; the two routed before del_device are
    // answered by the instance (after the reload) before it unregisters.
    List<Reply<?>> got = replies.receiveSeveralMessages(3, Duration.ofSeconds(5));
    assertEquals(Reply.err(Errno.ENODEV), got.get(0));
    assertEquals(Reply.ok(new DevOp.ReloadPerformed(java.util.List.of(DevOp.Action.DRIVER_REINIT), false)), got.get(1));
    assertInstanceOf(PortState.class, ((Reply.Ok<?>) got.get(2)).value());
    assertEquals(Reply.ok(), del.receiveMessage(Duration.ofSeconds(5)));
  }

  @Test
  void newDeviceAnnouncesDevBeforePortsAndDelDeviceEndsWithDevDel() {
    HostRefs h = host(LatencyProfile.INSTANT);
    TestProbe<Notification> mon = kit.createTestProbe();
    h.monitor().tell(new MonitorHub.Subscribe(java.util.Optional.ofNullable(null), NoteProbes.notes(kit, mon)));
    newDevice(h.registry(), "60 2");
    List<Notification> seen = new ArrayList<>();
    Notification first = mon.receiveMessage();
    assertEquals(Notification.Kind.DEV, first.kind());
    assertEquals(Notification.Cmd.NEW, first.cmd());
    seen.add(mon.receiveMessage());
    assertEquals(Notification.Kind.PORT, seen.get(0).kind());
    TestProbe<Reply<?>> del = kit.createTestProbe();
    h.registry().tell(new Registry.DelDevice("60", del.getRef()));
    assertEquals(Reply.ok(), del.receiveMessage());
    Notification last = null;
    mon.fishForMessage(Duration.ofSeconds(3), n -> {
      boolean done = n.kind() == Notification.Kind.DEV && n.cmd() == Notification.Cmd.DEL;
      return done ? org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes.complete()
          : org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes.continueAndIgnore();
    });
  }
}
