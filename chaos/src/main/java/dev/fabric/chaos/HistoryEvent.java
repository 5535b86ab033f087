package dev.fabric.chaos;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * One line of a run's history (JSON Lines), in Jepsen's vocabulary: {@code index} (position in the
 * file), {@code time} (nanoseconds since the run started: monotonic, or simulated in a
 * deterministic run), {@code host}, and per kind: a client operation's invoke and completion, a
 * nemesis fault's start and heal, a monitor event a host emitted, the final dump.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "event")
@JsonSubTypes({
    @JsonSubTypes.Type(value = HistoryEvent.Op.class, name = "op"),
    @JsonSubTypes.Type(value = HistoryEvent.Nemesis.class, name = "nemesis"),
    @JsonSubTypes.Type(value = HistoryEvent.Monitor.class, name = "monitor"),
    @JsonSubTypes.Type(value = HistoryEvent.Dump.class, name = "dump"),
})
public sealed interface HistoryEvent {
  long index();

  long time();

  String host();

  /** invoke: sent; ok/fail: answered (fail carries the errno); info: no answer by the deadline. */
  enum Type {
    @JsonProperty("invoke") INVOKE,
    @JsonProperty("ok") OK,
    @JsonProperty("fail") FAIL,
    @JsonProperty("info") INFO
  }

  /** errno name and extack text of a failure; for {@code info}, why the outcome is unknown. */
  record Error(String errno, String extack) {}

  /**
   * A client operation's invoke or completion. {@code value} is the reply's value as JSON (null for
   * a bare ack and for invoke lines); {@code error} is set on fail and info lines.
   */
  record Op(long index, long time, String host, int process, Type type, ChaosOp op, String key,
      JsonNode value, Error error) implements HistoryEvent {}

  /** A nemesis fault: {@code phase} start or heal; {@code targets} the device ids or members hit. */
  record Nemesis(long index, long time, String host, String fault, String phase, List<Integer> targets)
      implements HistoryEvent {}

  /**
   * A notification a host's monitor group carried: {@code object} dev/port/param/..., {@code cmd}
   * new/del/..., the instance {@code dev} (bus/name), the port index for port events, the payload.
   */
  record Monitor(long index, long time, String host, String netns, String object, String cmd, String dev,
      Long port, JsonNode payload) implements HistoryEvent {}

  /**
   * The host's state after every operation ended and every notification was read: its instances,
   * each one's ports (index → port as PORT_GET shows it) and its info (firmware versions).
   */
  record Dump(long index, long time, String host, Map<String, DumpedInstance> instances)
      implements HistoryEvent {}

  record DumpedInstance(Map<Long, JsonNode> ports, JsonNode info) {}
}
