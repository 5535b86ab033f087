package dev.fabric.cluster;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fabric.chaos.ChaosRun;
import dev.fabric.chaos.ConcreteSchedule;
import dev.fabric.chaos.Schedule;
import dev.fabric.chaos.check.CheckResult;
import dev.fabric.devlink.actor.Registry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A planted defect across a host restart, caught by a seeded run over a three-member in-JVM
 * cluster: the power cycle reads the cards' NVM wrong (each card probes again without its first
 * stored firmware version: test hook {@link Registry#plantedBootNvm}). The member holding the
 * host is killed while clients read the devices' info, params and ports; the host boots on a
 * survivor from its image. The checkers see past the restart: the model's power cycle keeps the
 * NVM, so the answers after the boot are explained by no serial order, and the stored versions
 * differ across the restart window.
 *
 * <p>Behind {@code -Pchaos-long} (~38 s): in {@code mvn verify} the same defect is caught through
 * the embedded host-reboot by {@code chaos/RestartDefectRunTest} (~3 s), which keeps the default
 * run under its 10 minutes.
 */
@org.junit.jupiter.api.Tag("chaos-long")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RestartDefectTest {

  /** Reads and runtime writes (no bus write, no flash: nothing may legitimately change the NVM), a kill at 3 s. */
  static Schedule schedule(long seed) {
    Map<String, Integer> mix = new LinkedHashMap<>();
    mix.put("dev-info", 4);
    mix.put("dev-get", 2);
    mix.put("param-set", 2);
    mix.put("param-get", 2);
    mix.put("port-dump", 2);
    return Schedule.builder().seed(seed).latency("instant").processes(2).pacing(2, 10)
        .phase("before", 3_000, mix).phase("after", 5_000, mix)
        .fault(new Schedule.Fault("kill-member", 3_000, 4_500, List.of(), 1, 0, 0))
        .build();
  }

  @Test
  void aPowerCycleThatLosesAStoredVersionIsCaught() {
    long t0 = System.nanoTime();
    Registry.plantedBootNvm = nvm -> {
      Map<String, String> kept = new LinkedHashMap<>(nvm.firmware());
      kept.keySet().stream().findFirst().ifPresent(kept::remove);
      return nvm.withFirmware(kept);
    };
    ChaosRun.Outcome o;
    try {
      o = ChaosRun.run(ConcreteSchedule.generate(schedule(1), false), () -> ClusterChaosTarget.start(3), p -> {});
    } finally {
      Registry.plantedBootNvm = null;
    }
    ChaosRun.write(java.nio.file.Path.of("target", "chaos-cluster-boot-nvm-defect"), null, o);
    StringBuilder s = new StringBuilder();
    for (CheckResult r : o.verdict().results()) {
      s.append(String.format("  %-16s %s %s%n", r.checker(), r.valid() ? "pass" : "FAIL", r.stats()));
      r.violations().stream().limit(2).forEach(v -> s.append("      ").append(v.message()).append('\n'));
    }
    System.out.printf("planted boot NVM loss: caught=%s in %.1f s (run %.1f s, %d operations)%n%s",
        !o.verdict().valid(), (System.nanoTime() - t0) / 1e9, o.runMillis() / 1e3, o.schedule().operations(), s);
    assertTrue(o.history().events().stream().anyMatch(e -> e instanceof dev.fabric.chaos.HistoryEvent.Nemesis n
        && "heal".equals(n.phase())), "the kill was healed:\n" + s);
    CheckResult lin = result(o, "linearizability");
    CheckResult noLoss = result(o, "no-loss");
    assertFalse(lin.valid() && noLoss.valid(), "the lost stored version went unnoticed:\n" + s);
  }

  /** The control: the same seeded run with the NVM read right passes every checker past the restart. */
  @Test
  void theSameRunWithoutTheDefectIsGreen() {
    ChaosRun.Outcome o = ChaosRun.run(ConcreteSchedule.generate(schedule(1), false), () -> ClusterChaosTarget.start(3),
        p -> {});
    StringBuilder s = new StringBuilder();
    for (CheckResult r : o.verdict().results()) {
      s.append(String.format("  %-16s %s %s%n", r.checker(), r.valid() ? "pass" : "FAIL", r.stats()));
      r.violations().stream().limit(2).forEach(v -> s.append("      ").append(v.message()).append('\n'));
    }
    System.out.printf("boot NVM control run: %s (run %.1f s)%n%s", o.verdict().valid() ? "valid" : "INVALID",
        o.runMillis() / 1e3, s);
    assertTrue(o.verdict().valid(), s.toString());
  }

  private static CheckResult result(ChaosRun.Outcome o, String name) {
    return o.verdict().results().stream().filter(r -> r.checker().equals(name)).findFirst().orElseThrow();
  }
}
