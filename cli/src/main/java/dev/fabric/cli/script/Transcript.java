package dev.fabric.cli.script;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The reference transcript format:
 * <pre>
 * === CMD: &lt;command line&gt;
 * === RC: &lt;n&gt;
 * --- STDOUT:
 * ...                                  ("--- (no newline at end of stdout)" if it lacked one)
 * --- STDERR:
 * ...
 * === END
 * </pre>
 * Lines outside records ("### STEP ...", "### NOTE: ...", anything else) are kept as Comment
 * entries so that format(parse(text)) == text for every text that ends with a newline.
 */
public final class Transcript {
  public static final String CMD = "=== CMD: ";
  public static final String RC = "=== RC: ";
  public static final String STDOUT = "--- STDOUT:";
  public static final String STDERR = "--- STDERR:";
  public static final String END = "=== END";
  public static final String NO_NL_STDOUT = "--- (no newline at end of stdout)";
  public static final String NO_NL_STDERR = "--- (no newline at end of stderr)";

  private Transcript() {}

  public sealed interface Entry permits Comment, Record {}

  /** A line outside any record, without its newline. */
  public record Comment(String line) implements Entry {
    public boolean isStep() {
      return line.startsWith("### STEP");
    }

    public boolean isNote() {
      return line.startsWith("### NOTE:");
    }
  }

  /** One recorded command; stdout/stderr are the exact bytes as text. */
  public record Record(String cmd, int rc, String stdout, String stderr) implements Entry {
    public Result result() {
      return new Result(stdout, stderr, rc);
    }
  }

  public static List<Entry> parse(Path file) throws IOException {
    return parse(Files.readString(file, StandardCharsets.UTF_8));
  }

  /** Parses a transcript; throws IllegalArgumentException("line N: ...") on a malformed record. */
  public static List<Entry> parse(String text) {
    List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
    if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) lines.remove(lines.size() - 1);
    List<Entry> out = new ArrayList<>();
    int i = 0;
    while (i < lines.size()) {
      String l = lines.get(i);
      if (!l.startsWith(CMD)) {
        out.add(new Comment(l));
        i++;
        continue;
      }
      int start = i;
      String cmd = l.substring(CMD.length());
      i++;
      String rcLine = at(lines, i, start);
      if (!rcLine.startsWith(RC)) throw bad(i, "expected '" + RC + "'");
      int rc;
      try {
        rc = Integer.parseInt(rcLine.substring(RC.length()).trim());
      } catch (NumberFormatException e) {
        throw bad(i, "bad RC");
      }
      i++;
      if (!at(lines, i, start).equals(STDOUT)) throw bad(i, "expected '" + STDOUT + "'");
      i++;
      StringBuilder out1 = new StringBuilder();
      while (!at(lines, i, start).equals(STDERR)) {
        String s = lines.get(i);
        if (s.equals(NO_NL_STDOUT) && i + 1 < lines.size() && lines.get(i + 1).equals(STDERR)) {
          if (out1.length() > 0) out1.setLength(out1.length() - 1);
        } else {
          out1.append(s).append('\n');
        }
        i++;
      }
      i++;
      StringBuilder err = new StringBuilder();
      while (!at(lines, i, start).equals(END)) {
        String s = lines.get(i);
        if (s.equals(NO_NL_STDERR) && i + 1 < lines.size() && lines.get(i + 1).equals(END)) {
          if (err.length() > 0) err.setLength(err.length() - 1);
        } else {
          err.append(s).append('\n');
        }
        i++;
      }
      i++;
      out.add(new Record(cmd, rc, out1.toString(), err.toString()));
    }
    return out;
  }

  private static String at(List<String> lines, int i, int start) {
    if (i >= lines.size()) throw bad(start, "record not closed by '" + END + "'");
    return lines.get(i);
  }

  private static IllegalArgumentException bad(int index, String why) {
    return new IllegalArgumentException("line " + (index + 1) + ": " + why);
  }

  public static List<Record> records(List<Entry> entries) {
    List<Record> out = new ArrayList<>();
    for (Entry e : entries) if (e instanceof Record r) out.add(r);
    return out;
  }

  /** One record in the exact reference format, ending with "=== END\n". */
  public static String format(Record r) {
    StringBuilder sb = new StringBuilder();
    sb.append(CMD).append(r.cmd()).append('\n');
    sb.append(RC).append(r.rc()).append('\n');
    sb.append(STDOUT).append('\n');
    body(sb, r.stdout(), NO_NL_STDOUT);
    sb.append(STDERR).append('\n');
    body(sb, r.stderr(), NO_NL_STDERR);
    sb.append(END).append('\n');
    return sb.toString();
  }

  public static String format(String cmd, Result r) {
    return format(new Record(cmd, r.rc(), r.stdout(), r.stderr()));
  }

  private static void body(StringBuilder sb, String text, String marker) {
    sb.append(text);
    if (!text.isEmpty() && !text.endsWith("\n")) sb.append('\n').append(marker).append('\n');
  }

  public static String format(List<Entry> entries) {
    StringBuilder sb = new StringBuilder();
    for (Entry e : entries) {
      if (e instanceof Comment c) sb.append(c.line()).append('\n');
      else sb.append(format((Record) e));
    }
    return sb.toString();
  }

  public static void write(Appendable out, Record r) throws IOException {
    out.append(format(r));
  }
}
