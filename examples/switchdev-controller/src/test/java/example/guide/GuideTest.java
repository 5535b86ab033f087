package example.guide;

import dev.fabric.devlink.model.ParamValue;

import dev.fabric.devlink.model.DevOp;

import dev.fabric.devlink.model.Ack;

import static dev.fabric.testkit.DevlinkEvent.delDev;
import static dev.fabric.testkit.DevlinkEvent.delPort;
import static dev.fabric.testkit.DevlinkEvent.newPort;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fabric.devlink.client.DevlinkResult;
import dev.fabric.devlink.client.TypedDevlink;
import dev.fabric.devlink.model.DevHandle;
import dev.fabric.devlink.model.Errno;
import dev.fabric.devlink.model.Param;
import dev.fabric.testkit.FabricTestKit;
import dev.fabric.testkit.MonitorProbe;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The guide's steps (docs/TESTKIT.md shows these regions; DocSnippetsTest keeps them equal). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GuideTest {

  @RegisterExtension
  static final FabricTestKit kit = FabricTestKit.builder().device(10, 2).build();

  private final DevHandle dev = DevHandle.netdevsim(10);

  // tag::reset[]
  @BeforeEach
  void freshDevices() {
    kit.resetDevices(); // del_device every device, new_device the profile again
  }
  // end::reset[]

  // tag::typed-client[]
  @Test
  void setAndReadAParameter() {
    TypedDevlink devlink = kit.client();
    DevlinkResult<Ack> set = kit.await(devlink.setParam(dev, "max_macs", Param.Cmode.DRIVERINIT, new ParamValue.U32(64)));
    assertTrue(set.isOk());
    Param maxMacs = kit.ok(devlink.param(dev, "max_macs")); // ok(): the value, or fail with the errno
    assertEquals(new ParamValue.U32(64), maxMacs.values().get(Param.Cmode.DRIVERINIT));
  }
  // end::typed-client[]

  // tag::errors-are-values[]
  @Test
  void aRefusedReloadIsAnErrnoWithTheKernelsMessage() {
    TypedDevlink devlink = kit.client();
    kit.ok(devlink.dontAllowReload(10, true)); // echo Y > .../netdevsim10/dont_allow_reload
    DevlinkResult<DevOp.ReloadPerformed> reload = kit.await(devlink.reload(dev));
    assertEquals(Errno.EOPNOTSUPP, reload.errno());
    assertEquals("netdevsim: User forbid the reload for testing purposes.", reload.message());
  }
  // end::errors-are-values[]

  // tag::monitor[]
  @Test
  void deletingADeviceAnnouncesItsPortsFirst() {
    try (MonitorProbe mon = kit.monitor()) {
      kit.ok(kit.client().newPort(10, 7));
      mon.expectNext(newPort(dev.port(7)));
      mon.expectNoEvent(delDev(dev), Duration.ofMillis(100));
      kit.ok(kit.client().delDevice(10));
      mon.expectInOrder(delPort(dev.port(7)), delDev(dev)); // other events in between are skipped
    }
  }
  // end::monitor[]

  // tag::monitor-failure[]
  @Test
  void aWrongExpectationSaysWhatCameInDevlinkMonText() {
    try (MonitorProbe mon = kit.monitor()) {
      kit.ok(kit.client().newPort(10, 7));
      AssertionError e = assertThrows(AssertionError.class, () -> mon.expectNext(delDev(dev)));
      assertEquals("""
          expected next event [dev,del] netdevsim/netdevsim10, but got [port,new] netdevsim/netdevsim10/7, \
          as devlink mon printed it:
          [port,new] netdevsim/netdevsim10/7: type notset flavour physical port 8 splittable false""",
          e.getMessage());
    }
  }
  // end::monitor-failure[]
}
