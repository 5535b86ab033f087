package dev.fabric.cluster.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;

/** {@code fabric down}: every member of the running fabric leaves the cluster and stops; `fabric up` returns. */
@Command(name = "down", mixinStandardHelpOptions = true, description = "Stop the running fabric (every member "
    + "leaves the cluster with Pekko's coordinated shutdown).")
final class DownCommand implements Callable<Integer> {
  @Override
  public Integer call() throws IOException, InterruptedException {
    Path file = Endpoint.defaultFile();
    if (!Files.exists(file)) {
      System.err.println("fabric: no fabric is running (no endpoint file " + file + ")");
      return 1;
    }
    Endpoint e = Endpoint.read(file);
    for (Endpoint.MemberProcess m : e.members()) {
      Endpoint one = new Endpoint(e.name(), java.util.List.of(m.api()), java.util.List.of(), 0, e.token(),
          e.trustStore(), e.passwordEnv(), null);
      try {
        new RemoteFabric(one, Duration.ofSeconds(5)).post("/api/shutdown", Map.of());
      } catch (IOException ex) {
        // already gone: its process is checked below
      }
    }
    for (Endpoint.MemberProcess m : e.members()) {
      Optional<ProcessHandle> p = ProcessHandle.of(m.pid());
      if (p.isPresent() && !waitFor(p.get(), 30)) {
        p.get().destroy();
      }
    }
    ProcessHandle.of(e.upPid()).ifPresent(p -> waitFor(p, 30));
    Files.deleteIfExists(file);
    System.out.println("fabric: stopped " + e.members().stream().map(Endpoint.MemberProcess::name)
        .reduce((a, b) -> a + " " + b).orElse("(no members)"));
    return 0;
  }

  private static boolean waitFor(ProcessHandle p, int seconds) {
    try {
      p.onExit().get(seconds, TimeUnit.SECONDS);
      return true;
    } catch (Exception ex) {
      return !p.isAlive();
    }
  }
}
