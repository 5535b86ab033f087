package dev.fabric.cli.script;

/** A line outside the script language. Message: "line N: REASON: LINE" (or "REASON: LINE"). */
public class ScriptException extends Exception {
  private final int lineNumber;
  private final String reason;
  private final String line;

  public ScriptException(int lineNumber, String reason, String line) {
    super(format(lineNumber, reason, line));
    this.lineNumber = lineNumber;
    this.reason = reason;
    this.line = line;
  }

  /** For rejections found outside the parser (no line known yet). */
  public ScriptException(String reason) {
    this(0, reason, null);
  }

  private static String format(int n, String reason, String line) {
    StringBuilder sb = new StringBuilder();
    if (n > 0) sb.append("line ").append(n).append(": ");
    sb.append(reason);
    if (line != null) sb.append(": ").append(line);
    return sb.toString();
  }

  public int lineNumber() {
    return lineNumber;
  }

  public String reason() {
    return reason;
  }

  public String line() {
    return line;
  }

  /** The same rejection located at a script line. */
  public ScriptException at(int lineNumber, String line) {
    return new ScriptException(lineNumber, reason, line);
  }
}
