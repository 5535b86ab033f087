package dev.fabric.cli.devlink;

import dev.fabric.devlink.client.Fabric;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The `devlink` program of iproute2 6.1 over the fabric: option parsing (getopt_long, which
 * permutes options anywhere on the line), object dispatch, and the exit status.
 */
public final class Devlink {

  /** One object's command handler (cmd_dev, cmd_port, ...): returns 0 on success. */
  public interface ObjectCommand {
    int run(Dl dl, DlArgs args) throws DlError;
  }

  public record Outcome(String stdout, String stderr, int status) {}

  static final String USAGE = """
      Usage: devlink [ OPTIONS ] OBJECT { COMMAND | help }
             devlink [ -f[orce] ] -b[atch] filename -N[etns] netnsname
      where  OBJECT := { dev | port | lc | sb | monitor | dpipe | resource | region | health | trap }
             OPTIONS := { -V[ersion] | -n[o-nice-names] | -j[son] | -p[retty] | -v[erbose] -s[tatistics] -[he]x }
      """;

  /** Objects in dl_cmd's order (matching is by prefix, first hit wins). */
  private static final Map<String, ObjectCommand> OBJECTS = new LinkedHashMap<>();

  static {
    OBJECTS.put("dev", DevCommands::run);
    OBJECTS.put("port", PortCommands::run);
    OBJECTS.put("sb", Devlink::sb);
    OBJECTS.put("monitor", MonitorCommand::run);
    OBJECTS.put("dpipe", Devlink::dpipe);
    OBJECTS.put("resource", ResourceCommands::run);
    OBJECTS.put("region", RegionCommands::run);
    OBJECTS.put("health", HealthCommands::run);
    OBJECTS.put("trap", TrapCommands::run);
    OBJECTS.put("lc", Devlink::lc);
  }

  private final Fabric fabric;

  public Devlink(Fabric fabric) {
    this.fabric = fabric;
  }

  /** Runs {@code devlink ARGV} as a process in namespace {@code netns} would. */
  public Outcome run(String netns, List<String> argv) {
    return run(netns, argv, false, null);
  }

  /**
   * The same with stdout a terminal or not (isatty: pr_out_tty prints) and, when live is set,
   * the output the tool flushes while it runs (flash progress) streamed there; the Outcome then
   * holds only the rest.
   */
  public Outcome run(String netns, List<String> argv, boolean stdoutIsTty, java.util.function.Consumer<String> live) {
    boolean json = false;
    boolean pretty = false;
    boolean stats = false;
    boolean verbose = false;
    boolean noNice = false;
    boolean force = false;
    String batch = null;
    List<String> rest = new ArrayList<>();
    boolean endOfOptions = false;
    for (int i = 0; i < argv.size(); i++) {
      String a = argv.get(i);
      if (endOfOptions || !a.startsWith("-") || a.equals("-")) {
        rest.add(a);
        continue;
      }
      if (a.equals("--")) {
        endOfOptions = true;
        continue;
      }
      if (a.startsWith("--")) {
        String name = a.substring(2);
        switch (name) {
          case "json" -> json = true;
          case "pretty" -> pretty = true;
          case "statistics" -> stats = true;
          case "verbose" -> verbose = true;
          case "no-nice-names" -> noNice = true;
          case "force" -> force = true;
          case "Version" -> {
            return new Outcome("devlink utility, iproute2-6.1.0\n", "", 0);
          }
          default -> {
            return new Outcome("", "devlink: unrecognized option '" + a + "'\nUnknown option.\n" + USAGE, 1);
          }
        }
        continue;
      }
      for (int k = 1; k < a.length(); k++) {
        char c = a.charAt(k);
        switch (c) {
          case 'j' -> json = true;
          case 'p' -> pretty = true;
          case 's' -> stats = true;
          case 'v' -> verbose = true;
          case 'n' -> noNice = true;
          case 'f' -> force = true;
          case 'i', 'x' -> {
          }
          case 'b' -> {
            batch = k + 1 < a.length() ? a.substring(k + 1) : (i + 1 < argv.size() ? argv.get(++i) : null);
            if (batch == null) {
              return new Outcome("", "devlink: option requires an argument -- 'b'\nUnknown option.\n" + USAGE, 1);
            }
            k = a.length();
          }
          case 'V' -> {
            return new Outcome("devlink utility, iproute2-6.1.0\n", "", 0);
          }
          case 'N' -> {
            String ns = k + 1 < a.length() ? a.substring(k + 1) : (i + 1 < argv.size() ? argv.get(++i) : null);
            if (ns == null) {
              return new Outcome("", "devlink: option requires an argument -- 'N'\nUnknown option.\n" + USAGE, 1);
            }
            if (!fabric.netnsListSync().contains(ns)) {
              return new Outcome("", "Cannot open network namespace \"" + ns + "\": No such file or directory\n", 1);
            }
            netns = ns;
            k = a.length();
          }
          default -> {
            return new Outcome("", "devlink: invalid option -- '" + c + "'\nUnknown option.\n" + USAGE, 1);
          }
        }
      }
    }
    Dl dl = new Dl(fabric, netns, json, pretty, stats, verbose, noNice);
    dl.out.setStdoutIsTty(stdoutIsTty);
    dl.live = live;
    int status;
    if (batch != null) {
      status = batch(dl, batch, force);
    } else {
      status = runOne(dl, rest);
    }
    String stdout;
    try {
      stdout = dl.out.finish();
    } catch (IllegalStateException e) {
      stdout = dl.out.output();
    }
    if (live != null) {
      stdout = dl.out.takeNew();
    }
    return new Outcome(stdout, dl.err.toString(), status == 0 ? 0 : 1);
  }

