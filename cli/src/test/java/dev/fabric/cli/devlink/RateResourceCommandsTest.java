package dev.fabric.cli.devlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fabric.cli.out.DlOut;
import dev.fabric.cli.out.Print;
import dev.fabric.cli.run.ScriptRunner;
import dev.fabric.cli.script.Result;
import dev.fabric.cli.script.ScriptException;
import dev.fabric.cli.script.ScriptParser;
import dev.fabric.cli.script.Transcript;
import dev.fabric.devices.LatencyProfile;
import dev.fabric.devlink.client.Fabric;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * `devlink resource`, `devlink dpipe` and `devlink port function rate` replayed against the
 * reference transcripts (08-resources, the rate part of 04-ports, 11-errors, 13-reload-effects),
 * including the shell-only lines of those steps broken into the devlink commands they ran.
 */
class RateResourceCommandsTest {
  static final Path DIR = Path.of("../reference/kernel-6.1-netdevsim");
  Fabric fabric;
  ScriptRunner runner;

  @BeforeEach
  void start() {
    fabric = Fabric.start("rate-resource", LatencyProfile.INSTANT);
    runner = new ScriptRunner(fabric);
  }

  @AfterEach
  void stop() {
    fabric.close();
  }

  Result run(String cmd) throws Exception {
    return runner.runLine(ScriptParser.parseLine(cmd, 1));
  }

  static List<Transcript.Record> records(String file) throws Exception {
    return Transcript.records(Transcript.parse(DIR.resolve(file)));
  }

  static Transcript.Record record(String file, String cmd) throws Exception {
    for (Transcript.Record r : records(file)) {
      if (r.cmd().equals(cmd)) {
        return r;
      }
    }
    throw new AssertionError("no record " + cmd);
  }

  /** Runs the record's command and compares stdout, stderr and status with the kernel's. */
  void replay(Transcript.Record r) throws Exception {
    assertEquals(Transcript.format(r), Transcript.format(r.cmd(), run(r.cmd())), r.cmd());
  }

  void expect(String cmd, String stdout, String stderr, int rc) throws Exception {
    assertEquals(Transcript.format(cmd, new Result(stdout, stderr, rc)), Transcript.format(cmd, run(cmd)));
  }

  void devices10And11() throws Exception {
    run("echo '10 4' > /sys/bus/netdevsim/new_device");
    run("echo '11 2' > /sys/bus/netdevsim/new_device");
  }

  @Test
  void resourceStepMatchesTheKernelCommandByCommand() throws Exception {
    devices10And11();
    List<Transcript.Record> all = records("08-resources.txt");
    assertTrue(all.size() >= 20);
    for (Transcript.Record r : all) {
      replay(r);
    }
  }

