package dev.fabric.cli.script;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A `devlink mon` log with "##### ACTION: CMD" lines written before each action. The marker can
 * start in the middle of a line (the JSON monitor prints no newline between events), so blocks
 * keep their raw text: format() gives back the exact input.
 */
public final class MonitorLog {
  public static final String MARKER = "##### ACTION: ";

  /** One action and what the monitor printed after it (raw, possibly without final newline). */
  public record Block(String action, String text) {
    /** The printed lines; a last line without newline is included. */
    public List<String> lines() {
      List<String> out = new ArrayList<>(List.of(text.split("\n", -1)));
      if (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) out.remove(out.size() - 1);
      return out;
    }
  }

  private final String preamble;
  private final List<Block> blocks;
  private final boolean lastActionHasNewline;

  private MonitorLog(String preamble, List<Block> blocks, boolean lastActionHasNewline) {
    this.preamble = preamble;
    this.blocks = List.copyOf(blocks);
    this.lastActionHasNewline = lastActionHasNewline;
  }

  public static MonitorLog parse(Path file) throws IOException {
    return parse(Files.readString(file, StandardCharsets.UTF_8));
  }

  public static MonitorLog parse(String text) {
    int first = text.indexOf(MARKER);
    if (first < 0) return new MonitorLog(text, List.of(), true);
    String preamble = text.substring(0, first);
    List<Block> blocks = new ArrayList<>();
    int pos = first;
    boolean nl = true;
    while (pos >= 0) {
      int actStart = pos + MARKER.length();
      int eol = text.indexOf('\n', actStart);
      String action;
      int bodyStart;
      if (eol < 0) {
        action = text.substring(actStart);
        bodyStart = text.length();
        nl = false;
      } else {
        action = text.substring(actStart, eol);
        bodyStart = eol + 1;
      }
      int next = text.indexOf(MARKER, bodyStart);
      blocks.add(new Block(action, text.substring(bodyStart, next < 0 ? text.length() : next)));
      pos = next;
    }
    return new MonitorLog(preamble, blocks, nl);
  }

  /** Text before the first marker (normally empty). */
  public String preamble() {
    return preamble;
  }

  public List<Block> blocks() {
    return blocks;
  }

  public String format() {
    StringBuilder sb = new StringBuilder(preamble);
    for (int i = 0; i < blocks.size(); i++) {
      Block b = blocks.get(i);
      sb.append(MARKER).append(b.action());
      if (i < blocks.size() - 1 || lastActionHasNewline) sb.append('\n');
      sb.append(b.text());
    }
    return sb.toString();
  }
}
