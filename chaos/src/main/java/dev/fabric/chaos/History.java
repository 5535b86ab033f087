package dev.fabric.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A run's history: events in the order they were recorded, each with its index. Appending is
 * synchronized (client completions, the nemesis and the monitor recorder append from different
 * threads); the time comes from the run's clock.
 */
public final class History {
  private final List<HistoryEvent> events = new ArrayList<>();
  private final LongSupplier clock;

  public History(LongSupplier nanosSinceStart) {
    this.clock = nanosSinceStart;
  }

  /** A history read back (or built by hand in a test): no clock, no appending. */
  public History(List<HistoryEvent> events) {
    this.clock = () -> {
      throw new IllegalStateException("a recorded history is read-only");
    };
    this.events.addAll(events);
  }

  public synchronized HistoryEvent.Op invoke(String host, int process, ChaosOp op) {
    return add(new HistoryEvent.Op(events.size(), clock.getAsLong(), host, process, HistoryEvent.Type.INVOKE, op,
        op.key(), null, null));
  }

  public synchronized HistoryEvent.Op complete(String host, int process, ChaosOp op, HistoryEvent.Type type,
      JsonNode value, HistoryEvent.Error error) {
    return add(new HistoryEvent.Op(events.size(), clock.getAsLong(), host, process, type, op, op.key(), value,
        error));
  }

  public synchronized HistoryEvent.Nemesis nemesis(String host, String fault, String phase, List<Integer> targets) {
    return add(new HistoryEvent.Nemesis(events.size(), clock.getAsLong(), host, fault, phase, targets));
  }

  public synchronized HistoryEvent.Monitor monitor(String host, String netns, String object, String cmd, String dev,
      Long port, JsonNode payload) {
    return add(new HistoryEvent.Monitor(events.size(), clock.getAsLong(), host, netns, object, cmd, dev, port,
        payload));
  }

  public synchronized HistoryEvent.Dump dump(String host, Map<String, HistoryEvent.DumpedInstance> instances) {
    return add(new HistoryEvent.Dump(events.size(), clock.getAsLong(), host, instances));
  }

  private <E extends HistoryEvent> E add(E e) {
    events.add(e);
    return e;
  }

  public synchronized List<HistoryEvent> events() {
    return Collections.unmodifiableList(new ArrayList<>(events));
  }

  public synchronized int size() {
    return events.size();
  }

  /** One JSON object per line, in index order. */
  public void write(Path file) {
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (HistoryEvent e : events()) {
        w.write(Json.JSON.writeValueAsString(e));
        w.write('\n');
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static History read(Path file) {
    List<HistoryEvent> out = new ArrayList<>();
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int n = 0;
      while ((line = r.readLine()) != null) {
        n++;
        if (line.isBlank()) {
          continue;
        }
        try {
          out.add(Json.JSON.readValue(line, HistoryEvent.class));
        } catch (IOException e) {
          throw new IllegalArgumentException(file + ":" + n + ": not a history event: " + e.getMessage(), e);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new History(out);
  }
}
