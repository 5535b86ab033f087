package dev.fabric.chaos;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fabric.chaos.check.CheckResult;
import dev.fabric.devlink.actor.Registry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A planted defect across host reboots on the embedded fabric (seeded, real time): the power
 * cycle reads the cards' NVM wrong (each
 * card probes again without its first stored firmware version: test hook
 * {@link Registry#plantedBootNvm}). Clients read the devices' info, params and ports while the
 * host reboots twice; the checkers see past the reboots and catch it, and the same run without the
 * defect is green.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RestartDefectRunTest {

  static Schedule schedule(long seed) {
    Map<String, Integer> mix = new LinkedHashMap<>();
    mix.put("dev-info", 4);
    mix.put("dev-get", 2);
    mix.put("param-set", 2);
    mix.put("param-get", 2);
    mix.put("port-dump", 2);
    mix.put("port-new", 1);
    return Schedule.builder().seed(seed).latency("instant").processes(3).pacing(0, 2)
        .phase("reads", 1_500, mix)
        .fault(new Schedule.Fault("host-reboot", 400, 550, List.of(), 1, 0, 0))
        .fault(new Schedule.Fault("host-reboot", 1_000, 1_100, List.of(), 1, 0, 0))
        .build();
  }

  private static Outcome2 run() {
    Schedule s = schedule(3);
    ConcreteSchedule c = ConcreteSchedule.generate(s, false);
    return new Outcome2(ChaosRun.run(c, () -> EmbeddedTarget.start(s.latency()), p -> {}));
  }

  private record Outcome2(ChaosRun.Outcome o) {
    CheckResult result(String name) {
      return o.verdict().results().stream().filter(r -> r.checker().equals(name)).findFirst().orElseThrow();
    }
  }

  @Test
  void aRebootThatLosesAStoredVersionIsCaughtAndTheCleanRunIsGreen() {
    long t0 = System.nanoTime();
    Registry.plantedBootNvm = nvm -> {
      Map<String, String> kept = new LinkedHashMap<>(nvm.firmware());
      kept.keySet().stream().findFirst().ifPresent(kept::remove);
      return nvm.withFirmware(kept);
    };
    Outcome2 faulty;
    try {
      faulty = run();
    } finally {
      Registry.plantedBootNvm = null;
    }
    String d = CleanRunTest.describe(faulty.o());
    System.out.printf("planted boot NVM loss over 2 embedded host reboots: caught=%s in %.1f s (%d ops)%n%s",
        !faulty.o().verdict().valid(), (System.nanoTime() - t0) / 1e9, faulty.o().schedule().operations(), d);
    assertFalse(faulty.result("linearizability").valid() && faulty.result("no-loss").valid(),
        "the lost stored version went unnoticed:\n" + d);

    Outcome2 clean = run();
    String c = CleanRunTest.describe(clean.o());
    System.out.println("the same run without the defect:\n" + c);
    assertTrue(clean.result("linearizability").valid() && clean.result("no-loss").valid()
        && clean.result("liveness").valid(), c);
  }
}
