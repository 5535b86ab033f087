package dev.fabric.testkit;

import dev.fabric.devlink.model.ParamValue;

import dev.fabric.devlink.model.DevOp;

import dev.fabric.devlink.model.Ack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fabric.devlink.client.DevlinkResult;
import dev.fabric.devlink.client.TypedDevlink;
import dev.fabric.devlink.model.DevHandle;
import dev.fabric.devlink.model.Errno;
import dev.fabric.devlink.model.Param;
import dev.fabric.devlink.model.PortState;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The typed client over the extension's fabric: values, and errors as values with the kernel's text. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TypedClientTest {

  @RegisterExtension
  static final FabricTestKit kit = FabricTestKit.builder().device(10, 2).build();

  private final DevHandle dev = DevHandle.netdevsim(10);

  @BeforeEach
  void freshDevices() {
    kit.resetDevices();
  }

  @Test
  void profileDevicesExistWithTheirPorts() {
    TypedDevlink devlink = kit.client();
    assertEquals(List.of(dev), kit.ok(devlink.devices()));
    List<PortState> ports = kit.ok(devlink.ports(dev));
    assertEquals(List.of(0L, 1L), ports.stream().map(PortState::index).toList());
    assertEquals("eth0", ports.get(0).netdev());
  }

  @Test
  void paramsEswitchAndVfsThroughTheBus() {
    TypedDevlink devlink = kit.client();
    assertTrue(kit.await(devlink.setParam(dev, "max_macs", Param.Cmode.DRIVERINIT, new ParamValue.U32(16))).isOk());
    Param p = kit.ok(devlink.param(dev, "max_macs"));
    assertEquals(new ParamValue.U32(16), p.values().get(Param.Cmode.DRIVERINIT));
    kit.ok(devlink.setEswitchMode(dev, DevOp.EswitchMode.SWITCHDEV));
    assertEquals(DevOp.EswitchMode.SWITCHDEV, kit.ok(devlink.eswitchMode(dev)));
    kit.ok(devlink.setNumVfs(10, 2));
    assertEquals(2, kit.ok(devlink.ports(dev)).stream().filter(x -> x.flavour() == PortState.Flavour.PCI_VF).count());
    assertEquals("N\n", kit.ok(devlink.debugfsRead(10, "fail_reload")));
  }

  @Test
  void aDevlinkErrorIsAValueWithErrnoAndExtack() {
    TypedDevlink devlink = kit.client();
    kit.ok(devlink.dontAllowReload(10, true));
    DevlinkResult<DevOp.ReloadPerformed> refused = kit.await(devlink.reload(dev));
    assertFalse(refused.isOk());
    assertEquals(Errno.EOPNOTSUPP, refused.errno());
    assertEquals("netdevsim: User forbid the reload for testing purposes.", refused.message());

    DevlinkResult<Param> unknown = kit.await(devlink.param(dev, "no_such_param"));
    assertEquals(Errno.EINVAL, unknown.errno());

    DevlinkResult<Ack> gone = kit.await(devlink.delDevice(99));
    assertEquals(Errno.ENOENT, gone.errno()); // del_device_store: no such bus device
    assertNull(kit.await(devlink.dev(dev)).errno());
  }

  @Test
  void okFailsWithTheKernelsAnswer() {
    AssertionError e = org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class,
        () -> kit.ok(kit.client().dev(DevHandle.netdevsim(77))));
    assertEquals("expected success, but the kernel answered No such device (ENODEV)", e.getMessage());
    IllegalStateException get = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
        () -> kit.await(kit.client().param(dev, "no_such_param")).get());
    assertEquals("devlink call failed: Invalid argument (EINVAL)", get.getMessage());
  }
}
