package dev.fabric.tests;

import static org.junit.jupiter.api.Assertions.fail;

import dev.fabric.netlink.Shim;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * What the tests that run real programs need: the socket shim (built by gcc) and the programs.
 * On a machine with only Java and Maven these tests are skipped with the reason; in CI (CI set,
 * where .ci/run installs iproute2, gcc and python3-pyroute2 first) a missing piece fails them.
 */
final class NativePrereqs {
  private NativePrereqs() {}

  static void require(String... programs) {
    List<String> missing = new ArrayList<>();
    if (!Shim.built()) {
      missing.add("the socket shim (gcc at build time)");
    }
    for (String p : programs) {
      if (!Files.isExecutable(Path.of(p))) {
        missing.add(p);
      }
    }
    decide(missing);
  }

  /** As {@link #require}, and python3 with pyroute2. */
  static void requirePyroute2() throws Exception {
    require("/usr/bin/python3");
    Process probe = new ProcessBuilder("/usr/bin/python3", "-c", "import pyroute2").start();
    if (probe.waitFor() != 0) {
      decide(List.of("python3-pyroute2"));
    }
  }

  private static void decide(List<String> missing) {
    if (missing.isEmpty()) {
      return;
    }
    String why = "missing: " + String.join(", ", missing) + " (.ci/run installs them)";
    if (System.getenv("CI") != null) {
      fail(why);
    }
    Assumptions.assumeTrue(false, why);
  }
}
