package dev.fabric.cli.devlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fabric.devices.LatencyProfile;
import dev.fabric.devlink.client.Fabric;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The parser enumeration: every command of iproute2 6.1's devlink with its valid line, each
 * required option missing, each value missing or malformed, each option given twice or
 * abbreviated, each option it does not take, bad handles, and every help and "not found" level;
 * compared with what the stock devlink 6.1 binary printed for the same line
 * (devlink-parse-oracle.txt, made by tools/devlink-oracle/gen.py). Where the binary got through
 * its parser (it then asked the kernel), the port must also have got through: its answer is the
 * fabric's (an empty fabric here), not a parse error. Everywhere else stdout, stderr and the
 * status must be byte-identical.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ParserOracleTest {
  private Fabric fabric;
  private Devlink devlink;

  @BeforeAll
  void start() {
    fabric = Fabric.start("parser-oracle", LatencyProfile.INSTANT);
    devlink = new Devlink(fabric);
  }

  @AfterAll
  void stop() {
    fabric.close();
  }

  record Case(List<String> args, int rc, String stdout, String stderr) {}

  static List<Case> load() throws IOException {
    List<Case> cases = new ArrayList<>();
    try (InputStream in = ParserOracleTest.class.getResourceAsStream("/devlink-parse-oracle.txt")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.startsWith("#") || line.isEmpty()) {
          continue;
        }
        String[] f = line.split("\t", -1);
        String joined = unescape(f[0]);
        List<String> args = joined.isEmpty() ? List.of() : Arrays.asList(joined.split("\u001f", -1));
        cases.add(new Case(args, Integer.parseInt(f[1]), unescape(f[2]), unescape(f[3])));
      }
    }
    return cases;
  }

  static String unescape(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        char n = s.charAt(++i);
        b.append(n == 'n' ? '\n' : n == 't' ? '\t' : n);
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  /** The binary got through its parser: the (shimmed) kernel answered. */
  static boolean reachedKernel(Case c) {
    return (c.stderr.contains("kernel answers: Operation not supported") && !ifnameLookup(c))
        // cmd_dev_flash's second socket joins the config group after the parse
        || c.stderr.contains("Failed to call mnlg_socket_group_add");
  }

  /** A netdev name as handle: the binary's ifname map (a port dump) met the shim's EOPNOTSUPP. */
  static boolean ifnameLookup(Case c) {
    return c.stderr.contains("Failed to create index map\n");
  }

  /** What the binary prints after its failed map load, i.e. what an empty port dump leads to. */
  static String afterIfnameLookup(Case c) {
    return c.stderr.substring(c.stderr.indexOf("Failed to create index map\n") + "Failed to create index map\n".length());
  }

  @Test
  void everyEnumeratedLineAnswersAsIproute2() throws IOException {
    List<Case> cases = load();
    assertTrue(cases.size() > 3000, "the enumeration is there");
    List<String> failures = new ArrayList<>();
    int compared = 0;
    for (Case c : cases) {
      if (!c.args.isEmpty() && "monitor".startsWith(c.args.get(0)) && c.args.get(0).length() > 0
          && !c.stderr.startsWith("Usage") && !c.stderr.startsWith("Unknown object")) {
        continue; // a monitor that starts listening: not a one-shot command
      }
      Devlink.Outcome o = devlink.run("init", c.args);
      compared++;
      if (reachedKernel(c)) {
        boolean parsed = o.status() <= 1 && (o.stderr().isEmpty() || o.stderr().contains("kernel answers: "));
        if (!parsed) {
          failures.add(String.join(" ", c.args) + "\n  iproute2 parsed it; port said: " + o.stderr());
        }
      } else if (ifnameLookup(c)) {
        if (!afterIfnameLookup(c).equals(o.stderr()) || c.rc != o.status()) {
          failures.add(String.join(" ", c.args) + "\n  want err [" + afterIfnameLookup(c) + "]\n  got err [" + o.stderr()
              + "]");
        }
      } else if (!c.stderr.equals(o.stderr()) || !c.stdout.equals(o.stdout()) || c.rc != o.status()) {
        failures.add(String.join(" ", c.args) + "\n  want rc " + c.rc + " out [" + c.stdout + "] err [" + c.stderr
            + "]\n  got  rc " + o.status() + " out [" + o.stdout() + "] err [" + o.stderr() + "]");
      }
    }
    assertEquals(List.of(), failures.subList(0, Math.min(40, failures.size())),
        failures.size() + " of " + compared + " lines differ");
  }
}
