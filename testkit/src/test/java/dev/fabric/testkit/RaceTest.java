package dev.fabric.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.fabric.devlink.client.TypedDevlink;
import dev.fabric.devlink.model.DevHandle;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Concurrent operations, every reply collected with its errno, assertions on the set of outcomes. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RaceTest {

  @RegisterExtension
  static final FabricTestKit kit = FabricTestKit.builder().device(10, 4).build();

  private final DevHandle dev = DevHandle.netdevsim(10);

  @BeforeEach
  void freshDevices() {
    kit.resetDevices();
  }

  @Test
  void portShowsDuringReloadAndDelDeviceGetOkOrEnodev() {
    TypedDevlink devlink = kit.client();
    RaceResult result = kit.race()
        .fire("port show", 20, () -> devlink.port(dev.port(1)))
        .fire("reload", () -> devlink.reload(dev))
        .fire("del_device", () -> devlink.delDevice(10))
        .shuffled(7)
        .run();
    assertEquals(22, result.replies().size());
    result.assertOnly("port show", "ok", "ENODEV")
        .assertOnly("reload", "ok", "ENODEV")
        .assertOnly("del_device", "ok");
  }

  @Test
  void assertOnlyFailsListingTheUnexpectedReplies() {
    TypedDevlink devlink = kit.client();
    RaceResult result = kit.race()
        .fire("show gone", 2, () -> devlink.port(DevHandle.netdevsim(77).port(0)))
        .fire("show", 1, () -> devlink.port(dev.port(0)))
        .run();
    assertEquals(Map.of("ENODEV", 2L), result.tally("show gone"));
    AssertionError e = assertThrows(AssertionError.class, () -> result.assertOnly("show gone", "ok"));
    assertEquals("""
        race group 'show gone': expected only [ok] but got {ENODEV=2}; unexpected replies:
          show gone#0 (sent 0): No such device (ENODEV)
          show gone#1 (sent 2): No such device (ENODEV)""", e.getMessage());
    AssertionError notSeen = assertThrows(AssertionError.class, () -> result.assertSeen("show", "ENODEV"));
    assertEquals("race group 'show': expected at least one ENODEV but got {ok=1}:\n"
        + "  show#0 (sent 1): ok " + kit.ok(devlink.port(dev.port(0))), notSeen.getMessage());
  }
}
