package dev.fabric.cli.script;

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
        try {
            for (Pipeline p : line.pipelines()) validate(p.argv());
        } catch (ScriptException e) {
            throw new ScriptException(0, e.reason(), line.original());
        }
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        int status = 0;
        for (Pipeline p : line.pipelines()) {
            if (p.connector() == Pipeline.Connector.AND && status != 0) continue;
            Result r;
            try {
                r = execute(p);
            } catch (ScriptException e) {
                throw new ScriptException(0, e.reason(), line.original());
            }
            out.append(r.stdout());
            err.append(r.stderr());
            status = r.rc();
        }
        return new Result(out.toString(), err.toString(), status);
    }

    /** Runs one command of a line in the initial namespace. */
    public Result execute(Pipeline p) throws ScriptException {
        if (p.redirect() != null) return echoToFile(fs, p.argv(), p.redirect());
        return command(null, p.argv(), false);
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
                // Only `ip netns` is emulated: reject other ip commands before the line runs,
                // so an out-of-language line never half-runs.
                if (argv.size() < 2 || !argv.get(1).equals("netns")) {
                    throw new ScriptException("only `ip netns add|del|list|exec` is emulated");
                }
                validateNetns(argv);
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
                if (argv.size() >= 2 && argv.get(1).equals("netns")) return ipNetns(ns, argv);
                break;
            default:
                break;
        }
        List<String> norm = new ArrayList<>(argv);
        norm.set(0, prog);
        Result r = runner.run(ns, norm);
        if (r != null) return r;
        if (inExec) {
            return Result.err("exec of \"" + argv.get(0) + "\" failed: No such file or directory\n", 1);
        }
        return Result.err("sh: " + argv.get(0) + ": not found\n", 127);
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

    private Result echoToFile(FileSystem view, List<String> argv, String path) {
        byte[] data = echoText(argv).getBytes(StandardCharsets.UTF_8);
        try {
            view.write(path, data);
            return new Result("", "", 0);
        } catch (FsException e) {
            if (e.atOpen()) {
                String why = e.errno() == Errno.ENOENT || e.errno() == Errno.ENOTDIR
                        ? "nonexistent directory" : e.strerror();
                return Result.err("sh: can't create " + path + ": " + why + "\n", 1);
            }
            return Result.err("sh: write error: " + e.strerror() + "\n", 1);
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

    private Result ipNetns(String ns, List<String> argv) throws ScriptException {
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
                return command(a.get(1), a.subList(2, a.size()), true);
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
