package dev.fabric.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fabric.chaos.check.CheckResult;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code host-reboot} on the embedded fabric (real time): a seeded run power-cycles the host twice
 * (Host.PowerCycle), each recorded as nemesis start and heal, and the reboots really happened:
 * instances re-announce their trap policers without having removed them (a card probing again
 * after a power loss, which no unregister preceded), which the same schedule without the faults
 * never shows. Every checker holds across the reboots: the monitor checker reads each boot's
 * events afresh from the {@code boot} marker the host's {@code MonitorEvent.Rebooted} puts in the
 * history (one per reboot).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostRebootRunTest {

  private static ChaosRun.Outcome run(List<Schedule.Fault> faults) {
    Schedule base = Schedule.standard(5, 1_500);
    Schedule s = new Schedule(base.seed(), base.devices(), base.spareIds(), base.namespaces(), base.firmware(),
        base.latency(), base.processes(), base.pacingMs(), base.opDeadlineMs(), base.phases(), faults);
    return ChaosRun.run(ConcreteSchedule.generate(s, false), () -> EmbeddedTarget.start(s.latency()), p -> {});
  }

  /** How often an instance announced its trap policers (three) while the previous three were still live. */
  private static int reannouncements(ChaosRun.Outcome o) {
    Map<String, Integer> live = new HashMap<>();
    int again = 0;
    for (HistoryEvent e : o.history().events()) {
      if (e instanceof HistoryEvent.Monitor m && "trap-policer".equals(m.object())) {
        int n = live.merge(m.dev(), "new".equals(m.cmd()) ? 1 : -1, Integer::sum);
        again += "new".equals(m.cmd()) && n == 4 ? 1 : 0;
      }
    }
    return again;
  }

  @Test
  void aRunWithHostRebootsReannouncesTheCardsAndLosesNothing() {
    ChaosRun.Outcome control = run(List.of());
    ChaosRun.Outcome o = run(List.of(new Schedule.Fault("host-reboot", 400, 550, List.of(), 1, 0, 0),
        new Schedule.Fault("host-reboot", 1_000, 1_100, List.of(), 1, 0, 0)));
    String d = CleanRunTest.describe(o);
    assertEquals(List.of("host-reboot/start", "host-reboot/heal", "host-reboot/start", "host-reboot/heal"),
        o.history().events().stream().filter(e -> e instanceof HistoryEvent.Nemesis)
            .map(e -> ((HistoryEvent.Nemesis) e).fault() + "/" + ((HistoryEvent.Nemesis) e).phase()).toList());
    System.out.println("embedded run with 2 host reboots: " + o.schedule().operations() + " ops, "
        + reannouncements(o) + " re-announced instances (control run without faults: " + reannouncements(control)
        + ")\n" + d);
    assertEquals(0, reannouncements(control), "the control run re-announces nothing");
    assertTrue(reannouncements(o) > 0, "no instance was announced again: the reboots did nothing");
    assertTrue(o.verdict().valid(), d);
    assertEquals(2, o.history().events().stream()
        .filter(e -> e instanceof HistoryEvent.Monitor m && "boot".equals(m.object())).count(), "a boot marker per reboot");
  }
}
