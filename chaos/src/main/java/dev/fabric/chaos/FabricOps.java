package dev.fabric.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fabric.devlink.actor.Registry;
import dev.fabric.devlink.client.DevlinkClient;
import dev.fabric.devlink.model.DevHandle;
import dev.fabric.devlink.model.DevOp;
import dev.fabric.devlink.model.DriverOp;
import dev.fabric.devlink.model.HealthOp;
import dev.fabric.devlink.model.Op;
import dev.fabric.devlink.model.Ack;
import dev.fabric.devlink.model.Param;
import dev.fabric.devlink.model.ParamValue;
import dev.fabric.devlink.model.ParamOp;
import dev.fabric.devlink.model.PortOp;
import dev.fabric.devlink.model.PortState;
import dev.fabric.devlink.model.RegionOp;
import dev.fabric.devlink.model.Reply;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The one place that turns a {@link ChaosOp} into the fabric's protocol: the client call the
 * runner makes, the request the sequential model steps ({@link DeviceSpec}), and the recorded form
 * of a reply. Both sides use {@link #toOp}, so the checker replays exactly what was sent.
 */
public final class FabricOps {
  private FabricOps() {}

  /** The namespace new devices are created in (the host's init namespace). */
  public static final String INIT_NETNS = Registry.INIT_NETNS;

  /** Sends {@code op} to the host behind {@code client}. */
  @SuppressWarnings("unchecked")
  public static CompletionStage<Reply<?>> send(DevlinkClient client, ChaosOp op) {
    if (op instanceof ChaosOp.NewDevice n) {
      return (CompletionStage<Reply<?>>) (CompletionStage<?>) client.newDevice(n.id() + " " + n.ports(), INIT_NETNS);
    }
    if (op instanceof ChaosOp.DelDevice d) {
      return (CompletionStage<Reply<?>>) (CompletionStage<?>) client.delDevice(Integer.toString(d.id()));
    }
    return (CompletionStage<Reply<?>>) (CompletionStage<?>) client.request(null, DevHandle.netdevsim(op.id()), toOp(op));
  }

  /** The devlink or driver request of a per-instance operation (not new/del_device). */
  public static Op<?> toOp(ChaosOp op) {
    if (op instanceof ChaosOp.DevGet) {
      return new DevOp.Get();
    } else if (op instanceof ChaosOp.DevInfo) {
      return new DevOp.InfoGet();
    } else if (op instanceof ChaosOp.PortGet p) {
      return new PortOp.Get(p.port());
    } else if (op instanceof ChaosOp.PortDump) {
      return new PortOp.Dump();
    } else if (op instanceof ChaosOp.PortSet p) {
      return new PortOp.SetType(p.port(), PortState.Type.valueOf(p.type().toUpperCase(Locale.ROOT)));
    } else if (op instanceof ChaosOp.PortNew p) {
      return new DriverOp.SysfsWrite("new_port", Long.toString(p.port()));
    } else if (op instanceof ChaosOp.PortDel p) {
      return new DriverOp.SysfsWrite("del_port", Long.toString(p.port()));
    } else if (op instanceof ChaosOp.ParamGet p) {
      return new ParamOp.Get(p.param());
    } else if (op instanceof ChaosOp.ParamSet p) {
      return new ParamOp.Set(p.param(), Param.Cmode.valueOf(p.cmode().toUpperCase(Locale.ROOT)), typed(p.value()));
    } else if (op instanceof ChaosOp.Reload r) {
      return new DevOp.Reload(
          Optional.ofNullable(r.action()).map(a -> DevOp.Action.valueOf(a.toUpperCase(Locale.ROOT))),
          Optional.ofNullable(r.limit()).map(l -> DevOp.Limit.valueOf(l.toUpperCase(Locale.ROOT))),
          Optional.ofNullable(r.netns()));
    } else if (op instanceof ChaosOp.SriovNumvfs s) {
      return new DriverOp.SysfsWrite("sriov_numvfs", Integer.toString(s.vfs()));
    } else if (op instanceof ChaosOp.EswitchSet e) {
      return DevOp.EswitchSet.mode(DevOp.EswitchMode.valueOf(e.mode().toUpperCase(Locale.ROOT)));
    } else if (op instanceof ChaosOp.Flash f) {
      return new DevOp.Flash(f.file(), Optional.empty(), Optional.empty());
    } else if (op instanceof ChaosOp.HealthRecover h) {
      return new HealthOp.Recover(h.reporter());
    } else if (op instanceof ChaosOp.RegionNew r) {
      return new RegionOp.New(r.region(), Optional.of(r.snapshot()));
    } else if (op instanceof ChaosOp.RegionDel r) {
      return new RegionOp.Del(r.region(), r.snapshot());
    } else if (op instanceof ChaosOp.Knob k) {
      return new DriverOp.DebugfsWrite(k.knob(), k.value());
    }
    throw new IllegalArgumentException("not a per-instance operation: " + op);
  }

  /**
   * A param value as the client types it for netdevsim's params: a number is a u32 (max_macs),
   * true/false a flag (test1), anything else a string.
   */
  static ParamValue typed(String value) {
    if (value.matches("\\d+")) {
      return new ParamValue.U32(Long.parseLong(value));
    }
    if (value.equals("true") || value.equals("false")) {
      return new ParamValue.Bool(Boolean.parseBoolean(value));
    }
    return new ParamValue.Str(value);
  }

  /** The recorded value of a successful reply (null for a bare ack). */
  public static JsonNode value(Reply.Ok<?> ok) {
    return ok.value() == null || ok.value() instanceof Ack ? null : Json.JSON.valueToTree(ok.value());
  }

  public static HistoryEvent.Error error(Reply.Err<?> err) {
    return new HistoryEvent.Error(err.errno().name(), err.extack().orElse(null));
  }

  /**
   * A recorded value with what the host as a whole decides removed: netdev names come from the
   * host's net stack (lowest free name per namespace, shared by every device), so a per-instance
   * model cannot predict them. This is the linearizability checker's stated relaxation.
   */
  public static JsonNode withoutHostState(JsonNode v) {
    if (v == null || !(v.isObject() || v.isArray())) {
      return v;
    }
    JsonNode copy = v.deepCopy();
    strip(copy);
    return copy;
  }

  /** As {@link #withoutHostState} on a tree the caller owns (no copy). */
  public static JsonNode stripHostState(JsonNode v) {
    if (v != null) {
      strip(v);
    }
    return v;
  }

  private static void strip(JsonNode n) {
    if (n instanceof ObjectNode o) {
      o.remove("netdev");
      o.elements().forEachRemaining(FabricOps::strip);
    } else if (n instanceof ArrayNode a) {
      a.elements().forEachRemaining(FabricOps::strip);
    }
  }
}
