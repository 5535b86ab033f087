package dev.fabric.testkit;

import dev.fabric.devlink.model.Ack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.fabric.devices.LatencyProfile;
import dev.fabric.devlink.client.DevlinkResult;
import dev.fabric.devlink.model.DevHandle;
import dev.fabric.devlink.model.DevSnapshot;
import dev.fabric.devlink.model.FlashStatus;
import dev.fabric.devlink.model.Notification.Cmd;
import dev.fabric.devlink.model.Notification.Kind;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A flash advances one chunk per release of simulated time. Alone in its class: the flash is left
 * unfinished (500 chunks would take 500 ManualTime steps, and Pekko's ManualTime waits 100 ms of
 * real time in each), and the actor system ends with it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ManualTimeFlashTest {

  @RegisterExtension
  static final FabricTestKit kit = FabricTestKit.builder()
      .device(10, 1)
      .latency(LatencyProfile.NETDEVSIM)
      .manualTime()
      .build();

  private final DevHandle dev = DevHandle.netdevsim(10);

  @Test
  void eachChunkWaitsForSimulatedTime() {
    try (MonitorProbe mon = kit.monitor().only(DevlinkEvent.of(Kind.FLASH, null, dev))) {
      CompletableFuture<DevlinkResult<Ack>> flash = kit.client().flash(dev, "nsim-fw.bin", null).toCompletableFuture();
      mon.expectNext(DevlinkEvent.of(Kind.FLASH, Cmd.BEGIN, dev));
      FlashStatus preparing = (FlashStatus) mon.expectNext(DevlinkEvent.of(Kind.FLASH, Cmd.STATUS, dev)).payload();
      assertEquals("Preparing to flash", preparing.message());
      for (long chunk = 1; chunk <= 3; chunk++) {
        kit.time().release(kit.time().expectPending("flash-chunk"));
        FlashStatus status = (FlashStatus) mon.expectNext(DevlinkEvent.of(Kind.FLASH, Cmd.STATUS, dev)).payload();
        assertEquals((chunk - 1) * 1000, status.done()); // netdevsim reports each chunk's start
        assertEquals(500_000, status.total());
      }
      kit.time().expectPending("flash-chunk"); // the fourth chunk waits
      CompletableFuture<DevlinkResult<DevSnapshot>> show = kit.client().dev(dev).toCompletableFuture();
      kit.ok(kit.client().devices());
      assertFalse(flash.isDone(), "497 chunks to go");
      assertFalse(show.isDone(), "the instance is busy flashing: a dev show waits");
    }
  }
}
