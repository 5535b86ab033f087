package dev.fabric.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fabric.chaos.History;
import dev.fabric.chaos.HistoryEvent;
import dev.fabric.chaos.check.CheckResult;
import dev.fabric.chaos.check.Checker;
import dev.fabric.chaos.check.MonitorChecker;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * How a cluster run's monitor events become history lines: once each and in the host's order
 * whatever stream brought them, a loss said as an overrun (which the monitor checker reports), a
 * restart as a boot marker after which the checker replays the new incarnation afresh.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostEventRecorderTest {
  private static final String DEV = "netdevsim/netdevsim1";
  private static final String PORT = "{\"bus\":\"netdevsim\",\"dev\":\"netdevsim1\",\"index\":1,\"type\":\"ETH\"}";

  private static HostEntity.HostEvent ev(String member, long boots, long seq, String object, String cmd, Long port) {
    return new HostEntity.HostEvent("c1", boots, seq, "init", "", "", member, member + "#" + boots, object, cmd, DEV, port,
        "port".equals(object) ? PORT : null);
  }

  private static HostEntity.HostEvent fence(String member, long boots, long seq, String id) {
    return new HostEntity.HostEvent("c1", boots, seq, null, id, null, member, member + "#" + boots, "fence", null, null,
        null, null);
  }

  private static List<HistoryEvent.Monitor> monitor(History h) {
    return h.events().stream().filter(e -> e instanceof HistoryEvent.Monitor).map(e -> (HistoryEvent.Monitor) e).toList();
  }

  private static CheckResult check(History h, Map<String, HistoryEvent.DumpedInstance> dump) {
    h.dump("c1", dump);
    return new MonitorChecker().check(h, new Checker.Setup(Set.of(), Set.of()));
  }

  @Test
  void twoStreamsGiveEachEventOnceInTheHostsOrder() {
    History h = new History(() -> 0);
    HostEventRecorder r = new HostEventRecorder("c1", h);
    r.accept(ev("m1", 1, 10, "dev", "new", null), "a");
    r.accept(ev("m1", 1, 12, "port", "del", 1L), "b"); // ahead of 11: waits
    r.accept(ev("m1", 1, 11, "port", "new", 1L), "b");
    r.accept(ev("m1", 1, 11, "port", "new", 1L), "a"); // the other stream's copies
    r.accept(ev("m1", 1, 12, "port", "del", 1L), "a");
    r.accept(new HostEntity.HostEvent("h2", 1, 13, "init", "", "", "m1", "m1#1", "dev", "new", DEV, null, null), "a");
    assertEquals(List.of("dev/new", "port/new", "port/del"),
        monitor(h).stream().map(m -> m.object() + "/" + m.cmd()).toList());
  }

  @Test
  void aMissingEventAtAFenceIsAnOverrunTheCheckerReports() throws Exception {
    History h = new History(() -> 0);
    HostEventRecorder r = new HostEventRecorder("c1", h);
    CompletableFuture<Void> back = r.expect("f1");
    r.accept(ev("m1", 1, 1, "dev", "new", null), "a");
    r.accept(ev("m1", 1, 3, "port", "new", 1L), "a"); // 2 never comes
    r.accept(fence("m1", 1, 3, "f1"), "a");
    assertTrue(back.isDone());
    r.settle(); // the fence came through every stream: 2 is lost
    List<HistoryEvent.Monitor> m = monitor(h);
    assertEquals(List.of("dev", "overrun", "port"), m.stream().map(HistoryEvent.Monitor::object).toList());
    CheckResult result = check(h, Map.of());
    assertFalse(result.valid());
    assertTrue(result.violations().stream().anyMatch(v -> v.message().contains("overran")), result.toString());
  }

  @Test
  void aBootWhoseEventsNeverCameIsAnOverrunAtTheSettlingFence() {
    History h = new History(() -> 0);
    HostEventRecorder r = new HostEventRecorder("c1", h);
    r.accept(ev("m1", 1, 5, "dev", "new", null), "a");
    CompletableFuture<Void> back = r.expectOn("f2", "a");
    back.thenRun(r::settle); // as a feed settles once the fence came through every stream
    r.accept(fence("m2", 2, 3, "f2"), "a"); // the new incarnation's events 1..3 were lost
    assertEquals(List.of("dev", "boot", "overrun"), monitor(h).stream().map(HistoryEvent.Monitor::object).toList());
  }

  @Test
  void aNewIncarnationIsABootAfterWhichReplayStartsAfresh() {
    History h = new History(() -> 0);
    HostEventRecorder r = new HostEventRecorder("c1", h);
    r.accept(ev("m1", 1, 5, "dev", "new", null), "a");
    r.accept(ev("m1", 1, 6, "port", "new", 1L), "a");
    r.accept(ev("m1", 1, 7, "port", "new", 2L), "a"); // a port added at run time, lost with the host's member
    h.nemesis("c1", "kill-member", "start", List.of());
    r.accept(ev("m2", 2, 1, "dev", "new", null), "a"); // the host boots on m2 from its image
    r.accept(ev("m1", 1, 8, "port", "del", 2L), "a"); // late, from the dead incarnation: dropped
    r.accept(ev("m2", 2, 2, "port", "new", 1L), "a");
    assertEquals(List.of("dev/new", "port/new", "port/new", "boot/new", "dev/new", "port/new"),
        monitor(h).stream().map(m -> m.object() + "/" + m.cmd()).toList());
    com.fasterxml.jackson.databind.JsonNode port = dev.fabric.chaos.Json.JSON.valueToTree(Map.of("bus", "netdevsim",
        "dev", "netdevsim1", "index", 1, "type", "ETH"));
    CheckResult result = check(h, Map.of(DEV, new HistoryEvent.DumpedInstance(Map.of(1L, port), null)));
    assertTrue(result.valid(), result.toString());
    // without the boot marker the replay would still have port 2
    History noBoot = new History(h.events().stream().filter(e -> !(e instanceof HistoryEvent.Monitor m)
        || !MonitorChecker.BOOT.equals(m.object())).toList());
    assertFalse(new MonitorChecker().check(noBoot, new Checker.Setup(Set.of(), Set.of())).valid());
  }
}
