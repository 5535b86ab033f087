package dev.fabric.cli.run;

import dev.fabric.cli.devlink.Devlink;
import dev.fabric.cli.devlink.MonitorRenderer;
import dev.fabric.cli.fs.NsimFileSystem;
import dev.fabric.cli.script.CommandRunner;
import dev.fabric.cli.script.ExitRequest;
import dev.fabric.cli.script.Result;
import dev.fabric.cli.script.ScriptException;
import dev.fabric.cli.script.ScriptLine;
import dev.fabric.cli.script.ScriptParser;
import dev.fabric.cli.script.Shell;
import dev.fabric.cli.script.Transcript;
import dev.fabric.devlink.client.Fabric;
import dev.fabric.devlink.model.Notification;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a script of shell-like lines against an embedded fabric: each command's stdout, stderr and
 * status as the real shell printed them (or the reference transcript format), the background
 * `devlink mon` jobs printing as events happen, and optionally the `devlink mon all` logs (text,
 * iproute2's JSON, JSON Lines) with an ACTION marker before each line.
 */
public final class ScriptRunner implements CommandRunner {
  private final Fabric fabric;
  private final Devlink devlink;
  private final Shell shell;
  private final IpLink ipLink;
  private MonitorTap monitorTap;
  private int monitorRuns;
  private static final java.util.concurrent.atomic.AtomicLong TAP_NAMES = new java.util.concurrent.atomic.AtomicLong();
  private MonitorRenderer textMon;
  private MonitorRenderer jsonMon;
  private Writer textMonOut;
  private Writer jsonMonOut;
  private Writer jsonLinesOut;
  private String currentAction;

  private Console console = new Console(System.out, System.err, false);
  private final List<MonitorJob> jobs = new ArrayList<>();
  private int nextJob = 1;
  private boolean interactive;
  private volatile MonitorJob foreground;
  /** Where `devlink` lines go instead of the Java port (the stock binary through the shim), or null. */
  private final dev.fabric.cli.script.CommandRunner devlinkOverride;

  public ScriptRunner(Fabric fabric) {
    this(fabric, null);
  }

  /**
   * A runner whose `devlink` lines go to {@code devlinkOverride} (for instance the stock iproute2
   * binary through the netlink shim) instead of the Java port; everything else is unchanged.
   */
  public ScriptRunner(Fabric fabric, dev.fabric.cli.script.CommandRunner devlinkOverride) {
    this.devlinkOverride = devlinkOverride;
    this.fabric = fabric;
    this.devlink = new Devlink(fabric);
    long boot = System.currentTimeMillis() / 1000;
    this.ipLink = new IpLink(fabric);
    this.fs = new NsimFileSystem(fabric, "init", boot);
    this.shell = new Shell(fs, new FabricNetns(fabric), this)
        .withSleeper(ScriptRunner::sleep);
  }

  /** `sleep` really waits (background monitors keep printing meanwhile); Ctrl-C ends it. */
  private static void sleep(double seconds) {
    try {
      Thread.sleep((long) (seconds * 1000));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  public Shell shell() {
    return shell;
  }

  private NsimFileSystem fs;

  /** The emulated file system of the initial namespace (for path completion). */
  dev.fabric.cli.script.FileSystem fileSystem() {
    return fs;
  }

  /** The devices of the initial namespace, as handles. */
  List<String> deviceHandles() {
    return fabric.listSync("init").stream().map(Object::toString).toList();
  }

  /** The handles `devlink OBJECT CMD` prints first on each line ("netdevsim/netdevsim10/0:"). */
  List<String> firstWords(String... args) {
    List<String> out = new ArrayList<>();
    for (String l : devlink.run("init", List.of(args)).stdout().split("\n")) {
      int colon = l.indexOf(':');
      if (colon > 0 && !l.startsWith(" ")) {
        out.add(l.substring(0, colon));
      }
    }
    return out;
  }

  /** The terminal the shell runs on (foreground `devlink mon` streams there until Ctrl-C). */
  void interactive(Console terminal) {
    this.console = terminal;
    this.interactive = true;
  }

  /** `fabric run -x`: echo each command as "+ ARGV" on stderr, as sh -x. */
  public void xtrace(boolean on) {
    shell.withXtrace(on);
  }

  /** Attaches `devlink mon all` logs; either writer may be null. */
  public void monitors(Writer text, Writer json) throws IOException {
    monitors(text, json, null);
  }

  /**
   * Attaches the logs: iproute2's text and JSON monitor output (with ACTION markers) and a JSON
   * Lines stream (one object per event, with the line that caused it); any may be null.
   */
  public void monitors(Writer text, Writer json, Writer jsonLines) throws IOException {
    if (text == null && json == null && jsonLines == null) {
      return;
    }
    // Unique in the actor system: several runners may share one (a cluster member runs a session per client).
    monitorRuns++;
    monitorTap = new MonitorTap(fabric, "init", "script-monitor-" + TAP_NAMES.incrementAndGet());
    textMonOut = text;
    jsonMonOut = json;
    jsonLinesOut = jsonLines;
    if (text != null) {
      textMon = MonitorRenderer.create(false);
      text.write(textMon.start());
    }
    if (json != null) {
      jsonMon = MonitorRenderer.create(true);
      json.write(jsonMon.start());
    }
  }

  /** Detaches the monitor logs (a monitor process killed between steps). */
  public void stopMonitors() throws IOException {
    if (monitorTap != null) {
      monitorTap.close();
    }
    monitorTap = null;
    textMon = null;
    jsonMon = null;
    textMonOut = null;
    jsonMonOut = null;
    jsonLinesOut = null;
  }

  // ---------------------------------------------------------------- programs

  @Override
  public Result run(String netns, List<String> argv) throws ScriptException {
    return run(netns, argv, null, false);
  }

  @Override
  public Result run(String netns, List<String> argv, Shell.Io io, boolean background) throws ScriptException {
    return run(netns, argv, io, background, null);
  }

  @Override
  public Result run(String netns, List<String> argv, Shell.Io io, boolean background, String timeout)
      throws ScriptException {
    String prog = argv.get(0);
    String ns = netns == null ? "init" : netns;
    switch (prog) {
      case "devlink" -> {
        List<String> args = argv.subList(1, argv.size());
        MonitorArgs mon = MonitorArgs.parse(args);
        if (devlinkOverride != null && !background) {
          // The stock binary parses (and resolves the family) itself, monitors' bad arguments included.
          return devlinkOverride.run(netns, argv);
        }
        boolean tty = io != null && io.outIsTerminal();
        Devlink.Outcome o = devlink.run(ns, args, tty, tty ? io::out : null);
        if (mon == null || o.status() != 0 || !o.stderr().isEmpty()) {
          return new Result(o.stdout(), o.stderr(), o.status());
        }
        // A valid monitor: what the tool would print at exit (-j's closing) never comes, it is killed.
        return monitor(mon.netns() != null ? mon.netns() : ns, mon, argv, io, background, timeout);
      }
      case "ip" -> {
        return ipLink.run(netns, argv);
      }
      case "kill" -> {
        return kill(argv);
      }
      case "jobs" -> {
        StringBuilder sb = new StringBuilder();
        for (MonitorJob j : jobs) {
          sb.append('[').append(j.id).append("]  Running  ").append(j.commandLine).append(" &\n");
        }
        return Result.ok(sb.toString());
      }
      case "help" -> {
        return interactive ? Result.ok(ShellHelp.TEXT) : null;
      }
      default -> {
        return null;
      }
    }
  }

  @Override
  public void validate(List<String> argv) throws ScriptException {
    if (argv.get(0).equals("ip")) {
      IpLink.validate(argv);
    }
  }

  @Override
  public boolean runsInBackground(List<String> argv) {
    return argv.get(0).equals("devlink") && MonitorArgs.parse(argv.subList(1, argv.size())) != null;
  }

  /** timeout(1)'s DURATION: a number with an optional s, m, h or d suffix. */
  private static long millis(String duration) {
    char unit = duration.charAt(duration.length() - 1);
    double mult = switch (unit) {
      case 'm' -> 60_000;
      case 'h' -> 3_600_000;
      case 'd' -> 86_400_000;
      default -> 1000;
    };
    String num = Character.isDigit(unit) ? duration : duration.substring(0, duration.length() - 1);
    return (long) (Double.parseDouble(num) * mult);
  }

  private Result monitor(String ns, MonitorArgs mon, List<String> argv, Shell.Io io, boolean background,
      String timeout) {
    Shell.Io out = io != null ? io : console;
    String line = String.join(" ", argv);
    if (background) {
      int id = nextJob++;
      // A background job prints to the terminal, whatever the line redirected for itself.
      jobs.add(new MonitorJob(fabric, ns, id, line, MonitorRenderer.create(mon.json(), mon.pretty(), mon.words()), console::job));
      return Result.ok(interactive ? "[" + id + "] " + line + "\n" : "");
    }
    // Foreground: until Ctrl-C (the shell interrupts this thread), or its `timeout N`.
    MonitorJob job = new MonitorJob(fabric, ns, 0, line, MonitorRenderer.create(mon.json(), mon.pretty(), mon.words()), out::out);
    foreground = job;
    long deadline = timeout == null ? Long.MAX_VALUE : System.currentTimeMillis() + millis(timeout);
    try {
      while (!Thread.currentThread().isInterrupted()) {
        long left = deadline - System.currentTimeMillis();
        if (left <= 0) {
          job.sync(); // what happened before the deadline is printed, then SIGTERM
          return new Result("", "", 124);
        }
        try {
          Thread.sleep(Math.min(left, 60_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    } finally {
      foreground = null;
      job.stop();
    }
    return new Result("", "", 130);
  }

  private Result kill(List<String> argv) {
    StringBuilder err = new StringBuilder();
    int rc = 0;
    for (String a : argv.subList(1, argv.size())) {
      if (a.startsWith("-")) {
        continue; // the signal: every one ends a monitor
      }
      MonitorJob job = job(a);
      if (job == null) {
        err.append("sh: kill: ").append(a).append(": no such job\n");
        rc = 1;
        continue;
      }
      job.sync();
      job.stop();
      jobs.remove(job);
    }
    return new Result("", err.toString(), rc);
  }

  private MonitorJob job(String spec) {
    if (jobs.isEmpty()) {
      return null;
    }
    if (spec.equals("%%") || spec.equals("%+")) {
      return jobs.get(jobs.size() - 1);
    }
    if (spec.equals("%-")) {
      return jobs.size() > 1 ? jobs.get(jobs.size() - 2) : null;
    }
    int n = Integer.parseInt(spec.substring(1));
    return jobs.stream().filter(j -> j.id == n).findFirst().orElse(null);
  }

  /** After each command: the background monitors show what it caused before the next one runs. */
  @Override
  public void commandDone() {
    for (MonitorJob j : jobs) {
      j.sync();
    }
  }

  /** Ends every background job (the script ended; the shell left). */
  public void stopJobs() {
    for (MonitorJob j : jobs) {
      j.sync();
      j.stop();
    }
    for (MonitorJob j : jobs) {
      try {
        j.join(5000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    jobs.clear();
  }

  // ---------------------------------------------------------------- lines and scripts

  /** Runs one parsed line: the shell's result, after the monitors have logged its events. */
  public Result runLine(ScriptLine line) throws ScriptException, IOException {
    Shell.Collect c = new Shell.Collect();
    int rc = runLine(line, c);
    return c.result(rc);
  }

  /** Runs one parsed line, its output streamed to io; returns its status. */
  public int runLine(ScriptLine line, Shell.Io io) throws ScriptException, IOException {
    if (textMonOut != null) {
      textMonOut.write("##### ACTION: " + line.original() + "\n");
      textMonOut.flush();
    }
    if (jsonMonOut != null) {
      jsonMonOut.write("##### ACTION: " + line.original() + "\n");
      jsonMonOut.flush();
    }
    currentAction = line.original();
    try {
      return shell.run(line, io);
    } finally {
      logEvents();
    }
  }

  private void logEvents() throws IOException {
    if (monitorTap == null) {
      return;
    }
    for (Notification n : monitorTap.drain()) {
      if (textMon != null) {
        textMonOut.write(textMon.render(n));
      }
      if (jsonMon != null) {
        jsonMonOut.write(jsonMon.render(n));
      }
      if (jsonLinesOut != null) {
        String event = JsonLines.event(n);
        if (event != null) {
          jsonLinesOut.write("{\"action\":" + JsonLines.string(currentAction) + ",\"event\":" + event + "}\n");
        }
      }
    }
    for (Writer w : new Writer[] {textMonOut, jsonMonOut, jsonLinesOut}) {
      if (w != null) {
        w.flush();
      }
    }
  }

  /**
   * Runs a whole script. Every line is checked first: a line outside the language refuses the
   * script (`fabric: line N: ...`, status 2) before anything runs. Returns the status of the last
   * command run, or the `exit` status.
   */
  public int runScript(String text, PrintStream out, PrintStream err, boolean transcript) throws IOException {
    return runScript(text, out, err, transcript, false);
  }

  /** The same, with out a terminal or not (isatty(1): a flash then shows its progress in place). */
  public int runScript(String text, PrintStream out, PrintStream err, boolean transcript, boolean outIsTerminal)
      throws IOException {
    console = new Console(out, err, outIsTerminal && !transcript);
    List<ScriptParser.Item> items;
    try {
      items = ScriptParser.items(text);
      for (ScriptParser.Item item : items) {
        if (item.line() != null) {
          try {
            shell.validate(item.line());
            for (var p : item.line().pipelines()) {
              if (!p.background() && p.timeout() == null && runsInBackground(p.argv())) {
                throw new ScriptException("`devlink mon` runs until it is killed: start it in the background "
                    + "with '&' (it ends with the script, or with `kill %N`), or as `timeout N devlink mon`");
              }
            }
          } catch (ScriptException e) {
            throw e.at(item.lineNumber(), item.line().original());
          }
        }
      }
    } catch (ScriptException e) {
      err.println("fabric: " + e.getMessage());
      return 2;
    }
    int status = 0;
    try {
      for (ScriptParser.Item item : items) {
        if (item.line() == null) {
          if (transcript) {
            out.print("### NOTE: " + item.note() + "\n");
          }
          continue;
        }
        if (transcript) {
          Shell.Collect c = new Shell.Collect();
          try {
            status = runLine(item.line(), c);
            out.print(Transcript.format(item.line().original(), c.result(status)));
          } catch (ExitRequest x) {
            status = x.status();
            out.print(Transcript.format(item.line().original(), c.result(status)));
            throw x;
          }
        } else {
          status = runLine(item.line(), console);
        }
        out.flush();
      }
    } catch (ExitRequest x) {
      status = x.status();
    } catch (ScriptException e) {
      console.err("fabric: " + e.at(0, e.line()).getMessage() + "\n");
      status = 2;
    } finally {
      stopJobs();
      out.flush();
      err.flush();
    }
    return status;
  }

  /** Ctrl-C at the prompt's running command: the foreground monitor, if any, stops. */
  void interruptForeground() {
    MonitorJob f = foreground;
    if (f != null) {
      f.stop();
    }
  }

  /** The options and words of a `devlink ... monitor ...` line (null if it is not one). */
  record MonitorArgs(boolean json, boolean pretty, String netns, List<String> words) {
    static MonitorArgs parse(List<String> args) {
      // getopt_long permutes: options may come anywhere, the other words keep their order.
      boolean json = false;
      boolean pretty = false;
      String netns = null;
      List<String> rest = new ArrayList<>();
      boolean endOfOptions = false;
      for (int i = 0; i < args.size(); i++) {
        String a = args.get(i);
        if (endOfOptions || !a.startsWith("-") || a.equals("-")) {
          rest.add(a);
        } else if (a.equals("--")) {
          endOfOptions = true;
        } else if (a.equals("--json")) {
          json = true;
        } else if (a.equals("--pretty")) {
          pretty = true;
        } else if (a.startsWith("--")) {
          if (a.equals("--batch") || a.equals("--Version") || a.equals("--netns")) {
            return null;
          }
        } else {
          for (int k = 1; k < a.length(); k++) {
            char c = a.charAt(k);
            if (c == 'j') {
              json = true;
            } else if (c == 'p') {
              pretty = true; // main()'s json_print pretty flag: the whole stream is indented
            } else if (c == 'b' || c == 'V') {
              return null;
            } else if (c == 'N') {
              netns = k + 1 < a.length() ? a.substring(k + 1) : (i + 1 < args.size() ? args.get(++i) : null);
              break;
            }
          }
        }
      }
      if (rest.isEmpty() || rest.get(0).isEmpty() || !"monitor".startsWith(rest.get(0))) {
        return null;
      }
      List<String> words = rest.subList(1, rest.size());
      if (!words.isEmpty() && words.get(0).equals("help")) {
        return null;
      }
      return new MonitorArgs(json, pretty, netns, List.copyOf(words));
    }
  }
}
