package dev.fabric.chaos.check;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fabric.chaos.ChaosOp;
import dev.fabric.chaos.History;
import dev.fabric.chaos.HistoryEvent;
import dev.fabric.chaos.Json;
import dev.fabric.devlink.model.DevHandle;
import dev.fabric.devlink.model.PortState;
import java.util.List;
import java.util.Map;

/** Hand-made histories: each call appends one line, the time is the line's index. */
final class Histories {
  static final String HOST = "h";
  private long now;
  final History h = new History(() -> now++);

  Histories invoke(int p, ChaosOp op) {
    h.invoke(HOST, p, op);
    return this;
  }

  Histories ok(int p, ChaosOp op) {
    return ok(p, op, null);
  }

  Histories ok(int p, ChaosOp op, Object value) {
    h.complete(HOST, p, op, HistoryEvent.Type.OK, value == null ? null : Json.JSON.valueToTree(value), null);
    return this;
  }

  Histories fail(int p, ChaosOp op, String errno) {
    h.complete(HOST, p, op, HistoryEvent.Type.FAIL, null, new HistoryEvent.Error(errno, null));
    return this;
  }

  Histories info(int p, ChaosOp op) {
    h.complete(HOST, p, op, HistoryEvent.Type.INFO, null, new HistoryEvent.Error("TIMEOUT", "no answer"));
    return this;
  }

  Histories clientFailure(int p, ChaosOp op) {
    h.complete(HOST, p, op, HistoryEvent.Type.INFO, null, new HistoryEvent.Error("CLIENT", "AskTimeoutException"));
    return this;
  }

  /** invoke and answer at once */
  Histories call(int p, ChaosOp op) {
    return invoke(p, op).ok(p, op);
  }

  Histories nemesis(String phase) {
    h.nemesis(HOST, "slow-hardware", phase, List.of(1));
    return this;
  }

  /** A restarting fault's start or heal ({@code kill-member}: may power-cycle the host). */
  Histories restart(String phase) {
    h.nemesis(HOST, "kill-member", phase, List.of());
    return this;
  }

  /** Invokes {@code op}, steps {@code model} and records the model's answer: what a correct host says. */
  Histories modelCall(int p, ChaosOp op, dev.fabric.chaos.DeviceSpec model) {
    invoke(p, op);
    return answer(p, op, model.step(op));
  }

  /** Records {@code reply} as the completion of {@code op}. */
  Histories answer(int p, ChaosOp op, dev.fabric.devlink.model.Reply<?> reply) {
    if (reply instanceof dev.fabric.devlink.model.Reply.Ok<?> ok) {
      h.complete(HOST, p, op, HistoryEvent.Type.OK, dev.fabric.chaos.FabricOps.value(ok), null);
    } else {
      h.complete(HOST, p, op, HistoryEvent.Type.FAIL, null,
          dev.fabric.chaos.FabricOps.error((dev.fabric.devlink.model.Reply.Err<?>) reply));
    }
    return this;
  }

  /** The marker a cluster target records when the host's events come from a new incarnation. */
  Histories boot(long boots) {
    h.monitor(HOST, null, MonitorChecker.BOOT, "new", null, null,
        dev.fabric.chaos.Json.JSON.createObjectNode().put("member", "m2").put("boots", boots));
    return this;
  }

  Histories mon(String ns, String object, String cmd, int dev, Long port, JsonNode payload) {
    h.monitor(HOST, ns, object, cmd, "netdevsim/netdevsim" + dev, port, payload);
    return this;
  }

  Histories devNew(int dev) {
    return mon("init", "dev", "new", dev, null, null);
  }

  Histories devDel(int dev) {
    return mon("init", "dev", "del", dev, null, null);
  }

  Histories portNew(int dev, long port) {
    return mon("init", "port", "new", dev, port, port(dev, port));
  }

  Histories portDel(int dev, long port) {
    return mon("init", "port", "del", dev, port, port(dev, port));
  }

  Histories dump(Map<String, HistoryEvent.DumpedInstance> instances) {
    h.dump(HOST, instances);
    return this;
  }

  static JsonNode port(int dev, long index) {
    return Json.JSON.valueToTree(PortState.physical(DevHandle.netdevsim(dev), index, "eth" + index));
  }

  static PortState portState(int dev, long index) {
    return PortState.physical(DevHandle.netdevsim(dev), index, "eth" + index);
  }
}
