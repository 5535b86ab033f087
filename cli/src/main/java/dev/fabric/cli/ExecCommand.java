package dev.fabric.cli;

import dev.fabric.cli.run.ScriptRunner;
import dev.fabric.devlink.client.Fabric;
import dev.fabric.netlink.NetlinkEndpoint;
import dev.fabric.netlink.Shim;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code fabric exec [-H HOST] -- PROGRAM ARGS...}: an embedded fabric with one emulated host, its
 * generic-netlink endpoint, and PROGRAM run under the socket shim against it, so an unmodified
 * netlink program (iproute2's devlink, pyroute2, ...) manages the emulated devices.
 */
@Command(name = "exec", description = "Run PROGRAM with the netlink socket shim (LD_PRELOAD) against an embedded "
    + "fabric started for it; the exit status is PROGRAM's.")
final class ExecCommand implements Callable<Integer> {
  /** What an embedded fabric holds unless --setup says otherwise: the reference run's two devices. */
  static final String DEFAULT_SETUP = "echo '10 4' > /sys/bus/netdevsim/new_device\n"
      + "echo '11 2' > /sys/bus/netdevsim/new_device\n";

  @Option(names = "-H", paramLabel = "HOST", defaultValue = "host0", description = "The emulated host (default host0).")
  String host;

  @Option(names = "--setup", paramLabel = "SCRIPT", description = "A `fabric run` script that builds the host "
      + "before PROGRAM starts (default: netdevsim devices '10 4' and '11 2'); its output is not shown.")
  Path setup;

  @Option(names = "--netns", paramLabel = "NAME", description = "Run PROGRAM in this emulated namespace.")
  String netns;

  @Option(names = "--latency", paramLabel = "PROFILE", defaultValue = "netdevsim")
  Main.Latency latency;

  @Parameters(paramLabel = "PROGRAM", arity = "1..*")
  List<String> argv;

  @Override
  public Integer call() throws IOException, InterruptedException {
    String script = DEFAULT_SETUP;
    if (setup != null) {
      try {
        script = Files.readString(setup, StandardCharsets.UTF_8);
      } catch (IOException e) {
        System.err.println("fabric: cannot read script " + setup + ": " + Main.describe(e));
        return 2;
      }
    }
    try (Fabric fabric = Fabric.start("fabric", latency.profile)) {
      ByteArrayOutputStream log = new ByteArrayOutputStream();
      PrintStream sink = new PrintStream(log, true, StandardCharsets.UTF_8);
      int rc = new ScriptRunner(fabric).runScript(script, sink, sink, false);
      if (rc != 0) {
        System.err.print(log.toString(StandardCharsets.UTF_8));
        System.err.println("fabric: the set-up script failed (status " + rc + ")");
        return 1;
      }
      Path socket = Shim.runtimeDir().resolve("exec-" + ProcessHandle.current().pid() + "-" + host + ".sock");
      try (NetlinkEndpoint endpoint = NetlinkEndpoint.start(fabric, socket)) {
        ProcessBuilder pb = new ProcessBuilder(argv).inheritIO();
        Shim.environment(pb.environment(), endpoint.path(), netns);
        Process p;
        try {
          p = pb.start();
        } catch (IOException e) {
          System.err.println("fabric: " + argv.get(0) + ": No such file or directory");
          return 127;
        }
        return p.waitFor();
      }
    }
  }
}
