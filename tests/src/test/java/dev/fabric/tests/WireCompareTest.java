package dev.fabric.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fabric.cli.run.ScriptRunner;
import dev.fabric.cli.run.StockDevlink;
import dev.fabric.netlink.NetlinkEndpoint;
import dev.fabric.netlink.Shim;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The wire bytes of the golden replay through the stock devlink, compared message by message with
 * what the 6.1 kernel exchanged with the same program (reference/kernel-6.1-netdevsim-netlink):
 * what the program sent and what it was delivered, each in order, by {@link WireShape} (sequence
 * numbers and port ids are the caller's; run-dependent values by length; all else exact).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WireCompareTest {
  static final Path WIRE = Path.of("../reference/kernel-6.1-netdevsim-netlink");

  record Block(String step, String cmd, List<String> lines) {}

  private final List<Block> ours = new ArrayList<>();
  private final List<Block> differing = new ArrayList<>();
  private int compared;
  private int matched;

  static List<Block> reference(String step) throws IOException {
    List<Block> out = new ArrayList<>();
    String cmd = null;
    List<String> lines = null;
    for (String l : Files.readAllLines(WIRE.resolve(step + ".txt"))) {
      if (l.startsWith("=== CMD: ")) {
        cmd = l.substring(9);
        lines = new ArrayList<>();
      } else if (l.equals("=== END") && cmd != null) {
        out.add(new Block(step, cmd, lines));
        cmd = null;
      } else if (lines != null && (l.startsWith("> ") || l.startsWith("< ") || l.startsWith("<T "))) {
        lines.add(l.startsWith("<T ") ? "< " + l.substring(3) : l);
      }
    }
    return out;
  }

  @BeforeAll
  void replay() throws IOException {
    NativePrereqs.require(StockDevlink.DEFAULT_BINARY);
    // The shim logs each datagram as the program sends and reads it, as the reference's recording
    // library did (a datagram the program never reads, e.g. an ACK after the dump it wanted, is not logged).
    Path log = Path.of("target/wire-current.log").toAbsolutePath();
    Files.createDirectories(log.getParent());
    Files.deleteIfExists(log);
    Golden.Run run = Golden.run(fabric -> {
      try {
        Path sock = Shim.runtimeDir().resolve("wire-" + ProcessHandle.current().pid() + ".sock");
        NetlinkEndpoint endpoint = NetlinkEndpoint.start(fabric, sock);
        return new ScriptRunner(fabric, new StockDevlink(StockDevlink.DEFAULT_BINARY, endpoint.path(),
            Map.of("FABRIC_NETLINK_WIRELOG", log.toString())));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }, (step, cmd) -> {
      try {
        List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
        Files.deleteIfExists(log);
        ours.add(new Block(step, cmd, lines.stream().map(l -> l.startsWith("<T ") ? "< " + l.substring(3) : l)
            .toList()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    Map<String, Boolean> inLanguage = new LinkedHashMap<>();
    for (Golden.Outcome o : run.outcomes()) {
      inLanguage.put(o.step() + "\u0000" + o.cmd(), o.inLanguage());
    }
    StringBuilder report = new StringBuilder();
    int i = 0;
    for (String step : Golden.STEPS) {
      for (Block ref : reference(step)) {
        while (i < ours.size() && !(ours.get(i).step().equals(step) && ours.get(i).cmd().equals(ref.cmd()))) {
          i++;
        }
        if (i == ours.size()) {
          throw new IllegalStateException("replay and recording out of step at " + step + ": " + ref.cmd());
        }
        Block mine = ours.get(i++);
        if (!inLanguage.getOrDefault(step + "\u0000" + ref.cmd(), false) || ref.lines().isEmpty()) {
          continue;
        }
        compared++;
        boolean same = WireShape.shapes(ref.lines(), '>').equals(WireShape.shapes(mine.lines(), '>'))
            && WireShape.shapes(ref.lines(), '<').equals(WireShape.shapes(mine.lines(), '<'));
        if (same) {
          matched++;
        } else {
          differing.add(ref);
          report.append("DIFF ").append(step).append(": ").append(ref.cmd()).append('\n');
          diff(report, WireShape.shapes(ref.lines(), '>'), WireShape.shapes(mine.lines(), '>'), '>');
          diff(report, WireShape.shapes(ref.lines(), '<'), WireShape.shapes(mine.lines(), '<'), '<');
        }
      }
    }
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target/wire-report.txt"),
        "wire: " + matched + " of " + compared + " commands exchange the kernel's messages\n\n" + report);
  }

  private static void diff(StringBuilder b, List<String> exp, List<String> act, char dir) {
    if (exp.equals(act)) {
      return;
    }
    b.append("  ").append(dir).append(" expected ").append(exp.size()).append(" datagrams, got ").append(act.size())
        .append('\n');
    for (int k = 0; k < Math.max(exp.size(), act.size()); k++) {
      String e = k < exp.size() ? exp.get(k) : "(none)";
      String a = k < act.size() ? act.get(k) : "(none)";
      if (!e.equals(a)) {
        b.append("  #").append(k).append("\n    exp ").append(e).append("\n    got ").append(a).append('\n');
        return;
      }
    }
  }

  static Map<String, String> knownDifferences() throws IOException {
    return Golden.listed("wire-known-differences.txt", "WHY: ", "RACE: ");
  }

  @Test
  void everyCommandExchangesTheKernelsMessagesExceptTheListedDifferences() throws IOException {
    Map<String, String> known = knownDifferences();
    List<String> unexpected = differing.stream().map(Block::cmd).filter(c -> !known.containsKey(c)).toList();
    System.out.println("wire: " + matched + " of " + compared + " commands match the kernel's bytes");
    assertTrue(compared > 300, "only " + compared + " commands compared");
    assertTrue(unexpected.isEmpty(), unexpected.size() + " commands differ on the wire (tests/target/wire-report.txt), "
        + "first: " + String.join(" | ", unexpected.subList(0, Math.min(5, unexpected.size()))));
  }
}
