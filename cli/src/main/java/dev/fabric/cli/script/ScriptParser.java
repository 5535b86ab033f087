package dev.fabric.cli.script;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The script language: one command line per line; blank lines and '#' comments skipped;
 * commands joined by ';' and '&&', a single '&' for a background job; a line ending in '\'
 * continues on the next; sh word splitting with '...', "..." (no expansion) and backslash
 * escapes; redirections {@code >PATH}, {@code N>PATH} and {@code N>&M} for fds 1 and 2; the
 * builtins `set -e|+e|-x|+x`, `exit [N]` and `kill %JOB`; a leading "timeout N" is dropped.
 * Everything else a shell would interpret (pipes, $, backticks, globs, control flow, input
 * and append redirections) is rejected with a ScriptException "line N: REASON: LINE".
 */
public final class ScriptParser {

  private static final Set<String> KEYWORDS = Set.of("for", "while", "until", "if", "then", "else",
      "elif", "fi", "do", "done", "case", "esac", "function", "select", "in", "!", "{", "}",
      "[[", "]]", "time", "exec", "eval", "export", "unset", "cd", "source", ".", "read",
      "return", "break", "continue", "trap", "wait", "[", "test");
  private static final Pattern ASSIGNMENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*=.*", Pattern.DOTALL);
  private static final Pattern DURATION = Pattern.compile("[0-9]+(\\.[0-9]+)?[smhd]?");

  private ScriptParser() {}

  /** Parses a whole script (the runner reads "-" from stdin and passes the text here). */
  public static List<ScriptLine> parse(String text) throws ScriptException {
    List<ScriptLine> out = new ArrayList<>();
    for (Item i : items(text)) {
      if (i.line() != null) out.add(i.line());
    }
    return out;
  }

  /** A script line with its (first) line number, or a comment-only line's text (note). */
  public record Item(int lineNumber, ScriptLine line, String note) {}

