package dev.fabric.testkit;

import dev.fabric.devlink.model.DevOp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fabric.devices.LatencyProfile;
import dev.fabric.devlink.client.DevlinkResult;
import dev.fabric.devlink.client.TypedDevlink;
import dev.fabric.devlink.model.DevHandle;
import dev.fabric.devlink.model.Errno;
import dev.fabric.devlink.model.Notification.Cmd;
import dev.fabric.devlink.model.Notification.Kind;
import dev.fabric.devlink.model.PortState;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Reload re-init, flash chunks and health grace periods wait for the test's ManualTime. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SimulatedTimeTest {

  // tag::manual-time-kit[]
  @RegisterExtension
  static final FabricTestKit kit = FabricTestKit.builder()
      .device(10, 2)
      .latency(LatencyProfile.NETDEVSIM)
      .manualTime()
      .build();
  // end::manual-time-kit[]

  private final DevHandle dev = DevHandle.netdevsim(10);

  @BeforeEach
  void freshDevices() {
    kit.resetDevices();
  }

  // tag::held-reload[]
  @Test
  void aReloadIsHeldUntilTheTestReleasesIt() {
    TypedDevlink devlink = kit.client();
    CompletableFuture<DevlinkResult<DevOp.ReloadPerformed>> reload = devlink.reload(dev).toCompletableFuture();
    PendingDelay reinit = kit.time().expectPending("reinit");
    assertEquals(dev, reinit.dev());
    assertEquals(LatencyProfile.NETDEVSIM.reinit(), reinit.delay());

    CompletableFuture<DevlinkResult<PortState>> show = devlink.port(dev.port(0)).toCompletableFuture();
    kit.ok(devlink.devices()); // the registry answered this after forwarding the show: it waits in the instance
    assertFalse(reload.isDone(), "the reload waits for its re-init");
    assertFalse(show.isDone(), "a port show during the reload waits for it");

    kit.time().release(reinit);
    assertTrue(kit.await(reload).isOk());
    assertEquals(PortState.Type.ETH, kit.ok(show).type());
  }
  // end::held-reload[]

  // tag::grace-period[]
  @Test
  void healthGracePeriodFollowsSimulatedTime() {
    TypedDevlink devlink = kit.client();
    kit.ok(devlink.setHealthReporter(dev, "dummy", 60_000L, true, null));
    kit.ok(devlink.breakHealth(10, "first")); // auto-recovered
    assertEquals(Errno.ECANCELED, kit.await(devlink.breakHealth(10, "inside the grace period")).errno());
    kit.ok(devlink.healthRecover(dev, "dummy")); // the grace period restarts now
    kit.time().advance(Duration.ofSeconds(59));
    assertEquals(Errno.ECANCELED, kit.await(devlink.breakHealth(10, "59 s later")).errno());
    kit.ok(devlink.healthRecover(dev, "dummy"));
    kit.time().advance(Duration.ofSeconds(61));
    kit.ok(devlink.breakHealth(10, "61 s later: recovered again"));
  }
  // end::grace-period[]

  @Test
  void expectNothingPendingFailsReadably() {
    kit.time().expectNothingPending(Duration.ofMillis(50));
    CompletableFuture<DevlinkResult<DevOp.ReloadPerformed>> reload = kit.client().reload(dev).toCompletableFuture();
    AssertionError e = assertThrows(AssertionError.class, () -> kit.time().expectNothingPending(Duration.ofSeconds(3)));
    assertEquals("expected no hardware step to wait for simulated time within 3000 ms, but netdevsim/netdevsim10 "
        + "waits in reinit for 2 ms", e.getMessage());
    kit.time().advance(LatencyProfile.NETDEVSIM.reinit());
    assertTrue(kit.await(reload).isOk());
  }

  @Test
  void expectPendingFailsReadably() {
    AssertionError e = assertThrows(AssertionError.class, () -> {
      kit.client().reload(dev);
      kit.time().expectPending("flash-chunk");
    });
    assertEquals("expected pending hardware step flash-chunk, but netdevsim/netdevsim10 waits in reinit", e.getMessage());
    kit.time().advance(LatencyProfile.NETDEVSIM.reinit()); // let the reload finish
    kit.ok(kit.client().dev(dev));
  }
}
