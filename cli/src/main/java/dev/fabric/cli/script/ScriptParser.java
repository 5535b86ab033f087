package dev.fabric.cli.script;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The script language: one command line per line; blank lines and '#' comments skipped;
 * commands joined by ';' and '&&'; sh word splitting with '...', "..." (no expansion) and
 * backslash escapes; "> PATH" for echo; a leading "timeout N" is dropped. Everything else a
 * shell would interpret (pipes, $, backticks, globs, control flow, background, other
 * redirections) is rejected with a ScriptException "line N: REASON: LINE".
 */
public final class ScriptParser {

    private static final Set<String> KEYWORDS = Set.of("for", "while", "until", "if", "then", "else",
            "elif", "fi", "do", "done", "case", "esac", "function", "select", "in", "!", "{", "}",
            "[[", "]]", "time", "exec", "eval", "export", "set", "unset", "cd", "source", ".", "read",
            "exit", "return", "break", "continue", "trap", "wait", "kill", "[", "test");
    private static final Pattern ASSIGNMENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*=.*", Pattern.DOTALL);
    private static final Pattern DURATION = Pattern.compile("[0-9]+(\\.[0-9]+)?[smhd]?");

    private ScriptParser() {}

    /** Parses a whole script (the runner reads "-" from stdin and passes the text here). */
    public static List<ScriptLine> parse(String text) throws ScriptException {
        List<ScriptLine> out = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.endsWith("\r")) line = line.substring(0, line.length() - 1);
            ScriptLine sl = parseLine(line, i + 1);
            if (sl != null) out.add(sl);
        }
        return out;
    }

    /** Parses one line; null for a blank or comment-only line. */
    public static ScriptLine parseLine(String line, int lineNumber) throws ScriptException {
        return new LineParser(line, lineNumber).parse();
    }

    private record Word(String text, boolean quoted) {}

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
            String redirect = null;
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
                    if (words.isEmpty() && redirect == null) throw error("syntax error: empty command before ';'");
                    cmds.add(finish(connector, words, redirect));
                    words = new ArrayList<>();
                    redirect = null;
                    connector = Pipeline.Connector.SEQ;
                    sawConnector = true;
                    continue;
                }
                if (c == '&') {
                    if (pos + 1 < line.length() && line.charAt(pos + 1) == '&') {
                        pos += 2;
                        if (words.isEmpty() && redirect == null) throw error("syntax error: empty command before '&&'");
                        cmds.add(finish(connector, words, redirect));
                        words = new ArrayList<>();
                        redirect = null;
                        connector = Pipeline.Connector.AND;
                        sawConnector = true;
                        continue;
                    }
                    throw error("background '&' is not supported");
                }
                if (c == '>') {
                    if (redirect != null) throw error("more than one redirection is not supported");
                    redirect = readRedirect();
                    continue;
                }
                Word w = readWord();
                if (w == null) continue; // a word that turned out to be an fd redirect is rejected inside
                words.add(w);
            }
            if (words.isEmpty() && redirect == null) {
                if (connector == Pipeline.Connector.AND) throw error("syntax error: missing command after '&&'");
                if (cmds.isEmpty()) {
                    if (sawConnector) throw error("syntax error: empty command");
                    return null; // blank or comment line
                }
            } else {
                cmds.add(finish(connector, words, redirect));
            }
            if (comment && cmds.isEmpty()) return null;
            return new ScriptLine(line, cmds);
        }

        private Pipeline finish(Pipeline.Connector connector, List<Word> words, String redirect)
                throws ScriptException {
            if (words.isEmpty()) throw error("syntax error: redirection without a command");
            Word first = words.get(0);
            if (!first.quoted()) {
                if (KEYWORDS.contains(first.text())) {
                    throw error("shell keyword or builtin '" + first.text() + "' is not supported");
                }
                if (ASSIGNMENT.matcher(first.text()).matches()) throw error("variable assignment is not supported");
            }
            List<String> argv = new ArrayList<>();
            for (Word w : words) argv.add(w.text());
            String timeout = null;
            if (!first.quoted() && first.text().equals("timeout")) {
                if (argv.size() < 3 || !DURATION.matcher(argv.get(1)).matches()) {
                    throw error("only 'timeout N COMMAND' is supported");
                }
                timeout = argv.get(1);
                argv = new ArrayList<>(argv.subList(2, argv.size()));
                if (KEYWORDS.contains(argv.get(0)) || argv.get(0).equals("timeout")) {
                    throw error("unsupported command after timeout");
                }
            }
            if (redirect != null && !argv.get(0).equals("echo")) {
                throw error("output redirection is only supported for echo");
            }
            return new Pipeline(connector, argv, redirect, timeout);
        }

        private void skipBlanks() {
            while (pos < line.length() && (line.charAt(pos) == ' ' || line.charAt(pos) == '\t')) pos++;
        }

        private String readRedirect() throws ScriptException {
            pos++; // '>'
            if (pos < line.length()) {
                char c = line.charAt(pos);
                if (c == '>') throw error("append redirection '>>' is not supported");
                if (c == '&') throw error("redirection '>&' is not supported");
                if (c == '|') throw error("redirection '>|' is not supported");
            }
            skipBlanks();
            if (pos >= line.length() || "#;&|<>()".indexOf(line.charAt(pos)) >= 0) {
                throw error("syntax error: missing redirection target");
            }
            Word w = readWord();
            if (w == null || w.text().isEmpty()) throw error("syntax error: empty redirection target");
            return w.text();
        }

        /** Reads one word at pos (pos is on a non-blank, non-operator char). */
        private Word readWord() throws ScriptException {
            StringBuilder sb = new StringBuilder();
            boolean quoted = false;
            boolean allDigits = true;
            while (pos < line.length()) {
                char c = line.charAt(pos);
                if (c == ' ' || c == '\t' || c == ';') break;
                if (c == '&') {
                    if (pos + 1 < line.length() && line.charAt(pos + 1) == '&') break;
                    throw error("background '&' is not supported");
                }
                switch (c) {
                    case '\'': {
                        int end = line.indexOf('\'', pos + 1);
                        if (end < 0) throw error("unterminated single quote");
                        sb.append(line, pos + 1, end);
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
                                } else {
                                    sb.append('\\').append(e);
                                }
                                pos += 2;
                                continue;
                            }
                            sb.append(d);
                            pos++;
                        }
                        if (!closed) throw error("unterminated double quote");
                        quoted = true;
                        allDigits = false;
                        continue;
                    }
                    case '\\':
                        if (pos + 1 >= line.length()) throw error("line continuation '\\' is not supported");
                        sb.append(line.charAt(pos + 1));
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
                        throw error("glob patterns are not supported");
                    case '>':
                        if (sb.length() > 0 && allDigits && !quoted) {
                            throw error("file descriptor redirection is not supported");
                        }
                        return new Word(sb.toString(), quoted);
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
                pos++;
            }
            return new Word(sb.toString(), quoted);
        }
    }
}
