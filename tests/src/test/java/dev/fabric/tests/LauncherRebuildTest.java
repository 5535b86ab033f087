package dev.fabric.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ./fabric launcher's build decision, on a copy of the launcher in a scratch tree with a fake
 * `mvn` (which records that it ran and prints Maven's colour resets) and a fake `java` on PATH:
 * no build when nothing changed, a rebuild after a touched source or pom, no ANSI codes.
 */
class LauncherRebuildTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  private record Proc(int rc, String out, String err) {}

  private static void executable(Path p, String text) throws IOException {
    Files.writeString(p, text);
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private static Path tree(Path tmp) throws IOException {
    Path repo = tmp.resolve("repo");
    for (String m : List.of("devices", "actors", "cli", "cluster")) {
      Files.createDirectories(repo.resolve(m + "/src/main/java"));
      Files.writeString(repo.resolve(m + "/pom.xml"), "<project/>");
      Files.writeString(repo.resolve(m + "/src/main/java/A.java"), "class A {}");
    }
    Files.writeString(repo.resolve("pom.xml"), "<project/>");
    Files.copy(ROOT.resolve("fabric"), repo.resolve("fabric"));
    Files.setPosixFilePermissions(repo.resolve("fabric"), PosixFilePermissions.fromString("rwxr-xr-x"));
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    executable(bin.resolve("mvn"), """
        #!/bin/sh
        echo mvn "$@" >> "$FAKE_LOG"
        mkdir -p cluster/target/lib && : > cluster/target/cluster-0.1.0-SNAPSHOT.jar
        printf '\\033[0m\\033[0m\\033[1mBUILD\\033[m\\n'
        """);
    executable(bin.resolve("java"), "#!/bin/sh\necho java-ran\n");
    return repo;
  }

  private static Proc run(Path tmp, Path repo) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(repo.resolve("fabric").toString(), "--version").directory(repo.toFile());
    pb.environment().put("PATH", tmp.resolve("bin") + ":" + System.getenv("PATH"));
    pb.environment().put("FAKE_LOG", tmp.resolve("mvn.log").toString());
    Path out = tmp.resolve("out");
    Path err = tmp.resolve("err");
    Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    return new Proc(p.exitValue(), Files.readString(out), Files.readString(err, StandardCharsets.UTF_8));
  }

  private static long builds(Path tmp) throws IOException {
    Path log = tmp.resolve("mvn.log");
    return Files.exists(log) ? Files.readAllLines(log).size() : 0;
  }

  private static void age(Path repo, Instant when) throws IOException {
    try (var files = Files.walk(repo)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Files.setLastModifiedTime(p, FileTime.from(when));
      }
    }
  }

  @Test
  void buildsOnceThenOnlyWhenASourceOrPomIsNewer(@TempDir Path tmp) throws Exception {
    Path repo = tree(tmp);
    age(repo, Instant.now().minusSeconds(3600));

    Proc first = run(tmp, repo);
    assertEquals(0, first.rc(), first.err());
    assertEquals("java-ran\n", first.out());
    assertEquals(1, builds(tmp));
    assertTrue(first.err().startsWith("fabric: first run, building"), first.err());
    assertTrue(first.err().endsWith("\n"), first.err());
    assertFalse(first.err().contains("\033"), "ANSI codes in: " + first.err());

    Proc again = run(tmp, repo);
    assertEquals("java-ran\n", again.out());
    assertEquals("", again.err());
    assertEquals(1, builds(tmp), "no Maven start when nothing changed");

    Files.setLastModifiedTime(repo.resolve("actors/src/main/java/A.java"), FileTime.from(Instant.now()));
    Proc touched = run(tmp, repo);
    assertEquals("java-ran\n", touched.out());
    assertEquals(2, builds(tmp), "a touched source rebuilds");
    assertTrue(touched.err().startsWith("fabric: sources changed since the last build, rebuilding"), touched.err());

    run(tmp, repo);
    assertEquals(2, builds(tmp));
    Files.setLastModifiedTime(repo.resolve("cluster/pom.xml"), FileTime.from(Instant.now()));
    run(tmp, repo);
    assertEquals(3, builds(tmp), "a touched pom rebuilds");

    // A plain `mvn package` (not the launcher) rebuilt the jar after an edit: no second build.
    Files.setLastModifiedTime(repo.resolve("cli/src/main/java/A.java"), FileTime.from(Instant.now()));
    Files.setLastModifiedTime(repo.resolve("cluster/target/cluster-0.1.0-SNAPSHOT.jar"),
        FileTime.from(Instant.now().plusSeconds(1)));
    run(tmp, repo);
    assertEquals(3, builds(tmp), "the newer jar counts as the last build");
  }
}
