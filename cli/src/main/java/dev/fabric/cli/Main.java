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
    description = {"An emulator of Linux devlink and netdevsim on Apache Pekko actors: iproute2 6.1's devlink "
        + "and the netdevsim sysfs/debugfs files of a Linux 6.1 host, answered as the kernel answers.",
        "Hardware delays (driver re-init, flash) are simulated in real time by default; --latency instant "
        + "removes them."},
    subcommands = {Main.Run.class, Main.ShellCmd.class, ExecCommand.class, EnvCommand.class,
        dev.fabric.chaos.ChaosCommand.class})
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

  static final String LATENCY_HELP = "Hardware delays, simulated in real time: netdevsim (default: "
      + "driver re-init ~2 ms per reload, a flash writes 500 chunks of 10 ms, ~5 s) or instant (no "
      + "delays; the same events and output, only sooner).";

  @Command(name = "run", mixinStandardHelpOptions = true,
      description = {"Start an embedded fabric (one emulated Linux 6.1 host with netdevsim) and run a script "
          + "of devlink, sysfs/debugfs (echo/cat/ls), `ip link`, `ip netns` and `devlink mon ... &` lines, "
          + "printing what iproute2 and busybox sh print. SCRIPT '-' reads standard input.",
          "A line outside the language (pipes, loops, variables) refuses the script, with its line "
          + "number, before anything runs."},
      exitCodeListHeading = "%nExit status:%n",
      exitCodeList = {"N:the status of the last command run, or of `exit N`", "2:the script was refused"})
  static final class Run implements Callable<Integer> {
    @Parameters(paramLabel = "SCRIPT", description = "The script file, or '-' for standard input.")
    String script;

    @Option(names = "-x", description = "Echo each command as '+ COMMAND' on stderr before it runs (as sh -x).")
    boolean xtrace;

    @Option(names = "--transcript", description = "Print the reference transcript format "
        + "(=== CMD / RC / STDOUT / STDERR, comments as ### NOTE lines).")
    boolean transcript;

    @Option(names = "--monitor", paramLabel = "FILE", description = "Write what `devlink mon all` prints to FILE "
        + "('-': standard output), with an '##### ACTION: LINE' marker before each script line.")
    String monitor;

    @Option(names = "--monitor-json", paramLabel = "FILE", description = "Write what `devlink -j mon all` prints "
        + "to FILE ('-': standard output), with the same markers. This is iproute2's own stream, byte for byte: "
        + "one never-closed {\"mon\":[ array, not one JSON document. Programs should read --monitor-jsonl.")
    String monitorJson;

    @Option(names = "--monitor-jsonl", paramLabel = "FILE", description = "Write every event as JSON Lines to "
        + "FILE ('-': standard output): one object per line, {\"action\":LINE,\"event\":{...}}, the event as "
        + "`devlink -j mon` shows it and the script line that caused it.")
    String monitorJsonLines;

    @Option(names = "--latency", paramLabel = "PROFILE", defaultValue = "netdevsim", description = LATENCY_HELP)
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
      // Java's console exists when stdin and stdout are both terminals: the closest to isatty(1).
      return withRunner(latency, xtrace, monitor, monitorJson, monitorJsonLines,
          runner -> runner.runScript(text, System.out, System.err, transcript, System.console() != null));
    }

    /** A log file, or standard output for '-' (left open: the JVM flushes and closes it). */
    static Writer open(String name) throws IOException {
      if (name == null) {
        return null;
      }
      if (name.equals("-")) {
        return new java.io.FilterWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8)) {
          @Override
          public void flush() throws IOException {
            super.flush();
            System.out.flush();
          }

          @Override
          public void close() throws IOException {
            flush();
          }
        };
      }
      return new FileWriter(Path.of(name).toFile(), StandardCharsets.UTF_8);
    }
  }

  @Command(name = "shell", mixinStandardHelpOptions = true,
      description = {"Type the same commands interactively on one emulated host: line editing, history "
          + "(~/.fabric_history), Tab completion of objects, commands, options and existing handles; "
          + "`help` lists what the shell understands.",
          "Ctrl-C stops the running command (a flash, a `devlink mon`) and keeps every device; Ctrl-D on an "
          + "empty line or `exit` leaves."})
  static final class ShellCmd implements Callable<Integer> {
    @Option(names = "-x", description = "Echo each command as '+ COMMAND' on stderr before it runs (as sh -x).")
    boolean xtrace;

    @Option(names = "--monitor", paramLabel = "FILE", description = "Log what `devlink mon all` prints to FILE, "
        + "with an '##### ACTION: LINE' marker before each line typed.")
    String monitor;

    @Option(names = "--monitor-json", paramLabel = "FILE", description = "Log what `devlink -j mon all` prints "
        + "to FILE (iproute2's stream, not one JSON document).")
    String monitorJson;

    @Option(names = "--monitor-jsonl", paramLabel = "FILE", description = "Log every event as JSON Lines to FILE "
        + "(one object per event, with the line that caused it).")
    String monitorJsonLines;

    @Option(names = "--latency", paramLabel = "PROFILE", defaultValue = "netdevsim", description = LATENCY_HELP)
    Latency latency;

    @Override
    public Integer call() throws IOException {
      return withRunner(latency, xtrace, monitor, monitorJson, monitorJsonLines, Shellish::interactive);
    }
  }

  /** What a script or the shell runs on: its monitor logs and an embedded fabric (status 2: a log cannot be written). */
  interface RunnerBody {
    int run(ScriptRunner runner) throws IOException;
  }

  static int withRunner(Latency latency, boolean xtrace, String monitor, String monitorJson, String monitorJsonLines,
      RunnerBody body) throws IOException {
    Writer mon;
    Writer monJson;
    Writer monJsonLines;
    try {
      mon = Run.open(monitor);
      monJson = Run.open(monitorJson);
      monJsonLines = Run.open(monitorJsonLines);
    } catch (IOException e) {
      System.err.println("fabric: cannot write a monitor log: " + describe(e));
      return 2;
    }
    try (Fabric fabric = Fabric.start("fabric", latency.profile);
        Writer m1 = mon;
        Writer m2 = monJson;
        Writer m3 = monJsonLines) {
      ScriptRunner runner = new ScriptRunner(fabric);
      runner.xtrace(xtrace);
      runner.monitors(mon, monJson, monJsonLines);
      return body.run(runner);
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
