package dev.fabric.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fabric.cli.run.ScriptRunner;
import dev.fabric.cli.run.StockDevlink;
import dev.fabric.netlink.NetlinkEndpoint;
import dev.fabric.netlink.Shim;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The golden replay a second time, with every `devlink` line run by the stock iproute2 6.1
 * binary under the netlink shim against the fabric's endpoint (echo/cat/ls/ip netns still go to
 * the emulated host of the same fabric): identical stdout, stderr and status to the kernel
 * transcripts except the differences listed with their reasons in
 * stock-golden-known-differences.txt.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StockGoldenTest {
  private Golden.Run run;

  @BeforeAll
  void replay() throws IOException {
    NativePrereqs.require(StockDevlink.DEFAULT_BINARY);
    run = Golden.run(fabric -> {
      try {
        Path sock = Shim.runtimeDir().resolve("stock-golden-" + ProcessHandle.current().pid() + ".sock");
        NetlinkEndpoint endpoint = NetlinkEndpoint.start(fabric, sock);
        return new ScriptRunner(fabric, new StockDevlink(StockDevlink.DEFAULT_BINARY, endpoint.path()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    Golden.report(run, Path.of("target/stock-golden-report.txt"));
  }

  static Map<String, String> knownDifferences() throws IOException {
    return Golden.listed("stock-golden-known-differences.txt", "WHY: ", "RACE: ");
  }

  @Test
  void everyDevlinkLineOfTheStockBinaryMatchesTheKernelExceptTheListedDifferences() throws IOException {
    Map<String, String> known = knownDifferences();
    List<String> unexpected = run.mismatches().stream().map(Golden.Outcome::cmd)
        .filter(c -> !known.containsKey(c)).collect(Collectors.toList());
    long matched = run.outcomes().stream().filter(o -> o.inLanguage() && o.match()).count();
    System.out.println("stock golden: " + matched + " of " + run.inLanguage() + " in-language commands match");
    assertTrue(unexpected.isEmpty(), unexpected.size() + " commands differ from the kernel (see "
        + "tests/target/stock-golden-report.txt), first: "
        + String.join(" | ", unexpected.subList(0, Math.min(5, unexpected.size()))));
  }

  @Test
  void everyListedDifferenceStillDiffers() throws IOException {
    List<String> fixed = knownDifferences().entrySet().stream()
        .filter(e -> e.getValue().startsWith("WHY: ")).map(Map.Entry::getKey)
        .filter(c -> run.outcomes().stream().anyMatch(o -> o.cmd().equals(c) && o.inLanguage() && o.match()))
        .toList();
    assertTrue(fixed.isEmpty(), "listed as different but now matching: " + fixed);
  }
}
