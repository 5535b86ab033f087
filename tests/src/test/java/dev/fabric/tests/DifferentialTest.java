package dev.fabric.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fabric.cli.run.ScriptRunner;
import dev.fabric.cli.run.StockDevlink;
import dev.fabric.cli.script.Result;
import dev.fabric.cli.script.ScriptException;
import dev.fabric.cli.script.ScriptParser;
import dev.fabric.devices.LatencyProfile;
import dev.fabric.devlink.client.Fabric;
import dev.fabric.netlink.NetlinkEndpoint;
import dev.fabric.netlink.Shim;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The stock iproute2 6.1 `devlink` as the oracle of the fabric's own command line: generated
 * command lines (valid and broken: missing values, wrong types, unknown keywords, out-of-range
 * numbers, bad handles) run by the Java port on one fabric and by the stock binary through the
 * shim on a second fabric built the same way; stdout, stderr and status must be identical, except
 * the disagreements listed (each with its cause) in differential-known-differences.txt.
 */
class DifferentialTest {
  static final int LINES = Integer.getInteger("differential.lines", 1000);
  static final long SEED = Long.getLong("differential.seed", 61L);
  static final String SETUP = "echo '10 4' > /sys/bus/netdevsim/new_device\n"
      + "echo '11 2' > /sys/bus/netdevsim/new_device\n";

  static final String[] DEVS = {"netdevsim/netdevsim10", "netdevsim/netdevsim11"};
  static final String[] BAD_DEVS = {"netdevsim/netdevsim99", "netdevsim", "pci/0000:00:00.0", "netdevsim/", "a/b/c/d",
      "netdevsim/netdevsim10/0"};
  static final String[] PORTS = {"netdevsim/netdevsim10/0", "netdevsim/netdevsim10/3", "netdevsim/netdevsim11/1", "eth0"};
  static final String[] BAD_PORTS = {"netdevsim/netdevsim10/99", "netdevsim/netdevsim10/x", "netdevsim/netdevsim10",
      "eth99", "netdevsim/netdevsim99/0"};
  static final String[] OPTS = {"", "", "", "-j ", "-j -p ", "-p ", "-s ", "-v ", "-n ", "-j -s "};
  static final String[] JUNK = {"bogus", "-1", "99999999999999999999", "abc", "0x10", "", "true", "65536", "4294967296"};

  static String pick(Random r, String[] a) {
    return a[r.nextInt(a.length)];
  }

  /** One command line from iproute2 6.1's devlink grammar, sometimes broken on purpose. */
  static String line(Random r) {
    String dev = r.nextInt(6) == 0 ? pick(r, BAD_DEVS) : pick(r, DEVS);
    String port = r.nextInt(6) == 0 ? pick(r, BAD_PORTS) : pick(r, PORTS);
    String num = r.nextInt(4) == 0 ? pick(r, JUNK) : Integer.toString(r.nextInt(70));
    String[] forms = {
        "dev show", "dev show " + dev, "dev info", "dev info " + dev, "dev eswitch show " + dev,
        "dev param show", "dev param show " + dev + " name max_macs", "dev param show " + dev + " name " + pick(r, JUNK),
        "dev param show " + dev + " name", "dev param set " + dev + " name max_macs value " + num + " cmode driverinit",
        "dev param set " + dev + " name test1 value " + pick(r, new String[] {"true", "false", "1", "yes"})
            + " cmode driverinit",
        "dev param set " + dev + " name max_macs value " + num + " cmode " + pick(r, new String[] {"runtime", "permanent", "bogus"}),
        "dev param set " + dev + " name max_macs", "dev eswitch set " + dev + " mode " + pick(r,
            new String[] {"legacy", "switchdev", "bogus"}),
        "port show", "port show " + port, "port set " + port + " type " + pick(r, new String[] {"eth", "ib", "auto", "x"}),
        "port split " + port + " count " + num, "port unsplit " + port,
        "health show", "health show " + dev + " reporter " + pick(r, new String[] {"dummy", "empty", "nosuch"}),
        "health diagnose " + dev + " reporter " + pick(r, new String[] {"dummy", "empty", "nosuch"}),
        "health set " + dev + " reporter dummy grace_period " + num,
        "health set " + dev + " reporter dummy auto_recover " + pick(r, new String[] {"true", "false", "maybe"}),
        "trap show", "trap show " + dev + " trap " + pick(r, new String[] {"source_mac_is_multicast", "igmp_query", "x"}),
        "trap group show", "trap group show " + dev + " group " + pick(r, new String[] {"l2_drops", "x"}),
        "trap policer show", "trap policer show " + dev + " policer " + num,
        "trap set " + dev + " trap source_mac_is_multicast action " + pick(r, new String[] {"drop", "trap", "mirror", "x"}),
        "trap policer set " + dev + " policer 1 rate " + num + " burst " + num,
        "region show", "region show " + dev + "/dummy", "region new " + dev + "/dummy snapshot " + num,
        "region del " + dev + "/dummy snapshot " + num, "region show " + dev + "/nosuch",
        "resource show " + dev, "resource set " + dev + " path /IPv4/fib size " + num,
        "port function rate show", "port function rate add " + dev + "/g" + r.nextInt(3),
        "port function rate del " + dev + "/g" + r.nextInt(3),
        "sb show " + dev, "dev reload " + dev + (r.nextBoolean() ? "" : " action " + pick(r,
            new String[] {"driver_reinit", "fw_activate", "x"})),
        pick(r, new String[] {"dev", "port", "health", "trap", "region", "resource", "bogus", "dev bogus", "port bogus",
            "help", "dev help", "-V"}),
    };
    String l = forms[r.nextInt(forms.length)];
    if (r.nextInt(10) == 0) {
      // broken on purpose: a word dropped, or an unknown keyword added
      String[] w = l.split(" ");
      if (w.length > 2 && r.nextBoolean()) {
        List<String> words = new ArrayList<>(List.of(w));
        words.remove(1 + r.nextInt(words.size() - 1));
        l = String.join(" ", words);
      } else {
        l = l + " " + pick(r, JUNK);
      }
    }
    return "devlink " + pick(r, OPTS) + l.trim();
  }

