package example.controller;

import dev.fabric.devlink.client.TypedDevlink;
import dev.fabric.devlink.model.DevHandle;
import dev.fabric.testkit.FabricTestKit;
import dev.fabric.testkit.RaceResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The controller's reconciliation raced against reloads, an operator and a del_device (no simulated delays). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SwitchdevControllerRaceTest {

  @RegisterExtension
  static final FabricTestKit kit = FabricTestKit.builder().device(30, 2).build();

  @BeforeEach
  void freshDevices() {
    kit.resetDevices();
  }

  // tag::race[]
  /**
   * The first reconcile wrote the VF count straight away. This race failed with
   * "race group 'reconcile': expected only [ok] but got {EBUSY=10}": netdevsim's sriov_numvfs
   * refuses to go from 4 VFs to 2. The reconcile now goes through 0 first.
   */
  @RepeatedTest(3)
  void reconcilesRacingReloadsAndAnOperatorAllSucceed() {
    TypedDevlink devlink = kit.client();
    DevHandle dev = kit.dev(30);
    RaceResult race = kit.race()
        .fire("reconcile", 10, () -> SwitchdevController.reconcile(devlink, dev, 2))
        .fire("reload", 3, () -> devlink.reload(dev))
        .fire("operator sets 4 VFs", 3, () -> devlink.setNumVfs(30, 4))
        .shuffled(42)
        .run();
    race.assertOnly("reconcile", "ok")
        .assertOnly("reload", "ok");
  }
  // end::race[]

  @RepeatedTest(3)
  void aDeleteMidRaceIsEnodevAtWorst() {
    TypedDevlink devlink = kit.client();
    DevHandle dev = kit.dev(30);
    RaceResult race = kit.race()
        .fire("reconcile", 10, () -> SwitchdevController.reconcile(devlink, dev, 2))
        .fire("reload", 3, () -> devlink.reload(dev))
        .fire("del_device", () -> devlink.delDevice(30))
        .run();
    // The device may go at any step of a reconcile: ENODEV, which the controller reports as Gone.
    race.assertOnly("reconcile", "ok", "ENODEV")
        .assertOnly("reload", "ok", "ENODEV")
        .assertOnly("del_device", "ok");
  }
}
