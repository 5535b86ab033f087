package dev.fabric.devlink.actor;

import dev.fabric.devlink.model.Caller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dev.fabric.devices.LatencyProfile;
import dev.fabric.devlink.model.DevHandle;
import dev.fabric.devlink.model.DevOp;
import dev.fabric.devlink.model.DriverOp;
import dev.fabric.devlink.model.Errno;
import dev.fabric.devlink.model.MonitorEvent;
import dev.fabric.devlink.model.Notification;
import dev.fabric.devlink.model.ReplyTypes;
import dev.fabric.devlink.model.Op;
import dev.fabric.devlink.model.PortOp;
import dev.fabric.devlink.model.PortState;
import dev.fabric.devlink.model.RateOp;
import dev.fabric.devlink.model.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.DeadLetter;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.eventstream.EventStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The eleven classes of issue 13, one test each (numbered as in the issue), written against the
 * code as it was and failing there: each reproduces the class, then holds it fixed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EdgeCasesTest {
  // A fatal JVM error must not end the test JVM: point 9 used to reach one.
  private final ActorTestKit kit = ActorTestKit.create("edge-cases",
      ConfigFactory.parseString("pekko.jvm-exit-on-fatal-error = off").withFallback(ConfigFactory.load()));
  private TestProbe<DeadLetter> dead;

  @AfterAll
  void shutdown() {
    kit.shutdownTestKit();
  }

  @BeforeEach
  void watchDeadLetters() {
    dead = kit.createTestProbe();
    kit.system().eventStream().tell(new EventStream.Subscribe<>(DeadLetter.class, dead.getRef()));
  }

  @AfterEach
  void noDeadLetters() {
    dead.expectNoMessage(Duration.ofMillis(300));
    kit.system().eventStream().tell(new EventStream.Unsubscribe<>(dead.getRef()));
  }

  private record Host(ActorRef<Registry.Command> registry, ActorRef<MonitorHub.Command> monitor,
      ActorRef<NetStack.Command> netStack) {}

  private Host host(LatencyProfile latency) {
    ActorRef<NetStack.Command> ns = kit.spawn(NetStack.create());
    ActorRef<MonitorHub.Command> mon = kit.spawn(MonitorHub.create());
    return new Host(kit.spawn(Registry.create(ns, mon, latency)), mon, ns);
  }

  private static final Duration WAIT = Duration.ofSeconds(10);

  private Reply ask(Host h, String netns, DevHandle dev, Op op) {
    TestProbe<Reply<?>> p = kit.createTestProbe();
    h.registry().tell(new Registry.Route(Caller.of(netns), dev, op, p.getRef()));
    return p.receiveMessage(WAIT);
  }

  private Reply driver(Host h, int id, Op op) {
    return ask(h, null, DevHandle.netdevsim(id), op);
  }

  private Reply bus(Host h, boolean create, String text) {
    TestProbe<Reply<?>> p = kit.createTestProbe();
    h.registry().tell(create ? new Registry.NewDevice(text, "init", p.getRef()) : new Registry.DelDevice(text, p.getRef()));
    return p.receiveMessage(WAIT);
  }

  private List<PortState> ports(Host h, String netns, int id) {
    return ReplyTypes.typed(new PortOp.Dump(), ask(h, netns, DevHandle.netdevsim(id), new PortOp.Dump())).orElseThrow()
        .ports();
  }

  private List<DevHandle> list(Host h, String netns) {
    TestProbe<Registry.Instances> p = kit.createTestProbe();
    h.registry().tell(new Registry.ListInstances(netns, p.getRef()));
    return p.receiveMessage(WAIT).handles();
  }

  private static Errno errno(Reply r) {
    return r instanceof Reply.Err e ? e.errno() : null;
  }

  // 1 ------------------------------------------------------------------------------------------

  @Test
  void p1_switchdevAfterAFailedReloadAddsVfPortsAndTheInstanceLives() {
    Host h = host(LatencyProfile.INSTANT);
    assertEquals(Reply.ok(), bus(h, true, "1 2"));
    assertEquals(Reply.ok(), driver(h, 1, new DriverOp.DebugfsWrite("fail_reload", "Y\n")));
    assertEquals(Errno.EINVAL, errno(driver(h, 1, DevOp.Reload.of(null, null, null))));
    assertEquals(Reply.ok(), driver(h, 1, new DriverOp.SysfsWrite("sriov_numvfs", "2\n")));
    // nsim_esw_switchdev_enable adds the VF ports whatever reload_failed says.
    assertEquals(Reply.ok(), driver(h, 1, DevOp.EswitchSet.of(DevOp.EswitchMode.SWITCHDEV, null, null)));
    List<PortState> vfs = ports(h, "init", 1);
    assertEquals(List.of(128L, 129L), vfs.stream().map(PortState::index).toList());
    vfs.forEach(p -> assertTrue(p.netdev().startsWith("eth")));
    assertInstanceOf(Reply.Ok.class, ask(h, "init", DevHandle.netdevsim(1), new DevOp.Get()));
    assertEquals(Reply.ok(), bus(h, false, "1"));
  }

  @Test
  void p1_aRateRequestWithoutANameIsEinvalAndTheInstanceLives() {
    Host h = host(LatencyProfile.INSTANT);
    assertEquals(Reply.ok(), bus(h, true, "2 1"));
    DevHandle dev = DevHandle.netdevsim(2);
    assertEquals(Errno.EINVAL, errno(ask(h, "init", dev, new RateOp.Get(null))));
    assertEquals(Errno.EINVAL, errno(ask(h, "init", dev, RateOp.Set.of(null, 1L, null, null))));
    assertEquals(Errno.EINVAL, errno(ask(h, "init", dev, new RateOp.Del(null))));
    assertInstanceOf(Reply.Ok.class, ask(h, "init", dev, new DevOp.Get()));
    assertEquals(Reply.ok(), bus(h, false, "2"));
  }

  // 2 ------------------------------------------------------------------------------------------

  @Test
  void p2_delDeviceBehindAFullQueueDeletesCompletely() {
    Host h = host(new LatencyProfile(Duration.ofMillis(500), Duration.ZERO));
    TestProbe<MonitorEvent> mon = kit.createTestProbe();
    h.monitor().tell(new MonitorHub.Subscribe(java.util.Optional.ofNullable(null), mon.getRef()));
    assertEquals(Reply.ok(), bus(h, true, "3 2"));
    DevHandle dev = DevHandle.netdevsim(3);
    TestProbe<Reply<?>> replies = kit.createTestProbe();
    h.registry().tell(new Registry.Route(Caller.of(null), dev, DevOp.Reload.of(null, null, null), replies.getRef()));
    for (int i = 0; i < 10_000; i++) {
      h.registry().tell(new Registry.Route(Caller.of("init"), dev, new DevOp.Get(), replies.getRef()));
    }
    TestProbe<Reply<?>> del = kit.createTestProbe();
    h.registry().tell(new Registry.DelDevice("3", del.getRef()));
    assertEquals(Reply.ok(), del.receiveMessage(WAIT));
    replies.receiveSeveralMessages(10_001, WAIT);
    assertEquals(Errno.ENOENT, errno(bus(h, false, "3")));
    mon.fishForMessage(WAIT, e -> e instanceof MonitorEvent.Note n && n.notification().kind() == Notification.Kind.DEV
        && n.notification().cmd() == Notification.Cmd.DEL ? org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes.complete()
        : org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes.continueAndIgnore());
    h.monitor().tell(new MonitorHub.Unsubscribe(mon.getRef()));
    assertEquals(Reply.ok(), bus(h, true, "4 2"));
    assertEquals(List.of("eth0", "eth1"), ports(h, "init", 4).stream().map(PortState::netdev).toList());
    assertEquals(Reply.ok(), bus(h, false, "4"));
  }

  // 3 ------------------------------------------------------------------------------------------

  @Test
  void p3_concurrentLatencyRequestsAreAllAnsweredEvenJustBeforeDelDevice() {
    Host h = host(LatencyProfile.INSTANT);
    assertEquals(Reply.ok(), bus(h, true, "5 1"));
    TestProbe<Reply<?>> acks = kit.createTestProbe();
    for (int i = 0; i < 100; i++) {
      h.registry().tell(new Registry.DeviceLatency(5, new LatencyProfile(Duration.ofMillis(i), Duration.ZERO),
          acks.getRef()));
    }
    acks.receiveSeveralMessages(100, WAIT).forEach(r -> assertEquals(Reply.ok(), r));
    TestProbe<Reply<?>> del = kit.createTestProbe();
    for (int i = 0; i < 50; i++) {
      h.registry().tell(new Registry.DeviceLatency(5, LatencyProfile.INSTANT, acks.getRef()));
    }
    h.registry().tell(new Registry.DelDevice("5", del.getRef()));
    assertEquals(Reply.ok(), del.receiveMessage(WAIT));
    acks.receiveSeveralMessages(50, WAIT);
    acks.expectNoMessage(Duration.ofMillis(100));
  }

  // 4 ------------------------------------------------------------------------------------------

  @Test
  void p4_newDeviceWaitsUntilTheOldLifeOfItsBusIdHasUnregistered() {
    Host h = host(new LatencyProfile(Duration.ofMillis(300), Duration.ZERO));
    assertEquals(Reply.ok(), bus(h, true, "6 2"));
    TestProbe<MonitorEvent> mon = kit.createTestProbe();
    h.monitor().tell(new MonitorHub.Subscribe(java.util.Optional.ofNullable(null), mon.getRef()));
    DevHandle dev = DevHandle.netdevsim(6);
    TestProbe<Reply<?>> replies = kit.createTestProbe();
    h.registry().tell(new Registry.Route(Caller.of(null), dev, DevOp.Reload.of(null, null, null), replies.getRef()));
    for (int i = 0; i < 3000; i++) {
      h.registry().tell(new Registry.Route(Caller.of("init"), dev, new PortOp.Get(i % 2), replies.getRef()));
    }
    TestProbe<Reply<?>> busReplies = kit.createTestProbe();
    h.registry().tell(new Registry.DelDevice("6", busReplies.getRef()));
    h.registry().tell(new Registry.NewDevice("6 2", "init", busReplies.getRef()));
    assertEquals(List.of(Reply.ok(), Reply.ok()), busReplies.receiveSeveralMessages(2, WAIT));
    replies.receiveSeveralMessages(3001, WAIT);
    // Replay the stream: the old life ends (dev DEL) before the new one starts (dev NEW).
    List<String> devEvents = new ArrayList<>();
    mon.fishForMessage(WAIT, e -> {
      Notification n = e instanceof MonitorEvent.Note note ? note.notification() : null;
      if (n != null && n.kind() == Notification.Kind.DEV
          && (n.cmd() == Notification.Cmd.NEW || n.cmd() == Notification.Cmd.DEL)) {
        devEvents.add(n.cmd().label);
      }
      boolean done = devEvents.size() >= 3;
      return done ? org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes.complete()
          : org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes.continueAndIgnore();
    });
    // reload: dev NEW (reload_up); del_device: dev DEL; new_device: dev NEW.
    assertEquals(List.of("new", "del", "new"), devEvents.subList(0, 3));
    h.monitor().tell(new MonitorHub.Unsubscribe(mon.getRef()));
    assertInstanceOf(Reply.Ok.class, ask(h, "init", dev, new DevOp.Get()));
    assertEquals(Reply.ok(), bus(h, false, "6"));
  }

  // 5 ------------------------------------------------------------------------------------------

  @Test
  void p5_aLateNetnsMoveOfTheOldLifeDoesNotMoveTheNewDevice() {
    Host h = host(new LatencyProfile(Duration.ofMillis(50), Duration.ofMillis(1)));
    TestProbe<Reply<?>> setup = kit.createTestProbe();
    h.registry().tell(new Registry.NetnsAdd("ns5", setup.getRef()));
    assertEquals(Reply.ok(), setup.receiveMessage(WAIT));
    assertEquals(Reply.ok(), bus(h, true, "7 2"));
    DevHandle dev = DevHandle.netdevsim(7);
    TestProbe<Reply<?>> replies = kit.createTestProbe();
    // The flash holds the instance for ~0.5 s: the reload into ns5 and del_device wait behind it.
    h.registry().tell(new Registry.Route(Caller.of(null), dev, DevOp.Flash.of("nsim-fw.bin", null, null), replies.getRef()));
    h.registry().tell(new Registry.Route(Caller.of(null), dev, DevOp.Reload.of(null, null, "ns5"), replies.getRef()));
    h.registry().tell(new Registry.DelDevice("7", replies.getRef()));
    h.registry().tell(new Registry.NewDevice("7 2", "init", replies.getRef()));
    replies.receiveSeveralMessages(4, WAIT).forEach(r -> assertTrue(r.isOk(), r::toString));
    assertEquals(List.of(dev), list(h, "init"));
    assertEquals(List.of(), list(h, "ns5"));
    assertInstanceOf(Reply.Ok.class, ask(h, "init", dev, new DevOp.Get()));
    assertEquals(Reply.ok(), bus(h, false, "7"));
  }

  // 6 ------------------------------------------------------------------------------------------

  @Test
  void p6_aReloadIntoANamespaceDeletedMeanwhileEndsInTheInitialNamespace() {
    Host h = host(new LatencyProfile(Duration.ofMillis(5), Duration.ofMillis(1)));
    TestProbe<Reply<?>> setup = kit.createTestProbe();
    h.registry().tell(new Registry.NetnsAdd("ns6", setup.getRef()));
    assertEquals(Reply.ok(), setup.receiveMessage(WAIT));
    assertEquals(Reply.ok(), bus(h, true, "8 2"));
    DevHandle dev = DevHandle.netdevsim(8);
    TestProbe<Reply<?>> replies = kit.createTestProbe();
    h.registry().tell(new Registry.Route(Caller.of(null), dev, DevOp.Flash.of("nsim-fw.bin", null, null), replies.getRef()));
    h.registry().tell(new Registry.Route(Caller.of(null), dev, DevOp.Reload.of(null, null, "ns6"), replies.getRef()));
    h.registry().tell(new Registry.NetnsDel("ns6", setup.getRef()));
    assertEquals(Reply.ok(), setup.receiveMessage(WAIT));
    replies.receiveSeveralMessages(2, WAIT).forEach(r -> assertTrue(r.isOk(), r::toString));
    // devlink_pernet_pre_exit reloads the instance back into init_net: it ends there, reachable.
    kit.createTestProbe().awaitAssert(WAIT, () -> {
      assertEquals(List.of(dev), list(h, "init"));
      assertInstanceOf(Reply.Ok.class, ask(h, "init", dev, new DevOp.Get()));
      return null;
    });
    assertEquals(2, ports(h, "init", 8).size());
    assertEquals(Reply.ok(), bus(h, false, "8"));
  }

  // 7 ------------------------------------------------------------------------------------------

  @Test
  void p7_aBurstBehindASlowReloadWaitsInOrderInsteadOfEbusy() {
    Host h = host(new LatencyProfile(Duration.ofMillis(500), Duration.ZERO));
    assertEquals(Reply.ok(), bus(h, true, "9 1"));
    DevHandle dev = DevHandle.netdevsim(9);
    TestProbe<Reply<?>> replies = kit.createTestProbe();
    h.registry().tell(new Registry.Route(Caller.of(null), dev, DevOp.Reload.of(null, null, null), replies.getRef()));
    int burst = 30_000;
    for (int i = 0; i < burst; i++) {
      h.registry().tell(new Registry.Route(Caller.of("init"), dev, new PortOp.Get(0), replies.getRef()));
    }
    List<Reply<?>> got = replies.receiveSeveralMessages(burst + 1, WAIT);
    long refused = got.stream().filter(r -> !r.isOk()).count();
    assertEquals(0, refused, "requests refused");
    assertEquals(Reply.ok(), bus(h, false, "9"));
  }

  // 9 ------------------------------------------------------------------------------------------

  @Test
  void p9_extremeBusWritesAreBoundedWithTheKernelsErrnoBeforeAllocating() {
    Host h = host(LatencyProfile.INSTANT);
    assertEquals(Errno.ENOMEM, errno(bus(h, true, "10 2147483647")));
    assertEquals(Errno.ENOMEM, errno(bus(h, true, "10 5000000")));
    assertEquals(Errno.ENOMEM, errno(bus(h, true, "10 4294967295")));
    assertEquals(Errno.EINVAL, errno(bus(h, true, "2147483648 1")));
    // The id stays free after a refusal.
    assertEquals(Reply.ok(), bus(h, true, "10 1"));
    // nsim_bus_dev_max_vfs_write: ENOSPC for 10+ characters, ERANGE above UINT_MAX - 128,
    // ENOMEM when kcalloc of the VF configs cannot be served (KMALLOC_MAX_SIZE).
    assertEquals(Errno.ENOSPC, errno(driver(h, 10, new DriverOp.DebugfsWrite("max_vfs", "4294967295\n"))));
    assertEquals(Errno.EINVAL, errno(driver(h, 10, new DriverOp.DebugfsWrite("max_vfs", "0x10\n"))));
    assertEquals(Errno.ENOMEM, errno(driver(h, 10, new DriverOp.DebugfsWrite("max_vfs", "99999999\n"))));
    assertEquals(Errno.ENOMEM, errno(driver(h, 10, new DriverOp.DebugfsWrite("max_vfs", "174763\n"))));
    assertEquals(Reply.ok(), driver(h, 10, new DriverOp.DebugfsWrite("max_vfs", "174762\n")));
    // ...but that many VF ports in switchdev are more than a device's port bound: ENOMEM, nothing added.
    assertEquals(Reply.ok(), driver(h, 10, DevOp.EswitchSet.of(DevOp.EswitchMode.SWITCHDEV, null, null)));
    assertEquals(Errno.ENOMEM, errno(driver(h, 10, new DriverOp.SysfsWrite("sriov_numvfs", "174762\n"))));
    assertEquals(1, ports(h, "init", 10).size());
    assertEquals(Reply.ok(), driver(h, 10, DevOp.EswitchSet.of(DevOp.EswitchMode.LEGACY, null, null)));
    assertEquals(Reply.ok(), driver(h, 10, new DriverOp.DebugfsWrite("max_vfs", "8\n")));
    assertEquals(Reply.ok(), driver(h, 10, new DriverOp.DebugfsWrite("health/binary_len", "4294967295\n")));
    assertEquals(Errno.ENOMEM, errno(ask(h, "init", DevHandle.netdevsim(10),
        new dev.fabric.devlink.model.HealthOp.DumpGet("dummy"))));
    assertInstanceOf(Reply.Ok.class, ask(h, "init", DevHandle.netdevsim(10), new DevOp.Get()));
    assertEquals(Reply.ok(), bus(h, false, "10"));
  }

  // 10 -----------------------------------------------------------------------------------------

  @Test
  void p10_portIndexesAreU32() {
    Host h = host(LatencyProfile.INSTANT);
    assertEquals(Reply.ok(), bus(h, true, "11 1"));
    DevHandle dev = DevHandle.netdevsim(11);
    assertEquals(Reply.ok(), driver(h, 11, new DriverOp.SysfsWrite("new_port", "3000000000\n")));
    assertEquals(Errno.EEXIST, errno(driver(h, 11, new DriverOp.SysfsWrite("new_port", "3000000000\n"))));
    PortState p = ReplyTypes.typed(new PortOp.Get(3_000_000_000L), ask(h, "init", dev, new PortOp.Get(3_000_000_000L))).orElseThrow();
    assertEquals(3_000_000_000L, p.index());
    assertEquals(3_000_000_001L, p.number());
    assertEquals(Reply.ok(), driver(h, 11, new DriverOp.SysfsWrite("new_port", "4294967295\n")));
    PortState last = ReplyTypes.typed(new PortOp.Get(4_294_967_295L), ask(h, "init", dev, new PortOp.Get(4_294_967_295L))).orElseThrow();
    assertEquals(0L, last.number()); // port_index + 1 as a u32
    assertEquals(Reply.ok(), driver(h, 11, new DriverOp.SysfsWrite("del_port", "3000000000\n")));
    assertEquals(Reply.ok(), driver(h, 11, new DriverOp.SysfsWrite("del_port", "4294967295\n")));
    assertEquals(Errno.ENODEV, errno(ask(h, "init", dev, new PortOp.Get(3_000_000_000L))));
    // No netdev name leaked: the next port takes eth1 again.
    assertEquals(Reply.ok(), driver(h, 11, new DriverOp.SysfsWrite("new_port", "5\n")));
    assertEquals("eth1", (ReplyTypes.typed(new PortOp.Get(5), ask(h, "init", dev, new PortOp.Get(5))).orElseThrow()).netdev());
    assertEquals(Reply.ok(), bus(h, false, "11"));
  }

  // 11 -----------------------------------------------------------------------------------------

  @Test
  void p11_subscribingTwiceDeliversEachEventOnce() {
    Host h = host(LatencyProfile.INSTANT);
    TestProbe<MonitorEvent> mon = kit.createTestProbe();
    h.monitor().tell(new MonitorHub.Subscribe(java.util.Optional.ofNullable(null), mon.getRef()));
    h.monitor().tell(new MonitorHub.Subscribe(java.util.Optional.ofNullable(null), mon.getRef()));
    Notification n = new Notification("init", Notification.Kind.DEV, Notification.Cmd.NEW, DevHandle.netdevsim(1), null);
    h.monitor().tell(new MonitorHub.Publish(List.of(n)));
    assertEquals(new MonitorEvent.Note(n), mon.receiveMessage(WAIT));
    mon.expectNoMessage(Duration.ofMillis(200));
    h.monitor().tell(new MonitorHub.Unsubscribe(mon.getRef()));
  }

  @Test
  void p11_aSubscriberThatNeverReadsIsBounded() {
    Host h = host(LatencyProfile.INSTANT);
    TestProbe<MonitorEvent> mon = kit.createTestProbe();
    h.monitor().tell(new MonitorHub.Subscribe(java.util.Optional.ofNullable(null), mon.getRef()));
    List<Notification> burst = new ArrayList<>();
    for (int i = 0; i < 200_000; i++) {
      burst.add(new Notification("init", Notification.Kind.DEV, Notification.Cmd.NEW, DevHandle.netdevsim(i), null));
    }
    h.monitor().tell(new MonitorHub.Publish(burst));
    List<MonitorEvent> got = new ArrayList<>();
    while (true) {
      MonitorEvent n = mon.getRef() == null ? null : pollOrNull(mon);
      if (n == null) {
        break;
      }
      got.add(n);
    }
    assertTrue(got.size() < 200_000, "delivered " + got.size() + " to a subscriber that never acknowledged");
    h.monitor().tell(new MonitorHub.Unsubscribe(mon.getRef()));
  }

  private static MonitorEvent pollOrNull(TestProbe<MonitorEvent> p) {
    try {
      return p.receiveMessage(Duration.ofMillis(300));
    } catch (AssertionError e) {
      return null;
    }
  }

  // 1, the class: any model step that throws --------------------------------------------------

  @Test
  void p1_aModelStepThatThrowsIsAnsweredEioAndTheInstanceServesOn() {
    ActorRef<NetStack.Command> ns = kit.spawn(NetStack.create());
    ActorRef<MonitorHub.Command> mon = kit.spawn(MonitorHub.create());
    Instance.Faults bug = new Instance.Faults() {
      @Override
      public void beforeStep(Op op) {
        if (op instanceof dev.fabric.devlink.model.ParamOp.Dump) {
          throw new IllegalStateException("planted model bug");
        }
      }
    };
    Host h = new Host(kit.spawn(Registry.create(ns, mon, LatencyProfile.INSTANT, bug)), mon, ns);
    assertEquals(Reply.ok(), bus(h, true, "12 2"));
    DevHandle dev = DevHandle.netdevsim(12);
    TestProbe<Reply<?>> replies = kit.createTestProbe();
    h.registry().tell(new Registry.Route(Caller.of("init"), dev, new dev.fabric.devlink.model.ParamOp.Dump(), replies.getRef()));
    h.registry().tell(new Registry.Route(Caller.of("init"), dev, new DevOp.Get(), replies.getRef()));
    assertEquals(Errno.EIO, errno(replies.receiveMessage(WAIT)));
    assertInstanceOf(Reply.Ok.class, replies.receiveMessage(WAIT));
    Registry.Stats st = stats(h);
    assertEquals(1, st.modelFaults());
    assertEquals(0, st.unexpectedStops());
    assertEquals(Reply.ok(), bus(h, false, "12"));
  }

  private Registry.Stats stats(Host h) {
    TestProbe<Registry.Stats> p = kit.createTestProbe();
    h.registry().tell(new Registry.GetStats(p.getRef()));
    return p.receiveMessage(WAIT);
  }

  private int subscribers(Host h) {
    TestProbe<MonitorHub.Stats> p = kit.createTestProbe();
    h.monitor().tell(new MonitorHub.GetStats(p.getRef()));
    return p.receiveMessage(WAIT).subscribers();
  }

  // 11, leaks ----------------------------------------------------------------------------------

  @Test
  void p11_createAndDeleteLeaveNothingBehindInTheRegistry() {
    Host h = host(LatencyProfile.INSTANT);
    for (int round = 0; round < 50; round++) {
      assertEquals(Reply.ok(), bus(h, true, (100 + round) + " 2"));
      assertEquals(Reply.ok(), bus(h, false, Integer.toString(100 + round)));
    }
    kit.createTestProbe().awaitAssert(WAIT, () -> {
      assertEquals(new Registry.Stats(0, 0, 0, 0, 0, 0), stats(h));
      return null;
    });
    // ...and the net stack has every name back.
    assertEquals(Reply.ok(), bus(h, true, "150 2"));
    assertEquals(List.of("eth0", "eth1"), ports(h, "init", 150).stream().map(PortState::netdev).toList());
    assertEquals(Reply.ok(), bus(h, false, "150"));
  }

  @Test
  void p11_unsubscribeAndStoppingForgetTheSubscriber() {
    Host h = host(LatencyProfile.INSTANT);
    TestProbe<MonitorEvent> a = kit.createTestProbe();
    TestProbe<MonitorEvent> b = kit.createTestProbe();
    h.monitor().tell(new MonitorHub.Subscribe(java.util.Optional.ofNullable(null), a.getRef()));
    h.monitor().tell(new MonitorHub.Subscribe(java.util.Optional.ofNullable("init"), a.getRef()));
    h.monitor().tell(new MonitorHub.Subscribe(java.util.Optional.ofNullable(null), b.getRef()));
    assertEquals(2, subscribers(h));
    h.monitor().tell(new MonitorHub.Unsubscribe(a.getRef()));
    assertEquals(1, subscribers(h));
    b.stop();
    kit.createTestProbe().awaitAssert(WAIT, () -> {
      assertEquals(0, subscribers(h));
      return null;
    });
    // Nothing is delivered to either any more (no dead letters: checked after each test).
    h.monitor().tell(new MonitorHub.Publish(List.of(
        new Notification("init", Notification.Kind.DEV, Notification.Cmd.NEW, DevHandle.netdevsim(1), null))));
    a.expectNoMessage(Duration.ofMillis(100));
  }

  @Test
  void p11_aFullReceiveBufferDropsAndTheReaderThenSeesAnOverrunMarker() {
    ActorRef<MonitorHub.Command> mon = kit.spawn(MonitorHub.create(3));
    TestProbe<MonitorEvent> sub = kit.createTestProbe();
    mon.tell(new MonitorHub.Subscribe(java.util.Optional.ofNullable(null), sub.getRef()));
    List<Notification> notes = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      notes.add(new Notification("init", Notification.Kind.DEV, Notification.Cmd.NEW, DevHandle.netdevsim(i), null));
    }
    mon.tell(new MonitorHub.Publish(notes));
    assertEquals(notes.subList(0, 3).stream().map(MonitorEvent.Note::new).toList(), sub.receiveSeveralMessages(3, WAIT));
    sub.expectNoMessage(Duration.ofMillis(100));
    mon.tell(new MonitorHub.Consumed(sub.getRef(), 3));
    assertEquals(new MonitorEvent.Overrun(7), sub.receiveMessage(WAIT));
    Notification later = new Notification("init", Notification.Kind.DEV, Notification.Cmd.DEL, DevHandle.netdevsim(1), null);
    mon.tell(new MonitorHub.Publish(List.of(later)));
    assertEquals(new MonitorEvent.Note(later), sub.receiveMessage(WAIT));
    mon.tell(new MonitorHub.Unsubscribe(sub.getRef()));
  }

  // Found by the fuzzer ------------------------------------------------------------------------

  @Test
  void fuzz_aVfIndexTakenByAPhysicalPortFailsSwitchdevWithEexistAndLeaksNothing() {
    Host h = host(LatencyProfile.INSTANT);
    assertEquals(Reply.ok(), bus(h, true, "13 1"));
    assertEquals(Reply.ok(), driver(h, 13, new DriverOp.SysfsWrite("sriov_numvfs", "2\n")));
    assertEquals(Reply.ok(), driver(h, 13, new DriverOp.SysfsWrite("new_port", "129\n")));
    // nsim_esw_switchdev_enable: VF 1 is port 129, taken: devl_port_register fails, VF 0 goes again.
    assertEquals(Reply.err(Errno.EEXIST, "netdevsim: Failed to initialize VFs' netdevsim ports"),
        driver(h, 13, DevOp.EswitchSet.of(DevOp.EswitchMode.SWITCHDEV, null, null)));
    assertEquals(List.of(0L, 129L), ports(h, "init", 13).stream().map(PortState::index).toList());
    assertEquals(new DevOp.EswitchSnapshot(DevHandle.netdevsim(13), DevOp.EswitchMode.LEGACY),
        ReplyTypes.typed(new DevOp.EswitchGet(), driver(h, 13, new DevOp.EswitchGet())).orElseThrow());
    // The same through sriov_numvfs in switchdev mode: the VF count goes back to 0.
    assertEquals(Reply.ok(), driver(h, 13, new DriverOp.SysfsWrite("sriov_numvfs", "0\n")));
    assertEquals(Reply.ok(), driver(h, 13, DevOp.EswitchSet.of(DevOp.EswitchMode.SWITCHDEV, null, null)));
    assertEquals(Errno.EEXIST, errno(driver(h, 13, new DriverOp.SysfsWrite("sriov_numvfs", "2\n"))));
    assertEquals(new DriverOp.FileData("0\n"), ReplyTypes.typed(new DriverOp.SysfsRead("sriov_numvfs"), driver(h, 13, new DriverOp.SysfsRead("sriov_numvfs"))).orElseThrow());
    assertEquals(List.of("eth0", "eth1"), ports(h, "init", 13).stream().map(PortState::netdev).toList());
    // Nothing leaked: after the port goes, the VFs get the lowest names again.
    assertEquals(Reply.ok(), driver(h, 13, new DriverOp.SysfsWrite("del_port", "129\n")));
    assertEquals(Reply.ok(), driver(h, 13, new DriverOp.SysfsWrite("sriov_numvfs", "2\n")));
    assertEquals(List.of("eth0", "eth1", "eth2"), ports(h, "init", 13).stream().map(PortState::netdev).toList());
    assertEquals(Reply.ok(), bus(h, false, "13"));
  }

  @Test
  void fuzz_aPortThatSurvivesAReloadIntoAnotherNamespaceGivesItsNameBackWhereItLives() {
    Host h = host(LatencyProfile.INSTANT);
    TestProbe<Reply<?>> setup = kit.createTestProbe();
    h.registry().tell(new Registry.NetnsAdd("ns14", setup.getRef()));
    assertEquals(Reply.ok(), setup.receiveMessage(WAIT));
    assertEquals(Reply.ok(), bus(h, true, "14 1"));
    assertEquals(Reply.ok(), driver(h, 14, new DriverOp.DebugfsWrite("fail_reload", "Y\n")));
    assertEquals(Errno.EINVAL, errno(driver(h, 14, DevOp.Reload.of(null, null, null))));
    // Added while reload_failed: nsim_dev_reload_destroy leaves it alone, its netdev stays in init.
    assertEquals(Reply.ok(), driver(h, 14, new DriverOp.SysfsWrite("new_port", "5\n")));
    assertEquals(Errno.EINVAL, errno(driver(h, 14, DevOp.Reload.of(null, null, "ns14"))));
    assertEquals(List.of(DevHandle.netdevsim(14)), list(h, "ns14"));
    assertEquals(List.of("eth0"), ports(h, null, 14).stream().map(PortState::netdev).toList());
    assertEquals(Reply.ok(), driver(h, 14, new DriverOp.SysfsWrite("del_port", "5\n")));
    // eth0 went back to init, where it lives: the next device there gets it again.
    assertEquals(Reply.ok(), bus(h, true, "15 1"));
    assertEquals(List.of("eth0"), ports(h, "init", 15).stream().map(PortState::netdev).toList());
    assertEquals(Reply.ok(), bus(h, false, "14"));
    assertEquals(Reply.ok(), bus(h, false, "15"));
  }

  @Test
  void fuzz_namesAllocatedForAFailedStepGoBackEvenIfAPortFromAnotherNamespaceHasTheSameName() {
    // The fuzzer's 9-step reduction (seed 5309).
    Host h = host(LatencyProfile.INSTANT);
    TestProbe<Reply<?>> setup = kit.createTestProbe();
    h.registry().tell(new Registry.NetnsAdd("ns16", setup.getRef()));
    assertEquals(Reply.ok(), setup.receiveMessage(WAIT));
    assertEquals(Reply.ok(), bus(h, true, "16 1"));
    assertEquals(Reply.ok(), bus(h, true, "17 2"));
    assertEquals(Reply.ok(), driver(h, 17, new DriverOp.DebugfsWrite("fail_reload", "1")));
    assertEquals(Errno.EINVAL, errno(driver(h, 17, DevOp.Reload.of(DevOp.Action.DRIVER_REINIT, null, null))));
    assertEquals(Reply.ok(), driver(h, 17, new DriverOp.SysfsWrite("new_port", "129\n"))); // eth1 in init
    assertEquals(Errno.EOPNOTSUPP, errno(driver(h, 17, DevOp.EswitchSet.of(DevOp.EswitchMode.SWITCHDEV, null, DevOp.EncapMode.BASIC))));
    assertEquals(Errno.EINVAL, errno(driver(h, 17, DevOp.Reload.of(null, null, "ns16"))));
    // Three names from ns16 (eth0..eth2); VF 1 would be port 129: EEXIST, all three go back.
    assertEquals(Errno.EEXIST, errno(driver(h, 17, new DriverOp.SysfsWrite("sriov_numvfs", "3\n"))));
    assertEquals(Reply.ok(), bus(h, false, "17"));
    assertEquals(Reply.ok(), bus(h, false, "16"));
    TestProbe<NetStack.Taken> taken = kit.createTestProbe();
    h.netStack().tell(new NetStack.GetTaken(taken.getRef()));
    assertEquals(java.util.Map.of(), taken.receiveMessage(WAIT).byNetns());
  }
}
