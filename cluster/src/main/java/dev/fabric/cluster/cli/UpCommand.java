package dev.fabric.cluster.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fabric.cluster.FabricSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code fabric up [--config FILE] [--state DIR]}: starts one process per member of the fabric
 * (default: three on 127.0.0.1 with hosts h1..h6), waits until every host answers, prints the API
 * and the member/host table, writes the endpoint file, and stays in the foreground: Ctrl-C (or
 * `fabric down`) stops every member with Pekko's coordinated shutdown (members leave the cluster).
 */
@Command(name = "up", mixinStandardHelpOptions = true,
    description = {"Start an emulated cluster on this machine: one JVM per member (default: three members on "
        + "127.0.0.1, hosts h1..h6 with two netdevsim devices each) and wait in the foreground; Ctrl-C stops it.",
        "With --state DIR the hosts' inventory and NVM are kept in DIR and a later `fabric up --state DIR` "
            + "brings them back."})
public final class UpCommand implements Callable<Integer> {
  @Option(names = "--config", paramLabel = "FILE", description = "A fabric file (YAML): members, seeds, hosts, "
      + "devices, security (docs/CLUSTER.md).")
  Path config;

  @Option(names = "--state", paramLabel = "DIR", description = "Keep the fabric's durable state in DIR.")
  Path state;

  @Option(names = "--member", paramLabel = "NAME", description = "Start only this member of the file (the others "
      + "run on other machines); may be repeated.")
  List<String> only = new ArrayList<>();

  @Option(names = "--wait", paramLabel = "SECONDS", defaultValue = "120",
      description = "How long to wait for every host to answer (default 120).")
  int waitSeconds;

  private final List<Process> processes = new ArrayList<>();
  private volatile boolean stopping;

  @Override
  public Integer call() throws Exception {
    FabricSpec spec;
    try {
      spec = config == null ? FabricSpec.defaults() : FabricSpec.load(config);
    } catch (IllegalArgumentException | IOException e) {
      System.err.println("fabric: " + e.getMessage());
      return 2;
    }
    Path endpointFile = Endpoint.defaultFile();
    if (Files.exists(endpointFile) && stillRunning(Endpoint.read(endpointFile))) {
      System.err.println("fabric: a fabric is already running (" + endpointFile + "); stop it with `fabric down`");
      return 1;
    }
    Path run = state != null ? state.toAbsolutePath() : Files.createTempDirectory("fabric-up-");
    Files.createDirectories(run);
    Path specFile = run.resolve("fabric.yaml");
    Files.writeString(specFile, spec.toYaml());
    List<FabricSpec.Member> mine = spec.members().stream()
        .filter(m -> only.isEmpty() || only.contains(m.name())).toList();
    List<Endpoint.MemberProcess> started = new ArrayList<>();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(endpointFile), "fabric-up-stop"));
    for (FabricSpec.Member m : mine) {
      Path log = run.resolve(m.name() + ".log");
      List<String> cmd = new ArrayList<>(List.of(javaBinary(), "-Xmx384m", "-Xss1m",
          "-Djava.util.concurrent.ForkJoinPool.common.parallelism=2",
          "--add-opens", "java.base/java.nio=ALL-UNNAMED", "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
          "-cp", System.getProperty("java.class.path"), "dev.fabric.cluster.Member",
          "--config", specFile.toString(), "--member", m.name()));
      if (state != null) {
        cmd.add("--state");
        cmd.add(run.toString());
      }
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      processes.add(p);
      started.add(new Endpoint.MemberProcess(m.name(), p.pid(), m.api(spec.secured()), log.toString()));
    }
    String token = null;
    String trust = null;
    String pwEnv = null;
    if (spec.secured()) {
      token = Files.readString(Path.of(spec.security().tokenFile())).strip();
      trust = spec.security().trustStore() != null ? spec.security().trustStore() : spec.security().keyStore();
      pwEnv = spec.security().passwordEnv();
    }
    List<String> apis = mine.stream().map(m -> m.api(spec.secured())).toList();
    Endpoint endpoint = new Endpoint(spec.name(), apis, started, ProcessHandle.current().pid(), token, trust, pwEnv,
        run.toString());
    RemoteFabric client = new RemoteFabric(endpoint, Duration.ofSeconds(30));
    JsonNode[] table = waitForHosts(client, spec, Duration.ofSeconds(waitSeconds));
    if (table == null) {
      System.err.println("fabric: the fabric did not come up within " + waitSeconds + " s; member logs in " + run);
      for (Endpoint.MemberProcess mp : started) {
        tail(Path.of(mp.log()));
      }
      return 1;
    }
    endpoint.write(endpointFile);
    System.out.println("Fabric API: " + String.join(" ", apis));
    System.out.println("Endpoint file: " + endpointFile + "   Member logs: " + run);
    System.out.println();
    Table.print(System.out, table[0], table[1]);
    System.out.println();
    System.out.println("Ctrl-C (or `fabric down`) stops every member.");
    System.out.flush();
    for (int i = 0; i < processes.size(); i++) {
      int status = processes.get(i).waitFor();
      if (!stopping && status != 0) {
        System.err.println("fabric: member " + started.get(i).name() + " exited with status " + status);
      }
    }
    Files.deleteIfExists(endpointFile);
    return 0;
  }

  /** Every member leaves (SIGTERM runs its coordinated shutdown), then the endpoint file goes. */
  private void stop(Path endpointFile) {
    stopping = true;
    for (Process p : processes) {
      if (p.isAlive()) {
        p.destroy();
      }
    }
    for (Process p : processes) {
      try {
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
          p.destroyForcibly();
        }
      } catch (InterruptedException e) {
        p.destroyForcibly();
      }
    }
    try {
      Files.deleteIfExists(endpointFile);
    } catch (IOException e) {
      // nothing more to do
    }
  }

  private JsonNode[] waitForHosts(RemoteFabric client, FabricSpec spec, Duration wait) throws InterruptedException {
    long end = System.nanoTime() + wait.toNanos();
    while (System.nanoTime() < end) {
      if (processes.stream().anyMatch(p -> !p.isAlive())) {
        return null;
      }
      try {
        RemoteFabric.Answer members = client.get("/api/members");
        long up = 0;
        for (JsonNode m : members.body()) {
          up += m.get("status").asText().equals("up") ? 1 : 0;
        }
        if (up == spec.members().size()) {
          RemoteFabric.Answer hosts = client.get("/api/hosts");
          boolean all = true;
          for (JsonNode h : hosts.body()) {
            all &= h.get("status").asText().equals("up");
          }
          if (all) {
            return new JsonNode[] {client.get("/api/members").body(), hosts.body()};
          }
        }
      } catch (IOException e) {
        // not yet listening
      }
      Thread.sleep(300);
    }
    return null;
  }

  private static boolean stillRunning(Endpoint e) {
    try {
      new RemoteFabric(e, Duration.ofSeconds(3)).get("/api/fabric");
      return true;
    } catch (IOException ex) {
      return false;
    }
  }

  static String javaBinary() {
    return ProcessHandle.current().info().command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }

  private static void tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      System.err.println("--- " + log + " (last lines)");
      lines.subList(Math.max(0, lines.size() - 15), lines.size()).forEach(System.err::println);
    } catch (IOException e) {
      // no log
    }
  }
}