  /** The whole script: command lines and comment lines, in order; blank lines dropped. */
  public static List<Item> items(String text) throws ScriptException {
    List<Item> out = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      int first = i;
      String line = strip(lines[i]);
      // sh: a backslash-newline outside quotes is removed (line continuation).
      while (continues(line) && i + 1 < lines.length) {
        line = line.substring(0, line.length() - 1) + strip(lines[++i]);
      }
      ScriptLine sl = parseLine(line, first + 1);
      if (sl != null) {
        out.add(new Item(first + 1, sl, null));
      } else if (line.strip().startsWith("#") && !line.strip().startsWith("#!")) {
        out.add(new Item(first + 1, null, line.strip().substring(1).strip()));
      }
    }
    return out;
  }

  private static String strip(String line) {
    return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
  }

  /** Whether the line ends in an unquoted, unescaped backslash (outside a comment). */
  public static boolean continues(String line) {
    boolean single = false;
    boolean dbl = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (single) {
        single = c != '\'';
      } else if (c == '\\') {
        if (i == line.length() - 1) return true;
        i++;
      } else if (c == '\'' && !dbl) {
        single = true;
      } else if (c == '"') {
        dbl = !dbl;
      } else if (c == '#' && !dbl && (i == 0 || line.charAt(i - 1) == ' ' || line.charAt(i - 1) == '\t')) {
        return false;
      }
    }
    return false;
  }

  /** Parses one line; null for a blank or comment-only line. */
  public static ScriptLine parseLine(String line, int lineNumber) throws ScriptException {
    return new LineParser(line, lineNumber).parse();
  }

  /** A word after quote removal; pattern: the glob pattern (quoted chars escaped), or null. */
  private record Word(String text, boolean quoted, String pattern) {}

  private static final String GLOB_CHARS = "*?[\\";

  private static void literal(StringBuilder pat, char c) {
    if (GLOB_CHARS.indexOf(c) >= 0) pat.append('\\');
    pat.append(c);
  }

  private static final class LineParser {
    private final String line;
    private final int n;
    private int pos;

    LineParser(String line, int n) {
      this.line = line;
      this.n = n;
    }

    private ScriptException error(String reason) {
      return new ScriptException(n, reason, line);
    }

    ScriptLine parse() throws ScriptException {
      List<Pipeline> cmds = new ArrayList<>();
      List<Word> words = new ArrayList<>();
      List<Pipeline.Redirect> redirect = new ArrayList<>();
      Pipeline.Connector connector = Pipeline.Connector.SEQ;
      boolean sawConnector = false;
      boolean comment = false;
      while (true) {
        skipBlanks();
        if (pos >= line.length() || line.charAt(pos) == '#') {
          comment = pos < line.length();
          break;
        }
        char c = line.charAt(pos);
        if (c == ';') {
          pos++;
          if (pos < line.length() && line.charAt(pos) == ';') throw error("';;' is not supported");
          if (words.isEmpty() && redirect.isEmpty()) throw error("syntax error: empty command before ';'");
          cmds.add(finish(connector, words, redirect, false));
          words = new ArrayList<>();
          redirect = new ArrayList<>();
          connector = Pipeline.Connector.SEQ;
          sawConnector = true;
          continue;
        }
        if (c == '&') {
          if (pos + 1 < line.length() && line.charAt(pos + 1) == '&') {
            pos += 2;
            if (words.isEmpty() && redirect.isEmpty()) throw error("syntax error: empty command before '&&'");
            cmds.add(finish(connector, words, redirect, false));
            words = new ArrayList<>();
            redirect = new ArrayList<>();
            connector = Pipeline.Connector.AND;
            sawConnector = true;
            continue;
          }
          pos++;
          if (words.isEmpty() && redirect.isEmpty()) throw error("syntax error: empty command before '&'");
          cmds.add(finish(connector, words, redirect, true));
          words = new ArrayList<>();
          redirect = new ArrayList<>();
          connector = Pipeline.Connector.SEQ;
          continue;
        }
        if (c == '>') {
          redirect.add(readRedirect(1));
          continue;
        }
        if (c >= '1' && c <= '9' && pos + 1 < line.length() && line.charAt(pos + 1) == '>') {
          pos++;
          redirect.add(readRedirect(c - '0'));
          continue;
        }
        Word w = readWord();
        if (w == null) continue; // a word that turned out to be an fd redirect is rejected inside
        words.add(w);
      }
      if (words.isEmpty() && redirect.isEmpty()) {
        if (connector == Pipeline.Connector.AND) throw error("syntax error: missing command after '&&'");
        if (cmds.isEmpty()) {
          if (sawConnector) throw error("syntax error: empty command");
          return null; // blank or comment line
        }
      } else {
        cmds.add(finish(connector, words, redirect, false));
      }
      if (comment && cmds.isEmpty()) return null;
      return new ScriptLine(line, cmds);
    }

    private Pipeline finish(Pipeline.Connector connector, List<Word> words, List<Pipeline.Redirect> redirect,
        boolean background) throws ScriptException {
      if (words.isEmpty()) throw error("syntax error: redirection without a command");
      Word first = words.get(0);
      if (!first.quoted()) {
        if (KEYWORDS.contains(first.text())) {
          throw error("shell keyword or builtin '" + first.text() + "' is not supported");
        }
        if (ASSIGNMENT.matcher(first.text()).matches()) throw error("variable assignment is not supported");
      }
      List<String> argv = new ArrayList<>();
      List<String> globs = new ArrayList<>();
      for (Word w : words) {
        argv.add(w.text());
        globs.add(w.pattern());
      }
      String timeout = null;
      if (!first.quoted() && first.text().equals("timeout")) {
        if (argv.size() < 3 || !DURATION.matcher(argv.get(1)).matches()) {
          throw error("only 'timeout N COMMAND' is supported");
        }
        timeout = argv.get(1);
        argv = new ArrayList<>(argv.subList(2, argv.size()));
        globs = new ArrayList<>(globs.subList(2, globs.size()));
        if (KEYWORDS.contains(argv.get(0)) || argv.get(0).equals("timeout")) {
          throw error("unsupported command after timeout");
        }
      }
      if (!first.quoted()) builtin(argv);
      return new Pipeline(connector, argv, redirect, timeout, background, globs);
    }

    private void skipBlanks() {
      while (pos < line.length() && (line.charAt(pos) == ' ' || line.charAt(pos) == '\t')) pos++;
    }

    /** The builtins the language has, with the arguments it understands. */
    private void builtin(List<String> argv) throws ScriptException {
      switch (argv.get(0)) {
        case "set" -> {
          if (argv.size() < 2) throw error("'set' without options is not supported");
          for (String a : argv.subList(1, argv.size())) {
            if (!a.matches("[-+][ex]+")) throw error("only 'set -e', 'set -x' (and +e, +x) are supported");
          }
        }
        case "exit" -> {
          if (argv.size() > 2 || (argv.size() == 2 && !argv.get(1).matches("[0-9]+"))) {
            throw error("only 'exit' and 'exit N' are supported");
          }
        }
        case "kill" -> {
          if (argv.size() < 2) throw error("only 'kill %JOB' is supported");
          for (String a : argv.subList(1, argv.size())) {
            if (!a.matches("%[0-9]+|%%|%\\+|%-|-(INT|TERM|KILL|HUP|[0-9]+)")) {
              throw error("only 'kill %JOB' is supported");
            }
          }
        }
        default -> { }
      }
    }

    private Pipeline.Redirect readRedirect(int fd) throws ScriptException {
      pos++; // '>'
      if (fd > 2) throw error("redirection of file descriptor " + fd + " is not supported");
      if (pos < line.length()) {
        char c = line.charAt(pos);
        if (c == '>') throw error("append redirection '>>' is not supported");
        if (c == '|') throw error("redirection '>|' is not supported");
        if (c == '&') {
          if (pos + 1 < line.length() && (line.charAt(pos + 1) == '1' || line.charAt(pos + 1) == '2')
              && (pos + 2 >= line.length() || " \t;&#".indexOf(line.charAt(pos + 2)) >= 0)) {
            int dup = line.charAt(pos + 1) - '0';
            pos += 2;
            return Pipeline.Redirect.dup(fd, dup);
          }
          throw error("only the redirections >&1 and >&2 are supported");
        }
      }
      skipBlanks();
      if (pos >= line.length() || "#;&|<>()".indexOf(line.charAt(pos)) >= 0) {
        throw error("syntax error: missing redirection target");
      }
      Word w = readWord();
      if (w == null || w.text().isEmpty()) throw error("syntax error: empty redirection target");
      return Pipeline.Redirect.toFile(fd, w.text());
    }

    /** Reads one word at pos (pos is on a non-blank, non-operator char). */
    private Word readWord() throws ScriptException {
      StringBuilder sb = new StringBuilder();
      StringBuilder pat = new StringBuilder();
      boolean glob = false;
      boolean quoted = false;
      boolean allDigits = true;
      while (pos < line.length()) {
        char c = line.charAt(pos);
        if (c == ' ' || c == '\t' || c == ';') break;
        if (c == '&') break;
        switch (c) {
          case '\'': {
            int end = line.indexOf('\'', pos + 1);
            if (end < 0) throw error("unterminated single quote");
            sb.append(line, pos + 1, end);
            for (char q : line.substring(pos + 1, end).toCharArray()) literal(pat, q);
            pos = end + 1;
            quoted = true;
            allDigits = false;
            continue;
          }
          case '"': {
            pos++;
            boolean closed = false;
            while (pos < line.length()) {
              char d = line.charAt(pos);
              if (d == '"') {
                closed = true;
                pos++;
                break;
              }
              if (d == '$') throw error("variable expansion '$' is not supported");
              if (d == '`') throw error("command substitution '`' is not supported");
              if (d == '\\') {
                if (pos + 1 >= line.length()) throw error("unterminated double quote");
                char e = line.charAt(pos + 1);
                if (e == '$' || e == '`' || e == '"' || e == '\\') {
                  sb.append(e);
                  literal(pat, e);
                } else {
                  sb.append('\\').append(e);
                  literal(pat, '\\');
                  literal(pat, e);
                }
                pos += 2;
                continue;
              }
              sb.append(d);
              literal(pat, d);
              pos++;
            }
            if (!closed) throw error("unterminated double quote");
            quoted = true;
            allDigits = false;
            continue;
          }
          case '\\':
            if (pos + 1 >= line.length()) throw error("a '\\' at the end of the script continues nothing");
            sb.append(line.charAt(pos + 1));
            literal(pat, line.charAt(pos + 1));
            pos += 2;
            quoted = true;
            allDigits = false;
            continue;
          case '|':
            throw error(pos + 1 < line.length() && line.charAt(pos + 1) == '|'
                ? "'||' is not supported" : "pipes '|' are not supported");
          case '$':
            throw error("variable expansion '$' is not supported");
          case '`':
            throw error("command substitution '`' is not supported");
          case '<':
            throw error("input redirection '<' is not supported");
          case '(':
          case ')':
            throw error("subshells '(...)' are not supported");
          case '*':
          case '?':
          case '[':
            // A pathname pattern: expanded against the emulated tree when it runs.
            glob = true;
            sb.append(c);
            pat.append(c);
            allDigits = false;
            pos++;
            continue;
          case '>':
            if (sb.length() > 0 && allDigits && !quoted) {
              throw error("redirection of file descriptor " + sb + " is not supported");
            }
            return new Word(sb.toString(), quoted, glob ? pat.toString() : null);
          case '~':
            if (sb.length() == 0 && !quoted) throw error("tilde expansion is not supported");
            break;
          case '{':
          case '}':
            if (sb.length() == 0 && !quoted) {
              int next = pos + 1;
              if (next >= line.length() || line.charAt(next) == ' ' || line.charAt(next) == '\t'
                  || line.charAt(next) == ';') {
                throw error("command groups '{ ... }' are not supported");
              }
            }
            break;
          default:
            break;
        }
        if (c < '0' || c > '9') allDigits = false;
        sb.append(c);
        literal(pat, c);
        pos++;
      }
      return new Word(sb.toString(), quoted, glob ? pat.toString() : null);
    }
  }
}
