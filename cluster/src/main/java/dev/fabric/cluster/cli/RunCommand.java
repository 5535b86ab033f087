package dev.fabric.cluster.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fabric.cli.Main;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code fabric run [-H HOST] SCRIPT}: without -H, the cli's embedded run (a fabric started for the
 * script); with -H, the script runs on HOST of the running fabric, with the same output.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = {"Run a script of devlink, sysfs/debugfs (echo/cat/ls), `ip link`, `ip netns` and "
        + "`devlink mon ... &` lines: on an embedded fabric started for it, or with -H on HOST of the running fabric "
        + "(the same output). SCRIPT '-' reads standard input.",
        "Without -H every option of the embedded run applies (-x, --latency, --monitor, --monitor-json, "
            + "--monitor-jsonl)."})
final class RunCommand implements Callable<Integer> {
  @Option(names = "-H", paramLabel = "HOST", description = "Run on HOST of the running fabric.")
  String host;

  @Mixin
  Target target = new Target();

  @Option(names = "--transcript", description = "The reference transcript format (=== CMD / RC / STDOUT / STDERR).")
  boolean transcript;

  @Option(names = "-x", description = "Echo each command as '+ COMMAND' on stderr before it runs.")
  boolean xtrace;

  @Option(names = "--monitor", paramLabel = "FILE", description = "Write what `devlink mon all` prints to FILE "
      + "('-': standard output), with an '##### ACTION: LINE' marker before each line.")
  String monitor;

  @Option(names = "--monitor-json", paramLabel = "FILE", description = "The same for `devlink -j mon all`.")
  String monitorJson;

  @Parameters(paramLabel = "SCRIPT", arity = "0..1", description = "The script file, or '-' for standard input.")
  String script;

  @Unmatched
  List<String> rest = new ArrayList<>();

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    if (host == null) {
      // The embedded run, with exactly the arguments given.
      List<String> original = new ArrayList<>(spec.commandLine().getParseResult().originalArgs());
      int at = original.indexOf("run");
      return Main.commandLine().execute(original.subList(at, original.size()).toArray(String[]::new));
    }
    if (!rest.isEmpty()) {
      System.err.println("fabric: run -H: unknown options " + rest + " (against a running fabric: --transcript, -x, "
          + "--monitor, --monitor-json)");
      return 2;
    }
    if (script == null) {
      System.err.println("fabric: run: a SCRIPT (or '-') is needed");
      return 2;
    }
    String text;
    try {
      text = script.equals("-") ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8)
          : Files.readString(Path.of(script), StandardCharsets.UTF_8);
    } catch (IOException | java.io.UncheckedIOException e) {
      System.err.println("fabric: cannot read script " + script + ": "
          + (e instanceof java.nio.file.NoSuchFileException ? "No such file or directory" : e.getMessage()));
      return 2;
    }
    RemoteFabric f = target.connect();
    if (f == null) {
      return 1;
    }
    boolean logs = monitor != null || monitorJson != null;
    try {
      int status = DevlinkCommand.run(f, host, text, transcript, xtrace, logs);
      JsonNode last = DevlinkCommand.LAST.get();
      if (logs && last != null) {
        write(monitor, last.path("monitor").asText(""));
        write(monitorJson, last.path("monitorJson").asText(""));
      }
      return status;
    } catch (RemoteFabric.Unreachable e) {
      System.err.println("fabric: " + e.getMessage());
      return 1;
    }
  }

  private static void write(String file, String content) throws IOException {
    if (file == null) {
      return;
    }
    if (file.equals("-")) {
      System.out.print(content);
      System.out.flush();
      return;
    }
    try (Writer w = Files.newBufferedWriter(Path.of(file), StandardCharsets.UTF_8)) {
      w.write(content);
    }
  }
}
