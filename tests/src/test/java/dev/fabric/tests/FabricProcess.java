package dev.fabric.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The `fabric` command run as a user runs it against a `fabric up` (the end-to-end tests of a running fabric). */
final class FabricProcess {
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  record Proc(int rc, String out, String err) {}

  private FabricProcess() {}

  /** A TCP port free now on 127.0.0.1 (for a fabric file's members). */
  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** {@code fabric ARGS} with the endpoint file {@code endpoint}, to its end within {@code limit}. */
  static Proc fabric(Path endpoint, Duration limit, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(ROOT.resolve("fabric").toString()));
    cmd.addAll(List.of(args));
    Path out = Files.createTempFile("fabric", ".out");
    Path err = Files.createTempFile("fabric", ".err");
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(ROOT.toFile())
        .redirectOutput(out.toFile()).redirectError(err.toFile());
    pb.environment().put("FABRIC_ENDPOINT_FILE", endpoint.toString());
    Process p = pb.start();
    assertTrue(p.waitFor(limit.toSeconds(), TimeUnit.SECONDS), "fabric " + String.join(" ", args) + " did not finish");
    return new Proc(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }
}
