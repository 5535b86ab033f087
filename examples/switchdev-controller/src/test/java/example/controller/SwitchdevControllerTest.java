package example.controller;

import dev.fabric.devlink.model.DevOp;

import static dev.fabric.testkit.DevlinkEvent.newPort;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fabric.devices.LatencyProfile;
import dev.fabric.devlink.client.DevlinkResult;
import dev.fabric.devlink.client.TypedDevlink;
import dev.fabric.devlink.model.DevHandle;
import dev.fabric.devlink.model.Errno;
import dev.fabric.devlink.model.Notification.Cmd;
import dev.fabric.devlink.model.Notification.Kind;
import dev.fabric.devlink.model.PortState;
import dev.fabric.testkit.DevlinkEvent;
import dev.fabric.testkit.FabricTestKit;
import dev.fabric.testkit.MonitorProbe;
import dev.fabric.testkit.PendingDelay;
import example.controller.SwitchdevController.Configured;
import example.controller.SwitchdevController.Failed;
import example.controller.SwitchdevController.Gone;
import example.controller.SwitchdevController.ReloadFailed;
import example.controller.SwitchdevController.Report;
import example.controller.SwitchdevController.Watching;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.testkit.typed.FishingOutcome;
import org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The controller against emulated devices, with the device's timing in the test's hands. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SwitchdevControllerTest {

  // tag::controller-kit[]
  @RegisterExtension
  static final FabricTestKit kit = FabricTestKit.builder()
      .latency(LatencyProfile.NETDEVSIM) // reload re-init 2 ms, flash 10 ms a chunk...
      .manualTime()                      // ...of simulated time: the test moves the clock
      .build();
  // end::controller-kit[]

  private final DevHandle dev = DevHandle.netdevsim(20);
  private TypedDevlink devlink;
  private TestProbe<Report> reports;
  private ActorRef<SwitchdevController.Command> controller;

  // tag::controller-start[]
  @BeforeEach
  void startController() {
    kit.resetDevices(); // no device: each test brings its own
    devlink = kit.client();
    reports = kit.testKit().createTestProbe();
    controller = kit.testKit().spawn(SwitchdevController.create(devlink, 2, reports.ref()));
    reports.expectMessage(new Report(null, new Watching()));
  }
  // end::controller-start[]

  @AfterEach
  void stopController() {
    kit.testKit().stop(controller);
  }

  // tag::device-arrival[]
  @Test
  void aNewDeviceGetsSwitchdevAndItsVfs() {
    try (MonitorProbe mon = kit.monitor().only(DevlinkEvent.of(Kind.PORT, Cmd.NEW, dev))) {
      kit.ok(devlink.newDevice(20, 2));
      reports.expectMessage(new Report(dev, new Configured(2)));
      mon.expectInOrder(newPort(dev.port(0)), newPort(dev.port(1)), newPort(dev.port(128)), newPort(dev.port(129)));
    }
    assertEquals(DevOp.EswitchMode.SWITCHDEV, kit.ok(devlink.eswitchMode(dev)));
  }
  // end::device-arrival[]

  // tag::reload-mid-work[]
  @Test
  void aReloadInTheMiddleOfItsWorkIsReappliedAfter() {
    kit.ok(devlink.newDevice(20, 2));
    // The controller starts on the device's [dev,new]; the reload lands somewhere in its steps.
    CompletableFuture<DevlinkResult<DevOp.ReloadPerformed>> reload = devlink.reload(dev).toCompletableFuture();
    PendingDelay reinit = kit.time().expectPending("reinit");
    // Held mid-reload: the device has no VFs, and whatever the controller sent waits with the reload.
    assertTrue(!reload.isDone());
    kit.time().release(reinit);
    assertTrue(kit.await(reload).isOk());
    // The reload dropped switchdev and the VFs; its [dev,new] makes the controller apply them again.
    reports.awaitAssert(() -> {
      assertEquals(DevOp.EswitchMode.SWITCHDEV, kit.ok(devlink.eswitchMode(dev)));
      assertEquals(2, vfPorts());
      return null;
    });
    assertNoFailureReported();
  }
  // end::reload-mid-work[]

  @Test
  void delDeviceInTheMiddleOfItsWorkEndsAsGoneNotFailed() {
    kit.ok(devlink.newDevice(20, 2));
    kit.ok(devlink.delDevice(20)); // right away: the controller is somewhere in its steps
    reports.fishForMessage(Duration.ofSeconds(5), r -> {
      if (r.status() instanceof Gone) {
        return FishingOutcomes.complete();
      }
      if (r.status() instanceof Configured) {
        return FishingOutcomes.continueAndIgnore(); // it finished before the delete: fine
      }
      return FishingOutcomes.fail("expected Configured then Gone, got " + r);
    });
  }

  // tag::failed-reload[]
  @Test
  void aFailedReloadIsReportedAndASuccessfulOneReapplies() {
    kit.ok(devlink.newDevice(20, 2));
    reports.expectMessage(new Report(dev, new Configured(2)));

    kit.ok(devlink.failReload(20, true));
    CompletableFuture<DevlinkResult<DevOp.ReloadPerformed>> failing = devlink.reload(dev).toCompletableFuture();
    kit.time().release(kit.time().expectPending("reinit"));
    DevlinkResult<DevOp.ReloadPerformed> failed = kit.await(failing);
    assertEquals(Errno.EINVAL, failed.errno());
    assertEquals("netdevsim: User setup the reload to fail for testing purposes.", failed.message());
    reports.expectMessage(new Report(dev, new ReloadFailed()));

    kit.ok(devlink.failReload(20, false));
    CompletableFuture<DevlinkResult<DevOp.ReloadPerformed>> retry = devlink.reload(dev).toCompletableFuture();
    kit.time().release(kit.time().expectPending("reinit"));
    assertTrue(kit.await(retry).isOk());
    reports.expectMessage(new Report(dev, new Configured(2)));
    assertEquals(2, vfPorts());
  }
  // end::failed-reload[]

  private long vfPorts() {
    return kit.ok(devlink.ports(dev)).stream().filter(p -> p.flavour() == PortState.Flavour.PCI_VF).count();
  }

  /** Drains the reports: none may be a failure. */
  private void assertNoFailureReported() {
    kit.fabric(); // the reports already sent are in the probe's queue
    for (Report r : reports.receiveSeveralMessages(0)) {
      assertTrue(!(r.status() instanceof Failed), r.toString());
    }
    while (true) {
      try {
        Report r = reports.receiveMessage(Duration.ofMillis(100));
        assertTrue(!(r.status() instanceof Failed), "the controller failed: " + r);
      } catch (AssertionError none) {
        return;
      }
    }
  }
}
