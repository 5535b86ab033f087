package dev.fabric.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.fabric.devlink.model.DevHandle;
import dev.fabric.devlink.model.Errno;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Several emulated hosts in the class's one actor system: separate buses, registries and monitors. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MultiHostTest {

  // tag::hosts[]
  @RegisterExtension
  static final FabricTestKit kit = FabricTestKit.builder()
      .hosts(2)
      .device(0, DeviceProfile.netdevsim(10, 2))
      .device(1, DeviceProfile.netdevsim(10, 4).withVfs(1))
      .build();
  // end::hosts[]

  @Test
  void eachHostHasItsOwnDevicesAndMonitor() {
    DevHandle dev = kit.dev(10);
    assertEquals(2, kit.ok(kit.client(0).ports(dev)).size());
    assertEquals(4, kit.ok(kit.client(1).ports(dev)).size()); // VFs have ports in switchdev mode only
    assertEquals("1\n", kit.ok(kit.client(1).sysfsRead(10, "sriov_numvfs")));
    try (MonitorProbe host0 = kit.monitor(); MonitorProbe host1 = kit.monitorOfHost(1)) {
      kit.ok(kit.client(1).delDevice(10));
      host1.expectInOrder(DevlinkEvent.delPort(dev.port(0)), DevlinkEvent.delDev(dev));
      host0.expectNoEvent(DevlinkEvent.anyFor(dev), Duration.ofMillis(100));
    }
    assertEquals(List.of(dev), kit.ok(kit.client(0).devices()));
    assertEquals(Errno.ENODEV, kit.await(kit.client(1).dev(dev)).errno());
    kit.resetDevices(); // every host gets its profile again
    assertEquals(4, kit.ok(kit.client(1).ports(dev)).size());
    assertThrows(IllegalArgumentException.class, () -> kit.client(2));
  }
}
