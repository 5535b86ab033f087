package dev.fabric.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Schedules name every fault kind, in Java and in YAML (member faults need no targets), a fault
 * without a later heal or of an unknown kind is refused, and the member faults are the restarting
 * ones the checkers scope linearizability by.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScheduleFaultsTest {

  @Test
  void aYamlScheduleNamesPartitionsAndHostRebootsWithoutTargets() throws Exception {
    Path file = Files.createTempFile("nemesis-schedule", ".yaml");
    try {
      Files.writeString(file, """
          seed: 7
          phases:
            - {name: main, durationMs: 20000, mix: {dev-get: 3, reload: 1}}
          nemesis:
            - {fault: partition, startMs: 2000, healMs: 3500}
            - {fault: partition, startMs: 5000, healMs: 13000}
            - {fault: host-reboot, startMs: 15000, healMs: 16000}
          processes: 2
          devices: {firstId: 1, count: 2, ports: 1}
          spareIds: 1
          namespaces: [chaos1]
          firmware: [chaos.bin]
          pacingMs: {min: 1, max: 2}
          opDeadlineMs: 5000
          latency: instant
          """);
      Schedule s = Schedule.read(file);
      assertEquals(List.of("partition", "partition", "host-reboot"), s.nemesis().stream().map(Schedule.Fault::fault).toList());
      assertEquals(List.of(), s.nemesis().get(0).targets());
      ConcreteSchedule c = ConcreteSchedule.generate(s, false);
      assertEquals(List.of("partition/start", "partition/heal", "partition/start", "partition/heal", "host-reboot/start",
          "host-reboot/heal"), c.nemesis().stream().map(n -> n.fault() + "/" + n.phase()).toList());
      // written and read back, the same schedule
      s.write(file);
      assertEquals(s, Schedule.read(file));
    } finally {
      Files.deleteIfExists(file);
    }
  }

  @Test
  void unknownFaultsAndFaultsThatNeverHealAreRefused() {
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> Schedule.builder()
        .fault(new Schedule.Fault("split-brain", 1, 2, null, 1, 0, 0)).build());
    assertTrue(unknown.getMessage().contains("slow-hardware, host-reboot;") && unknown.getMessage().contains("partition"),
        unknown.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Schedule.builder()
        .fault(new Schedule.Fault("partition", 5, 5, null, 1, 0, 0)).build());
  }

  @Test
  void theStandardClusterScheduleHasAKillTwoPartitionsAndAReboot() {
    Schedule s = Schedule.clusterStandard(1, 60_000);
    assertEquals(List.of("kill-member", "partition", "host-reboot", "partition"),
        s.nemesis().stream().map(Schedule.Fault::fault).toList());
    // one partition outlasts the split-brain resolver's downing (~5 s), one stays below failure detection (~3 s)
    List<Long> partitionLengths = s.nemesis().stream().filter(f -> f.fault().equals("partition"))
        .map(f -> f.healMs() - f.startMs()).toList();
    assertTrue(partitionLengths.get(0) >= 6_000 && partitionLengths.get(1) < 3_000, String.valueOf(partitionLengths));
    for (Schedule.Fault f : s.nemesis()) {
      assertTrue(dev.fabric.chaos.check.Checks.RESTARTING_FAULTS.contains(f.fault()), f.fault());
    }
  }
}
