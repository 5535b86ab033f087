package dev.fabric.chaos;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The standard schedule for a minute (reload storm, churn, a slow-hardware fault), in both modes,
 * ending with every checker green. Behind the profile: {@code mvn -B -o -Pchaos-long -pl chaos -am verify}.
 */
@Tag("chaos-long")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LongRunTest {

  @ParameterizedTest(name = "simulated {0}")
  @ValueSource(booleans = {true, false})
  void aMinuteOfTheStandardScheduleIsValid(boolean simulated) {
    Schedule s = Schedule.standard(11, 60_000);
    ConcreteSchedule c = ConcreteSchedule.generate(s, simulated);
    ChaosRun.Outcome o = ChaosRun.run(c, c::newTarget, p -> {});
    System.out.println("long run (" + (simulated ? "simulated" : "real time") + "): " + c.operations() + " ops, run "
        + o.runMillis() + " ms, check " + o.checkMillis() + " ms\n" + CleanRunTest.describe(o));
    assertTrue(o.verdict().valid(), CleanRunTest.describe(o));
  }
}
