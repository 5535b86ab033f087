package dev.fabric.testkit;

import static dev.fabric.testkit.DevlinkEvent.delDev;
import static dev.fabric.testkit.DevlinkEvent.delPort;
import static dev.fabric.testkit.DevlinkEvent.newDev;
import static dev.fabric.testkit.DevlinkEvent.newPort;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.fabric.devlink.model.DevHandle;
import dev.fabric.devlink.model.Notification.Cmd;
import dev.fabric.devlink.model.Notification.Kind;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Each expectation passes on the right events and fails, readably, on the wrong ones. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MonitorProbeTest {

  @RegisterExtension
  static final FabricTestKit kit = FabricTestKit.builder().device(10, 1).timeout(Duration.ofSeconds(3)).build();

  private final DevHandle dev10 = DevHandle.netdevsim(10);

  @BeforeEach
  void freshDevices() {
    kit.resetDevices();
  }

  @Test
  void expectNextPassesOnTheRightEvent() {
    try (MonitorProbe mon = kit.monitor()) {
      kit.ok(kit.client().newPort(10, 5));
      mon.expectNext(newPort(dev10.port(5)));
    }
  }

  @Test
  void expectNextFailsShowingWhatCameInDevlinkMonText() {
    try (MonitorProbe mon = kit.monitor()) {
      kit.ok(kit.client().newPort(10, 5));
      AssertionError e = assertThrows(AssertionError.class, () -> mon.expectNext(newPort(dev10.port(6))));
      assertEquals("""
          expected next event [port,new] netdevsim/netdevsim10/6, but got [port,new] netdevsim/netdevsim10/5, \
          as devlink mon printed it:
          [port,new] netdevsim/netdevsim10/5: type notset flavour physical port 6 splittable false""", e.getMessage());
    }
  }

  @Test
  void expectNextFailsWhenNothingComes() {
    try (MonitorProbe mon = kit.monitor()) {
      AssertionError e = assertThrows(AssertionError.class,
          () -> mon.expectNext(newDev(dev10), Duration.ofMillis(100)));
      assertEquals("expected next event [dev,new] netdevsim/netdevsim10 within 100 ms, but none came; "
          + "nothing else arrived", e.getMessage());
    }
  }

  @Test
  void ignoredObjectsAreSkipped() {
    try (MonitorProbe mon = kit.monitor().only(DevlinkEvent.of(Kind.DEV, null, null))) {
      kit.ok(kit.client().newDevice(11, 2));
      mon.expectNext(newDev(DevHandle.netdevsim(11))); // its port events are not named: skipped
    }
  }

  @Test
  void expectNoEventPassesAndFails() {
    try (MonitorProbe mon = kit.monitor()) {
      kit.ok(kit.client().delPort(10, 0));
      mon.expectNoEvent(delDev(dev10), Duration.ofMillis(50));
      kit.ok(kit.client().delDevice(10));
      AssertionError e = assertThrows(AssertionError.class,
          () -> mon.expectNoEvent(delDev(dev10), Duration.ofMillis(50)));
      assertEquals("""
          expected no event [dev,del] netdevsim/netdevsim10 within 50 ms, but got 1, as devlink mon printed them:
          [dev,del] netdevsim/netdevsim10:
            stats:
                reload:
                    driver_reinit:
                      unspecified 0
                remote_reload:
                    driver_reinit:
                      unspecified 0
                    fw_activate:
                      unspecified 0 no_reset 0""", e.getMessage());
    }
  }

  @Test
  void expectInOrderPassesAndFailsOnOrder() {
    try (MonitorProbe mon = kit.monitor()) {
      kit.ok(kit.client().newPort(10, 5));
      kit.ok(kit.client().delDevice(10));
      // the kernel's order: ports go before their device
      mon.expectInOrder(newPort(dev10.port(5)), delPort(dev10.port(5)), delDev(dev10));
    }
    try (MonitorProbe mon = kit.monitor()) {
      kit.resetDevices();
      kit.ok(kit.client().delDevice(10));
      AssertionError e = assertThrows(AssertionError.class,
          () -> mon.expectInOrder(delDev(dev10), delPort(dev10.port(0))));
      assertEquals("""
          expected events in order [[dev,del] netdevsim/netdevsim10, [port,del] netdevsim/netdevsim10/0], but \
          [port,del] netdevsim/netdevsim10/0 came before [dev,del] netdevsim/netdevsim10, the named events that \
          came, as devlink mon printed them:
          [port,del] netdevsim/netdevsim10/0: type eth netdev eth0 flavour physical port 1 splittable false""",
          e.getMessage());
    }
  }

  @Test
  void expectInOrderFailsWhenOneIsMissing() {
    try (MonitorProbe mon = kit.monitor()) {
      kit.ok(kit.client().newPort(10, 5));
      AssertionError e = assertThrows(AssertionError.class,
          () -> mon.expectInOrder(Duration.ofMillis(200), newPort(dev10.port(5)), DevlinkEvent.of(Kind.PORT, Cmd.DEL, dev10)));
      assertEquals("""
          expected events in order [[port,new] netdevsim/netdevsim10/5, [port,del] netdevsim/netdevsim10]; still \
          waiting for [port,del] netdevsim/netdevsim10 after 200 ms, the named events that came, as devlink mon \
          printed them:
          [port,new] netdevsim/netdevsim10/5: type notset flavour physical port 6 splittable false""", e.getMessage());
    }
  }
}
