package dev.fabric.chaos.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fabric.chaos.ChaosOp;
import dev.fabric.chaos.DeviceSpec;
import dev.fabric.chaos.HistoryEvent;
import dev.fabric.chaos.Json;
import dev.fabric.devlink.model.Reply;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The Wing–Gong–Lowe search against brute force: on small random histories of one device (some
 * produced by a real serial order and then given overlapping intervals, some with one answer
 * perturbed, some with indeterminate operations), the checker's verdict equals that of trying
 * every order consistent with real time, with every subset of the indeterminate operations.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LinearizabilityPropertyTest {
  static final List<ChaosOp> POOL = List.of(new ChaosOp.NewDevice(1, 2), new ChaosOp.DelDevice(1),
      new ChaosOp.PortGet(1, 0), new ChaosOp.PortGet(1, 1), new ChaosOp.PortNew(1, 2), new ChaosOp.PortDel(1, 1),
      new ChaosOp.PortGet(1, 2), new ChaosOp.Reload(1, "driver_reinit", null, null),
      new ChaosOp.Knob(1, "fail_reload", "Y"), new ChaosOp.DevGet(1), new ChaosOp.PortDump(1));

  static DeviceSpec fresh() {
    return new DeviceSpec(1, Set.of(), Set.of());
  }

  record Timed(int process, ChaosOp op, long invoke, long complete, Reply<?> reply, boolean info) {}

  @Test
  void searchAgreesWithExhaustiveSearch() {
    SplittableRandom r = new SplittableRandom(42);
    int valid = 0;
    int invalid = 0;
    for (int round = 0; round < 600; round++) {
      int n = 2 + r.nextInt(5);
      DeviceSpec serial = fresh();
      if (r.nextBoolean()) {
        serial.step(POOL.get(0)); // most rounds start from an existing device
      }
      DeviceSpec initial = serial.copy();
      List<Timed> ops = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        ChaosOp op = POOL.get(r.nextInt(POOL.size()));
        Reply<?> reply = serial.step(op);
        long point = 10L * (i + 1);
        long invoke = point - r.nextInt(25);
        long complete = point + 1 + r.nextInt(25);
        ops.add(new Timed(i, op, invoke, complete, reply, r.nextInt(8) == 0));
      }
      if (r.nextInt(3) == 0) { // perturb one answer
        int k = r.nextInt(n);
        Timed t = ops.get(k);
        Reply<?> wrong = t.reply instanceof Reply.Ok ? Reply.err(dev.fabric.devlink.model.Errno.ENODEV) : Reply.ok();
        ops.set(k, new Timed(t.process, t.op, t.invoke, t.complete, wrong, t.info));
      }
      Histories h = new Histories();
      List<long[]> events = new ArrayList<>(); // time, op, 0 invoke / 1 complete
      for (int i = 0; i < n; i++) {
        events.add(new long[] {ops.get(i).invoke * 2, i, 0});
        events.add(new long[] {ops.get(i).complete * 2 + 1, i, 1});
      }
      events.sort(Comparator.comparingLong((long[] e) -> e[0]).thenComparingLong(e -> e[1]));
      for (long[] e : events) {
        Timed t = ops.get((int) e[1]);
        if (e[2] == 0) {
          h.invoke(t.process, t.op);
        } else if (t.info) {
          h.info(t.process, t.op);
        } else if (t.reply instanceof Reply.Ok<?> ok) {
          h.h.complete(Histories.HOST, t.process, t.op, HistoryEvent.Type.OK, dev.fabric.chaos.FabricOps.value(ok), null);
        } else {
          Reply.Err<?> err = (Reply.Err<?>) t.reply;
          h.h.complete(Histories.HOST, t.process, t.op, HistoryEvent.Type.FAIL, null,
              new HistoryEvent.Error(err.errno().name(), err.extack().orElse(null)));
        }
      }
      List<Operations.Operation> recorded = Operations.of(h.h);
      boolean expected = exhaustive(recorded, initial);
      boolean got = LinearizabilityChecker.linearizable(recorded, initial);
      final int round_ = round;
      assertEquals(expected, got, () -> "round " + round_ + ": " + recorded);
      if (expected) {
        valid++;
      } else {
        invalid++;
      }
    }
    System.out.println("property: " + valid + " linearizable, " + invalid + " not, all agreeing");
    assertTrue(valid > 100 && invalid > 50, valid + " valid, " + invalid + " invalid: the generator covers both");
  }

  /** Operations whose effect a power cycle resets or keeps (ports added, a knob, a driverinit param, flash, versions). */
  static final List<ChaosOp> RESTART_POOL = List.of(new ChaosOp.NewDevice(1, 2), new ChaosOp.DelDevice(1),
      new ChaosOp.PortNew(1, 2), new ChaosOp.PortGet(1, 2), new ChaosOp.PortDump(1),
      new ChaosOp.Knob(1, "fail_reload", "Y"), new ChaosOp.Reload(1, "driver_reinit", null, null),
      new ChaosOp.ParamSet(1, "max_macs", "driverinit", "16"), new ChaosOp.ParamGet(1, "max_macs"),
      new ChaosOp.Flash(1, "fw.bin"), new ChaosOp.DevInfo(1), new ChaosOp.DevGet(1),
      new ChaosOp.Reload(1, null, null, "ns1"));

  static DeviceSpec withSetup() {
    return new DeviceSpec(1, Set.of("ns1"), Set.of("fw.bin"));
  }

  /**
   * The same cross-check with restart windows: each round's serial order may hold one or two
   * power cycles (or none: a partition that did not restart the host), each inside a window
   * [start, heal] drawn around it, the card probing again at once or one operation later, with
   * operations straddling the windows. The exhaustive search places each window's power cycle at
   * every point inside it, or nowhere, and its re-probe at every point after it in the window.
   */
  @Test
  void searchAgreesWithExhaustiveSearchAcrossRestarts() {
    SplittableRandom r = new SplittableRandom(7);
    int valid = 0;
    int invalid = 0;
    int withCycle = 0;
    for (int round = 0; round < 500; round++) {
      int n = 2 + r.nextInt(5);
      DeviceSpec serial = withSetup();
      if (r.nextInt(4) != 0) {
        serial.step(RESTART_POOL.get(0));
      }
      DeviceSpec initial = serial.copy();
      List<Timed> ops = new ArrayList<>();
      List<long[]> windows = new ArrayList<>(); // start, heal
      int cycles = 1 + r.nextInt(2);
      for (int i = 0; i < n; i++) {
        long point = 10L * (i + 1);
        if (cycles > 0 && r.nextInt(3) == 0) {
          cycles--;
          boolean happened = r.nextInt(4) != 0;
          boolean reprobeAfterNext = false;
          if (happened) {
            // power on; the card probes again at once, or only after the next operation (which
            // then finds no instance, as a booting host answers)
            serial.step(new ChaosOp.PowerCycle(1, "kill-member"));
            withCycle++;
            if (r.nextBoolean()) {
              serial.step(new ChaosOp.Reprobed(1));
            } else {
              reprobeAfterNext = true;
            }
          }
          long heal = reprobeAfterNext ? point + 16 + r.nextInt(20) : point - 4 + r.nextInt(20);
          windows.add(new long[] {point - 5 - r.nextInt(20), heal});
          point += 5;
          ChaosOp op = RESTART_POOL.get(r.nextInt(RESTART_POOL.size()));
          Reply<?> reply = serial.step(op);
          if (reprobeAfterNext) {
            serial.step(new ChaosOp.Reprobed(1));
          }
          ops.add(new Timed(i, op, point - r.nextInt(25), point + 1 + r.nextInt(25), reply, r.nextInt(10) == 0));
          continue;
        }
        ChaosOp op = RESTART_POOL.get(r.nextInt(RESTART_POOL.size()));
        Reply<?> reply = serial.step(op);
        long invoke = point - r.nextInt(25);
        long complete = point + 1 + r.nextInt(25);
        ops.add(new Timed(i, op, invoke, complete, reply, r.nextInt(10) == 0));
      }
      if (r.nextInt(3) == 0) { // perturb one answer
        int k = r.nextInt(n);
        Timed t = ops.get(k);
        Reply<?> wrong = t.reply instanceof Reply.Ok ? Reply.err(dev.fabric.devlink.model.Errno.ENODEV) : Reply.ok();
        ops.set(k, new Timed(t.process, t.op, t.invoke, t.complete, wrong, t.info));
      }
      Histories h = new Histories();
      List<long[]> events = new ArrayList<>(); // time, op or window, kind: 0 invoke, 1 complete, 2 start, 3 heal
      for (int i = 0; i < n; i++) {
        events.add(new long[] {ops.get(i).invoke * 2, i, 0});
        events.add(new long[] {ops.get(i).complete * 2 + 1, i, 1});
      }
      for (int w = 0; w < windows.size(); w++) {
        events.add(new long[] {windows.get(w)[0] * 2, w, 2});
        events.add(new long[] {windows.get(w)[1] * 2 + 1, w, 3});
      }
      events.sort(Comparator.comparingLong((long[] e) -> e[0]).thenComparingLong(e -> e[2]).thenComparingLong(e -> e[1]));
      for (long[] e : events) {
        if (e[2] >= 2) {
          // both kinds: the search tries a partition's "no restart" first, a kill's restart first
          h.h.nemesis(Histories.HOST, e[1] % 2 == 0 ? "kill-member" : "partition", e[2] == 2 ? "start" : "heal",
              List.of((int) e[1]));
          continue;
        }
        Timed t = ops.get((int) e[1]);
        if (e[2] == 0) {
          h.invoke(t.process, t.op);
        } else if (t.info) {
          h.info(t.process, t.op);
        } else {
          h.answer(t.process, t.op, t.reply);
        }
      }
      List<Operations.Operation> recorded = new ArrayList<>(Operations.of(h.h));
      for (Checks.RestartWindow w : Checks.restartWindows(h.h)) {
        recorded.add(w.powerCycle(Histories.HOST, 1));
        recorded.add(w.reprobed(Histories.HOST, 1));
      }
      boolean expected = exhaustive(recorded, initial);
      boolean got = LinearizabilityChecker.linearizable(recorded, initial);
      final int round_ = round;
      assertEquals(expected, got, () -> "round " + round_ + ": " + recorded);
      if (!initial.exists()) {
        // the checker's own entry point (it finds the windows in the history) starts from no device
        assertEquals(expected, new LinearizabilityChecker().check(h.h, new Checker.Setup(Set.of("ns1"),
            Set.of("fw.bin"))).valid(), () -> "round " + round_ + " (check): " + recorded);
      }
      if (expected) {
        valid++;
      } else {
        invalid++;
      }
    }
    System.out.println("property across restarts: " + valid + " linearizable, " + invalid + " not, all agreeing ("
        + withCycle + " power cycles happened)");
    assertTrue(valid > 100 && invalid > 50, valid + " valid, " + invalid + " invalid: the generator covers both");
  }

  /** Every permutation of every subset that keeps all completed operations, in real-time order. */
  static boolean exhaustive(List<Operations.Operation> ops, DeviceSpec initial) {
    return extend(ops, new boolean[ops.size()], initial);
  }

  private static boolean extend(List<Operations.Operation> ops, boolean[] used, DeviceSpec state) {
    boolean allCompletedUsed = true;
    for (int i = 0; i < ops.size(); i++) {
      if (!used[i] && !ops.get(i).indeterminate()) {
        allCompletedUsed = false;
      }
    }
    if (allCompletedUsed) {
      return true;
    }
    for (int i = 0; i < ops.size(); i++) {
      if (used[i]) {
        continue;
      }
      // i may go next only if no unused completed operation finished before i began
      boolean allowed = true;
      for (int j = 0; j < ops.size(); j++) {
        if (!used[j] && j != i && !ops.get(j).indeterminate() && ops.get(j).complete() < ops.get(i).invoke()) {
          allowed = false;
        }
      }
      if (!allowed) {
        continue;
      }
      Operations.Operation o = ops.get(i);
      if (o.op() instanceof ChaosOp.PowerCycle) {
        // at most once inside its window: here, or (the same real-time constraints) not at all
        used[i] = true;
        DeviceSpec cycled = state.copy();
        cycled.step(o.op()); // powered on, the card probing again (its Reprobed op follows in the window)
        boolean found = extend(ops, used, cycled) || extend(ops, used, state);
        used[i] = false;
        if (found) {
          return true;
        }
        continue;
      }
      DeviceSpec next = state.copy();
      Reply<?> r = next.step(ops.get(i).op());
      String expected = o.value() == null || o.value().isNull() ? null
          : dev.fabric.chaos.FabricOps.withoutHostState(o.value()).toString();
      if (!o.matches(r, expected)) {
        continue;
      }
      used[i] = true;
      if (extend(ops, used, next)) {
        used[i] = false;
        return true;
      }
      used[i] = false;
    }
    return false;
  }


}
