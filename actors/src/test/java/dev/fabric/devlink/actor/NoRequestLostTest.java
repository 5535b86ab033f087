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
 * A seeded storm of requests racing reloads, port churn, netns moves and del_device/new_device on
 * a few instances: every request is answered exactly once and nothing ends as a dead letter.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NoRequestLostTest {
  private final ActorTestKit kit = ActorTestKit.create();

  @AfterAll
  void shutdown() {
    kit.shutdownTestKit();
  }

  @Test
  void everyRequestOfARacingMixIsAnsweredAndNothingIsDeadLettered() {
    TestProbe<DeadLetter> dead = kit.createTestProbe();
    kit.system().eventStream().tell(new EventStream.Subscribe<>(DeadLetter.class, dead.getRef()));
    ActorRef<NetStack.Command> ns = kit.spawn(NetStack.create());
    ActorRef<MonitorHub.Command> mon = kit.spawn(MonitorHub.create());
    ActorRef<Registry.Command> reg = kit.spawn(Registry.create(ns, mon,
        new LatencyProfile(Duration.ofMillis(3), Duration.ZERO)));
    TestProbe<Reply<?>> setup = kit.createTestProbe();
    reg.tell(new Registry.NetnsAdd("ns1", setup.getRef()));
    for (int id = 1; id <= 4; id++) {
      reg.tell(new Registry.NewDevice(id + " 4", "init", setup.getRef()));
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
        reg.tell(new Registry.DelDevice(Integer.toString(id), replies.getRef()));
        sent++;
        reg.tell(new Registry.NewDevice(id + " " + rnd.nextInt(5), "init", replies.getRef()));
        sent++;
        continue;
      }
      Op op;
      String netns = "init";
      if (k < 10) {
        op = DevOp.Reload.of(null, null, rnd.nextBoolean() ? null : (rnd.nextBoolean() ? "ns1" : "1"));
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
      reg.tell(new Registry.Route(Caller.of(netns), dev, op, replies.getRef()));
      sent++;
    }
    List<Reply<?>> got = replies.receiveSeveralMessages(sent, Duration.ofSeconds(20));
    assertEquals(sent, got.size());
    replies.expectNoMessage(Duration.ofMillis(200));
    dead.expectNoMessage(Duration.ofMillis(200));
  }
}
