package dev.fabric.cli.run;

import dev.fabric.cli.script.FileSystem;
import dev.fabric.cli.script.FsException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * Tab completion in `fabric shell`: the shell's commands, devlink's objects, commands and keywords
 * (from iproute2 6.1's help texts), the handles that exist now (devices, ports, regions) and paths
 * of the emulated file system.
 */
final class ShellCompleter implements Completer {
  static final List<String> COMMANDS = List.of("devlink", "echo", "cat", "ls", "ip", "sleep", "true", "false",
      "set", "exit", "jobs", "kill", "help");
  static final List<String> OBJECTS = List.of("dev", "port", "sb", "monitor", "dpipe", "resource", "region",
      "health", "trap", "lc");
  static final List<String> OPTIONS = List.of("-j", "-p", "-s", "-v", "-n", "-N", "-V", "-b", "-f");
  static final Map<String, List<String>> OBJECT_COMMANDS = Map.of(
      "dev", List.of("show", "eswitch", "param", "reload", "info", "flash", "help"),
      "port", List.of("show", "set", "split", "unsplit", "add", "del", "function", "param", "help"),
      "sb", List.of("show", "pool", "port", "tc", "occupancy", "help"),
      "monitor", List.of("all", "dev", "port", "lc", "health", "trap", "trap-group", "trap-policer", "help"),
      "dpipe", List.of("table", "header", "help"),
      "resource", List.of("show", "set", "help"),
      "region", List.of("show", "del", "dump", "read", "new", "help"),
      "health", List.of("show", "set", "recover", "diagnose", "dump", "help"),
      "trap", List.of("show", "set", "group", "policer", "help"),
      "lc", List.of("show", "set", "help"));
  /** Keywords that may follow an object's command (cmd_* of devlink.c). */
  static final List<String> KEYWORDS = List.of("show", "set", "mode", "legacy", "switchdev", "inline-mode",
      "encap-mode", "name", "value", "cmode", "runtime", "driverinit", "permanent", "netns", "action",
      "driver_reinit", "fw_activate", "limit", "no_reset", "file", "component", "overwrite", "settings",
      "identifiers", "type", "eth", "ib", "auto", "count", "function", "hw_addr", "state", "rate", "tx_share",
      "tx_max", "parent", "noparent", "reporter", "grace_period", "auto_recover", "auto_dump", "snapshot",
      "address", "length", "path", "size", "group", "policer", "burst", "trap", "drop", "trap", "mirror");

  private final ScriptRunner runner;

  ShellCompleter(ScriptRunner runner) {
    this.runner = runner;
  }

  @Override
  public void complete(LineReader reader, ParsedLine line, List<Candidate> out) {
    List<String> words = line.words().subList(0, line.wordIndex());
    String cur = line.word().substring(0, line.wordCursor());
    // The command of the current ';' / '&&' part.
    int start = 0;
    for (int i = 0; i < words.size(); i++) {
      String w = words.get(i);
      if (w.equals(";") || w.equals("&&") || w.endsWith(";")) {
        start = i + 1;
      }
    }
    List<String> cmd = words.subList(start, words.size());
    if (cur.startsWith("/")) {
      paths(cur, out);
      return;
    }
    if (cmd.isEmpty()) {
      add(out, COMMANDS);
      return;
    }
    String prog = cmd.get(0);
    if (prog.equals("ip")) {
      add(out, cmd.size() == 1 ? List.of("link", "netns", "-br", "-n") : List.of("show", "add", "del", "list", "exec"));
      return;
    }
    if (!prog.equals("devlink")) {
      return;
    }
    List<String> rest = new ArrayList<>();
    for (String w : cmd.subList(1, cmd.size())) {
      if (!w.startsWith("-")) {
        rest.add(w);
      }
    }
    if (rest.isEmpty()) {
      add(out, OBJECTS);
      if (cur.startsWith("-")) {
        add(out, OPTIONS);
      }
      return;
    }
    String object = OBJECTS.stream().filter(o -> o.startsWith(rest.get(0))).findFirst().orElse(null);
    if (object == null) {
      return;
    }
    if (rest.size() == 1) {
      add(out, OBJECT_COMMANDS.get(object));
      return;
    }
    if (object.equals("monitor")) {
      add(out, OBJECT_COMMANDS.get(object));
      return;
    }
    add(out, handles(object));
    add(out, KEYWORDS);
  }

  /** The handles that exist now: devices, and ports or regions for those objects. */
  private List<String> handles(String object) {
    List<String> h = new ArrayList<>();
    try {
      h.addAll(runner.deviceHandles());
      if (object.equals("port")) {
        h.addAll(runner.firstWords("port", "show"));
      } else if (object.equals("region")) {
        h.addAll(runner.firstWords("region", "show"));
      }
    } catch (RuntimeException e) {
      // completion never fails the prompt
    }
    return h;
  }

  private void paths(String cur, List<Candidate> out) {
    FileSystem fs = runner.fileSystem();
    int slash = cur.lastIndexOf('/');
    String dir = slash == 0 ? "/" : cur.substring(0, slash);
    try {
      for (String name : fs.list(dir)) {
        String full = (dir.equals("/") ? "/" : dir + "/") + name;
        boolean isDir;
        try {
          isDir = fs.stat(full, true).isDir();
        } catch (FsException e) {
          isDir = false;
        }
        out.add(new Candidate(isDir ? full + "/" : full, name, null, null, null, null, !isDir));
      }
    } catch (FsException e) {
      // nothing to offer
    }
  }

  private static void add(List<Candidate> out, List<String> values) {
    for (String v : values) {
      out.add(new Candidate(v));
    }
  }
}
