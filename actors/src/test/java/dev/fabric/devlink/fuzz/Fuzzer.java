package dev.fabric.devlink.fuzz;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.fabric.devlink.actor.Instance;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;

/**
 * The fuzzer: seeded sequences from {@link Generator}, run by {@link FuzzRun}; a failing sequence
 * is reduced (delta debugging: drop chunks of actions, halving the chunk, keep every drop after
 * which it still fails) before it is reported.
 */
final class Fuzzer {
  /** The instance queue bound of the fuzz fabric: bursts go beyond it. */
  static final int QUEUE_BOUND = 500;

  /**
   * The port bound of the fuzz fabric: new_device "N 4096" is the largest device, bigger ones
   * hit the bound (ENOMEM). (At the default 65,536 one such device takes seconds to build on a
   * loaded machine, and the run mistook it for a stuck one.)
   */
  static final int PORT_BOUND = 4096;

  /** The actor system settings of a fuzz fabric (the recorder must never be overrun). */
  static Config config() {
    return ConfigFactory.parseString("""
        fabric.limits.max-queued-requests = %d
        fabric.limits.max-ports-per-device = %d
        fabric.limits.subscriber-buffer = 10000000
        pekko.jvm-exit-on-fatal-error = off
        pekko.log-dead-letters = off
        """.formatted(QUEUE_BOUND, PORT_BOUND)).withFallback(ConfigFactory.load());
  }

  record Result(long seed, int requests, String failure, List<FuzzAction> shrunk, String shrunkFailure,
      java.util.Map<String, Integer> answers) {
    boolean passed() {
      return failure == null;
    }

    String report() {
      if (passed()) {
        return "seed " + seed + ": " + requests + " requests, all checks passed";
      }
      return "seed " + seed + " failed: " + failure + "\nshrunk to " + shrunk.size() + " actions ("
          + FuzzRun.requests(shrunk) + " requests), failing with: " + shrunkFailure + "\n"
          + FuzzRun.describe(shrunk);
    }
  }

  private final FuzzRun runner;
  private final Duration shrinkBudget;

  Fuzzer(ActorTestKit kit, Instance.Faults faults, Duration idle, Duration shrinkBudget) {
    this.runner = new FuzzRun(kit, faults, idle);
    this.shrinkBudget = shrinkBudget;
  }

  Result fuzz(long seed, int requests) {
    List<FuzzAction> actions = new Generator(seed, QUEUE_BOUND).sequence(requests);
    int sent = FuzzRun.requests(actions);
    String failure = runner.run(actions);
    if (failure == null) {
      return new Result(seed, sent, null, List.of(), null, runner.lastAnswers());
    }
    System.out.println("[fuzz] seed " + seed + " failed: " + failure + "; shrinking " + actions.size() + " actions");
    List<FuzzAction> shrunk = shrink(actions, category(failure));
    return new Result(seed, sent, failure, shrunk, runner.run(shrunk), java.util.Map.of());
  }

  /**
   * What kind of failure a message reports (numbers and details dropped): a candidate counts as
   * failing only with the same kind, so shrinking does not drift to another (or a spurious) one.
   */
  static String category(String failure) {
    String s = failure.replaceAll("\\d+", "#");
    int cut = s.length();
    for (char c : new char[] {':', ',', '['}) {
      int i = s.indexOf(c);
      if (i >= 0 && i < cut) {
        cut = i;
      }
    }
    return s.substring(0, cut);
  }

  /**
   * Delta debugging within the time budget; an interleaving-dependent failure gets two tries.
   * The set-up (the leading new_device and netns writes, which the run completes before the
   * rest) stays while the body shrinks, so a failure that needs a device keeps one; then the
   * set-up shrinks too.
   */
  List<FuzzAction> shrink(List<FuzzAction> failing, String category) {
    long end = System.nanoTime() + shrinkBudget.toNanos();
    int setup = FuzzRun.setupLength(failing);
    List<FuzzAction> prefix = new ArrayList<>(failing.subList(0, setup));
    List<FuzzAction> body = ddmin(prefix, new ArrayList<>(failing.subList(setup, failing.size())), List.of(),
        category, end);
    List<FuzzAction> keptPrefix = ddmin(List.of(), prefix, body, category, end);
    List<FuzzAction> out = new ArrayList<>(keptPrefix);
    out.addAll(body);
    return shrinkBursts(out, end, category);
  }

  /** The smallest part of {@code middle} (between fixed {@code before} and {@code after}) that still fails. */
  private List<FuzzAction> ddmin(List<FuzzAction> before, List<FuzzAction> middle, List<FuzzAction> after,
      String category, long end) {
    List<FuzzAction> cur = middle;
    int chunk = Math.max(1, cur.size() / 2);
    while (!cur.isEmpty() && System.nanoTime() < end) {
      boolean dropped = false;
      for (int start = 0; start < cur.size() && System.nanoTime() < end; ) {
        List<FuzzAction> candidate = new ArrayList<>(cur.subList(0, start));
        candidate.addAll(cur.subList(Math.min(cur.size(), start + chunk), cur.size()));
        List<FuzzAction> whole = new ArrayList<>(before);
        whole.addAll(candidate);
        whole.addAll(after);
        if (!whole.isEmpty() && fails(whole, category)) {
          cur = candidate;
          dropped = true;
        } else {
          start += chunk;
        }
      }
      if (!dropped) {
        if (chunk == 1) {
          break;
        }
        chunk = Math.max(1, chunk / 2);
      }
    }
    return cur;
  }

  /** Bursts shrink to single requests when the failure does not need them. */
  private List<FuzzAction> shrinkBursts(List<FuzzAction> cur, long end, String category) {
    List<FuzzAction> out = new ArrayList<>(cur);
    for (int i = 0; i < out.size() && System.nanoTime() < end; i++) {
      if (out.get(i) instanceof FuzzAction.Burst b) {
        List<FuzzAction> candidate = new ArrayList<>(out);
        candidate.set(i, new FuzzAction.Request(b.netns(), b.id(), b.op()));
        if (fails(candidate, category)) {
          out = candidate;
        }
      }
    }
    return out;
  }

  private boolean fails(List<FuzzAction> candidate, String category) {
    for (int attempt = 0; attempt < 2; attempt++) {
      String f = runner.run(candidate);
      if (f != null && category(f).equals(category)) {
        return true;
      }
    }
    return false;
  }
}
