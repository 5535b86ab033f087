package dev.fabric.devlink.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fabric.devices.LatencyProfile;
import dev.fabric.devlink.actor.Host;
import dev.fabric.devlink.model.DevHandle;
import dev.fabric.devlink.model.DevOp;
import dev.fabric.devlink.model.DevSnapshot;
import dev.fabric.devlink.model.Reply;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.DeadLetter;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.eventstream.EventStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Issue 13 point 8: the client's deadline follows the device timing or is set; late answers are no dead letters. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FabricDeadlineTest {
  private final Fabric fabric = Fabric.start("deadline", LatencyProfile.INSTANT);
  private final ActorTestKit kit = ActorTestKit.create(fabric.system());

  @AfterAll
  void shutdown() {
    fabric.close();
  }

  @Test
  void latencyProfilesAreBounded() {
    assertThrows(IllegalArgumentException.class,
        () -> new LatencyProfile(Duration.ofDays(365), Duration.ZERO));
    assertThrows(IllegalArgumentException.class,
        () -> new LatencyProfile(Duration.ZERO, Duration.ofMinutes(1)));
    new LatencyProfile(LatencyProfile.MAX_REINIT, LatencyProfile.MAX_FLASH_CHUNK);
  }

  @Test
  void theDeadlineFollowsTheSlowestDeviceTimingAndAnswersComeLateWithoutDeadLetters() throws Exception {
    assertEquals(Fabric.BASE_DEADLINE, fabric.deadline());
    assertEquals(Reply.ok(), fabric.newDeviceSync("1 1", Host.INIT_NETNS));
    // A re-init of 90 s is longer than the old fixed 60 s deadline: the deadline follows it.
    assertEquals(Reply.ok(), fabric.setLatencySync(1, new LatencyProfile(Duration.ofSeconds(90), Duration.ZERO)));
    assertTrue(fabric.deadline().compareTo(Duration.ofSeconds(150)) >= 0, fabric.deadline().toString());
    // Fixed short deadline: the reload (1 s re-init) outlives it; the client sees a timeout...
    assertEquals(Reply.ok(), fabric.setLatencySync(1, new LatencyProfile(Duration.ofSeconds(1), Duration.ZERO)));
    fabric.setDeadline(Duration.ofMillis(200));
    TestProbe<DeadLetter> dead = kit.createTestProbe();
    kit.system().eventStream().tell(new EventStream.Subscribe<>(DeadLetter.class, dead.getRef()));
    CompletableFuture<Reply<DevOp.ReloadPerformed>> reload = fabric.request(null, DevHandle.netdevsim(1), DevOp.Reload.of(null, null, null))
        .toCompletableFuture();
    ExecutionException e = assertThrows(ExecutionException.class, reload::get);
    assertInstanceOf(TimeoutException.class, e.getCause());
    // ...the fabric still answers it (late), and that answer is not a dead letter.
    fabric.setDeadline(Duration.ofSeconds(30));
    DevSnapshot after = fabric.requestSync(Host.INIT_NETNS, DevHandle.netdevsim(1), new DevOp.Get()).orElseThrow();
    assertEquals(1, after.reloadDriverReinit());
    dead.expectNoMessage(Duration.ofMillis(300));
    assertEquals(Reply.ok(), fabric.delDeviceSync("1"));
  }
}
