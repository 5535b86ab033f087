package dev.fabric.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's run command, as a user runs it: the ./fabric launcher in a separate process. */
class LauncherEndToEndTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  private record Proc(int rc, String out, String err) {}

  private static Proc fabric(Path stdoutFile, String... args) throws IOException, InterruptedException {
    List<String> cmd = new java.util.ArrayList<>(List.of(ROOT.resolve("fabric").toString()));
    cmd.addAll(List.of(args));
    Path err = Files.createTempFile("fabric", ".err");
    Process p = new ProcessBuilder(cmd).directory(ROOT.toFile())
        .redirectOutput(stdoutFile.toFile()).redirectError(err.toFile()).start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "fabric did not finish");
    return new Proc(p.exitValue(), Files.readString(stdoutFile, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  @Test
  void exampleTourRunsAndPrintsWhatIproute2Prints(@TempDir Path tmp) throws Exception {
    Proc p = fabric(tmp.resolve("out"), "run", "examples/netdevsim-tour.sh");
    assertEquals(0, p.rc(), p.err());
    assertTrue(p.out().startsWith("netdevsim10\nnetdevsim11\nnetdevsim/netdevsim10\nnetdevsim/netdevsim11\n"), p.out());
    assertTrue(p.out().contains("reload_actions_performed:\n    driver_reinit\n"), p.out());
    assertTrue(p.err().contains("Error: netdevsim: User setup the reload to fail for testing purposes.\n"
        + "kernel answers: Invalid argument\n"), p.err());
    assertFalse(p.err().contains("Exception"), p.err());
  }

  @Test
  void transcriptAndMonitorOptionsWriteTheReferenceFormats(@TempDir Path tmp) throws Exception {
    Path script = tmp.resolve("s.sh");
    Files.writeString(script, "echo '5 1' > /sys/bus/netdevsim/new_device\ndevlink dev show netdevsim/netdevsim99\n");
    Path mon = tmp.resolve("mon.txt");
    Path monJson = tmp.resolve("mon.json");
    Proc p = fabric(tmp.resolve("out"), "run", "--latency", "instant", "--transcript", "--monitor", mon.toString(),
        "--monitor-json", monJson.toString(), script.toString());
    assertEquals(1, p.rc());
    assertEquals("""
        === CMD: echo '5 1' > /sys/bus/netdevsim/new_device
        === RC: 0
        --- STDOUT:
        --- STDERR:
        === END
        === CMD: devlink dev show netdevsim/netdevsim99
        === RC: 1
        --- STDOUT:
        --- STDERR:
        kernel answers: No such device
        === END
        """, p.out());
    String text = Files.readString(mon);
    assertTrue(text.startsWith("##### ACTION: echo '5 1' > /sys/bus/netdevsim/new_device\n[dev,new] netdevsim/netdevsim5:\n"), text);
    assertTrue(text.contains("[port,new] netdevsim/netdevsim5/0: type eth netdev eth0 flavour physical port 1 splittable false\n"), text);
    assertTrue(text.endsWith("##### ACTION: devlink dev show netdevsim/netdevsim99\n"), text);
    assertTrue(Files.readString(monJson).contains("{\"mon\":[{\"command\":\"new\",\"dev\":{\"netdevsim/netdevsim5\":"));
  }

  @Test
  void scriptFromStandardInput(@TempDir Path tmp) throws Exception {
    Path in = tmp.resolve("in.sh");
    Files.writeString(in, "devlink dev show\n");
    Path out = tmp.resolve("out");
    Path err = tmp.resolve("err");
    Process p = new ProcessBuilder(ROOT.resolve("fabric").toString(), "run", "-").directory(ROOT.toFile())
        .redirectInput(in.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), Files.readString(err));
    assertEquals("", Files.readString(out));
    assertEquals("", Files.readString(err));
  }

  static boolean launcherExists() {
    return new File(ROOT.toFile(), "fabric").canExecute();
  }
}
