package dev.fabric.cluster.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The one-screen picture of a fabric: its members (address, status, hosts) and its hosts (member, devices). */
final class Table {
  private Table() {}

  static void print(PrintStream out, JsonNode members, JsonNode hosts) {
    Map<String, List<String>> byMember = new LinkedHashMap<>();
    for (JsonNode h : hosts) {
      if (!h.path("member").isNull() && h.hasNonNull("member")) {
        byMember.computeIfAbsent(h.get("member").asText(), k -> new ArrayList<>()).add(h.get("host").asText());
      }
    }
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"MEMBER", "ADDRESS", "STATUS", "API", "HOSTS"});
    for (JsonNode m : members) {
      String name = m.get("name").asText();
      rows.add(new String[] {name, m.get("address").asText(), m.get("status").asText(),
          m.path("api").isNull() ? "-" : m.path("api").asText("-"),
          String.join(" ", byMember.getOrDefault(name, List.of()))});
    }
    columns(out, rows);
    out.println();
    rows.clear();
    rows.add(new String[] {"HOST", "MEMBER", "STATUS", "BOOTS", "DEVICES"});
    for (JsonNode h : hosts) {
      List<String> devs = new ArrayList<>();
      h.path("devices").forEach(d -> devs.add(d.asText()));
      rows.add(new String[] {h.get("host").asText(), h.path("member").asText("-").equals("null") ? "-"
          : h.path("member").asText("-"), h.get("status").asText(), String.valueOf(h.path("boots").asLong()),
          devs.isEmpty() ? "-" : String.join(" ", devs)});
    }
    columns(out, rows);
  }

  private static void columns(PrintStream out, List<String[]> rows) {
    int n = rows.get(0).length;
    int[] w = new int[n];
    for (String[] r : rows) {
      for (int i = 0; i < n; i++) {
        w[i] = Math.max(w[i], r[i].length());
      }
    }
    for (String[] r : rows) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < n; i++) {
        sb.append(r[i]);
        if (i < n - 1) {
          sb.append(" ".repeat(w[i] - r[i].length() + 2));
        }
      }
      out.println(sb.toString().stripTrailing());
    }
  }
}
