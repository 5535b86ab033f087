package dev.fabric.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fabric.cli.Main;
import dev.fabric.cli.run.ScriptRunner;
import dev.fabric.cli.script.Result;
import dev.fabric.cli.script.ScriptException;
import dev.fabric.cli.script.ScriptParser;
import dev.fabric.devices.LatencyProfile;
import dev.fabric.devlink.client.Fabric;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bad input gets the kernel's or iproute2's message and a non-zero status, never a Java stack
 * trace, and leaves the fabric exactly as it was.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputTest {
  private Fabric fabric;
  private ScriptRunner runner;

  /** Commands whose combined output is the observable state of the host. */
  private static final List<String> STATE = List.of(
      "devlink -j -s dev show", "devlink -j port show", "devlink -j dev param show",
      "devlink -j dev eswitch show netdevsim/netdevsim10", "ls /sys/bus/netdevsim/devices",
      "cat /sys/kernel/debug/netdevsim/netdevsim10/max_vfs /sys/kernel/debug/netdevsim/netdevsim10/fail_reload",
      "cat /sys/bus/netdevsim/devices/netdevsim10/sriov_numvfs", "ip netns list");

  @BeforeAll
  void start() throws Exception {
    fabric = Fabric.start("badinput", LatencyProfile.INSTANT);
    runner = new ScriptRunner(fabric);
    line("echo '10 4' > /sys/bus/netdevsim/new_device");
    line("echo '11 2' > /sys/bus/netdevsim/new_device");
    line("ip netns add ns1");
  }

  @AfterAll
  void stop() {
    fabric.close();
  }

  private Result line(String text) throws ScriptException, IOException {
    return runner.runLine(ScriptParser.parseLine(text, 1));
  }

  private String state() throws Exception {
    StringBuilder b = new StringBuilder();
    for (String s : STATE) {
      Result r = line(s);
      b.append(r.stdout()).append(r.stderr()).append(r.rc()).append('\n');
    }
    return b.toString();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "devlink dev show netdevsim",
      "devlink dev show netdevsim/netdevsim10/0",
      "devlink dev show a/b/c/d",
      "devlink dev show netdevsim/netdevsim99",
      "devlink port show netdevsim/netdevsim10/abc",
      "devlink port show netdevsim/netdevsim10/4294967296",
      "devlink port show netdevsim/netdevsim10/-1",
      "devlink port show nosuchnetdev",
      "devlink port show netdevsim/netdevsim10/99",
      "devlink bogus",
      "devlink dev bogus",
      "devlink dev show netdevsim/netdevsim10 extra",
      "devlink dev param set netdevsim/netdevsim10 name max_macs value abc cmode driverinit",
      "devlink dev param set netdevsim/netdevsim10 name max_macs value 4294967296 cmode driverinit",
      "devlink dev param set netdevsim/netdevsim10 name max_macs value -1 cmode driverinit",
      "devlink dev param set netdevsim/netdevsim10 name test1 value maybe cmode driverinit",
      "devlink dev param set netdevsim/netdevsim10 name max_macs value 8 cmode runtime",
      "devlink dev param set netdevsim/netdevsim10 name max_macs value 8 cmode bogus",
      "devlink dev param set netdevsim/netdevsim10 name nosuchparam value 1 cmode driverinit",
      "devlink dev reload netdevsim/netdevsim10 action bogus",
      "devlink dev reload netdevsim/netdevsim10 action fw_activate",
      "devlink dev reload netdevsim/netdevsim10 limit no_reset",
      "devlink dev reload netdevsim/netdevsim10 netns nosuchns",
      "devlink dev reload netdevsim/netdevsim10 netns 999999",
      "devlink dev eswitch set netdevsim/netdevsim10 mode bogus",
      "devlink port set netdevsim/netdevsim10/1 type bogus",
      "devlink port split netdevsim/netdevsim10/1 count 2",
      "devlink -Z dev show",
      "echo '10 4' > /sys/bus/netdevsim/new_device",
      "echo abc > /sys/bus/netdevsim/new_device",
      "echo 3000000000 > /sys/bus/netdevsim/del_device",
      "echo 99 > /sys/bus/netdevsim/del_device",
      "echo 0 > /sys/bus/netdevsim/devices/netdevsim10/new_port",
      "echo 99 > /sys/bus/netdevsim/devices/netdevsim10/del_port",
      "echo x > /sys/bus/netdevsim/devices/netdevsim10/new_port",
      "echo 9 > /sys/bus/netdevsim/devices/netdevsim10/sriov_numvfs",
      "echo maybe > /sys/kernel/debug/netdevsim/netdevsim10/fail_reload",
      "echo 1 > /sys/kernel/debug/netdevsim/netdevsim99/fail_reload",
      "cat /sys/kernel/debug/netdevsim/netdevsim10/nosuchknob",
      "cat /sys/kernel/debug/netdevsim/netdevsim10/take_snapshot",
      "ls /sys/kernel/debug/netdevsim/netdevsim42",
      "ip netns add ns1",
      "ip netns del nosuch",
      "nosuchprogram --flag",
      "ip link show nosuch",
      "ip -n nosuch link show",
      "ip -br link show dev eth0 eth1",
      "ip nosuchobject",
      "cat /sys/class/net/lo/phys_port_name",
      "cat /sys/class/net/eth99/address",
      "echo 00:11:22:33:44:55 > /sys/class/net/eth0/address",
      "echo x > /lib/firmware/sub/x.bin",
      "kill %3",
      "devlink mon bogus"})
  void badCommandIsRefusedWithAMessageAndChangesNothing(String cmd) throws Exception {
    String before = state();
    Result r = line(cmd);
    assertNotEquals(0, r.rc(), cmd);
    assertFalse(r.stderr().isBlank(), "no message for: " + cmd);
    assertNoStackTrace(r.stdout() + r.stderr());
    assertEquals(before, state(), "state changed by: " + cmd);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "devlink port show | grep eth0",
      "for i in 1 2; do devlink dev show; done",
      "echo $(cat /sys/bus/netdevsim/devices/netdevsim10/sriov_numvfs)",
      "X=1 devlink dev show",
      "devlink dev show >> /tmp/out",
      "devlink dev show &",
      "ip link set eth0 up",
      "ip -j link show",
      "echo 9 > /sys/bus/netdevsim/devices/netdevsim10/new_port && ip addr show",
      "echo 9 > /sys/bus/netdevsim/devices/netdevsim10/new_port && ip netns exec ns1 ip route"})
  void linesOutsideTheScriptLanguageAreRejectedWithoutRunning(String cmd) throws Exception {
    String before = state();
    ScriptException e = assertThrows(ScriptException.class, () -> line(cmd));
    assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    assertEquals(before, state());
  }

  @Test
  void unreadableScriptFileIsAOneLineErrorWithStatus2() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream old = System.err;
    int rc;
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      rc = Main.commandLine().execute("run", "/nonexistent/script.sh");
    } finally {
      System.setErr(old);
    }
    assertEquals(2, rc);
    String msg = err.toString(StandardCharsets.UTF_8);
    assertEquals("fabric: cannot read script /nonexistent/script.sh: No such file or directory\n", msg);
  }

  @Test
  void scriptWithAnOutOfLanguageLineIsRefusedBeforeAnythingRuns(@org.junit.jupiter.api.io.TempDir Path dir)
      throws Exception {
    Path script = dir.resolve("s.sh");
    Files.writeString(script, "echo 5 > /sys/bus/netdevsim/devices/netdevsim10/new_port\n"
        + "devlink dev show | wc -l\n");
    String before = state();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int rc = runner.runScript(Files.readString(script), new PrintStream(out, true), new PrintStream(err, true), false);
    assertEquals("", out.toString());
    assertTrue(err.toString().startsWith("fabric: line 2: "), err.toString());
    assertFalse(err.toString().strip().contains("\n"), err.toString());
    assertEquals(2, rc);
    assertEquals(before, state());
  }

  private static void assertNoStackTrace(String s) {
    assertFalse(s.contains("Exception") || s.contains("\tat "), "stack trace in output: " + s);
  }
}
