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

  /** main()'s long_options, in their order. */
  private static final Map<String, Character> LONG_OPTIONS = new LinkedHashMap<>();

  static {
    LONG_OPTIONS.put("Version", 'V');
    LONG_OPTIONS.put("force", 'f');
    LONG_OPTIONS.put("batch", 'b');
    LONG_OPTIONS.put("no-nice-names", 'n');
    LONG_OPTIONS.put("json", 'j');
    LONG_OPTIONS.put("pretty", 'p');
    LONG_OPTIONS.put("verbose", 'v');
    LONG_OPTIONS.put("statistics", 's');
    LONG_OPTIONS.put("Netns", 'N');
    LONG_OPTIONS.put("iec", 'i');
    LONG_OPTIONS.put("hex", 'x');
  }

  /** Objects in dl_cmd's order (matching is by prefix, first hit wins). */
  private static final Map<String, ObjectCommand> OBJECTS = new LinkedHashMap<>();

  static {
    OBJECTS.put("dev", DevCommands::run);
    OBJECTS.put("port", PortCommands::run);
    OBJECTS.put("sb", SbLcCommands::sb);
    OBJECTS.put("monitor", MonitorCommand::run);
    OBJECTS.put("dpipe", Devlink::dpipe);
    OBJECTS.put("resource", ResourceCommands::run);
    OBJECTS.put("region", RegionCommands::run);
    OBJECTS.put("health", HealthCommands::run);
    OBJECTS.put("trap", TrapCommands::run);
    OBJECTS.put("lc", SbLcCommands::lc);
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
    GlobalOptions g = new GlobalOptions(netns);
    Outcome early = g.parse(argv);
    if (early != null) {
      return early;
    }
    Dl dl = new Dl(fabric, g.netns, g.json, g.pretty, g.stats, g.verbose, g.noNice, g.iec, g.hex);
    dl.out.setStdoutIsTty(stdoutIsTty);
    dl.live = live;
    int status = g.batch != null ? batch(dl, g.batch, g.force) : runOne(dl, g.rest);
    return finish(dl, status, live != null);
  }

  /** The process's stdout and stderr at exit, and its status. */
  private static Outcome finish(Dl dl, int status, boolean streamed) {
    String stdout;
    try {
      // exit(-1) (invarg) skips dl_fini: no jsonw_destroy, so no closing newline
      stdout = status == 255 ? dl.out.output() : dl.out.finish();
    } catch (IllegalStateException e) {
      stdout = dl.out.output();
    }
    if (streamed) {
      stdout = dl.out.takeNew();
    }
    // exit(-1) paths (invarg) end with 255; every other failure with 1
    return new Outcome(stdout, dl.err.toString(), status == 0 ? 0 : status == 255 ? 255 : 1);
  }

  private static boolean takesArgument(char opt) {
    return opt == 'b' || opt == 'N';
  }

  private static Outcome unknownOption(String getoptMessage) {
    return new Outcome("", "devlink: " + getoptMessage + "\nUnknown option.\n" + USAGE, 1);
  }

  /**
   * main()'s getopt_long loop: options anywhere on the line (getopt permutes), "--" ends them.
   * Long and short spellings reach the one switch of {@link #apply}.
   */
  private final class GlobalOptions {
    boolean json;
    boolean pretty;
    boolean stats;
    boolean verbose;
    boolean noNice;
    boolean force;
    boolean iec;
    boolean hex;
    String batch;
    String netns;
    final List<String> rest = new ArrayList<>();

    GlobalOptions(String netns) {
      this.netns = netns;
    }

    private List<String> argv;
    private int pos;

    /** Null when the command runs; else the Outcome the process ends with first. */
    Outcome parse(List<String> words) {
      argv = words;
      boolean endOfOptions = false;
      for (pos = 0; pos < argv.size(); pos++) {
        String a = argv.get(pos);
        if (endOfOptions || !a.startsWith("-") || a.equals("-")) {
          rest.add(a);
        } else if (a.equals("--")) {
          endOfOptions = true;
        } else {
          Outcome early = a.startsWith("--") ? longOption(a) : shortOptions(a);
          if (early != null) {
            return early;
          }
        }
      }
      return null;
    }

    /** The word after the current one, consumed as an option's argument; null at the end. */
    private String takeNextWord() {
      return pos + 1 < argv.size() ? argv.get(++pos) : null;
    }

    /**
     * getopt_long: an exact name or an unambiguous prefix of one; "--name=value" or the next word
     * for the options that take one.
     */
    private Outcome longOption(String a) {
      String spec = a.substring(2);
      int eq = spec.indexOf('=');
      String name = eq >= 0 ? spec.substring(0, eq) : spec;
      String match = null;
      for (String l : LONG_OPTIONS.keySet()) {
        if (l.equals(name)) {
          match = l;
          break;
        }
        if (l.startsWith(name)) {
          match = match == null ? l : "\0ambiguous";
        }
      }
      if (match == null || match.startsWith("\0")) {
        return unknownOption("unrecognized option '" + a + "'");
      }
      char opt = LONG_OPTIONS.get(match);
      String value = null;
      if (takesArgument(opt)) {
        value = eq >= 0 ? spec.substring(eq + 1) : takeNextWord();
        if (value == null) {
          return unknownOption("option '--" + match + "' requires an argument");
        }
      } else if (eq >= 0) {
        return unknownOption("option '--" + match + "' doesn't allow an argument");
      }
      return apply(opt, value);
    }

    /**
     * getopt: a cluster of letters ("-jp"); an option that takes an argument ends the cluster
     * with the cluster's rest, or takes the next word.
     */
    private Outcome shortOptions(String a) {
      for (int k = 1; k < a.length(); k++) {
        char c = a.charAt(k);
        if (!LONG_OPTIONS.containsValue(c)) {
          return unknownOption("invalid option -- '" + c + "'");
        }
        if (takesArgument(c)) {
          String value = k + 1 < a.length() ? a.substring(k + 1) : takeNextWord();
          if (value == null) {
            return unknownOption("option requires an argument -- '" + c + "'");
          }
          return apply(c, value);
        }
        Outcome early = apply(c, null);
        if (early != null) {
          return early;
        }
      }
      return null;
    }

    /** main()'s switch on the option letter. */
    private Outcome apply(char opt, String value) {
      switch (opt) {
        case 'V' -> {
          return new Outcome("devlink utility, iproute2-6.1.0\n", "", 0);
        }
        case 'f' -> force = true;
        case 'b' -> batch = value;
        case 'n' -> noNice = true;
        case 'j' -> json = true;
        case 'p' -> pretty = true;
        case 'v' -> verbose = true;
        case 's' -> stats = true;
        case 'N' -> {
          if (!fabric.netnsListSync().contains(value)) {
            return new Outcome("", "Cannot open network namespace \"" + value + "\": No such file or directory\n", 1);
          }
          netns = value;
        }
        case 'i' -> iec = true;
        case 'x' -> hex = true;
        default -> throw new IllegalArgumentException("not an option letter: " + opt);
      }
      return null;
    }
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
      int rc = runOne(dl, words);
      if (rc == 255) {
        // invarg() calls exit(-1): the whole batch ends there, without "Command failed"
        return 255;
      }
      if (rc != 0) {
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

  private static int dpipe(Dl dl, DlArgs a) throws DlError {
    return ResourceCommands.dpipe(dl, a);
  }
}
