package dev.fabric.cluster.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code fabric devlink [-H HOST|all] ARGS...}: iproute2's devlink against a host of a running
 * fabric. The line runs on the member that holds the host, through the same script runner as
 * {@code fabric run}, so stdout, stderr and the status are exactly the embedded run's.
 */
@Command(name = "devlink", mixinStandardHelpOptions = false,
    description = {"Run `devlink ARGS...` (iproute2 6.1's grammar and output) on HOST of the running fabric; "
        + "-H all runs it on every host, each block headed by '==> HOST <=='.",
        "Options for devlink itself (-j, -p, -s, ...) come after the host: fabric devlink -H h1 -j dev show."})
final class DevlinkCommand implements Callable<Integer> {
  @Option(names = "-H", paramLabel = "HOST", description = "The host (default: the fabric's first), or 'all'.")
  String host;

  @Mixin
  Target target = new Target();

  @Parameters(paramLabel = "ARGS", arity = "0..*", description = "devlink's arguments.")
  List<String> args = new ArrayList<>();

  @Override
  public Integer call() throws IOException {
    RemoteFabric f = target.connect();
    if (f == null) {
      return 1;
    }
    String line = "devlink" + (args.isEmpty() ? "" : " " + Shell.join(args)) + "\n";
    try {
      List<String> hosts = host == null ? List.of(firstHost(f)) : host.equals("all") ? f.hosts() : List.of(host);
      int status = 0;
      for (String h : hosts) {
        if (hosts.size() > 1 || "all".equals(host)) {
          System.out.println("==> " + h + " <==");
        }
        int s = run(f, h, line, false, false, false);
        status = s != 0 ? s : status;
      }
      return status;
    } catch (RemoteFabric.Unreachable e) {
      System.err.println("fabric: " + e.getMessage());
      return 1;
    }
  }

  static String firstHost(RemoteFabric f) throws IOException {
    List<String> hosts = f.hosts();
    if (hosts.isEmpty()) {
      throw new RemoteFabric.Unreachable("the fabric has no hosts");
    }
    return hosts.get(0);
  }

  /** Runs {@code script} on {@code host}, prints what it printed, answers its status. */
  static int run(RemoteFabric f, String host, String script, boolean transcript, boolean xtrace, boolean monitors)
      throws IOException {
    RemoteFabric.Answer a = f.post("/api/hosts/" + host + "/run",
        Map.of("script", script, "transcript", transcript, "xtrace", xtrace, "monitors", monitors));
    JsonNode b = a.body();
    if (a.status() != 200 || b == null || !b.has("status")) {
      System.out.flush();
      System.err.println("fabric: host " + host + ": " + (b == null ? "HTTP " + a.status()
          : b.path("message").asText(b.toString())));
      return 1;
    }
    System.out.print(b.get("stdout").asText());
    System.out.flush();
    System.err.print(b.get("stderr").asText());
    System.err.flush();
    LAST.set(b);
    return b.get("status").asInt();
  }

  /** The last answer of {@link #run} on this thread (its monitor logs). */
  static final ThreadLocal<JsonNode> LAST = new ThreadLocal<>();
}
