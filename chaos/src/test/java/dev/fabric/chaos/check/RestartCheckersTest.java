package dev.fabric.chaos.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fabric.chaos.ChaosOp;
import dev.fabric.chaos.DeviceSpec;
import dev.fabric.chaos.HistoryEvent;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The checkers across host restarts, on hand-made histories: a restarting fault's window
 * [start, heal] holds at most one power cycle of the host (what the cards keep survives, runtime
 * state resets). The answers of a correct host come from the sequential model itself
 * ({@link Histories#modelCall}); the planted defects answer from a model whose power cycle is wrong
 * (it keeps a driverinit value, or it loses the stored firmware versions) and must be caught.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RestartCheckersTest {
  static final Checker.Setup SETUP = CheckersTest.SETUP; // namespace ns1, firmware fw.bin
  static final ChaosOp NEW1 = new ChaosOp.NewDevice(1, 2);
  static final ChaosOp SET_MACS = new ChaosOp.ParamSet(1, "max_macs", "driverinit", "16");
  static final ChaosOp GET_MACS = new ChaosOp.ParamGet(1, "max_macs");
  static final ChaosOp NEW_PORT = new ChaosOp.PortNew(1, 5);
  static final ChaosOp PORTS = new ChaosOp.PortDump(1);
  static final ChaosOp SWITCHDEV = new ChaosOp.EswitchSet(1, "switchdev");
  static final ChaosOp FLASH = new ChaosOp.Flash(1, "fw.bin");
  static final ChaosOp INFO = new ChaosOp.DevInfo(1);
  static final ChaosOp TO_NS1 = new ChaosOp.Reload(1, null, null, "ns1");

  static DeviceSpec model() {
    return new DeviceSpec(1, SETUP.namespaces(), SETUP.firmware());
  }

  /** Runtime state, a port added with new_port and a flashed NVM, then the restart's start. */
  static Histories beforeRestart(DeviceSpec m) {
    return new Histories().modelCall(0, NEW1, m).modelCall(0, SET_MACS, m).modelCall(0, NEW_PORT, m)
        .modelCall(0, SWITCHDEV, m).modelCall(0, FLASH, m).modelCall(0, INFO, m).modelCall(0, GET_MACS, m)
        .restart("start");
  }

  /** What a client reads after the heal: the param, the ports, the versions, a flash and a move that need setup. */
  static Histories afterRestart(Histories h, DeviceSpec m) {
    return h.restart("heal").modelCall(1, GET_MACS, m).modelCall(1, PORTS, m).modelCall(1, INFO, m)
        .modelCall(1, FLASH, m).modelCall(1, TO_NS1, m);
  }

  static CheckResult lin(Histories h) {
    return new LinearizabilityChecker().check(h.h, SETUP);
  }

  /** What a host whose boot dropped one stored firmware version answers to dev info (from the model's answer). */
  static com.fasterxml.jackson.databind.JsonNode lossyInfo(DeviceSpec m) {
    com.fasterxml.jackson.databind.JsonNode info =
        dev.fabric.chaos.FabricOps.value((dev.fabric.devlink.model.Reply.Ok<?>) m.copy().step(INFO));
    com.fasterxml.jackson.databind.node.ObjectNode stored = (com.fasterxml.jackson.databind.node.ObjectNode) info.get("stored");
    assertTrue(stored.size() > 0, "netdevsim stores versions: " + info);
    stored.remove(stored.fieldNames().next());
    return info;
  }

  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class Linearizability {
    @Test
    void aPowerCycleInsideTheWindowExplainsTheResetRuntimeState() {
      DeviceSpec m = model();
      Histories h = beforeRestart(m);
      m.powerCycle();
      afterRestart(h, m);
      CheckResult r = lin(h);
      assertTrue(r.valid(), r::toString);
      assertEquals(1, r.stats().get("restartWindows"));
      // the whole history is checked: 7 operations before the window, 5 after it, the power cycle
      // and its re-probe
      assertEquals(14L, r.stats().get("operations"));
    }

    @Test
    void aWindowWithoutARestartIsValidToo() {
      // a short partition may not restart the host: the power cycle is at most once, not exactly once
      DeviceSpec m = model();
      Histories h = afterRestart(beforeRestart(m), m);
      assertTrue(lin(h).valid(), () -> lin(h).toString());
    }

    @Test
    void thePowerCycleCannotHappenOutsideItsWindow() {
      // after the heal the value is still there, a later read sees it reset: the cycle came too late
      DeviceSpec m = model();
      Histories h = beforeRestart(m).restart("heal").modelCall(1, GET_MACS, m);
      DeviceSpec cycled = m.copy();
      cycled.powerCycle();
      h.modelCall(1, GET_MACS, cycled);
      assertFalse(lin(h).valid());
      // and not before its start: a read before the window that already sees the reset
      DeviceSpec m2 = model();
      Histories early = new Histories().modelCall(0, NEW1, m2).modelCall(0, SET_MACS, m2);
      DeviceSpec cycled2 = m2.copy();
      cycled2.powerCycle();
      early.modelCall(0, GET_MACS, cycled2).restart("start").restart("heal");
      assertFalse(lin(early).valid());
    }

    @Test
    void anOperationStraddlingTheWindowMayTakeEffectOnEitherSide() {
      DeviceSpec m = model();
      Histories h = new Histories().modelCall(0, NEW1, m).modelCall(0, NEW_PORT, m);
      ChaosOp port5 = new ChaosOp.PortGet(1, 5);
      h.invoke(2, port5).restart("start");
      DeviceSpec before = m.copy();
      m.powerCycle();
      h.restart("heal");
      h.answer(2, port5, before.step(port5)); // answered by the old host, received after the heal
      h.modelCall(1, port5, m); // ENODEV: the port added with new_port is gone after the cycle
      assertTrue(lin(h).valid(), () -> lin(h).toString());
    }

    @Test
    void aCardStillProbingAnswersNoInstanceInsideTheWindowOnly() {
      // a booting host answers ENODEV for a kept card until it probed it again, by the heal
      DeviceSpec m = model();
      ChaosOp get = new ChaosOp.DevGet(1);
      Histories h = new Histories().modelCall(0, NEW1, m).restart("start");
      h.invoke(1, get).fail(1, get, "ENODEV");
      h.invoke(1, NEW1).fail(1, NEW1, "ENOSPC"); // the id is the probing card's
      m.powerCycle();
      h.restart("heal").modelCall(1, get, m);
      assertTrue(lin(h).valid(), () -> lin(h).toString());
      // after the heal the card must be back
      DeviceSpec m2 = model();
      Histories late = new Histories().modelCall(0, NEW1, m2).restart("start").restart("heal");
      late.invoke(1, get).fail(1, get, "ENODEV");
      m2.powerCycle();
      late.modelCall(1, get, m2);
      assertFalse(lin(late).valid());
    }

    @Test
    void aRefusalWhileTheHostBootsHadNoEffect() {
      DeviceSpec m = model();
      Histories h = beforeRestart(m);
      m.powerCycle();
      ChaosOp del = new ChaosOp.DelDevice(1);
      h.invoke(2, del);
      h.h.complete(Histories.HOST, 2, del, HistoryEvent.Type.FAIL, null,
          new HistoryEvent.Error("EBUSY", "host h is starting and its queue is full"));
      afterRestart(h, m);
      CheckResult r = lin(h);
      assertTrue(r.valid(), r::toString);
      assertEquals(1L, r.stats().get("refusedWhileStarting"));
    }

    @Test
    void twoWindowsAreTwoPowerCyclesAtMost() {
      DeviceSpec m = model();
      Histories h = beforeRestart(m);
      m.powerCycle();
      afterRestart(h, m);
      h.modelCall(1, SET_MACS, m).modelCall(1, NEW_PORT, m).restart("start");
      m.powerCycle();
      afterRestart(h, m);
      assertTrue(lin(h).valid(), () -> lin(h).toString());
    }

    /** Planted defect: the reboot keeps the driverinit value (a runtime value) while the ports reset. */
    @Test
    void aPowerCycleThatKeepsADriverinitValueIsCaught() {
      DeviceSpec m = model();
      Histories h = beforeRestart(m);
      m.powerCycle();
      m.step(SET_MACS); // the defect: the booted instance still has max_macs 16 pending
      afterRestart(h, m);
      CheckResult r = lin(h);
      assertFalse(r.valid(), r::toString);
      assertTrue(r.violations().get(0).message().contains("param-get")
          || r.violations().get(0).message().contains("port-dump"), r.toString());
      assertTrue(String.join("\n", r.violations().get(0).detail()).contains("restart window"), r.toString());
    }

    /** Planted defect: the reboot loses a stored firmware version (its NVM entry is gone). */
    @Test
    void aPowerCycleThatLosesAStoredVersionIsCaught() {
      DeviceSpec m = model();
      Histories h = beforeRestart(m);
      m.powerCycle();
      h.restart("heal").modelCall(1, GET_MACS, m).modelCall(1, PORTS, m);
      h.invoke(1, INFO).ok(1, INFO, lossyInfo(m));
      CheckResult r = lin(h);
      assertFalse(r.valid(), r::toString);
      assertTrue(r.violations().get(0).message().contains("dev-info"), r.toString());
    }
  }

  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class NoLoss {
    final NoLossChecker checker = new NoLossChecker();

    Map<String, HistoryEvent.DumpedInstance> dumpOf(DeviceSpec m) {
      return Map.of("netdevsim/netdevsim1", new HistoryEvent.DumpedInstance(Map.of(),
          dev.fabric.chaos.FabricOps.value((dev.fabric.devlink.model.Reply.Ok<?>) m.copy().step(INFO))));
    }

    @Test
    void storedVersionsAndInventoryAcrossAPowerCycleAreValid() {
      DeviceSpec m = model();
      Histories h = beforeRestart(m);
      m.powerCycle();
      h.restart("heal").modelCall(1, INFO, m).modelCall(1, new ChaosOp.DevGet(1), m).dump(dumpOf(m));
      CheckResult r = checker.check(h.h, SETUP);
      assertTrue(r.valid(), r::toString);
      assertEquals(1, r.stats().get("restarts"));
      assertEquals(3, r.stats().get("checkedAcrossRestarts"));
    }

    /** Planted defect: the reboot loses a stored firmware version. */
    @Test
    void aPowerCycleThatLosesAStoredVersionIsCaught() {
      DeviceSpec m = model();
      Histories h = beforeRestart(m);
      m.powerCycle();
      // read once after the heal; then a flash (the final dump says nothing about the lost version)
      h.restart("heal").invoke(1, INFO).ok(1, INFO, lossyInfo(m)).modelCall(1, new ChaosOp.Flash(1, "fw.bin"), m)
          .dump(dumpOf(m));
      CheckResult r = checker.check(h.h, SETUP);
      assertFalse(r.valid(), r::toString);
      assertTrue(r.violations().get(0).message().contains("restart"), r.toString());
    }

    @Test
    void aCardStillProbingInsideTheWindowIsNotLost() {
      // the booting host answers ENODEV for a kept card until it probed it again; after the heal it is back
      DeviceSpec m = model();
      ChaosOp get = new ChaosOp.DevGet(1);
      Histories h = new Histories().modelCall(0, NEW1, m).restart("start");
      h.invoke(1, get).fail(1, get, "ENODEV").restart("heal");
      m.powerCycle();
      h.modelCall(1, get, m).dump(dumpOf(m));
      CheckResult r = checker.check(h.h, SETUP);
      assertTrue(r.valid(), r::toString);
    }

    /** Planted defect: the reboot forgets a card new_device created. */
    @Test
    void aPowerCycleThatLosesACardIsCaught() {
      DeviceSpec m = model();
      Histories h = new Histories().modelCall(0, NEW1, m).restart("start").restart("heal");
      h.invoke(1, new ChaosOp.DevGet(1)).fail(1, new ChaosOp.DevGet(1), "ENODEV")
          .modelCall(1, NEW1, model()).dump(dumpOf(m));
      CheckResult r = checker.check(h.h, SETUP);
      assertFalse(r.valid(), r::toString);
      assertTrue(r.violations().get(0).message().contains("lost"), r.toString());
    }
  }

  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class Monitor {
    final MonitorChecker checker = new MonitorChecker();

    Map<String, HistoryEvent.DumpedInstance> dumpWithPorts(long... ports) {
      Map<Long, com.fasterxml.jackson.databind.JsonNode> p = new java.util.TreeMap<>();
      for (long i : ports) {
        p.put(i, Histories.port(1, i));
      }
      return Map.of("netdevsim/netdevsim1", new HistoryEvent.DumpedInstance(p, null));
    }

    @Test
    void theHostReannouncesItsObjectsAfterARestart() {
      // port 5 came with new_port (runtime): the booted host announces only its card's ports
      Histories h = new Histories().devNew(1).portNew(1, 0).portNew(1, 1).portNew(1, 5).restart("start")
          .boot(2).devNew(1).portNew(1, 0).portNew(1, 1).restart("heal").dump(dumpWithPorts(0, 1));
      CheckResult r = checker.check(h.h, SETUP);
      assertTrue(r.valid(), r::toString);
      assertEquals(1L, r.stats().get("boots"));
    }

    @Test
    void theBootMayBeRecordedAfterTheHeal() {
      Histories late = new Histories().devNew(1).portNew(1, 0).portNew(1, 5).restart("start").restart("heal")
          .boot(2).devNew(1).portNew(1, 0).dump(dumpWithPorts(0));
      assertTrue(checker.check(late.h, SETUP).valid(), () -> checker.check(late.h, SETUP).toString());
    }

    @Test
    void withoutABootTheRuntimePortMustStay() {
      // a restart window but no new incarnation (a partition that restarted nothing): the replay
      // keeps port 5, which the dump has not
      Histories h = new Histories().devNew(1).portNew(1, 0).portNew(1, 5).restart("start").restart("heal")
          .devNew(1).portNew(1, 0).dump(dumpWithPorts(0));
      assertFalse(checker.check(h.h, SETUP).valid());
    }

    @Test
    void aBootOutsideAnyRestartWindowIsReported() {
      Histories h = new Histories().devNew(1).portNew(1, 0).boot(2).devNew(1).portNew(1, 0).dump(dumpWithPorts(0));
      CheckResult r = checker.check(h.h, SETUP);
      assertFalse(r.valid(), r::toString);
      assertTrue(r.violations().get(0).message().contains("outside any restarting fault"), r.toString());
      // and a second boot in one window (at most one power cycle per window)
      Histories twice = new Histories().devNew(1).restart("start").boot(2).devNew(1).boot(3).devNew(1)
          .restart("heal").dump(dumpWithPorts());
      assertFalse(checker.check(twice.h, SETUP).valid());
    }

    @Test
    void aLateBootMayBeSeenAfterTheNextFaultBegan() {
      // two windows (a kill, then a reboot): the first boot is seen only once the second window has
      // begun (a host with no devices publishes nothing until a card comes), then the second boot
      Histories h = new Histories().devNew(1).restart("start").restart("heal").restart("start").boot(2)
          .restart("heal").boot(3).devNew(1).dump(dumpWithPorts());
      CheckResult r = checker.check(h.h, SETUP);
      assertTrue(r.valid(), r::toString);
      // a third boot has no window left
      Histories three = new Histories().devNew(1).restart("start").restart("heal").restart("start").boot(2)
          .restart("heal").boot(3).boot(4).devNew(1).dump(dumpWithPorts());
      assertFalse(checker.check(three.h, SETUP).valid());
    }

    @Test
    void theBootedHostFollowsTheLifecycleToo() {
      // after the boot a port is announced before its instance registered again
      Histories h = new Histories().devNew(1).portNew(1, 0).restart("start").boot(2).portNew(1, 0).devNew(1)
          .restart("heal").dump(dumpWithPorts(0));
      CheckResult r = checker.check(h.h, SETUP);
      assertFalse(r.valid(), r::toString);
      assertTrue(r.violations().get(0).message().contains("before its NEW"), r.toString());
      // and a booted host that does not re-announce an instance it kept
      Histories silent = new Histories().devNew(1).portNew(1, 0).restart("start").boot(2).restart("heal")
          .dump(dumpWithPorts(0));
      assertFalse(checker.check(silent.h, SETUP).valid());
    }
  }
}
