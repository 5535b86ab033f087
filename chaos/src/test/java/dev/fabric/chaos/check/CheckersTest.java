package dev.fabric.chaos.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fabric.chaos.ChaosOp;
import dev.fabric.chaos.HistoryEvent;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Each checker on hand-made histories, valid and invalid. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CheckersTest {
  static final Checker.Setup SETUP = new Checker.Setup(Set.of("ns1"), Set.of("fw.bin"));
  static final ChaosOp NEW1 = new ChaosOp.NewDevice(1, 2);
  static final ChaosOp DEL1 = new ChaosOp.DelDevice(1);
  static final ChaosOp PORT0 = new ChaosOp.PortGet(1, 0);
  static final ChaosOp DELPORT1 = new ChaosOp.PortDel(1, 1);
  static final ChaosOp PORT1 = new ChaosOp.PortGet(1, 1);

  static CheckResult lin(Histories h) {
    return new LinearizabilityChecker().check(h.h, SETUP);
  }

  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class Linearizability {
    @Test
    void sequentialAnswersOfTheModelAreValid() {
      Histories h = new Histories().call(0, NEW1)
          .invoke(0, PORT0).ok(0, PORT0, Histories.portState(1, 0))
          .call(0, DELPORT1)
          .invoke(0, PORT1).fail(0, PORT1, "ENODEV")
          .call(0, DEL1)
          .invoke(0, PORT0).fail(0, PORT0, "ENODEV");
      assertTrue(lin(h).valid(), () -> lin(h).toString());
    }

    @Test
    void aPortAnsweringAfterItsDeviceWasDeletedIsNot() {
      Histories h = new Histories().call(0, NEW1).call(0, DEL1)
          .invoke(1, PORT0).ok(1, PORT0, Histories.portState(1, 0));
      CheckResult r = lin(h);
      assertFalse(r.valid());
      assertEquals(1, r.violations().size());
      assertTrue(r.violations().get(0).message().contains("port-get"), r.toString());
    }

    @Test
    void concurrentOperationsMayTakeEffectInEitherOrder() {
      // del_device and a port read overlap: ENODEV is explained by del first, ok by read first
      Histories enodev = new Histories().call(0, NEW1).invoke(0, DEL1).invoke(1, PORT0)
          .fail(1, PORT0, "ENODEV").ok(0, DEL1);
      assertTrue(lin(enodev).valid());
      Histories ok = new Histories().call(0, NEW1).invoke(0, DEL1).invoke(1, PORT0)
          .ok(0, DEL1).ok(1, PORT0, Histories.portState(1, 0));
      assertTrue(lin(ok).valid());
    }

    @Test
    void anAnswerNoOrderGivesIsNot() {
      // two port reads inside one del_device: the first says gone, the later one (after it) says there
      Histories h = new Histories().call(0, NEW1).invoke(0, DEL1)
          .invoke(1, PORT0).fail(1, PORT0, "ENODEV")
          .invoke(2, PORT0).ok(2, PORT0, Histories.portState(1, 0))
          .ok(0, DEL1);
      assertFalse(lin(h).valid());
    }

    @Test
    void anIndeterminateOperationMayOrMayNotHaveTakenEffect() {
      Histories gone = new Histories().call(0, NEW1).invoke(0, DEL1).info(0, DEL1)
          .invoke(1, PORT0).fail(1, PORT0, "ENODEV");
      assertTrue(lin(gone).valid(), () -> lin(gone).toString());
      Histories still = new Histories().call(0, NEW1).invoke(0, DEL1).info(0, DEL1)
          .invoke(1, PORT0).ok(1, PORT0, Histories.portState(1, 0));
      assertTrue(lin(still).valid(), () -> lin(still).toString());
    }

    @Test
    void netdevNamesAreTheHostsAndNotCompared() {
      Histories h = new Histories().call(0, NEW1)
          .invoke(0, PORT0).ok(0, PORT0, dev.fabric.devlink.model.PortState.physical(
              dev.fabric.devlink.model.DevHandle.netdevsim(1), 0, "eth42"));
      assertTrue(lin(h).valid());
    }

    @Test
    void aDumpIsOnePresenceReadPerDevice() {
      ChaosOp list = new ChaosOp.DevList();
      Histories ok = new Histories().call(0, NEW1).invoke(1, list).ok(1, list, java.util.List.of("netdevsim/netdevsim1"))
          .call(0, DEL1).invoke(1, list).ok(1, list, java.util.List.of());
      assertTrue(lin(ok).valid(), () -> lin(ok).toString());
      // listed after its del_device completed: no order explains it
      Histories ghost = new Histories().call(0, NEW1).call(0, DEL1)
          .invoke(1, list).ok(1, list, java.util.List.of("netdevsim/netdevsim1"));
      CheckResult r = lin(ghost);
      assertFalse(r.valid());
      assertTrue(r.violations().get(0).message().contains("dev-exists"), r.toString());
    }

    @Test
    void quietDumpsAreMergedButAnAnswerTheyDisagreeOnIsStillCaught() {
      ChaosOp list = new ChaosOp.DevList();
      java.util.List<String> one = java.util.List.of("netdevsim/netdevsim1");
      Histories quiet = new Histories().call(0, NEW1);
      for (int i = 0; i < 5; i++) {
        quiet.invoke(1, list).ok(1, list, one);
      }
      quiet.call(0, DEL1).invoke(1, list).ok(1, list, java.util.List.of());
      CheckResult r = lin(quiet);
      assertTrue(r.valid(), r::toString);
      assertEquals(6L, r.stats().get("dumpReads"));
      assertEquals(4L, r.stats().get("operations"), "five quiet reads searched as one: " + r.stats());
      // the same quiet span, one dump in it does not list the device: no order explains it
      Histories odd = new Histories().call(0, NEW1);
      for (int i = 0; i < 5; i++) {
        odd.invoke(1, list).ok(1, list, i == 3 ? java.util.List.of() : one);
      }
      assertFalse(lin(odd).valid());
      // and a dump overlapping del_device may say either
      Histories racing = new Histories().call(0, NEW1).invoke(1, list).invoke(0, DEL1).ok(0, DEL1)
          .ok(1, list, java.util.List.of()).invoke(2, list).ok(2, list, java.util.List.of());
      assertTrue(lin(racing).valid(), () -> lin(racing).toString());
    }

    @Test
    void aWrongErrnoIsNotExplained() {
      Histories h = new Histories().invoke(0, PORT0).fail(0, PORT0, "EINVAL");
      assertFalse(lin(h).valid());
    }
  }

  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class Liveness {
    @Test
    void answeredOperationsAreLive() {
      assertTrue(new LivenessChecker().check(new Histories().call(0, NEW1).h, SETUP).valid());
    }

    @Test
    void anOperationPastItsDeadlineWithoutAFaultIsNot() {
      CheckResult r = new LivenessChecker().check(new Histories().invoke(0, NEW1).info(0, NEW1).h, SETUP);
      assertFalse(r.valid());
    }

    @Test
    void aFaultExcusesAnIndeterminateOperation() {
      CheckResult r = new LivenessChecker().check(
          new Histories().nemesis("start").invoke(0, NEW1).info(0, NEW1).nemesis("heal").h, SETUP);
      assertTrue(r.valid(), r.toString());
      assertEquals(1L, r.stats().get("indeterminateExcusedByFaults"));
    }

    @Test
    void aFaultOutsideTheOperationDoesNot() {
      CheckResult r = new LivenessChecker().check(
          new Histories().nemesis("start").nemesis("heal").invoke(0, NEW1).info(0, NEW1).h, SETUP);
      assertFalse(r.valid());
    }

    @Test
    void anAskTimeoutOrDeadLetterIsNeverExcused() {
      CheckResult r = new LivenessChecker().check(
          new Histories().nemesis("start").invoke(0, NEW1).clientFailure(0, NEW1).nemesis("heal").h, SETUP);
      assertFalse(r.valid());
    }

    @Test
    void anOperationWithoutAnyCompletionIsReported() {
      assertFalse(new LivenessChecker().check(new Histories().invoke(0, NEW1).h, SETUP).valid());
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
    void aLifecycleReplayedToTheDumpIsValid() {
      Histories h = new Histories().devNew(1).portNew(1, 0).portNew(1, 1).portDel(1, 1).dump(dumpWithPorts(0));
      assertTrue(checker.check(h.h, SETUP).valid(), () -> checker.check(h.h, SETUP).toString());
      Histories gone = new Histories().devNew(1).portNew(1, 0).portDel(1, 0).devDel(1).dump(Map.of());
      assertTrue(checker.check(gone.h, SETUP).valid());
    }

    @Test
    void aDroppedPortDelShowsInTheReplay() {
      Histories h = new Histories().devNew(1).portNew(1, 0).portNew(1, 1).dump(dumpWithPorts(0));
      CheckResult r = checker.check(h.h, SETUP);
      assertFalse(r.valid());
      assertTrue(r.violations().get(0).message().contains("ports of"), r.toString());
    }

    @Test
    void aSubObjectBeforeItsInstanceIsNot() {
      Histories h = new Histories().portNew(1, 0).devNew(1).dump(dumpWithPorts(0));
      CheckResult r = checker.check(h.h, SETUP);
      assertFalse(r.valid());
      assertTrue(r.violations().get(0).message().contains("before its NEW"), r.toString());
    }

    @Test
    void aSubObjectAfterItsInstancesDelIsNot() {
      Histories h = new Histories().devNew(1).devDel(1).portNew(1, 0).dump(Map.of());
      CheckResult r = checker.check(h.h, SETUP);
      assertFalse(r.valid());
      assertTrue(r.violations().get(0).message().contains("after its DEL"), r.toString());
    }

    @Test
    void aNamespaceMoveMayTearDownAfterTheDelAndCreateBeforeTheNew() {
      // 6.1's devlink_reload: DEL in the namespace left, then reload_down; reload_up, then NEW in the new one
      Histories h = new Histories().devNew(1).portNew(1, 0)
          .mon("init", "dev", "del", 1, null, null)
          .mon("init", "port", "del", 1, 0L, Histories.port(1, 0))
          .mon("ns1", "port", "new", 1, 0L, Histories.port(1, 0))
          .mon("ns1", "dev", "new", 1, null, null)
          .dump(dumpWithPorts(0));
      assertTrue(checker.check(h.h, SETUP).valid(), () -> checker.check(h.h, SETUP).toString());
    }

    @Test
    void anInstanceInTheDumpNeverAnnouncedIsNot() {
      assertFalse(checker.check(new Histories().dump(dumpWithPorts()).h, SETUP).valid());
    }

    @Test
    void anAnnouncedInstanceMissingFromTheDumpIsNot() {
      assertFalse(checker.check(new Histories().devNew(1).dump(Map.of()).h, SETUP).valid());
    }
  }

  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class NoLoss {
    final NoLossChecker checker = new NoLossChecker();
    final Map<String, HistoryEvent.DumpedInstance> present =
        Map.of("netdevsim/netdevsim1", new HistoryEvent.DumpedInstance(Map.of(), null));

    @Test
    void theInventoryTheHistorySettlesIsThere() {
      assertTrue(checker.check(new Histories().call(0, NEW1).dump(present).h, SETUP).valid());
      assertTrue(checker.check(new Histories().call(0, NEW1).call(0, DEL1).dump(Map.of()).h, SETUP).valid());
    }

    @Test
    void aLostDeviceIsReported() {
      CheckResult r = checker.check(new Histories().call(0, NEW1).dump(Map.of()).h, SETUP);
      assertFalse(r.valid());
      assertTrue(r.violations().get(0).message().contains("was lost"));
    }

    @Test
    void aDeviceBackFromTheDeadIsReported() {
      assertFalse(checker.check(new Histories().call(0, NEW1).call(0, DEL1).dump(present).h, SETUP).valid());
    }

    @Test
    void storedVersionsMustSurviveWithoutAWrite() {
      ChaosOp info = new ChaosOp.DevInfo(1);
      var before = dev.fabric.chaos.Json.JSON.createObjectNode().put("fw", "1.0");
      var after = dev.fabric.chaos.Json.JSON.createObjectNode().put("fw", "0.9");
      Histories h = new Histories().call(0, NEW1).invoke(0, info).ok(0, info, before)
          .dump(Map.of("netdevsim/netdevsim1", new HistoryEvent.DumpedInstance(Map.of(), after)));
      assertFalse(checker.check(h.h, SETUP).valid());
      Histories flashed = new Histories().call(0, NEW1).invoke(0, info).ok(0, info, before)
          .call(0, new ChaosOp.Flash(1, "fw.bin"))
          .dump(Map.of("netdevsim/netdevsim1", new HistoryEvent.DumpedInstance(Map.of(), after)));
      assertTrue(checker.check(flashed.h, SETUP).valid());
    }
  }
}
