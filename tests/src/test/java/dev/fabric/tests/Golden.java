package dev.fabric.tests;

import dev.fabric.cli.run.ScriptRunner;
import dev.fabric.cli.script.MonitorLog;
import dev.fabric.cli.script.Result;
import dev.fabric.cli.script.ScriptException;
import dev.fabric.cli.script.ScriptLine;
import dev.fabric.cli.script.ScriptParser;
import dev.fabric.cli.script.Transcript;
import dev.fabric.devices.LatencyProfile;
import dev.fabric.devlink.client.Fabric;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Replays the reference transcripts (steps 01–11 and 13, in order, on one embedded fabric)
 * through the script runner and compares every in-language command's stdout, stderr and status
 * with what the real kernel and iproute2 printed. Values that change on every real run are
 * compared by shape (see {@link #normalize}).
 */
final class Golden {
  static final Path REFERENCE = Path.of("../reference/kernel-6.1-netdevsim");
  static final String[] STEPS = {"01-devices", "02-params", "03-reload", "04-ports", "05-health", "06-traps",
      "07-regions", "08-resources", "09-flash", "10-mon", "11-errors", "13-reload-effects"};

  private static final java.util.Map<String, String> SUBSTITUTES;

  static {
    try {
      SUBSTITUTES = substitutes();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  record Outcome(String step, String cmd, boolean inLanguage, boolean match, String expected, String actual) {}

  record Run(List<Outcome> outcomes, String monitor09, String monitor10, String monitor10Json) {
    long inLanguage() {
      return outcomes.stream().filter(Outcome::inLanguage).count();
    }

    List<Outcome> mismatches() {
      return outcomes.stream().filter(o -> o.inLanguage() && !o.match()).toList();
    }
  }

  static Run run() throws IOException {
    return run(ScriptRunner::new);
  }

  /** The replay with the runner {@code runners} builds (the Java port, or the stock binary via the shim). */
  static Run run(java.util.function.Function<Fabric, ScriptRunner> runners) throws IOException {
    return run(runners, (step, cmd) -> { });
  }

  /**
   * What the replay drives: one line at a time, and the `devlink mon all` logs. A script runner on
   * an embedded fabric, or (ClusterGoldenTest) a session on a host of a cluster.
   */
  interface Lines {
    Result runLine(ScriptLine line) throws ScriptException, IOException;

    void monitors(java.io.Writer text, java.io.Writer json) throws IOException;

    void stopMonitors() throws IOException;

    static Lines of(ScriptRunner r) {
      return new Lines() {
        @Override
        public Result runLine(ScriptLine line) throws ScriptException, IOException {
          return r.runLine(line);
        }

        @Override
        public void monitors(java.io.Writer text, java.io.Writer json) throws IOException {
          r.monitors(text, json);
        }

        @Override
        public void stopMonitors() throws IOException {
          r.stopMonitors();
        }
      };
    }
  }

  /** As above; {@code afterEach} hears each replayed record (step, command) right after it ran. */
  static Run run(java.util.function.Function<Fabric, ScriptRunner> runners,
      java.util.function.BiConsumer<String, String> afterEach) throws IOException {
    try (Fabric fabric = Fabric.start("golden", LatencyProfile.INSTANT)) {
      return runOn(Lines.of(runners.apply(fabric)), afterEach);
    }
  }

  /** The replay on {@code runner} (a fresh host: no device, no namespace). */
  static Run runOn(Lines runner, java.util.function.BiConsumer<String, String> afterEach) throws IOException {
    List<Outcome> out = new ArrayList<>();
    String mon09 = null;
    String mon10 = null;
    String mon10Json = null;
    {
      for (String step : STEPS) {
        StringWriter text = null;
        StringWriter json = null;
        // The recorder's monitors ran over exactly the commands its log has ACTION markers for
        // (09: from the first flash on; 10: until before `devlink mon bogus`).
        List<MonitorLog.Block> actions = List.of();
        if (step.equals("09-flash") || step.equals("10-mon")) {
          text = new StringWriter();
          json = new StringWriter();
          actions = MonitorLog.parse(REFERENCE.resolve((step.equals("09-flash") ? "09-flash-mon" : "10-mon-all")
              + ".txt")).blocks();
        }
        int monitored = 0;
        for (Transcript.Record rec : Transcript.records(Transcript.parse(REFERENCE.resolve(step + ".txt")))) {
          boolean watch = monitored < actions.size()
              && (monitored > 0 || rec.cmd().equals(actions.get(0).action()));
          if (watch && monitored == 0) {
            runner.monitors(text, json);
          }
          out.add(replay(runner, step, rec));
          afterEach.accept(step, rec.cmd());
          if (watch && ++monitored == actions.size()) {
            runner.stopMonitors();
          }
        }
        runner.stopMonitors();
        if (step.equals("09-flash")) {
          mon09 = text.toString();
        } else if (step.equals("10-mon")) {
          mon10 = text.toString();
          mon10Json = json.toString();
        }
      }
    }
    return new Run(out, mon09, mon10, mon10Json);
  }

  /** Out-of-language lines that change state, with the in-language line that does the same. */
  static java.util.Map<String, String> substitutes() throws IOException {
    java.util.Map<String, String> subs = new java.util.HashMap<>();
    listed("golden-substitutes.txt", "RUN: ").forEach((cmd, run) -> subs.put(cmd, run.substring(5)));
    return subs;
  }

  /**
   * A list of transcript commands in src/test/resources/{@code file}: each "CMD: " line, with the
   * first following line that starts with one of {@code keys} (kept whole, key included).
   */
  static java.util.Map<String, String> listed(String file, String... keys) throws IOException {
    java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
    String cmd = null;
    for (String line : Files.readAllLines(Path.of("src/test/resources", file))) {
      if (line.startsWith("CMD: ")) {
        cmd = line.substring(5);
      } else if (cmd != null && !out.containsKey(cmd)
          && java.util.Arrays.stream(keys).anyMatch(line::startsWith)) {
        out.put(cmd, line);
      }
    }
    return out;
  }

  private static Outcome replay(Lines runner, String step, Transcript.Record rec) throws IOException {
    String expected = Transcript.format(rec.cmd(), new Result(rec.stdout(), rec.stderr(), rec.rc()));
    Result r;
    try {
      r = runner.runLine(ScriptParser.parseLine(rec.cmd(), 1));
    } catch (ScriptException e) {
      // Out of language (refused before anything ran): keep the state in step with the kernel's.
      Result looped = expandReadLoop(runner, rec.cmd());
      if (looped != null) {
        String actual = Transcript.format(rec.cmd(), looped);
        boolean same = switchIds(normalize(expected)).equals(switchIds(normalize(actual)));
        return new Outcome(step, rec.cmd(), false, same, expected,
            "compared through the harness's own expansion of the loop:\n" + actual);
      }
      String sub = SUBSTITUTES.get(rec.cmd());
      if (sub != null) {
        try {
          runner.runLine(ScriptParser.parseLine(sub, 1));
        } catch (ScriptException bad) {
          throw new IllegalStateException("substitute is out of language: " + sub, bad);
        }
        return new Outcome(step, rec.cmd(), false, false, expected, "substituted by: " + sub);
      }
      return new Outcome(step, rec.cmd(), false, false, expected, e.getMessage());
    }
    String actual = Transcript.format(rec.cmd(), r);
    return new Outcome(step, rec.cmd(), true, normalize(expected).equals(normalize(actual)), expected, actual);
  }

  /**
   * The reference's read-only sysfs loop ({@code for n in GLOB; do echo $n $(cat $n/A) $(cat $n/B);
   * done}) is outside the script language (loops, variables), but what it reads is in it: the
   * harness expands the loop itself (the glob through the fabric's own `echo`, each file through
   * its `cat`) so the /sys/class/net files it reads are compared with the kernel's. Null for any
   * other line.
   */
  static Result expandReadLoop(Lines runner, String cmd) throws IOException {
    java.util.regex.Matcher m = READ_LOOP.matcher(cmd);
    if (!m.matches()) {
      return null;
    }
    try {
      Result paths = runner.runLine(ScriptParser.parseLine("echo " + m.group(2), 1));
      StringBuilder out = new StringBuilder();
      for (String n : paths.stdout().trim().split(" +")) {
        String a = runner.runLine(ScriptParser.parseLine("cat " + n + "/" + m.group(3), 1)).stdout().strip();
        String b = runner.runLine(ScriptParser.parseLine("cat " + n + "/" + m.group(4), 1)).stdout().strip();
        out.append(n).append(' ').append(a).append(' ').append(b).append('\n');
      }
      return new Result(out.toString(), "", 0);
    } catch (ScriptException e) {
      throw new IllegalStateException("the loop's commands are out of language", e);
    }
  }

  private static final Pattern READ_LOOP = Pattern.compile(
      "for (\\w+) in (\\S+); do echo \\$\\1 \\$\\(cat \\$\\1/(\\w+)\\) \\$\\(cat \\$\\1/(\\w+)\\); done");

  /** Random switch ids (64 hex digits) as <id1>, <id2>... by first appearance: equal ids stay equal. */
  static String switchIds(String s) {
    java.util.Map<String, String> names = new java.util.HashMap<>();
    return Pattern.compile("\\b[0-9a-f]{64}\\b").matcher(s)
        .replaceAll(r -> names.computeIfAbsent(r.group(), k -> "<id" + (names.size() + 1) + ">"));
  }

  private static final Pattern[][] SHAPES = {
      // ls -l dates and times
      {Pattern.compile("[A-Z][a-z]{2} [ 0-9]\\d \\d\\d:\\d\\d "), null},
      // health dump timestamps
      {Pattern.compile("\\d{4}-\\d\\d-\\d\\d"), null},
      {Pattern.compile("\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?"), null},
      // MAC addresses
      {Pattern.compile("([0-9a-f]{2}:){5}[0-9a-f]{2}"), null},
      // region snapshot bytes (text dump lines)
      {Pattern.compile("(?m)^([0-9a-f]{16})((?: [0-9a-f]{2})+) ?$"), null},
  };

  /** Text fmsg binary lines: indentation, then "xx " bytes (health diagnose/dump test_binary). */
  private static final Pattern HEX_LINE = Pattern.compile("(?m)^( +)((?:[0-9a-f]{2} )+)$");
  /** JSON fmsg binary and pretty region data arrays. */
  private static final Pattern INT_ARRAY = Pattern.compile("(\"test_binary\": ?\\[ ?|\"data\": \\[ )([0-9,]+)( ?\\])");

  /** Replaces run-dependent values by placeholders so both sides compare by shape. */
  static String normalize(String s) {
    String r = s;
    // MACs first: one of all-digit bytes ("36:61:36:...") would otherwise pass for a time of day.
    r = SHAPES[3][0].matcher(r).replaceAll("<mac>");
    r = SHAPES[0][0].matcher(r).replaceAll("<date> ");
    r = SHAPES[1][0].matcher(r).replaceAll("<yyyy-mm-dd>");
    r = SHAPES[2][0].matcher(r).replaceAll("<hh:mm:ss>");
    r = SHAPES[4][0].matcher(r).replaceAll("$1 <bytes>");
    // JSON region dumps and health binary blobs: numbers inside data arrays
    r = r.replaceAll("\"data\":\\[[0-9,]*\\]", "\"data\":[<bytes>]");
    r = r.replaceAll("\"(0x)?[0-9a-f]{16}\":\\[[0-9,]+\\]", "\"<addr>\":[<bytes>]");
    // health fmsg binary (random bytes) and pretty region reads: keep the byte count, not the values
    r = HEX_LINE.matcher(r).replaceAll(m -> m.group(1) + m.group(2).replaceAll("[0-9a-f]{2} ", "xx "));
    r = INT_ARRAY.matcher(r).replaceAll(m -> m.group(1) + m.group(2).replaceAll("[0-9]+", "n") + m.group(3));
    return r;
  }

  /** Writes a readable report of the run under target/. */
  static void report(Run run, Path file) throws IOException {
    StringBuilder b = new StringBuilder();
    long matched = run.outcomes().stream().filter(o -> o.inLanguage() && o.match()).count();
    b.append("golden: ").append(matched).append(" of ").append(run.inLanguage())
        .append(" in-language commands match (").append(run.outcomes().size()).append(" recorded)\n\n");
    for (Outcome o : run.outcomes()) {
      if (!o.inLanguage()) {
        b.append("SKIP ").append(o.step()).append(": ").append(o.cmd()).append("\n     (").append(o.actual())
            .append(")\n");
      }
    }
    b.append('\n');
    for (Outcome o : run.mismatches()) {
      b.append("DIFF ").append(o.step()).append(": ").append(o.cmd()).append("\n--- expected\n")
          .append(o.expected()).append("--- actual\n").append(o.actual()).append('\n');
    }
    Files.createDirectories(file.getParent());
    Files.writeString(file, b.toString());
  }
}