  static Set<String> known() throws IOException {
    Set<String> k = new LinkedHashSet<>();
    for (String line : Files.readAllLines(Path.of("src/test/resources/differential-known-differences.txt"))) {
      if (line.startsWith("PATTERN: ")) {
        k.add(line.substring(9));
      }
    }
    return k;
  }

  @Test
  void theJavaPortAnswersAsTheStockDevlink() throws Exception {
    NativePrereqs.require(StockDevlink.DEFAULT_BINARY);
    Random r = new Random(SEED);
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < LINES; i++) {
      lines.add(line(r));
    }
    Set<String> known = known();
    List<String> unexplained = new ArrayList<>();
    StringBuilder report = new StringBuilder();
    int same = 0;
    int listed = 0;
    try (Fabric a = Fabric.start("diff-java", LatencyProfile.INSTANT);
        Fabric b = Fabric.start("diff-stock", LatencyProfile.INSTANT);
        NetlinkEndpoint endpoint = NetlinkEndpoint.start(b,
            Shim.runtimeDir().resolve("diff-" + ProcessHandle.current().pid() + ".sock"))) {
      ScriptRunner java = new ScriptRunner(a);
      ScriptRunner stock = new ScriptRunner(b, new StockDevlink(StockDevlink.DEFAULT_BINARY, endpoint.path()));
      for (String s : SETUP.split("\n")) {
        java.runLine(ScriptParser.parseLine(s, 1));
        stock.runLine(ScriptParser.parseLine(s, 1));
      }
      for (String l : lines) {
        Result x = run(java, l);
        Result y = run(stock, l);
        if (x.equals(y)) {
          same++;
          continue;
        }
        boolean isKnown = known.stream().anyMatch(l::matches);
        if (isKnown) {
          listed++;
        } else {
          unexplained.add(l);
        }
        report.append(isKnown ? "KNOWN " : "DIFF ").append(l).append("\n--- stock devlink\n").append(y)
            .append("\n--- fabric (Java port)\n").append(x).append("\n\n");
      }
    }
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target/differential-report.txt"), "differential: " + same + " of " + LINES
        + " lines identical, " + listed + " listed differences, " + unexplained.size() + " unexplained (seed " + SEED
        + ")\n\n" + report);
    System.out.println("differential: " + same + " of " + LINES + " identical, " + listed + " listed, "
        + unexplained.size() + " unexplained");
    assertTrue(unexplained.isEmpty(), unexplained.size() + " lines answered differently (tests/target/"
        + "differential-report.txt), first: " + String.join(" | ", unexplained.subList(0, Math.min(5, unexplained.size()))));
  }

  static Result run(ScriptRunner runner, String line) throws IOException {
    try {
      return runner.runLine(ScriptParser.parseLine(line, 1));
    } catch (ScriptException e) {
      return new Result("", "out of language: " + e.getMessage(), -1);
    }
  }
}
