package dev.fabric.devlink.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fabric.devlink.actor.Instance;
import java.time.Duration;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The long fuzz run, only with {@code -Pfuzz} (README): seeds from {@code fuzz.seed} on, each of
 * {@code fuzz.seedOps} requests, until {@code fuzz.ops} requests in total. Stops at the first
 * failing seed and prints it shrunk.
 */
@Tag("fuzz-long")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FuzzLongRunTest {
  private final ActorTestKit kit = ActorTestKit.create("fuzz-long", Fuzzer.config());

  @AfterAll
  void shutdown() {
    kit.shutdownTestKit();
  }

  @Test
  void fuzzUntilTheOpsBudgetIsSpent() {
    long total = Long.getLong("fuzz.ops", 10_000_000L);
    int perSeed = Integer.getInteger("fuzz.seedOps", 20_000);
    long seed = Long.getLong("fuzz.seed", 1_000L);
    Fuzzer fuzzer = new Fuzzer(kit, Instance.Faults.NONE, Duration.ofSeconds(30), Duration.ofMinutes(5));
    long start = System.nanoTime();
    long ops = 0;
    int seeds = 0;
    java.util.Map<String, Long> answers = new java.util.TreeMap<>();
    while (ops < total) {
      Fuzzer.Result r = fuzzer.fuzz(seed, perSeed);
      assertTrue(r.passed(), r.report());
      ops += r.requests();
      r.answers().forEach((k, v) -> answers.merge(k, (long) v, Long::sum));
      seeds++;
      seed++;
      if (seeds % 10 == 0) {
        System.out.printf("[fuzz-long] %d seeds, %,d requests, %.0f s%n", seeds, ops, (System.nanoTime() - start) / 1e9);
      }
    }
    System.out.printf("[fuzz-long] done: %d seeds (from %d), %,d requests, all checks passed, %.0f s%n",
        seeds, seed - seeds, ops, (System.nanoTime() - start) / 1e9);
    System.out.println("[fuzz-long] devlink answers (bus, netns and latency writes included): " + answers);
  }
}
