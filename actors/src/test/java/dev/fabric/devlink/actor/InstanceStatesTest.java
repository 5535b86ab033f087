package dev.fabric.devlink.actor;

import dev.fabric.devlink.model.Caller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fabric.devices.LatencyProfile;
import dev.fabric.devlink.model.DevHandle;
import dev.fabric.devlink.model.DevOp;
import dev.fabric.devlink.model.DriverOp;
import dev.fabric.devlink.model.Errno;
import dev.fabric.devlink.model.FlashStatus;
import dev.fabric.devlink.model.Notification;
import dev.fabric.devlink.model.Op;
import dev.fabric.devlink.model.ParamOp;
import dev.fabric.devlink.model.PortOp;
import dev.fabric.devlink.model.PortState;
import dev.fabric.devlink.model.Reply;
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
 * The flashing and unregistering states, netns moves, and requests racing del_port and a flash:
 * every request gets a reply (Ok or the kernel's errno), never silence.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InstanceStatesTest {
  private final ActorTestKit kit = ActorTestKit.create();
  private static final Duration WAIT = Duration.ofSeconds(10);

  @AfterAll
  void shutdown() {
    kit.shutdownTestKit();
  }

  private record Host(ActorRef<Registry.Command> registry, ActorRef<MonitorHub.Command> monitor) {}

  private Host host(LatencyProfile latency) {
    ActorRef<NetStack.Command> ns = kit.spawn(NetStack.create());
    ActorRef<MonitorHub.Command> mon = kit.spawn(MonitorHub.create());
    return new Host(kit.spawn(Registry.create(ns, mon, latency)), mon);
  }

  private Reply ask(Host h, String netns, DevHandle dev, Op op) {
    TestProbe<Reply<?>> p = kit.createTestProbe();
    h.registry().tell(new Registry.Route(Caller.of(netns), dev, op, p.getRef()));
    return p.receiveMessage(WAIT);
  }

  private void newDevice(Host h, String text) {
    TestProbe<Reply<?>> p = kit.createTestProbe();
    h.registry().tell(new Registry.NewDevice(text, "init", p.getRef()));
    assertEquals(Reply.ok(), p.receiveMessage(WAIT));
  }

  @Test
  void flashingStashesOtherRequestsAndEmitsStatusInOrder() {
    Host h = host(new LatencyProfile(Duration.ZERO, Duration.ofMillis(1)));
    TestProbe<Notification> mon = kit.createTestProbe();
    newDevice(h, "70 2");
    h.monitor().tell(new MonitorHub.Subscribe(java.util.Optional.ofNullable("init"), NoteProbes.notes(kit, mon)));
    DevHandle dev = DevHandle.netdevsim(70);
    TestProbe<Reply<?>> flash = kit.createTestProbe();
    TestProbe<Reply<?>> reads = kit.createTestProbe();
    h.registry().tell(new Registry.Route(Caller.of("init"), dev, DevOp.Flash.of("nsim-fw.bin", null, null), flash.getRef()));
    h.registry().tell(new Registry.Route(Caller.of("init"), dev, new ParamOp.Get("max_macs"), reads.getRef()));
    // The read waits behind the flash: the flash reply comes first.
    assertEquals(Reply.ok(), flash.receiveMessage(WAIT));
    assertInstanceOf(Reply.Ok.class, reads.receiveMessage(WAIT));
    List<Notification> notes = new ArrayList<>();
    Notification n;
    do {
      n = mon.receiveMessage(WAIT);
      notes.add(n);
    } while (n.cmd() != Notification.Cmd.END);
    assertEquals(Notification.Cmd.BEGIN, notes.get(0).cmd());
    List<String> msgs = notes.stream().filter(x -> x.cmd() == Notification.Cmd.STATUS)
        .map(x -> ((FlashStatus) x.payload()).message()).distinct().toList();
    assertEquals(List.of("Preparing to flash", "Flashing", "Flash select", "Flashing done"), msgs);
    long done = -1;
    for (Notification x : notes) {
      FlashStatus f = (FlashStatus) x.payload();
      if ("Flashing".equals(f.message())) {
        assertTrue(f.done() > done, "progress goes forward");
        done = f.done();
      }
    }
    assertEquals(500_000, done);
  }

  @Test
  void delDeviceDuringAFlashAnswersEveryRequest() {
    Host h = host(new LatencyProfile(Duration.ZERO, Duration.ofMillis(1)));
    newDevice(h, "71 1");
    DevHandle dev = DevHandle.netdevsim(71);
    TestProbe<Reply<?>> flash = kit.createTestProbe();
    TestProbe<Reply<?>> queued = kit.createTestProbe();
    TestProbe<Reply<?>> del = kit.createTestProbe();
    h.registry().tell(new Registry.Route(Caller.of("init"), dev, DevOp.Flash.of("nsim-fw.bin", null, null), flash.getRef()));
    h.registry().tell(new Registry.Route(Caller.of("init"), dev, new PortOp.Get(0), queued.getRef()));
    h.registry().tell(new Registry.DelDevice("71", del.getRef()));
    assertEquals(Reply.ok(), flash.receiveMessage(WAIT));
    assertInstanceOf(PortState.class, ((Reply.Ok<?>) queued.receiveMessage(WAIT)).value());
    assertEquals(Reply.ok(), del.receiveMessage(WAIT));
    assertEquals(Reply.err(Errno.ENODEV), ask(h, "init", dev, new DevOp.Get()));
  }

  @Test
  void portRequestsRacingDelPortGetThePortOrEnodev() {
    Host h = host(LatencyProfile.INSTANT);
    newDevice(h, "72 4");
    DevHandle dev = DevHandle.netdevsim(72);
    TestProbe<Reply<?>> replies = kit.createTestProbe();
    h.registry().tell(new Registry.Route(Caller.of("init"), dev, new PortOp.Get(3), replies.getRef()));
    h.registry().tell(new Registry.Route(Caller.of(null), dev, new DriverOp.SysfsWrite("del_port", "3\n"), replies.getRef()));
    h.registry().tell(new Registry.Route(Caller.of("init"), dev, new PortOp.Get(3), replies.getRef()));
    List<Reply<?>> got = replies.receiveSeveralMessages(3, WAIT);
    assertTrue(got.contains(Reply.ok()), "del_port answered");
    assertTrue(got.contains(Reply.err(Errno.ENODEV)), "the later get sees the port gone");
    assertTrue(got.stream().anyMatch(r -> r instanceof Reply.Ok ok && ok.value() instanceof PortState),
        "the earlier get sees the port");
  }

  @Test
  void reloadIntoANamespaceHidesTheInstanceFromTheOldOne() {
    Host h = host(LatencyProfile.INSTANT);
    TestProbe<Reply<?>> p = kit.createTestProbe();
    h.registry().tell(new Registry.NetnsAdd("ns1", p.getRef()));
    assertEquals(Reply.ok(), p.receiveMessage(WAIT));
    newDevice(h, "73 2");
    DevHandle dev = DevHandle.netdevsim(73);
    assertEquals(Reply.ok(new DevOp.ReloadPerformed(java.util.List.of(DevOp.Action.DRIVER_REINIT), false)), ask(h, "init", dev, DevOp.Reload.of(null, null, "ns1")));
    assertEquals(Reply.err(Errno.ENODEV), ask(h, "init", dev, new DevOp.Get()));
    assertInstanceOf(Reply.Ok.class, ask(h, "ns1", dev, new DevOp.Get()));
    Reply unknown = ask(h, "ns1", dev, DevOp.Reload.of(null, null, "999999"));
    assertEquals(Errno.EINVAL, ((Reply.Err) unknown).errno());
    assertEquals(Reply.ok(new DevOp.ReloadPerformed(java.util.List.of(DevOp.Action.DRIVER_REINIT), false)), ask(h, "ns1", dev, DevOp.Reload.of(null, null, "1")));
    assertInstanceOf(Reply.Ok.class, ask(h, "init", dev, new DevOp.Get()));
  }

  @Test
  void reloadFailedStateStillServesParamsButNoPorts() {
    Host h = host(LatencyProfile.INSTANT);
    newDevice(h, "74 2");
    DevHandle dev = DevHandle.netdevsim(74);
    assertEquals(Reply.ok(), ask(h, null, dev, new DriverOp.DebugfsWrite("fail_reload", "Y\n")));
    assertEquals(Errno.EINVAL, ((Reply.Err) ask(h, "init", dev, DevOp.Reload.of(null, null, null))).errno());
    assertInstanceOf(Reply.Ok.class, ask(h, "init", dev, new ParamOp.Get("max_macs")));
    assertEquals(Reply.err(Errno.ENODEV), ask(h, "init", dev, new PortOp.Get(0)));
    // new_port still works in reload_failed; the next good reload then fails with EEXIST.
    assertEquals(Reply.ok(), ask(h, null, dev, new DriverOp.SysfsWrite("new_port", "0\n")));
    assertEquals(Reply.ok(), ask(h, null, dev, new DriverOp.DebugfsWrite("fail_reload", "N\n")));
    assertEquals(Errno.EEXIST, ((Reply.Err) ask(h, "init", dev, DevOp.Reload.of(null, null, null))).errno());
  }

  @Test
  void latencyIsConfigurablePerDevice() {
    Host h = host(LatencyProfile.INSTANT);
    newDevice(h, "75 1");
    newDevice(h, "76 1");
    TestProbe<Reply<?>> set = kit.createTestProbe();
    h.registry().tell(new Registry.DeviceLatency(75, new LatencyProfile(Duration.ofMillis(400), Duration.ZERO), set.getRef()));
    assertEquals(Reply.ok(), set.receiveMessage(WAIT));
    TestProbe<Reply<?>> slow = kit.createTestProbe();
    TestProbe<Reply<?>> fast = kit.createTestProbe();
    h.registry().tell(new Registry.Route(Caller.of("init"), DevHandle.netdevsim(75), DevOp.Reload.of(null, null, null), slow.getRef()));
    h.registry().tell(new Registry.Route(Caller.of("init"), DevHandle.netdevsim(76), DevOp.Reload.of(null, null, null), fast.getRef()));
    // The other device's reload is not held up by the slow one.
    assertEquals(Reply.ok(new DevOp.ReloadPerformed(java.util.List.of(DevOp.Action.DRIVER_REINIT), false)), fast.receiveMessage(Duration.ofMillis(300)));
    slow.expectNoMessage(Duration.ofMillis(100));
    assertEquals(Reply.ok(new DevOp.ReloadPerformed(java.util.List.of(DevOp.Action.DRIVER_REINIT), false)), slow.receiveMessage(WAIT));
  }
}
