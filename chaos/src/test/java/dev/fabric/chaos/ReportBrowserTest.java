package dev.fabric.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * report.html in a real headless browser (Debian's chromium, which .ci/run installs): the page
 * loads from the file alone, the timeline and its operations are in the rendered document, no
 * script error is logged, and a screenshot is taken (target/report-screenshot.png). Skipped with
 * its reason where chromium is missing outside CI; in CI a missing chromium fails.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportBrowserTest {

  static String chromium() {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
      for (String name : List.of("chromium", "chromium-browser")) {
        if (Files.isExecutable(Path.of(dir, name))) {
          return Path.of(dir, name).toString();
        }
      }
    }
    String why = "no chromium on PATH (.ci/run installs Debian's chromium): the report is not opened in a browser";
    if (System.getenv("CI") != null) {
      throw new AssertionError(why);
    }
    System.out.println("ReportBrowserTest skipped: " + why);
    Assumptions.assumeTrue(false, why);
    return null;
  }

  @Test
  void theReportRendersItsTimelineWithoutScriptErrors(@TempDir Path tmp) throws Exception {
    String browser = chromium();
    PlantedDefects defect = PlantedDefects.DROPPED_NOTIFICATION;
    ConcreteSchedule c = ConcreteSchedule.generate(defect.schedule(3, 300), true);
    ChaosRun.Outcome o = ChaosRun.run(c, () -> c.newTarget(defect.faults), p -> {});
    Path dir = tmp.resolve("report");
    ChaosRun.write(dir, null, o);
    String url = dir.resolve("report.html").toUri().toString();
    Path shot = Path.of("target/report-screenshot.png").toAbsolutePath();
    Files.createDirectories(shot.getParent());
    Files.deleteIfExists(shot);
    List<String> common = List.of(browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
        "--disable-extensions", "--user-data-dir=" + tmp.resolve("profile"), "--enable-logging=stderr", "--v=0");
    Ran dom = run(tmp, concat(common, "--dump-dom", url));
    assertEquals(0, dom.status(), dom.err());
    assertTrue(dom.out().contains("id=\"timeline\""), "the rendered page has the timeline");
    assertTrue(dom.out().split("<rect", -1).length > 100, "the timeline has the operations");
    assertTrue(dom.out().contains("monitor: ports of"), "the violation is on the page");
    assertFalse(dom.err().contains("Uncaught") || dom.err().matches("(?s).*CONSOLE\\(\\d+\\).*"),
        "script errors: " + dom.err());
    Ran png = run(tmp, concat(common, "--window-size=1300,1400", "--screenshot=" + shot, url));
    assertEquals(0, png.status(), png.err());
    assertTrue(Files.size(shot) > 10_000, "a screenshot of the page");
  }

  record Ran(int status, String out, String err) {}

  static List<String> concat(List<String> a, String... b) {
    List<String> out = new java.util.ArrayList<>(a);
    out.addAll(List.of(b));
    return out;
  }

  static Ran run(Path tmp, List<String> cmd) throws Exception {
    Path out = tmp.resolve("out.txt");
    Path err = tmp.resolve("err.txt");
    Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("chromium did not finish: " + cmd);
    }
    return new Ran(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
  }
}