  private static int runOne(Dl dl, List<String> args) {
    try {
      return dispatch(dl, new DlArgs(args));
    } catch (DlError e) {
      dl.error(e.getMessage());
      return e.status;
    }
  }

  /** dl_batch: one devlink command per line of FILE; stops at the first failure unless -force. */
  private static int batch(Dl dl, String name, boolean force) {
    List<String> lines;
    try {
      lines = java.nio.file.Files.readAllLines(java.nio.file.Path.of(name));
    } catch (java.io.IOException | RuntimeException e) {
      dl.error("Cannot open file \"" + name + "\" for reading: No such file or directory\n");
      return 1;
    }
    int status = 0;
    int lineNo = 0;
    for (String line : lines) {
      lineNo++;
      List<String> words = makeargs(line);
      if (words.isEmpty()) {
        continue;
      }
      if (runOne(dl, words) != 0) {
        dl.error("Command failed " + name + ":" + lineNo + "\n");
        status = 1;
        if (!force) {
          break;
        }
      }
    }
    return status;
  }

  /** iproute2's makeargs: whitespace-separated words, quotes group, '#' starts a comment. */
  static List<String> makeargs(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = null;
    char quote = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          cur.append(c);
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
        if (cur == null) {
          cur = new StringBuilder();
        }
      } else if (c == '#') {
        break;
      } else if (Character.isWhitespace(c)) {
        if (cur != null) {
          out.add(cur.toString());
          cur = null;
        }
      } else {
        if (cur == null) {
          cur = new StringBuilder();
        }
        cur.append(c);
      }
    }
    if (cur != null) {
      out.add(cur.toString());
    }
    return out;
  }

  private static int dispatch(Dl dl, DlArgs a) throws DlError {
    if (a.noArg() || a.match("help")) {
      dl.error(USAGE);
      return 0;
    }
    for (Map.Entry<String, ObjectCommand> e : OBJECTS.entrySet()) {
      if (a.match(e.getKey())) {
        a.inc();
        return e.getValue().run(dl, a);
      }
    }
    throw new DlError("Object \"" + a.argv() + "\" not found\n");
  }

  private static int sb(Dl dl, DlArgs a) throws DlError {
    // netdevsim has no shared buffer: a dump is empty, a doit on a device gets ENODEV... as 6.1
    // answers through the sb ops check (the kernel answers "No such device" for netdevsim).
    if (a.match("help")) {
      dl.error("Usage: devlink sb show [ DEV [ sb SB_INDEX ] ]\n");
      return 0;
    }
    if (a.match("show") || a.match("list")) {
      a.inc();
    }
    if (a.noArg()) {
      return 0;
    }
    Opts.parse(a, java.util.EnumSet.of(Opts.Opt.HANDLE), java.util.EnumSet.noneOf(Opts.Opt.class), dl::resolveIfname);
    dl.err.append("kernel answers: No such device\n");
    return 1;
  }

  private static int dpipe(Dl dl, DlArgs a) throws DlError {
    return ResourceCommands.dpipe(dl, a);
  }

  private static int lc(Dl dl, DlArgs a) {
    return 0;
  }
}
