package dev.fabric.cli.run;

import dev.fabric.cli.devlink.Devlink;
import dev.fabric.cli.devlink.MonitorRenderer;
import dev.fabric.cli.fs.NsimFileSystem;
import dev.fabric.cli.script.Result;
import dev.fabric.cli.script.ScriptException;
import dev.fabric.cli.script.ScriptLine;
import dev.fabric.cli.script.ScriptParser;
import dev.fabric.cli.script.Shell;
import dev.fabric.cli.script.Transcript;
import dev.fabric.devlink.client.Fabric;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.util.List;

/**
 * Runs a script of shell-like lines against an embedded fabric: each line's stdout, stderr and
 * status as the real shell printed them, or the reference transcript format; optionally the
 * `devlink mon all` logs (text and JSON) with an ACTION marker before each line.
 */
public final class ScriptRunner {
  private final Fabric fabric;
  private final Devlink devlink;
  private final Shell shell;
  private MonitorTap monitorTap;
  private int monitorRuns;
  private MonitorRenderer textMon;
  private MonitorRenderer jsonMon;
  private Writer textMonOut;
  private Writer jsonMonOut;
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
    this.shell = new Shell(new NsimFileSystem(fabric, "init", boot), new FabricNetns(fabric), this::runProgram);
  }

  /** Attaches `devlink mon all` logs; either writer may be null. */
  public void monitors(Writer text, Writer json) throws IOException {
    if (text == null && json == null) {
      return;
    }
    monitorTap = new MonitorTap(fabric, "init", "script-monitor-" + (++monitorRuns));
    textMonOut = text;
    jsonMonOut = json;
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
  }

  private Result runProgram(String netns, List<String> argv) throws ScriptException {
    String prog = argv.get(0);
    if (prog.equals("devlink") && devlinkOverride != null) {
      return devlinkOverride.run(netns, argv);
    }
    if (prog.equals("devlink")) {
      Devlink.Outcome o = devlink.run(netns == null ? "init" : netns, argv.subList(1, argv.size()));
      return new Result(o.stdout(), o.stderr(), o.status());
    }
    if (prog.equals("ip")) {
      throw new ScriptException(0, "only `ip netns add|del|list|exec` is emulated", String.join(" ", argv));
    }
    return null;
  }

  /** Runs one parsed line: the shell's result, after the monitors have logged its events. */
  public Result runLine(ScriptLine line) throws ScriptException, IOException {
    if (textMonOut != null) {
      textMonOut.write("##### ACTION: " + line.original() + "\n");
    }
    if (jsonMonOut != null) {
      jsonMonOut.write("##### ACTION: " + line.original() + "\n");
    }
    Result r = shell.run(line);
    if (monitorTap != null) {
      for (var n : monitorTap.drain()) {
        if (textMon != null) {
          textMonOut.write(textMon.render(n));
        }
        if (jsonMon != null) {
          jsonMonOut.write(jsonMon.render(n));
        }
      }
      if (textMonOut != null) {
        textMonOut.flush();
      }
      if (jsonMonOut != null) {
        jsonMonOut.flush();
      }
    }
    return r;
  }

  /**
   * Runs a whole script. Out-of-language lines are reported on stderr (one line each, status 2)
   * and run nothing. Returns the status of the last line run.
   */
  public int runScript(String text, PrintStream out, PrintStream err, boolean transcript) throws IOException {
    List<ScriptLine> lines;
    try {
      lines = ScriptParser.parse(text);
    } catch (ScriptException e) {
      err.println("fabric: " + e.getMessage());
      return 2;
    }
    int status = 0;
    for (ScriptLine line : lines) {
      Result r;
      try {
        r = runLine(line);
      } catch (ScriptException e) {
        err.println("fabric: " + e.getMessage());
        status = 2;
        continue;
      }
      status = r.rc();
      if (transcript) {
        out.print(Transcript.format(line.original(), r));
      } else {
        out.print(r.stdout());
        err.print(r.stderr());
      }
      out.flush();
      err.flush();
    }
    return status;
  }
}
