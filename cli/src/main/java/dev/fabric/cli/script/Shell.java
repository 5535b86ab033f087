package dev.fabric.cli.script;

import dev.fabric.devlink.model.Errno;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.DoubleConsumer;
import java.util.function.LongSupplier;

/**
 * Runs parsed script lines the way busybox sh 1.35 (as /bin/sh, with busybox applets) and
 * iproute2 6.1's `ip netns` did on the recorded guest: echo/cat/ls/sleep/true/false and
 * `ip netns add|delete|list|exec` are done here; everything else goes to the CommandRunner.
 */
public final class Shell {
  private static final Set<String> SYSTEM_DIRS = Set.of("/bin", "/sbin", "/usr/bin", "/usr/sbin");
  private static final Set<String> OWN = Set.of("echo", "cat", "ls", "sleep", "true", "false", "ip");
  private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep",
    "Oct", "Nov", "Dec"};
  private static final Comparator<String> STRCMP = Shell::strcmp;

  private final FileSystem fs;
  private final Netns netns;
  private final CommandRunner runner;
  private LongSupplier clock = () -> System.currentTimeMillis() / 1000;
  private ZoneId zone = ZoneOffset.UTC;
  private DoubleConsumer sleeper = s -> { };
  private boolean errexit;
  private boolean xtrace;

  /**
   * Where a command's output goes while it runs: the terminal, a file or nowhere, after the
   * command's redirections. {@code outIsTerminal} is isatty(1) as the program sees it.
   */
  public interface Io {
    void out(String text);

    void err(String text);

    default boolean outIsTerminal() {
      return false;
    }
  }

  /** Collects everything into one Result (what a line printed, for transcripts and tests). */
  public static final class Collect implements Io {
    private final StringBuilder out = new StringBuilder();
    private final StringBuilder err = new StringBuilder();

    @Override
    public void out(String text) {
      out.append(text);
    }

    @Override
    public void err(String text) {
      err.append(text);
    }

    public Result result(int rc) {
      return new Result(out.toString(), err.toString(), rc);
    }
  }

  /** `set -e`: a failing command (the last of its && list) ends the script. */
  public boolean errexit() {
    return errexit;
  }

  /** `set -x` (or `fabric run -x`): each command is echoed as "+ ARGV" on stderr before it runs. */
  public Shell withXtrace(boolean on) {
    this.xtrace = on;
    return this;
  }

  public Shell(FileSystem fs, Netns netns, CommandRunner runner) {
    this.fs = Objects.requireNonNull(fs);
    this.netns = Objects.requireNonNull(netns);
    this.runner = Objects.requireNonNull(runner);
  }

  /** "Now" in epoch seconds, used by `ls -l` to choose "Nov 25 20:41" vs "Nov 25  2024". */
  public Shell withClock(LongSupplier epochSeconds) {
    this.clock = Objects.requireNonNull(epochSeconds);
    return this;
  }

  /** Time zone of `ls -l` dates (the guest ran in UTC). */
  public Shell withZone(ZoneId zone) {
    this.zone = Objects.requireNonNull(zone);
    return this;
  }

  /** Called with the seconds of each `sleep` (default: returns at once). */
  public Shell withSleeper(DoubleConsumer sleeper) {
    this.sleeper = Objects.requireNonNull(sleeper);
    return this;
  }

  /** Parses and runs one line (line number 1 in errors). */
  public Result runLine(String text) throws ScriptException {
    ScriptLine line = ScriptParser.parseLine(text, 1);
    return line == null ? new Result("", "", 0) : run(line);
  }

  /**
   * Runs a line: ';' always runs the next command, '&&' only after rc 0; stdout and stderr are
   * concatenated, rc is the last run command's. All commands handled here are checked before
   * anything runs, so an out-of-language line has no side effects (except from CommandRunner).
   */
  public Result run(ScriptLine line) throws ScriptException {
    Collect c = new Collect();
    int rc = run(line, c);
    return c.result(rc);
  }

  /** Checks a line's commands without running anything (the out-of-language ones throw). */
  public void validate(ScriptLine line) throws ScriptException {
    try {
      for (Pipeline p : line.pipelines()) {
        validate(p.argv());
        if (p.background() && !runner.runsInBackground(p.argv())) {
          throw new ScriptException("background '&' is supported for `devlink mon` only");
        }
      }
    } catch (ScriptException e) {
      throw new ScriptException(0, e.reason(), line.original());
    }
  }

  /**
   * Runs a line, each command's output going to io as the command produces it (after its
   * redirections). Returns the status of the last command run. `exit`, and a failure under
   * `set -e`, throw {@link ExitRequest} after the output is written.
   */
  public int run(ScriptLine line, Io io) throws ScriptException {
    validate(line);
    int status = 0;
    List<Pipeline> ps = line.pipelines();
    for (int i = 0; i < ps.size(); i++) {
      Pipeline p = ps.get(i);
      // Ctrl-C in the interactive shell ends the whole line, as in sh.
      if (Thread.currentThread().isInterrupted()) return 130;
      if (p.connector() == Pipeline.Connector.AND && status != 0) continue;
      try {
        status = execute(p, io);
      } catch (ScriptException e) {
        throw new ScriptException(0, e.reason(), line.original());
      } finally {
        runner.commandDone();
      }
      lastStatus = status;
      // sh -e: only a failure of the last command of an && list ends the shell.
      boolean lastOfList = i + 1 >= ps.size() || ps.get(i + 1).connector() != Pipeline.Connector.AND;
      if (errexit && status != 0 && lastOfList && !p.background()) throw new ExitRequest(status);
    }
    return status;
  }

  /** Runs one command of a line in the initial namespace; its output as a Result. */
  public Result execute(Pipeline p) throws ScriptException {
    Collect c = new Collect();
    int rc = execute(p, c);
    return c.result(rc);
  }

  /** One redirection target: the caller's stdout or stderr, /dev/null, or a file. */
  private static final class Sink {
    final int terminalFd; // 1 or 2 for the caller's streams, 0 otherwise
    final String path;     // a file, or null
    final StringBuilder data = new StringBuilder();

    Sink(int terminalFd, String path) {
      this.terminalFd = terminalFd;
      this.path = path;
    }
  }

  /** Runs one command with its redirections applied left to right, as sh does. */
  public int execute(Pipeline p, Io io) throws ScriptException {
    Sink[] fds = {null, new Sink(1, null), new Sink(2, null)};
    List<Sink> files = new ArrayList<>();
    for (Pipeline.Redirect r : p.redirects()) {
      if (r.target() == null) {
        fds[r.fd()] = fds[r.dupFd()];
      } else if (r.target().equals("/dev/null")) {
        fds[r.fd()] = new Sink(0, null);
      } else {
        Sink f = new Sink(0, r.target());
        files.add(f);
        fds[r.fd()] = f;
      }
    }
    Sink outSink = fds[1];
    Sink errSink = fds[2];
    Io redirected = new Io() {
      @Override
      public void out(String text) {
        write(outSink, text);
      }

      @Override
      public void err(String text) {
        write(errSink, text);
      }

      private void write(Sink s, String text) {
        if (s.terminalFd == 1) io.out(text);
        else if (s.terminalFd == 2) io.err(text);
        else if (s.path != null) s.data.append(text);
      }

      @Override
      public boolean outIsTerminal() {
        return outSink.terminalFd == 1 && io.outIsTerminal();
      }
    };
    List<String> argv = expand(p);
    if (xtrace) io.err("+ " + traced(argv) + "\n");
    Result r = command(null, argv, false, redirected, p.background(), p.timeout());
    redirected.out(r.stdout());
    redirected.err(r.stderr());
    int rc = r.rc();
    // The files: sh opens (creates, truncates) them before the command runs; the emulated
    // files take their content in one write, which is where sysfs answers (echo > new_device).
    for (Sink f : files) {
      Result w = writeFile(fs, f.path, f.data.toString(), p.program().equals("echo"));
      if (w.rc() != 0) {
        redirected.err(w.stderr());
        rc = w.rc();
      }
    }
    return rc;
  }

  // ---------------------------------------------------------------- pathname expansion

  /**
   * sh's pathname expansion of the words with an unquoted '*', '?' or '[': the matching paths of
   * the emulated tree, sorted; a pattern that matches nothing stays as it was written. Names
   * starting with '.' match only a pattern component starting with '.'. Absolute paths only.
   */
  List<String> expand(Pipeline p) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < p.argv().size(); i++) {
      String g = p.globs().get(i);
      List<String> m = g == null || !g.startsWith("/") ? List.of() : glob(g);
      if (m.isEmpty()) out.add(p.argv().get(i));
      else out.addAll(m);
    }
    return out;
  }

  private List<String> glob(String pattern) {
    boolean dirsOnly = pattern.endsWith("/");
    String[] parts = pattern.substring(1).split("/");
    List<String> prefixes = List.of("");
    for (int k = 0; k < parts.length; k++) {
      String comp = parts[k];
      if (comp.isEmpty()) continue;
      boolean last = k == parts.length - 1;
      List<String> next = new ArrayList<>();
      if (hasGlob(comp)) {
        java.util.regex.Pattern re = globRegex(comp);
        boolean dots = comp.startsWith(".") || comp.startsWith("\\.");
        for (String d : prefixes) {
          List<String> names;
          try {
            names = fs.list(d.isEmpty() ? "/" : d);
          } catch (FsException e) {
            continue;
          }
          for (String n : names) {
            if ((n.startsWith(".") && !dots) || !re.matcher(n).matches()) continue;
            next.add(d + "/" + n);
          }
        }
      } else {
        String lit = comp.replaceAll("\\\\(.)", "$1");
        for (String d : prefixes) {
          String c = d + "/" + lit;
          if (!last || exists(c, false)) next.add(c);
        }
      }
      prefixes = next;
    }
    List<String> out = new ArrayList<>();
    for (String path : prefixes) {
      if (!dirsOnly) {
        out.add(path);
      } else if (isDir(path)) {
        out.add(path + "/");
      }
    }
    out.sort(STRCMP);
    return out;
  }

  private boolean exists(String path, boolean follow) {
    try {
      fs.stat(path, follow);
      return true;
    } catch (FsException e) {
      return false;
    }
  }

  private boolean isDir(String path) {
    try {
      return fs.stat(path, true).isDir();
    } catch (FsException e) {
      return false;
    }
  }

  private static boolean hasGlob(String comp) {
    for (int i = 0; i < comp.length(); i++) {
      char c = comp.charAt(i);
      if (c == '\\') i++;
      else if (c == '*' || c == '?' || c == '[') return true;
    }
    return false;
  }

  /** fnmatch(3) without flags, for one path component. */
  static java.util.regex.Pattern globRegex(String comp) {
    StringBuilder re = new StringBuilder();
    for (int i = 0; i < comp.length(); i++) {
      char c = comp.charAt(i);
      switch (c) {
        case '\\' -> {
          if (i + 1 < comp.length()) re.append(java.util.regex.Pattern.quote(String.valueOf(comp.charAt(++i))));
        }
        case '*' -> re.append("[^/]*");
        case '?' -> re.append("[^/]");
        case '[' -> {
          int end = comp.indexOf(']', i + 2);
          if (end < 0) {
            re.append("\\[");
            break;
          }
          String set = comp.substring(i + 1, end);
          StringBuilder cls = new StringBuilder("[");
          int j = 0;
          if (set.startsWith("!") || set.startsWith("^")) {
            cls.append('^');
            j = 1;
          }
          for (; j < set.length(); j++) {
            char d = set.charAt(j);
            if (d == '-' && j > 0 && j + 1 < set.length()) cls.append('-');
            else if (Character.isLetterOrDigit(d)) cls.append(d);
            else cls.append('\\').append(d);
          }
          re.append(cls).append(']');
          i = end;
        }
        default -> re.append(java.util.regex.Pattern.quote(String.valueOf(c)));
      }
    }
    return java.util.regex.Pattern.compile(re.toString());
  }

  /** How sh -x shows a command: words with shell characters in single quotes. */
  static String traced(List<String> argv) {
    StringBuilder sb = new StringBuilder();
    for (String a : argv) {
      if (sb.length() > 0) sb.append(' ');
      if (!a.isEmpty() && a.matches("[A-Za-z0-9_./:%@=+,-]+")) sb.append(a);
      else sb.append('\'').append(a.replace("'", "'\\''")).append('\'');
    }
    return sb.toString();
  }

  // ---------------------------------------------------------------- dispatch

  private static String normalize(String prog) {
    int slash = prog.lastIndexOf('/');
    if (slash > 0) {
      String dir = prog.substring(0, slash);
      String base = prog.substring(slash + 1);
      if (SYSTEM_DIRS.contains(dir) && (OWN.contains(base) || base.equals("devlink"))) return base;
    }
    return prog;
  }

  private void validate(List<String> argv) throws ScriptException {
    String prog = normalize(argv.get(0));
    switch (prog) {
      case "ls":
        lsOptions(argv);
        break;
      case "cat":
        if (argv.size() < 2) throw new ScriptException("cat without a file (stdin) is not supported");
        for (String a : argv.subList(1, argv.size())) {
          if (a.startsWith("-")) throw new ScriptException("cat options are not supported");
        }
        break;
      case "sleep":
        if (argv.size() < 2) throw new ScriptException("sleep without an argument is not supported");
        break;
      case "ip":
        // What ip does beyond `ip netns` is the runner's (ip link); what it does not
        // emulate is rejected before the line runs, so a line never half-runs.
        if (argv.size() >= 2 && argv.get(1).equals("netns")) {
          validateNetns(argv);
        } else {
          List<String> norm = new ArrayList<>(argv);
          norm.set(0, prog);
          runner.validate(norm);
        }
        break;
      default:
        break;
    }
  }

  private void validateNetns(List<String> argv) throws ScriptException {
    if (argv.size() < 3) return;
    String sub = argv.get(2);
    String kind = netnsSubcommand(sub);
    if (kind == null) return; // unknown: iproute2 error
    switch (kind) {
      case "list", "add", "delete" -> { }
      case "exec" -> {
        if (argv.size() >= 5) validate(argv.subList(4, argv.size()));
      }
      default -> throw new ScriptException("ip netns " + kind + " is not supported");
    }
  }

  /** Runs argv in netns; inExec: started by `ip netns exec` (execvp errors instead of sh's). */
  private Result command(String ns, List<String> argv, boolean inExec) throws ScriptException {
    return command(ns, argv, inExec, null, false);
  }

  private Result command(String ns, List<String> argv, boolean inExec, Io io, boolean background)
      throws ScriptException {
    return command(ns, argv, inExec, io, background, null);
  }

  private Result command(String ns, List<String> argv, boolean inExec, Io io, boolean background,
      String timeout) throws ScriptException {
    String prog = normalize(argv.get(0));
    FileSystem view = fs.inNetns(ns);
    switch (prog) {
      case "echo":
        return Result.ok(echoText(argv));
      case "true":
        return new Result("", "", 0);
      case "false":
        return new Result("", "", 1);
      case "sleep":
        return sleep(argv);
      case "cat":
        return cat(view, argv);
      case "ls":
        return ls(view, argv);
      case "ip":
        if (argv.size() >= 2 && argv.get(1).equals("netns")) return ipNetns(ns, argv, io);
        break;
      case "set":
        if (!inExec) return set(argv);
        break;
      case "exit":
        if (!inExec) throw new ExitRequest(argv.size() > 1 ? Integer.parseInt(argv.get(1)) & 0xff : lastStatus);
        break;
      default:
        break;
    }
    List<String> norm = new ArrayList<>(argv);
    norm.set(0, prog);
    Result r = runner.run(ns, norm, io, background, timeout);
    if (r != null) return r;
    if (inExec) {
      return Result.err("exec of \"" + argv.get(0) + "\" failed: No such file or directory\n", 1);
    }
    return Result.err("sh: " + argv.get(0) + ": not found\n", 127);
  }

  private int lastStatus;

  /** The status `exit` without N uses (the runner tells the shell after each line). */
  public void lastStatus(int status) {
    this.lastStatus = status;
  }

  private Result set(List<String> argv) {
    for (String a : argv.subList(1, argv.size())) {
      boolean on = a.charAt(0) == '-';
      for (char c : a.substring(1).toCharArray()) {
        if (c == 'e') errexit = on;
        else if (c == 'x') xtrace = on;
      }
    }
    return new Result("", "", 0);
  }

  // ---------------------------------------------------------------- echo

  /** busybox echo: leading args made only of n/e/E after '-' are options; -e handles escapes. */
  static String echoText(List<String> argv) {
    boolean newline = true;
    boolean escapes = false;
    int i = 1;
    for (; i < argv.size(); i++) {
      String a = argv.get(i);
      if (a.length() < 2 || a.charAt(0) != '-' || !a.substring(1).matches("[neE]+")) break;
      for (char c : a.substring(1).toCharArray()) {
        if (c == 'n') newline = false;
        else escapes = c == 'e';
      }
    }
    StringBuilder sb = new StringBuilder();
    for (int k = i; k < argv.size(); k++) {
      if (k > i) sb.append(' ');
      String a = argv.get(k);
      if (!escapes) {
        sb.append(a);
        continue;
      }
      for (int j = 0; j < a.length(); j++) {
        char c = a.charAt(j);
        if (c != '\\' || j + 1 >= a.length()) {
          sb.append(c);
          continue;
        }
        char e = a.charAt(++j);
        switch (e) {
          case 'a' -> sb.append('\007');
          case 'b' -> sb.append('\b');
          case 'e' -> sb.append('\033');
          case 'f' -> sb.append('\f');
          case 'n' -> sb.append('\n');
          case 'r' -> sb.append('\r');
          case 't' -> sb.append('\t');
          case 'v' -> sb.append('\013');
          case '\\' -> sb.append('\\');
          case 'c' -> {
            return sb.toString();
          }
          case '0' -> {
            int v = 0;
            int d = 0;
            while (d < 3 && j + 1 < a.length() && a.charAt(j + 1) >= '0' && a.charAt(j + 1) <= '7') {
              v = v * 8 + (a.charAt(++j) - '0');
              d++;
            }
            sb.append((char) v);
          }
          case 'x' -> {
            int v = 0;
            int d = 0;
            while (d < 2 && j + 1 < a.length() && Character.digit(a.charAt(j + 1), 16) >= 0) {
              v = v * 16 + Character.digit(a.charAt(++j), 16);
              d++;
            }
            if (d == 0) sb.append("\\x");
            else sb.append((char) v);
          }
          default -> sb.append('\\').append(e);
        }
      }
    }
    if (newline) sb.append('\n');
    return sb.toString();
  }

  private static Result writeFile(FileSystem view, String path, String text, boolean echo) {
    byte[] data = text.getBytes(StandardCharsets.UTF_8);
    try {
      view.write(path, data);
      return new Result("", "", 0);
    } catch (FsException e) {
      if (e.atOpen()) {
        String why = e.errno() == Errno.ENOENT.code || e.errno() == Errno.ENOTDIR.code
            ? "nonexistent directory" : e.strerror();
        return Result.err("sh: can't create " + path + ": " + why + "\n", 1);
      }
      // echo is a busybox applet run by sh itself: its write error names sh.
      return Result.err((echo ? "sh: write error: " : "write error: ") + e.strerror() + "\n", 1);
    }
  }

  // ---------------------------------------------------------------- sleep

  private Result sleep(List<String> argv) {
    double total = 0;
    for (String a : argv.subList(1, argv.size())) {
      double mult = 1;
      String num = a;
      if (!a.isEmpty() && "smhd".indexOf(a.charAt(a.length() - 1)) >= 0) {
        mult = switch (a.charAt(a.length() - 1)) {
          case 'm' -> 60;
          case 'h' -> 3600;
          case 'd' -> 86400;
          default -> 1;
        };
        num = a.substring(0, a.length() - 1);
      }
      if (!num.matches("[0-9]+(\\.[0-9]*)?|\\.[0-9]+")) {
        return Result.err("sleep: invalid number '" + a + "'\n", 1);
      }
      total += Double.parseDouble(num) * mult;
    }
    sleeper.accept(total);
    return new Result("", "", 0);
  }

  // ---------------------------------------------------------------- cat

  private Result cat(FileSystem view, List<String> argv) {
    StringBuilder out = new StringBuilder();
    StringBuilder err = new StringBuilder();
    int rc = 0;
    for (String path : argv.subList(1, argv.size())) {
      try {
        out.append(new String(view.read(path), StandardCharsets.UTF_8));
      } catch (FsException e) {
        rc = 1;
        if (e.atOpen()) {
          err.append("cat: can't open '").append(path).append("': ").append(e.strerror()).append('\n');
        } else {
          out.append(e.partialText());
          err.append("cat: read error: ").append(e.strerror()).append('\n');
        }
      }
    }
    return new Result(out.toString(), err.toString(), rc);
  }

  // ---------------------------------------------------------------- ls

  private record LsOpts(boolean longFmt, boolean all, boolean almostAll, boolean recursive, List<String> args) {}

  private static LsOpts lsOptions(List<String> argv) throws ScriptException {
    boolean l = false, a = false, aa = false, r = false;
    List<String> args = new ArrayList<>();
    boolean opts = true;
    for (String s : argv.subList(1, argv.size())) {
      if (opts && s.equals("--")) {
        opts = false;
      } else if (opts && s.startsWith("-") && s.length() > 1) {
        for (char c : s.substring(1).toCharArray()) {
          switch (c) {
            case 'l' -> l = true;
            case 'a' -> a = true;
            case 'A' -> aa = true;
            case 'R' -> r = true;
            case '1' -> { }
            default -> throw new ScriptException("ls option -" + c + " is not supported");
          }
        }
      } else {
        args.add(s);
      }
    }
    if (args.isEmpty()) args.add(".");
    return new LsOpts(l, a, aa, r, args);
  }

  private record Entry(String name, String fullname, FileSystem.Stat st) {}

  private Result ls(FileSystem view, List<String> argv) throws ScriptException {
    LsOpts o = lsOptions(argv);
    StringBuilder out = new StringBuilder();
    StringBuilder err = new StringBuilder();
    int[] rc = {0};
    List<Entry> files = new ArrayList<>();
    List<Entry> dirs = new ArrayList<>();
    boolean follow = !o.longFmt();  // busybox follows command-line symlinks unless -l
    for (String arg : o.args()) {
      try {
        FileSystem.Stat st = view.stat(arg, follow);
        (st.isDir() ? dirs : files).add(new Entry(arg, arg, st));
      } catch (FsException e) {
        err.append("ls: ").append(arg).append(": ").append(e.strerror()).append('\n');
        rc[0] = 1;
      }
    }
    files.sort(Comparator.comparing(Entry::name, STRCMP));
    dirs.sort(Comparator.comparing(Entry::name, STRCMP));
    long now = clock.getAsLong();
    for (Entry f : files) out.append(lsLine(o, f, now));
    boolean header = o.args().size() > 1 || o.recursive();
    lsDirs(view, o, dirs, files.isEmpty(), header, now, out, err, rc);
    return new Result(out.toString(), err.toString(), rc[0]);
  }

  private void lsDirs(FileSystem view, LsOpts o, List<Entry> dirs, boolean first, boolean header, long now,
            StringBuilder out, StringBuilder err, int[] rc) {
    for (Entry d : dirs) {
      if (header) {
        if (!first) out.append('\n');
        first = false;
        out.append(d.fullname()).append(":\n");
      }
      List<Entry> entries = new ArrayList<>();
      try {
        List<String> names = new ArrayList<>();
        if (o.all()) {
          names.add(".");
          names.add("..");
        }
        for (String n : view.list(d.fullname())) {
          if (n.startsWith(".") && !o.all() && !o.almostAll()) continue;
          names.add(n);
        }
        for (String n : names) {
          String full = join(d.fullname(), n);
          try {
            entries.add(new Entry(n, full, view.stat(full, false)));
          } catch (FsException e) {
            err.append("ls: ").append(full).append(": ").append(e.strerror()).append('\n');
            rc[0] = 1;
          }
        }
      } catch (FsException e) {
        err.append("ls: can't open '").append(d.fullname()).append("': ").append(e.strerror()).append('\n');
        rc[0] = 1;
        continue;
      }
      if (o.longFmt()) {
        long blocks = 1;
        for (Entry e : entries) blocks += e.st().blocks();
        out.append("total ").append(blocks >> 1).append('\n');
      }
      if (entries.isEmpty()) continue;
      entries.sort(Comparator.comparing(Entry::name, STRCMP));
      for (Entry e : entries) out.append(lsLine(o, e, now));
      if (o.recursive()) {
        List<Entry> sub = new ArrayList<>();
        for (Entry e : entries) {
          if (e.st().isDir() && !e.name().equals(".") && !e.name().equals("..")) sub.add(e);
        }
        lsDirs(view, o, sub, false, true, now, out, err, rc);
      }
    }
  }

  private static String join(String dir, String name) {
    return dir.endsWith("/") ? dir + name : dir + "/" + name;
  }

  private String lsLine(LsOpts o, Entry e, long now) {
    if (!o.longFmt()) return e.name() + "\n";
    FileSystem.Stat st = e.st();
    StringBuilder sb = new StringBuilder();
    sb.append(String.format("%-10s %4d %-8.8s %-8.8s %9d ", modeString(st), st.nlink(),
        st.owner(), st.group(), st.size()));
    sb.append(lsTime(st.mtime(), now)).append(e.name());
    if (st.type() == FileSystem.Type.SYMLINK && st.linkTarget() != null) {
      sb.append(" -> ").append(st.linkTarget());
    }
    return sb.append('\n').toString();
  }

  /** busybox: "Nov 25 20:41 " if less than ~6 months old, else "Nov 25  2024 ". */
  String lsTime(long mtime, long now) {
    ZonedDateTime t = Instant.ofEpochSecond(mtime).atZone(zone);
    long age = now - mtime;
    String md = MONTHS[t.getMonthValue() - 1] + String.format(" %2d ", t.getDayOfMonth());
    if (age < 3600L * 24 * 365 / 2 && age > -15 * 60) {
      return md + String.format("%02d:%02d ", t.getHour(), t.getMinute());
    }
    return md + String.format("%5d ", t.getYear());
  }

  static String modeString(FileSystem.Stat st) {
    int m = st.mode();
    char[] s = new char[10];
    s[0] = switch (st.type()) {
      case DIR -> 'd';
      case SYMLINK -> 'l';
      default -> '-';
    };
    String rwx = "rwxrwxrwx";
    for (int i = 0; i < 9; i++) s[i + 1] = (m & (0400 >> i)) != 0 ? rwx.charAt(i) : '-';
    if ((m & 04000) != 0) s[3] = s[3] == 'x' ? 's' : 'S';
    if ((m & 02000) != 0) s[6] = s[6] == 'x' ? 's' : 'S';
    if ((m & 01000) != 0) s[9] = s[9] == 'x' ? 't' : 'T';
    return new String(s);
  }

  static int strcmp(String a, String b) {
    byte[] x = a.getBytes(StandardCharsets.UTF_8);
    byte[] y = b.getBytes(StandardCharsets.UTF_8);
    return java.util.Arrays.compareUnsigned(x, y);
  }

  // ---------------------------------------------------------------- ip netns

  /** iproute2 matches(): a non-empty prefix of the full word, tested in do_netns() order. */
  private static String netnsSubcommand(String sub) {
    if (sub.isEmpty()) return null;
    if ("list".startsWith(sub) || "show".startsWith(sub) || "lst".startsWith(sub)) return "list";
    for (String k : List.of("list-id", "help", "add", "set", "attach", "delete", "identify", "pids",
        "exec", "monitor")) {
      if (k.startsWith(sub)) return k;
    }
    return null;
  }

  private static boolean invalidName(String name) {
    return name.isEmpty() || name.length() > 255 || name.contains("/") || name.equals(".")
        || name.equals("..");
  }

  private Result ipNetns(String ns, List<String> argv, Io io) throws ScriptException {
    List<String> a = argv.subList(2, argv.size());
    if (a.isEmpty()) return netnsList();
    if (a.size() > 1 && invalidName(a.get(1))) {
      return Result.err("Invalid netns name \"" + a.get(1) + "\"\n", 255);
    }
    String kind = netnsSubcommand(a.get(0));
    if (kind == null) {
      return Result.err("Command \"" + a.get(0) + "\" is unknown, try \"ip netns help\".\n", 255);
    }
    switch (kind) {
      case "list":
        return netnsList();
      case "add":
        if (a.size() < 2) return Result.err("No netns name specified\n", 1);
        try {
          netns.add(a.get(1));
          return new Result("", "", 0);
        } catch (FsException e) {
          return Result.err("Cannot create namespace file \"" + Netns.RUN_DIR + "/" + a.get(1)
              + "\": " + e.strerror() + "\n", 1);
        }
      case "delete":
        if (a.size() < 2) return Result.err("No netns name specified\n", 1);
        try {
          netns.delete(a.get(1));
          return new Result("", "", 0);
        } catch (FsException e) {
          return Result.err("Cannot remove namespace file \"" + Netns.RUN_DIR + "/" + a.get(1)
              + "\": " + e.strerror() + "\n", 1);
        }
      case "exec":
        if (a.size() < 2) return Result.err("No netns name specified\n", 1);
        if (a.size() < 3) return Result.err("No command specified\n", 1);
        if (!netns.exists(a.get(1))) {
          return Result.err("Cannot open network namespace \"" + a.get(1)
              + "\": No such file or directory\n", 255);
        }
        return command(a.get(1), a.subList(2, a.size()), true, io, false);
      default:
        throw new ScriptException("ip netns " + kind + " is not supported");
    }
  }

  private Result netnsList() {
    StringBuilder sb = new StringBuilder();
    for (String n : netns.list()) {
      sb.append(n);
      int id = netns.nsid(n);
      if (id >= 0) sb.append(" (id: ").append(id).append(')');
      sb.append('\n');
    }
    return Result.ok(sb.toString());
  }
}
