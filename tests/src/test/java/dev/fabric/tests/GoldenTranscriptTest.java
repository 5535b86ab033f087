package dev.fabric.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The golden test: every in-language command of reference steps 01–11 and 13 must print what
 * Linux 6.1 + iproute2 6.1 printed, except the differences listed (each with its reason) in
 * golden-known-differences.txt; the monitor logs of steps 09 and 10 must match too.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GoldenTranscriptTest {
  private Golden.Run run;

  @BeforeAll
  void replay() throws IOException {
    run = Golden.run();
    Golden.report(run, Path.of("target/golden-report.txt"));
  }

  private static Set<String> knownDifferences() throws IOException {
    Set<String> known = new LinkedHashSet<>();
    for (String line : Files.readAllLines(Path.of("src/test/resources/golden-known-differences.txt"))) {
      if (line.startsWith("CMD: ")) {
        known.add(line.substring(5));
      }
    }
    return known;
  }

  @Test
  void everyInLanguageCommandMatchesExceptTheListedDifferences() throws IOException {
    Set<String> known = knownDifferences();
    List<String> unexpected = run.mismatches().stream().map(Golden.Outcome::cmd)
        .filter(c -> !known.contains(c)).collect(Collectors.toList());
    assertTrue(unexpected.isEmpty(), unexpected.size() + " commands differ from the kernel (see "
        + "tests/target/golden-report.txt), first: " + String.join(" | ", unexpected.subList(0, Math.min(5, unexpected.size()))));
  }

  @Test
  void theReplayCoversTheTranscripts() {
    // Guards against a parser that quietly calls everything out of language.
    assertTrue(run.inLanguage() > 350, "only " + run.inLanguage() + " in-language commands");
  }

  @Test
  void theIpLinkLinesAreComparedAndMatch() {
    List<Golden.Outcome> ipLink = run.outcomes().stream().filter(o -> o.cmd().contains("ip -br link")).toList();
    assertEquals(7, ipLink.size());
    assertTrue(ipLink.stream().allMatch(o -> o.inLanguage() && o.match()),
        ipLink.stream().filter(o -> !o.match()).map(Golden.Outcome::cmd).collect(Collectors.joining(" | ")));
  }

  @Test
  void theSysClassNetLoopIsComparedThroughTheHarnessExpansionAndMatches() {
    List<Golden.Outcome> loop = run.outcomes().stream().filter(o -> o.cmd().startsWith("for n in /sys/class/net/"))
        .toList();
    assertEquals(1, loop.size());
    assertTrue(loop.get(0).match(), loop.get(0).expected() + "\n---\n" + loop.get(0).actual());
  }

  @Test
  void theSwitchIdShapeKeepsWhichPortsShareAnId() {
    String a = "x " + "ab".repeat(32) + "\ny " + "ab".repeat(32) + "\n";
    String b = "x " + "cd".repeat(32) + "\ny " + "ef".repeat(32) + "\n";
    assertEquals("x <id1>\ny <id1>\n", Golden.switchIds(a));
    assertTrue(!Golden.switchIds(a).equals(Golden.switchIds(b)), "two ids must not pass for one");
  }

  @Test
  void flashMonitorLogMatches() throws IOException {
    String expected = Files.readString(Golden.REFERENCE.resolve("09-flash-mon.txt"));
    assertEquals(Golden.normalize(expected), Golden.normalize(run.monitor09()));
  }

  @Test
  void monitorAllLogMatches() throws IOException {
    String expected = Files.readString(Golden.REFERENCE.resolve("10-mon-all.txt"));
    assertEquals(Golden.normalize(expected), Golden.normalize(run.monitor10()));
  }

  @Test
  void monitorAllJsonLogMatches() throws IOException {
    // The recorder spliced the ACTION markers into iproute2's block-buffered JSON stream, so
    // markers land mid-line: compare the JSON bytes with the markers taken out.
    String expected = Files.readString(Golden.REFERENCE.resolve("10-mon-all-json.txt"));
    assertEquals(withoutMarkers(Golden.normalize(expected)), withoutMarkers(Golden.normalize(run.monitor10Json())));
  }

  private static String withoutMarkers(String s) {
    return s.replaceAll("##### ACTION: [^\\n]*\\n", "").replace("\n", "");
  }
}
