package dev.fabric.cli.run;

import dev.fabric.cli.devlink.MonitorRenderer;
import dev.fabric.devlink.model.Notification;

/**
 * The monitor stream for programs: one JSON object per event on its own line. The event is what
 * `devlink -j mon` prints for it ({"command":..,"dev":{..}}), taken out of iproute2's never-closed
 * {"mon":[ array, with any object iproute2 leaves open closed (its trap-policer case has no footer).
 */
public final class JsonLines {
  private JsonLines() {}

  private static final String OPENER = "{\"mon\":[";

  /** The event as one JSON object, or null if `devlink -j mon` prints nothing for it. */
  public static String event(Notification n) {
    String s = MonitorRenderer.create(true).render(n);
    if (s.isEmpty()) {
      return null;
    }
    if (s.startsWith(OPENER)) {
      s = s.substring(OPENER.length());
    }
    if (s.startsWith(",")) {
      s = s.substring(1);
    }
    StringBuilder closers = new StringBuilder();
    boolean inString = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (inString) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          inString = false;
        }
      } else if (c == '"') {
        inString = true;
      } else if (c == '{' || c == '[') {
        closers.append(c == '{' ? '}' : ']');
      } else if (c == '}' || c == ']') {
        closers.setLength(closers.length() - 1);
      }
    }
    return s.strip() + closers.reverse();
  }

  /** A JSON string literal. */
  public static String string(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }
}
