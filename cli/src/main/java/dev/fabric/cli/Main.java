package dev.fabric.cli;

import dev.fabric.cli.run.ScriptRunner;
import dev.fabric.cli.run.Shellish;
import dev.fabric.devices.LatencyProfile;
import dev.fabric.devlink.client.Fabric;
import java.io.FileWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The `fabric` command. */
@Command(name = "fabric", mixinStandardHelpOptions = true, version = "devlink-fabric 0.1.0",
    description = "An emulator of Linux devlink and netdevsim on Apache Pekko actors.",
    subcommands = {Main.Run.class, Main.ShellCmd.class, ExecCommand.class, EnvCommand.class})
public final class Main implements Callable<Integer> {

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line (also used by tests to run sub-commands in-process). */
  public static CommandLine commandLine() {
    return new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true);
  }

  @Override
  public Integer call() {
    CommandLine.usage(this, System.err);
    return 2;
  }

  /** Hardware timing: netdevsim's own (default) or none at all. */
  public enum Latency {
    NETDEVSIM(LatencyProfile.NETDEVSIM), INSTANT(LatencyProfile.INSTANT);

    public final LatencyProfile profile;

    Latency(LatencyProfile profile) {
      this.profile = profile;
    }
  }

  @Command(name = "run", description = "Start an embedded fabric (one emulated host) and run a script of "
      + "devlink, sysfs/debugfs (echo/cat/ls) and `ip netns` lines. SCRIPT '-' reads standard input.")
  static final class Run implements Callable<Integer> {
    @Parameters(paramLabel = "SCRIPT")
    String script;

    @Option(names = "--transcript", description = "Print the reference transcript format (=== CMD / RC / STDOUT / STDERR).")
    boolean transcript;

    @Option(names = "--monitor", paramLabel = "FILE", description = "Write what `devlink mon all` prints to FILE.")
    Path monitor;

    @Option(names = "--monitor-json", paramLabel = "FILE", description = "Write what `devlink -j mon all` prints to FILE.")
    Path monitorJson;

    @Option(names = "--latency", paramLabel = "PROFILE", defaultValue = "netdevsim",
        description = "Simulated hardware timing: netdevsim (reload ~2 ms, flash 500 x 10 ms) or instant.")
    Latency latency;

    @Override
    public Integer call() throws IOException {
      String text;
      try {
        text = script.equals("-") ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8)
            : Files.readString(Path.of(script), StandardCharsets.UTF_8);
      } catch (IOException | java.io.UncheckedIOException e) {
        System.err.println("fabric: cannot read script " + script + ": " + describe(e));
        return 2;
      }
      try (Fabric fabric = Fabric.start("fabric", latency.profile);
          Writer mon = open(monitor);
          Writer monJson = open(monitorJson)) {
        ScriptRunner runner = new ScriptRunner(fabric);
        runner.monitors(mon, monJson);
        return runner.runScript(text, System.out, System.err, transcript);
      }
    }

    private static Writer open(Path p) throws IOException {
      return p == null ? null : new FileWriter(p.toFile(), StandardCharsets.UTF_8);
    }
  }

  @Command(name = "shell", description = "Type the same commands interactively (JLine: history, line editing).")
  static final class ShellCmd implements Callable<Integer> {
    @Option(names = "--latency", paramLabel = "PROFILE", defaultValue = "netdevsim")
    Latency latency;

    @Override
    public Integer call() throws IOException {
      try (Fabric fabric = Fabric.start("fabric", latency.profile)) {
        return Shellish.interactive(new ScriptRunner(fabric));
      }
    }
  }

  static String describe(Exception e) {
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "No such file or directory";
    }
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "Permission denied";
    }
    String m = e.getMessage();
    return m == null ? e.getClass().getSimpleName() : m;
  }
}
