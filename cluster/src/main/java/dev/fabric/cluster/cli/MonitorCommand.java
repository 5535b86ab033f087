package dev.fabric.cluster.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Iterator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code fabric monitor [-H HOST|all] [-j]}: the cluster-wide devlink monitor, each host's events in
 * the order it emitted them. Text: what `devlink mon` prints, each line prefixed by "[HOST] " when
 * several hosts are followed; -j: JSON Lines, {"host":..,"boots":..,"seq":..,"event":{...}}.
 * Runs until interrupted; when the member it reads from goes away it reads from another.
 */
@Command(name = "monitor", mixinStandardHelpOptions = true,
    description = "Follow the devlink monitor of HOST (default: all hosts) of the running fabric until Ctrl-C.")
final class MonitorCommand implements Callable<Integer> {
  @Option(names = "-H", paramLabel = "HOST", description = "One host, or 'all' (default).")
  String host;

  @Option(names = "-j", description = "JSON Lines: one object per event, naming its host.")
  boolean json;

  @Mixin
  Target target = new Target();

  @Override
  public Integer call() throws IOException {
    RemoteFabric f = target.connect();
    if (f == null) {
      return 1;
    }
    String only = host == null || host.equals("all") ? null : host;
    while (true) {
      Stream<String> events;
      try {
        events = f.monitor(only);
      } catch (RemoteFabric.Unreachable e) {
        System.err.println("fabric: " + e.getMessage());
        return 1;
      } catch (IOException e) {
        System.err.println("fabric: " + e.getMessage());
        return 1;
      }
      try {
        Iterator<String> it = events.iterator();
        while (it.hasNext()) {
          String data = it.next();
          if (data.isEmpty()) {
            continue;
          }
          JsonNode e = Endpoint.JSON.readTree(data);
          print(e, only == null);
        }
      } catch (java.io.UncheckedIOException e) {
        // the member went away: follow from another
      }
      System.err.println("fabric: monitor: the member's stream ended; reconnecting");
    }
  }

  private void print(JsonNode e, boolean prefix) {
    String h = e.get("host").asText();
    if (json) {
      if (e.hasNonNull("json")) {
        System.out.println("{\"host\":" + Endpoint.JSON.getNodeFactory().textNode(h) + ",\"boots\":"
            + e.get("boots").asLong() + ",\"seq\":" + e.get("seq").asLong() + ",\"event\":" + e.get("json").asText()
            + "}");
      }
    } else {
      String text = e.path("text").asText("");
      if (prefix) {
        StringBuilder sb = new StringBuilder();
        for (String line : text.split("\n", -1)) {
          if (!line.isEmpty()) {
            sb.append('[').append(h).append("] ").append(line).append('\n');
          }
        }
        text = sb.toString();
      }
      System.out.print(text);
    }
    System.out.flush();
  }
}
