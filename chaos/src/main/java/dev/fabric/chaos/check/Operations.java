package dev.fabric.chaos.check;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fabric.chaos.ChaosOp;
import dev.fabric.chaos.FabricOps;
import dev.fabric.chaos.History;
import dev.fabric.chaos.HistoryEvent;
import dev.fabric.chaos.Json;
import dev.fabric.devlink.model.Reply;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A history's client operations paired up: each invoke with its completion (a process has one
 * operation outstanding at a time, so the next completion of the same host and process is its).
 */
public final class Operations {
  private Operations() {}

  /**
   * One operation: {@code invoke}/{@code complete} are history indices ({@code complete} is
   * {@link Long#MAX_VALUE} when it never completed), {@code type} OK, FAIL, INFO, or null when
   * the history ends before any completion.
   */
  public record Operation(String host, int process, ChaosOp op, long invoke, long complete, long invokeTime,
      long completeTime, HistoryEvent.Type type, JsonNode value, HistoryEvent.Error error) {

    public boolean indeterminate() {
      return type == null || type == HistoryEvent.Type.INFO;
    }

    /** The recorded answer in the form {@link #matches} compares (netdev names removed). */
    String expectedValue() {
      JsonNode v = FabricOps.withoutHostState(value);
      return v == null || v.isNull() ? null : v.toString();
    }

    /** Whether the sequential model's {@code reply} is the answer this operation received. */
    public boolean matches(Reply<?> reply, String expectedValue) {
      if (indeterminate()) {
        return true;
      }
      if (reply instanceof Reply.Ok<?> ok) {
        if (type != HistoryEvent.Type.OK) {
          return false;
        }
        return Objects.equals(valueText(ok), expectedValue);
      }
      Reply.Err<?> err = (Reply.Err<?>) reply;
      return type == HistoryEvent.Type.FAIL && error != null && err.errno().name().equals(error.errno())
          && Objects.equals(err.extack().orElse(null), error.extack());
    }

    /** The same operation with its outcome unknown (an info completion at the same point). */
    public Operation asIndeterminate() {
      return new Operation(host, process, op, invoke, complete, invokeTime, completeTime, HistoryEvent.Type.INFO,
          null, error);
    }

    public String describe() {
      if (op instanceof ChaosOp.PowerCycle) {
        return "#" + invoke + "..#" + complete + " restart window: power cycle of " + op.key();
      }
      if (op instanceof ChaosOp.Reprobed) {
        return "#" + invoke + "..#" + complete + " restart window: " + op.key() + " probed again";
      }
      String answer = type == null ? "no answer" : switch (type) {
        case OK -> "ok" + (value == null || value.isNull() ? "" : " " + abbreviate(expectedValue()));
        case FAIL -> "fail " + error.errno() + (error.extack() == null ? "" : " [" + error.extack() + "]");
        case INFO -> "info " + (error == null ? "" : error.errno() + (error.extack() == null ? "" : " " + error.extack()));
        default -> type.toString();
      };
      return "#" + invoke + " p" + process + " " + Json.JSON.valueToTree(op) + " -> " + answer;
    }
  }

  static String abbreviate(String s) {
    return s == null || s.length() <= 160 ? s : s.substring(0, 157) + "...";
  }

  /** A successful reply's value as the comparison sees it (null for a bare ack). */
  static String valueText(Reply.Ok<?> ok) {
    JsonNode v = FabricOps.value(ok); // a fresh tree: stripped in place
    return v == null ? null : FabricOps.stripHostState(v).toString();
  }

  public static String describe(Reply<?> r) {
    if (r instanceof Reply.Ok<?> ok) {
      String v = valueText(ok);
      return v == null ? "ok" : "ok " + abbreviate(v);
    }
    Reply.Err<?> e = (Reply.Err<?>) r;
    return "fail " + e.errno() + e.extack().map(x -> " [" + x + "]").orElse("");
  }

  /** Every client operation of {@code history}, in invoke order. */
  public static List<Operation> of(History history) {
    List<Operation> out = new ArrayList<>();
    Map<String, Integer> open = new HashMap<>();
    for (HistoryEvent e : history.events()) {
      if (!(e instanceof HistoryEvent.Op o)) {
        continue;
      }
      String who = o.host() + "\u0000" + o.process();
      if (o.type() == HistoryEvent.Type.INVOKE) {
        open.put(who, out.size());
        out.add(new Operation(o.host(), o.process(), o.op(), o.index(), Long.MAX_VALUE, o.time(), Long.MAX_VALUE,
            null, null, null));
      } else {
        Integer at = open.remove(who);
        if (at == null) {
          continue; // a completion without its invoke: the liveness checker reports malformed lines
        }
        Operation inv = out.get(at);
        out.set(at, new Operation(inv.host(), inv.process(), inv.op(), inv.invoke(), o.index(), inv.invokeTime(),
            o.time(), o.type(), o.value(), o.error()));
      }
    }
    return out;
  }
}
