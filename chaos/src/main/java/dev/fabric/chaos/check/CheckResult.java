package dev.fabric.chaos.check;

import java.util.List;
import java.util.Map;

/**
 * One checker's verdict on a history: valid or not, each violation with the smallest window of
 * history events that shows it, and figures (operations checked, states explored...).
 */
public record CheckResult(String checker, boolean valid, List<Violation> violations, Map<String, Object> stats) {

  /**
   * {@code window}: the history indices of the events involved (first to last); {@code detail}:
   * lines a reader needs (the operations, the answers expected, the serial orders tried).
   */
  public record Violation(String message, String key, List<Long> window, List<String> detail) {}

  public static CheckResult of(String checker, List<Violation> violations, Map<String, Object> stats) {
    return new CheckResult(checker, violations.isEmpty(), List.copyOf(violations), stats);
  }
}
