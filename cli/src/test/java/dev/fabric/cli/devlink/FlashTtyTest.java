package dev.fabric.cli.devlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fabric.devices.LatencyProfile;
import dev.fabric.devlink.client.Fabric;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * `devlink dev flash` with stdout a terminal, in netdevsim's real time (500 chunks of 10 ms):
 * what iproute2 6.1's cmd_dev_flash_status_cb and cmd_dev_flash_time_elapsed print, streamed as
 * it happens, versus the plain lines off a terminal.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FlashTtyTest {
  private Fabric fabric;

  @BeforeAll
  void start() {
    fabric = Fabric.start("flash-tty", LatencyProfile.NETDEVSIM);
    fabric.newDeviceSync("50 1", "init");
  }

  @AfterAll
  void stop() {
    fabric.close();
  }

  @Test
  void onATerminalPercentagesAndElapsedTimeAreRewrittenInPlaceAsTheyCome() {
    List<String> chunks = new ArrayList<>();
    long t0 = System.nanoTime();
    List<Long> times = new ArrayList<>();
    Devlink.Outcome o = new Devlink(fabric).run("init", List.of("dev", "flash", "netdevsim/netdevsim50", "file",
        "nsim-fw.bin"), true, s -> {
          chunks.add(s);
          times.add(System.nanoTime() - t0);
        });
    assertEquals(0, o.status(), o.stderr());
    String all = String.join("", chunks) + o.stdout();
    assertTrue(all.startsWith("Preparing to flash\nFlashing   0%\b\b\b\b\b   0%\b\b\b\b\b   0%"), all.substring(0, 80));
    assertTrue(all.contains("  10%\b\b\b\b\b  10%"), "percentages rewritten with backspaces");
    // more than 2 s on one message: " ( 0m 3s )", rubbed out with "\b \b" before the next update
    assertTrue(all.contains(" ( 0m 3s )\b \b\b \b\b \b\b \b\b \b\b \b\b \b\b \b\b \b\b \b"), "elapsed time shown");
    assertTrue(all.contains(" 100%"), "the last percentage");
    // the elapsed time after 100% is rubbed out before the next message's newline
    assertTrue(all.matches("(?s).* 100%( \\( 0m [0-9]+s \\)(\b \b){10})*\nFlash select\nFlashing done\n"),
        all.substring(all.length() - 80));
    assertTrue(chunks.size() > 100, "streamed as it happens, not at the end: " + chunks.size() + " writes");
    assertTrue(times.get(1) < times.get(times.size() - 1) - 3_000_000_000L, "the first lines came seconds before the last");
  }

  @Test
  void offATerminalOnlyTheStatusLines() {
    Devlink.Outcome o = new Devlink(fabric).run("init", List.of("dev", "flash", "netdevsim/netdevsim50", "file",
        "nsim-fw.bin"), false, null);
    assertEquals("Preparing to flash\nFlashing\nFlash select\nFlashing done\n", o.stdout());
  }
}
