package dev.fabric.cli.devlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fabric.cli.run.ScriptRunner;
import dev.fabric.cli.script.Result;
import dev.fabric.cli.script.ScriptParser;
import dev.fabric.devices.LatencyProfile;
import dev.fabric.devlink.client.Fabric;
import java.io.StringWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** `devlink trap ...` over a fabric, against the reference transcripts (06, 10, 13). */
class TrapCommandsTest {
  private Fabric fabric;
  private ScriptRunner runner;

  @BeforeEach
  void start() {
    fabric = Fabric.start("trap-test", LatencyProfile.INSTANT);
    runner = new ScriptRunner(fabric);
  }

  @AfterEach
  void stop() {
    fabric.close();
  }

  private Result run(String line) throws Exception {
    return runner.runLine(ScriptParser.parseLine(line, 1));
  }

  private void assertRun(String line, int rc, String stdout, String stderr) throws Exception {
    Result r = run(line);
    assertEquals(stdout, r.stdout(), line);
    assertEquals(stderr, r.stderr(), line);
    assertEquals(rc, r.rc(), line);
  }

  private static final String SHOW13 = "devlink -j trap show netdevsim/netdevsim13 trap source_mac_is_multicast; "
      + "devlink -j trap policer show netdevsim/netdevsim13 policer 1; "
      + "devlink -j trap group show netdevsim/netdevsim13 group l2_drops";

  /** 13-reload-effects: settings go back to the defaults on reload; a failed reload has no traps. */
  @Test
  void reloadResetsTrapsAndAFailedReloadLeavesNone() throws Exception {
    assertRun("echo '13 3' > /sys/bus/netdevsim/new_device", 0, "", "");
    assertRun("devlink trap set netdevsim/netdevsim13 trap source_mac_is_multicast action trap && devlink trap "
        + "policer set netdevsim/netdevsim13 policer 1 rate 2000 burst 512 && devlink trap group set "
        + "netdevsim/netdevsim13 group l2_drops policer 2", 0, "", "");
    assertRun(SHOW13, 0,
        "{\"trap\":{\"netdevsim/netdevsim13\":[{\"name\":\"source_mac_is_multicast\",\"type\":\"drop\",\"generic\":true,"
            + "\"action\":\"trap\",\"group\":\"l2_drops\"}]}}\n"
            + "{\"trap_policer\":{\"netdevsim/netdevsim13\":[{\"policer\":1,\"rate\":2000,\"burst\":512}]}}\n"
            + "{\"trap_group\":{\"netdevsim/netdevsim13\":[{\"name\":\"l2_drops\",\"generic\":true,\"policer\":2}]}}\n",
        "");
    assertRun("devlink dev reload netdevsim/netdevsim13", 0, "", "");
    assertRun(SHOW13, 0,
        "{\"trap\":{\"netdevsim/netdevsim13\":[{\"name\":\"source_mac_is_multicast\",\"type\":\"drop\",\"generic\":true,"
            + "\"action\":\"drop\",\"group\":\"l2_drops\"}]}}\n"
            + "{\"trap_policer\":{\"netdevsim/netdevsim13\":[{\"policer\":1,\"rate\":1000,\"burst\":128}]}}\n"
            + "{\"trap_group\":{\"netdevsim/netdevsim13\":[{\"name\":\"l2_drops\",\"generic\":true}]}}\n",
        "");
    run("echo Y > /sys/kernel/debug/netdevsim/netdevsim13/fail_reload; devlink dev reload netdevsim/netdevsim13");
    assertRun(SHOW13, 1, "{\"trap\":{}}\n{\"trap_policer\":{}}\n{\"trap_group\":{}}\n",
        "kernel answers: Operation not supported\n".repeat(3));
    // A dump skips the instance without traps.
    assertRun("devlink trap policer show", 0, "", "");
  }

  /** 06-traps: CLI-side errors of iproute2 6.1. */
  @Test
  void cliErrors() throws Exception {
    assertRun("echo '10 2' > /sys/bus/netdevsim/new_device", 0, "", "");
    assertRun("devlink trap show netdevsim/netdevsim10", 1, "", "Trap's name is expected.\n");
    assertRun("devlink -j -p trap policer show netdevsim/netdevsim10", 1, "\n",
        "BUG: unknown argument required but not found\n");
    assertRun("devlink trap set netdevsim/netdevsim10 trap source_mac_is_multicast action bogus", 1, "",
        "Unknown trap action \"bogus\"\n");
  }

