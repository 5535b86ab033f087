package dev.fabric.testkit;

import dev.fabric.devlink.client.DevlinkResult;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Every reply of one {@link Race}: its group label, its number within the group, its place in the
 * send order, and the result (value or errno). Outcomes are named "ok" or the errno's name
 * ("ENODEV"), so assertions read as the kernel's answers.
 */
public final class RaceResult {

  public record Reply(String label, int seq, int sentAs, DevlinkResult<?> result) {
    public String outcome() {
      return outcomeOf(result);
    }
  }

  private final List<Reply> replies;

  RaceResult(List<Reply> replies) {
    this.replies = List.copyOf(replies);
  }

  public static String outcomeOf(DevlinkResult<?> r) {
    return r.isOk() ? "ok" : r.errno().name();
  }

  public List<Reply> replies() {
    return replies;
  }

  public List<Reply> replies(String label) {
    return replies.stream().filter(r -> r.label().equals(label)).toList();
  }

  /** How many replies of {@code label} had each outcome, e.g. {ENODEV=8, ok=12}. */
  public Map<String, Long> tally(String label) {
    return replies(label).stream().collect(Collectors.groupingBy(Reply::outcome, TreeMap::new, Collectors.counting()));
  }

  /** The distinct outcomes of {@code label}. */
  public Set<String> outcomes(String label) {
    return replies(label).stream().map(Reply::outcome).collect(Collectors.toCollection(LinkedHashSet::new));
  }

  /** Every reply of {@code label} had one of {@code allowed} ("ok", "ENODEV", ...). */
  public RaceResult assertOnly(String label, String... allowed) {
    Set<String> ok = Set.of(allowed);
    List<Reply> bad = replies(label).stream().filter(r -> !ok.contains(r.outcome())).toList();
    if (replies(label).isEmpty()) {
      throw new AssertionError("race group '" + label + "' has no replies (groups: " + labels() + ")");
    }
    if (!bad.isEmpty()) {
      throw new AssertionError("race group '" + label + "': expected only " + Arrays.toString(allowed) + " but got "
          + tally(label) + "; unexpected replies:\n" + list(bad));
    }
    return this;
  }

  /** At least one reply of {@code label} had {@code outcome}: the race really hit that case. */
  public RaceResult assertSeen(String label, String outcome) {
    if (!outcomes(label).contains(outcome)) {
      throw new AssertionError("race group '" + label + "': expected at least one " + outcome + " but got "
          + tally(label) + ":\n" + list(replies(label)));
    }
    return this;
  }

  private Set<String> labels() {
    return replies.stream().map(Reply::label).collect(Collectors.toCollection(LinkedHashSet::new));
  }

  private static String list(List<Reply> rs) {
    return rs.stream().map(r -> "  " + r.label() + "#" + r.seq() + " (sent " + r.sentAs() + "): " + r.result().describe())
        .collect(Collectors.joining("\n"));
  }

  @Override
  public String toString() {
    return labels().stream().map(l -> l + " " + tally(l)).collect(Collectors.joining(", "));
  }
}
