package dev.fabric.devlink.actor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fabric.devices.LatencyProfile;
import dev.fabric.devlink.client.Fabric;
import dev.fabric.devlink.model.DevHandle;
import dev.fabric.devlink.model.MonitorEvent;
import dev.fabric.devlink.model.Notification;
import dev.fabric.devlink.model.PortOp;
import dev.fabric.devlink.model.Reply;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@link Host.PowerCycle} (the chaos fault host-reboot on an embedded fabric): runtime state is
 * gone (a namespace, a port added at run time), the cards come back with their port count, and a
 * monitor subscriber, who stays, hears them announced again, after {@link MonitorEvent.Rebooted}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostPowerCycleTest {
  private final Fabric fabric = Fabric.start("power-cycle", LatencyProfile.INSTANT);
  private final ActorTestKit kit = ActorTestKit.create(fabric.system());

  @AfterAll
  void shutdown() {
    fabric.close();
  }

  @Test
  void aPowerCycleKeepsTheCardsAndResetsEverythingElse() {
    DevHandle nsim3 = DevHandle.netdevsim(3);
    assertEquals(Reply.ok(), fabric.newDeviceSync("3 2", Host.INIT_NETNS));
    assertEquals(Reply.ok(), fabric.netnsAddSync("before"));
    assertTrue(fabric.driverSync(3, new dev.fabric.devlink.model.DriverOp.SysfsWrite("new_port", "7")).isOk());
    assertEquals(3, fabric.requestSync(null, nsim3, new PortOp.Dump()) instanceof Reply.Ok<PortOp.PortList> ok
        ? ok.value().ports().size() : -1, "two ports of the card and one added");
    TestProbe<MonitorEvent> monitor = kit.createTestProbe();
    fabric.subscribe(null, monitor.getRef());

    TestProbe<Reply<?>> cycled = kit.createTestProbe();
    fabric.system().tell(new Host.PowerCycle(cycled.getRef()));
    assertEquals(Reply.ok(), cycled.receiveMessage(Duration.ofSeconds(10)));

    // the card probes again: its instance is announced anew to the subscriber that stayed
    Notification again = monitor.fishForMessage(Duration.ofSeconds(10), e -> {
      fabric.consumed(monitor.getRef(), 1);
      return e instanceof MonitorEvent.Note n && n.notification().dev().equals(nsim3)
          && n.notification().cmd() == Notification.Cmd.NEW
          ? org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes.complete()
          : org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes.continueAndIgnore();
    }).stream().map(e -> ((MonitorEvent.Note) e).notification()).reduce((a, b) -> b).orElseThrow();
    assertEquals(nsim3, again.dev());
    monitor.awaitAssert(Duration.ofSeconds(10), () -> {
      assertEquals(List.of(nsim3), fabric.listSync(null));
      return null;
    });
    assertEquals(List.of(3), fabric.deviceIdsSync());
    assertFalse(fabric.netnsListSync().contains("before"), "namespaces are runtime state");
    assertEquals(2, fabric.requestSync(null, nsim3, new PortOp.Dump()) instanceof Reply.Ok<PortOp.PortList> ok
        ? ok.value().ports().size() : -1, "the card's own ports again, the added one gone");
  }

  /**
   * The reboot event separates the boots: everything before it is the old boot's, after it only
   * the re-probe's announcements (NEW) come; a command sent while the power is off waits and is
   * answered by the new boot.
   */
  @Test
  void subscribersHearTheRebootBetweenTheBootsAndWaitingCommandsReachTheNewBoot() {
    DevHandle nsim5 = DevHandle.netdevsim(5);
    assertEquals(Reply.ok(), fabric.newDeviceSync("5 1", Host.INIT_NETNS));
    TestProbe<MonitorEvent> monitor = kit.createTestProbe();
    fabric.subscribe(null, monitor.getRef());
    TestProbe<Reply<?>> cycled = kit.createTestProbe();
    TestProbe<Registry.DeviceIds> listed = kit.createTestProbe();
    fabric.system().tell(new Host.PowerCycle(cycled.getRef()));
    fabric.system().tell(new Host.ListDeviceIds(listed.getRef())); // arrives while the power is off
    // a reload in flight on the old boot: its events all come before the reboot
    fabric.request(null, nsim5, new dev.fabric.devlink.model.DevOp.Reload(java.util.Optional.empty(),
        java.util.Optional.empty(), java.util.Optional.empty()));
    assertEquals(Reply.ok(), cycled.receiveMessage(Duration.ofSeconds(10)));
    assertTrue(listed.receiveMessage(Duration.ofSeconds(10)).ids().contains(5), "answered by the new boot");

    boolean[] rebooted = {false};
    List<MonitorEvent> events = monitor.fishForMessage(Duration.ofSeconds(10), e -> {
      if (e instanceof MonitorEvent.Note) {
        fabric.consumed(monitor.getRef(), 1);
      }
      rebooted[0] |= e instanceof MonitorEvent.Rebooted;
      return rebooted[0] && e instanceof MonitorEvent.Note n && n.notification().dev().equals(nsim5)
          && n.notification().kind() == Notification.Kind.PORT && n.notification().cmd() == Notification.Cmd.NEW
          ? org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes.complete()
          : org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes.continueAndCollect();
    });
    int reboot = -1;
    for (int i = 0; i < events.size(); i++) {
      if (events.get(i) instanceof MonitorEvent.Rebooted r) {
        assertEquals(-1, reboot, "one reboot event: " + events);
        assertTrue(r.boot() >= 1);
        reboot = i;
      } else if (reboot >= 0 && events.get(i) instanceof MonitorEvent.Note n) {
        assertEquals(Notification.Cmd.NEW, n.notification().cmd(), "after the reboot only announcements: " + events);
      }
    }
    assertTrue(reboot >= 0, "no reboot event: " + events);
  }
}