  /** 06-traps: warnings, the shared drop counter, policer limits and the fault knobs. */
  @Test
  void setsStatsAndKnobs() throws Exception {
    run("echo '10 2' > /sys/bus/netdevsim/new_device");
    assertRun("devlink trap set netdevsim/netdevsim10 trap igmp_query action drop", 0, "",
        "Warning: leftover: Cannot change action of non-drop traps. Skipping.\n");
    assertRun("devlink trap policer set netdevsim/netdevsim10 policer 1 rate 0 burst 256", 1, "",
        "Error: leftover: Policer rate lower than limit.\nkernel answers: Invalid argument\n");
    // Registration read the counter 14 times; every get reads it again.
    assertRun("devlink -s trap show netdevsim/netdevsim10 trap blackhole_route", 0,
        "netdevsim/netdevsim10:\n  name blackhole_route type drop generic true action drop group l3_drops\n"
            + "    stats:\n        rx:\n          bytes 0 packets 0 dropped 14\n",
        "");
    assertRun("devlink -s trap group show netdevsim/netdevsim10 group l2_drops", 0,
        "netdevsim/netdevsim10:\n  name l2_drops generic true\n    stats:\n        rx:\n          bytes 0 packets 0\n", "");
    assertRun("echo Y > /sys/kernel/debug/netdevsim/netdevsim10/fail_trap_policer_counter_get; devlink -s trap "
        + "policer show netdevsim/netdevsim10 policer 1; echo N > "
        + "/sys/kernel/debug/netdevsim/netdevsim10/fail_trap_policer_counter_get", 0, "",
        "kernel answers: Message too long\n");
    assertRun("echo Y > /sys/kernel/debug/netdevsim/netdevsim10/fail_trap_policer_set; devlink trap policer set "
        + "netdevsim/netdevsim10 policer 1 rate 2000; echo N > "
        + "/sys/kernel/debug/netdevsim/netdevsim10/fail_trap_policer_set", 0, "",
        "Error: netdevsim: User setup the operation to fail for testing purposes.\nkernel answers: Invalid argument\n");
    assertRun("cat /sys/kernel/debug/netdevsim/netdevsim10/trap_flow_action_cookie; echo 'abcdef01' > "
        + "/sys/kernel/debug/netdevsim/netdevsim10/trap_flow_action_cookie; cat "
        + "/sys/kernel/debug/netdevsim/netdevsim10/trap_flow_action_cookie", 0, "abcdef01",
        "cat: read error: Invalid argument\n");
  }

  /**
   * A dump whose counter read fails ends silently (the kernel's dumpit stops at the message it
   * cannot fill): what was already sent is printed, and the status is 0.
   */
  @Test
  void aFailingCounterEndsTheDump() throws Exception {
    run("echo '10 1' > /sys/bus/netdevsim/new_device");
    run("echo '11 1' > /sys/bus/netdevsim/new_device");
    Result r = run("echo Y > /sys/kernel/debug/netdevsim/netdevsim11/fail_trap_policer_counter_get; "
        + "devlink trap policer show");
    assertEquals("netdevsim/netdevsim10:\n  policer 1 rate 1000 burst 128\n  policer 2 rate 2000 burst 256\n"
        + "  policer 3 rate 3000 burst 512\n", r.stdout());
    assertEquals("", r.stderr());
    assertEquals(0, r.rc());
    assertRun("echo Y > /sys/kernel/debug/netdevsim/netdevsim10/fail_trap_drop_counter_get; devlink -j trap show",
        0, "{\"trap\":{}}\n", "");
  }

  /** 10-mon-all(-json): trap objects in the monitor; 6.1 forgets the footer of trap-policer. */
  @Test
  void monitorOutput() throws Exception {
    StringWriter text = new StringWriter();
    StringWriter json = new StringWriter();
    runner.monitors(text, json);
    run("echo '12 2' > /sys/bus/netdevsim/new_device");
    assertTrue(text.toString().contains("[trap-policer,new] netdevsim/netdevsim12: policer 1 rate 1000 burst 128\n"
        + "  stats:\n      rx:\n        dropped 0\n[trap-policer,new]"), text.toString());
    assertTrue(text.toString().contains("[trap,new] netdevsim/netdevsim12: name igmp_v1_report type control generic "
        + "true action trap group mc_snooping\n  stats:\n      rx:\n        bytes 0 packets 0 dropped 13\n"), text.toString());
    assertTrue(json.toString().contains("{\"command\":\"new\",\"trap-policer\":{\"netdevsim/netdevsim12\":{\"policer\":3,"
        + "\"rate\":3000,\"burst\":512,\"stats\":{\"rx\":{\"dropped\":0}}},{\"command\":\"new\",\"trap-group\":"
        + "{\"netdevsim/netdevsim12\":{\"name\":\"l2_drops\",\"generic\":true,\"stats\":{\"rx\":{\"bytes\":0,"
        + "\"packets\":0}}}}},"), json.toString());
  }
}
