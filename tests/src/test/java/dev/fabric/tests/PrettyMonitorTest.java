package dev.fabric.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fabric.cli.run.ScriptRunner;
import dev.fabric.devices.LatencyProfile;
import dev.fabric.devlink.client.Fabric;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * `devlink -jp mon`: iproute2 6.1's main() makes json_print's writer pretty for the whole run, so
 * the monitor's never-closed {"mon":[ stream is indented across events. The expected bytes were
 * printed by the stock /usr/sbin/devlink 6.1 through the netlink shim, on the same devices and
 * actions:
 * {@code ./fabric exec -- sh -c 'timeout 3 devlink -jp mon & sleep 1; devlink dev param set
 * netdevsim/netdevsim10 name max_macs value 16 cmode driverinit; devlink dev reload
 * netdevsim/netdevsim11; sleep 1; wait'} (exec's default devices: `10 4` and `11 2`).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PrettyMonitorTest {
  private Fabric fabric;

  @BeforeAll
  void start() {
    fabric = Fabric.start("pretty-mon", LatencyProfile.INSTANT);
  }

  @AfterAll
  void stop() {
    fabric.close();
  }

  @Test
  void prettyJsonMonitorPrintsWhatTheStockBinaryPrints() throws IOException {
    String script = """
        echo '10 4' > /sys/bus/netdevsim/new_device
        echo '11 2' > /sys/bus/netdevsim/new_device
        devlink -jp mon &
        devlink dev param set netdevsim/netdevsim10 name max_macs value 16 cmode driverinit
        devlink dev reload netdevsim/netdevsim11
        """;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int rc = new ScriptRunner(fabric).runScript(script, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), false);
    assertEquals(0, rc, err.toString(StandardCharsets.UTF_8));
    String expected = Files.readString(Path.of("src/test/resources/stock-devlink-jp-mon.txt"));
    assertEquals(macs(expected), macs(out.toString(StandardCharsets.UTF_8)));
  }

  /** Random MACs by shape. */
  private static String macs(String s) {
    return s.replaceAll("\"[0-9a-f]{2}(:[0-9a-f]{2}){5}\"", "\"<mac>\"");
  }
}