  @Test
  void rateObjectsOfThePortsStep() throws Exception {
    devices10And11();
    // 04-ports before the rate part: port 0 re-created (listed last), two VFs in legacy mode.
    run("echo 0 > /sys/bus/netdevsim/devices/netdevsim10/del_port");
    run("echo 0 > /sys/bus/netdevsim/devices/netdevsim10/new_port");
    run("echo 2 > /sys/bus/netdevsim/devices/netdevsim10/sriov_numvfs");
    boolean on = false;
    int replayed = 0;
    for (Transcript.Record r : records("04-ports.txt")) {
      on |= r.cmd().equals("echo 4 > /sys/kernel/debug/netdevsim/netdevsim10/max_vfs");
      if (!on) {
        continue;
      }
      if (r.cmd().startsWith("VFS=")) {
        // The leaf of the first VF gets rates and a parent; its debugfs files mirror them in Mbit/s.
        assertTrue(r.stdout().contains("netdevsim/netdevsim10/128: type leaf tx_share 5Mbit tx_max 50Mbit parent group1\n"));
        assertTrue(r.stdout().endsWith("5\n0\n50\n0\ngroup1"));
        expect("devlink port function rate set netdevsim/netdevsim10/128 tx_share 5mbit tx_max 50mbit parent group1",
            "", "", 0);
        expect("devlink port function rate show netdevsim/netdevsim10/128",
            "netdevsim/netdevsim10/128: type leaf tx_share 5Mbit tx_max 50Mbit parent group1\n", "", 0);
        String d = "/sys/kernel/debug/netdevsim/netdevsim10/ports/";
        expect("cat " + d + "128/tx_share " + d + "129/tx_share " + d + "128/tx_max " + d + "129/tx_max " + d
            + "128/rate_parent " + d + "129/rate_parent", "5\n0\n50\n0\ngroup1", "", 0);
        continue;
      }
      if (r.cmd().startsWith("echo 2 > /sys/bus/netdevsim/devices/netdevsim10/sriov_numvfs; devlink port function")) {
        // Outside switchdev mode, node creation is refused and the eswitch mode set still works.
        run("echo 2 > /sys/bus/netdevsim/devices/netdevsim10/sriov_numvfs");
        expect("devlink port function rate add netdevsim/netdevsim10/g3", "",
            "Error: netdevsim: Node creation allowed only in switchdev mode.\nkernel answers: Operation not supported\n", 1);
        expect("devlink dev eswitch set netdevsim/netdevsim10 mode legacy", "", "", 0);
        expect("devlink port function rate show", "", "", 0);
        continue;
      }
      try {
        ScriptParser.parseLine(r.cmd(), 1);
      } catch (ScriptException e) {
        continue; // ls -R and a for loop over debugfs: no devlink command in them
      }
      replay(r);
      replayed++;
    }
    assertTrue(replayed >= 25, "replayed " + replayed);
  }

  @Test
  void resourceShowOfAnUnknownDeviceFailsOnTheDpipeTables() throws Exception {
    devices10And11();
    replay(record("11-errors.txt", "devlink resource show netdevsim/netdevsim99"));
  }

  @Test
  void resourceSizesAcrossReloadAndAFailedReload() throws Exception {
    List<String> mine = new ArrayList<>();
    int replayed = 0;
    for (Transcript.Record r : records("13-reload-effects.txt")) {
      String cmd = r.cmd();
      try {
        ScriptParser.parseLine(cmd, 1);
      } catch (ScriptException e) {
        // Pipes into grep: run the part before them (it creates device 13, changes ports...).
        String head = cmd.substring(0, cmd.indexOf(" | "));
        if (head.endsWith(" && devlink port show")) {
          head = head.substring(0, head.length() - " && devlink port show".length());
        }
        run(head);
        continue;
      }
      if (cmd.contains("resource")) {
        replay(r);
        mine.add(cmd);
      } else {
        run(cmd);
      }
      replayed++;
    }
    assertEquals(3, mine.size(), mine.toString());
    assertTrue(replayed > 10);
  }

  @Test
  void rateValuesAreParsedAsIproute2DoesAndSentInBytesPerSecond() {
    // 04-ports: 10mbit is 1250000 B/s, 100mbit 12500000, 5mbit 625000, 50mbit 6250000, 1bit 0.
    assertEquals(1_250_000L, RateCommands.getRate64("10mbit"));
    assertEquals(12_500_000L, RateCommands.getRate64("100mbit"));
    assertEquals(625_000L, RateCommands.getRate64("5mbit"));
    assertEquals(6_250_000L, RateCommands.getRate64("50mbit"));
    assertEquals(0L, RateCommands.getRate64("1bit"));
    assertEquals(null, RateCommands.getRate64("abc"));
  }

  @Test
  void ratesPrintInBitsPerSecondWithUnits() {
    DlOut o = DlOut.text();
    o.printRate(false, Print.ANY, "tx_share", "%s", 1_250_000L);
    o.printRate(false, Print.ANY, "tx_max", " %s", 12_500_000L);
    o.printRate(false, Print.ANY, "tx_share", " %s", 625_000L);
    o.printRate(false, Print.ANY, "tx_max", " %s", 6_250_000L);
    assertEquals("10Mbit 100Mbit 5Mbit 50Mbit", o.finish());
  }
}
