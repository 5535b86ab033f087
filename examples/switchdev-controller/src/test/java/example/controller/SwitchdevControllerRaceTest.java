package example.controller;

import dev.fabric.devlink.client.TypedDevlink;
import dev.fabric.devlink.model.DevHandle;
import dev.fabric.testkit.FabricTestKit;
import dev.fabric.testkit.RaceResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The controller's reconciliation raced against reloads and a del_device (no simulated delays). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SwitchdevControllerRaceTest {

  @RegisterExtension
  static final FabricTestKit kit = FabricTestKit.builder().device(30, 2).build();

  @BeforeEach
  void freshDevices() {
    kit.resetDevices();
  }

  // tag::race[]
  @RepeatedTest(5)
  void reconcilesRacingReloadsAndADeleteEndOkOrEnodev() {
    TypedDevlink devlink = kit.client();
    DevHandle dev = kit.dev(30);
    RaceResult race = kit.race()
        .fire("reconcile", 10, () -> SwitchdevController.reconcile(devlink, dev, 2))
        .fire("reload", 3, () -> devlink.reload(dev))
        .fire("del_device", () -> devlink.delDevice(30))
        .shuffled(42)
        .run();
    // A reconcile may find the device gone at any of its steps (ENODEV): the controller reports
    // that as Gone. Any other errno would be a bug in the controller (or in the emulator).
    race.assertOnly("reconcile", "ok", "ENODEV")
        .assertOnly("reload", "ok", "ENODEV")
        .assertOnly("del_device", "ok");
  }
  // end::race[]
}
