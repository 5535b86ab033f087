package dev.fabric.devlink.actor;

import dev.fabric.devlink.model.Caller;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fabric.devices.LatencyProfile;
import dev.fabric.devlink.model.DevHandle;
import dev.fabric.devlink.model.DevOp;
import dev.fabric.devlink.model.DriverOp;
import dev.fabric.devlink.model.Op;
import dev.fabric.devlink.model.ParamOp;
import dev.fabric.devlink.model.Param;
import dev.fabric.devlink.model.ParamValue;
import dev.fabric.devlink.model.PortOp;
import dev.fabric.devlink.model.Reply;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.apache.pekko.actor.DeadLetter;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.eventstream.EventStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A seeded storm of requests racing reloads, flashes, port churn, netns moves, latency changes,
 * debugfs reads and del_device/new_device on a few instances, sent to the host (its one entry
 * actor) with a small request queue per instance (so full queues happen): every request is
 * answered exactly once and nothing ends as a dead letter. NoRequestLostInAnyStateTest sends every
 * message type in every state one by one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NoRequestLostTest {
  private final ActorTestKit kit = ActorTestKit.create(
      com.typesafe.config.ConfigFactory.parseString("fabric.limits.max-queued-requests = 8")
          .withFallback(com.typesafe.config.ConfigFactory.load()));

  @AfterAll
  void shutdown() {
    kit.shutdownTestKit();
  }

  @Test
  void everyRequestOfARacingMixIsAnsweredAndNothingIsDeadLettered() {
    TestProbe<DeadLetter> dead = kit.createTestProbe();
    kit.system().eventStream().tell(new EventStream.Subscribe<>(DeadLetter.class, dead.getRef()));
    LatencyProfile latency = new LatencyProfile(Duration.ofMillis(3), Duration.ZERO);
    ActorRef<Host.Command> host = kit.spawn(Host.create("storm", latency));
    TestProbe<Reply<?>> setup = kit.createTestProbe();
    host.tell(new Host.NetnsAdd("ns1", setup.getRef()));
    for (int id = 1; id <= 4; id++) {
      host.tell(new Host.NewDevice(id + " 4", "init", setup.getRef()));
    }
    setup.receiveSeveralMessages(5, Duration.ofSeconds(10));

    Random rnd = new Random(42);
    TestProbe<Reply<?>> replies = kit.createTestProbe();
    int sent = 0;
    for (int i = 0; i < 2000; i++) {
      DevHandle dev = DevHandle.netdevsim(1 + rnd.nextInt(4));
      int k = rnd.nextInt(100);
      if (k < 3) {
        int id = 1 + rnd.nextInt(4);
        // A latency change just before del_device: its reply was lost in 30 of 50 rounds once.
        host.tell(new Host.DeviceLatency(id, latency, replies.getRef()));
        host.tell(new Host.DelDevice(Integer.toString(id), replies.getRef()));
        host.tell(new Host.NewDevice(id + " " + rnd.nextInt(5), "init", replies.getRef()));
        sent += 3;
        continue;
      }
      if (k < 6) {
        host.tell(new Host.DeviceLatency(1 + rnd.nextInt(4), latency, replies.getRef()));
        sent++;
        continue;
      }
      if (k < 9) {
        DriverOp<?> debugfs = rnd.nextBoolean() ? new DriverOp.DebugfsRead("fail_reload")
            : new DriverOp.DebugfsList("ports");
        host.tell(new Host.DriverAction(1 + rnd.nextInt(4), debugfs, replies.getRef()));
        sent++;
        continue;
      }
      Op op;
      // Half from init's socket, half driver-side: reloads move devices into ns1, where init's
      // requests meet ENODEV, and the driver side still reaches them.
      String netns = rnd.nextBoolean() ? "init" : null;
      if (k < 10) {
        op = rnd.nextBoolean() ? DevOp.Flash.of("nsim-fw.bin", null, null)
            : DevOp.Reload.of(null, null, rnd.nextBoolean() ? null : (rnd.nextBoolean() ? "ns1" : "1"));
        netns = null;
      } else if (k < 20) {
        op = new DriverOp.SysfsWrite(rnd.nextBoolean() ? "new_port" : "del_port", rnd.nextInt(6) + "\n");
        netns = null;
      } else if (k < 25) {
        op = new ParamOp.Set("max_macs", Param.Cmode.DRIVERINIT, new ParamValue.U32(rnd.nextInt(64)));
      } else if (k < 60) {
        op = new PortOp.Get(rnd.nextInt(6));
      } else if (k < 80) {
        op = new PortOp.Dump();
      } else {
        op = new DevOp.Get();
      }
      host.tell(new Host.Route(Caller.of(netns), dev, op, replies.getRef()));
      sent++;
    }
    List<Reply<?>> got = replies.receiveSeveralMessages(sent, Duration.ofSeconds(20));
    assertEquals(sent, got.size());
    replies.expectNoMessage(Duration.ofMillis(200));
    dead.expectNoMessage(Duration.ofMillis(200));
  }
}
