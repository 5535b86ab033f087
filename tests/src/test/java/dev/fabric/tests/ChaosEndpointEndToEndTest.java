package dev.fabric.tests;

import static dev.fabric.tests.FabricProcess.freePort;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fabric.chaos.Schedule;
import dev.fabric.tests.FabricProcess.Proc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `fabric chaos run --endpoint URL` as a user runs it, every part a real process: `fabric up`
 * starts three members (a host c1 without devices, which the run takes, and h2 with one); a short
 * seeded run sends its operations over the HTTP API, records c1's monitor events from the API's
 * event stream, SIGKILLs the member process holding c1 once and heals when c1 answers again from a
 * survivor; every checker runs (the monitor checker on the streamed events, across the restart) and
 * the verdict is valid, exit 0. A URL where no fabric answers, or no URL at all, is a clear error
 * with status 2 and no stack trace.
 */
class ChaosEndpointEndToEndTest {
  private static final Path ROOT = FabricProcess.ROOT;

  private static Proc fabric(Path endpoint, String... args) throws IOException, InterruptedException {
    return FabricProcess.fabric(endpoint, Duration.ofSeconds(300), args);
  }

  private static void noStackTrace(Proc p) {
    assertFalse(p.err().contains("\tat ") || p.err().contains("Exception in thread"), p.err());
  }

  @Test
  void aBadEndpointIsAClearError(@TempDir Path tmp) throws Exception {
    Path endpoint = tmp.resolve("endpoint.json");
    Proc none = fabric(endpoint, "chaos", "run", "--endpoint", "http://127.0.0.1:" + freePort(), "--duration", "1s",
        "--out", tmp.resolve("none").toString());
    assertEquals(2, none.rc(), none.out() + none.err());
    assertTrue(none.err().startsWith("fabric chaos: no fabric answers at http://127.0.0.1:"), none.err());
    noStackTrace(none);
    Proc notUrl = fabric(endpoint, "chaos", "run", "--endpoint", "localhost-8080", "--out", tmp.resolve("x").toString());
    assertEquals(2, notUrl.rc(), notUrl.out() + notUrl.err());
    assertTrue(notUrl.err().contains("not an http(s) URL"), notUrl.err());
    noStackTrace(notUrl);
    assertFalse(Files.exists(tmp.resolve("none")), "no report for a run that never started");
  }

  @Test
  void aSeededRunAgainstFabricUpWithOneKillIsGreen(@TempDir Path tmp) throws Exception {
    StringBuilder yaml = new StringBuilder("name: chaos-e2e\nmembers:\n");
    for (int i = 1; i <= 3; i++) {
      yaml.append("  - {name: m").append(i).append(", host: 127.0.0.1, port: ").append(freePort())
          .append(", api-port: ").append(freePort()).append("}\n");
    }
    yaml.append("seeds: [m1, m2]\nhosts:\n")
        .append("  - {name: h2, latency: instant, devices: [{profile: netdevsim, id: 1, ports: 2}]}\n")
        .append("  - {name: c1, latency: instant, devices: []}\n");
    Path config = tmp.resolve("fabric.yaml");
    Files.writeString(config, yaml.toString());
    // The cluster schedule (mixed, reload storm, churn; one kill a quarter in, healed at the half,
    // a host reboot at 70%),
    // paced so that a few hundred operations go over HTTP.
    Schedule standard = Schedule.clusterStandard(5, 3_000);
    Schedule paced = new Schedule(standard.seed(), standard.devices(), standard.spareIds(), standard.namespaces(),
        standard.firmware(), standard.latency(), 3, new Schedule.Pacing(10, 30), standard.opDeadlineMs(),
        standard.phases(), standard.nemesis());
    Path schedule = tmp.resolve("schedule.yaml");
    paced.write(schedule);

    Path endpoint = tmp.resolve("endpoint.json");
    Path upOut = tmp.resolve("up.out");
    ProcessBuilder pb = new ProcessBuilder(ROOT.resolve("fabric").toString(), "up", "--config", config.toString())
        .directory(ROOT.toFile()).redirectOutput(upOut.toFile()).redirectErrorStream(true);
    pb.environment().put("FABRIC_ENDPOINT_FILE", endpoint.toString());
    Process up = pb.start();
    try {
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
      while (!Files.exists(endpoint) && up.isAlive() && System.nanoTime() < end) {
        Thread.sleep(250);
      }
      assertTrue(Files.exists(endpoint), "fabric up did not come up:\n" + Files.readString(upOut));
      JsonNode ep = new ObjectMapper().readTree(endpoint.toFile());
      String api = ep.get("apis").get(1).asText();

      Path dir = tmp.resolve("run");
      long t0 = System.nanoTime();
      Proc run = fabric(endpoint, "chaos", "run", "--endpoint", api, "--schedule", schedule.toString(),
          "--out", dir.toString());
      System.out.printf("fabric chaos run --endpoint (seed 5, %d processes, one kill): %.1f s%n%s", paced.processes(),
          (System.nanoTime() - t0) / 1e9, run.out());
      assertEquals(0, run.rc(), () -> run.out() + run.err() + memberLogs(ep));
      noStackTrace(run);
      assertTrue(run.out().contains("verdict: valid"), run.out());
      assertTrue(run.out().lines().anyMatch(l -> l.matches("\\s+monitor\\s+pass\\s+\\{events=[1-9].*")), run.out());

      List<JsonNode> history = new ArrayList<>();
      for (String line : Files.readAllLines(dir.resolve("history.jsonl"))) {
        history.add(new ObjectMapper().readTree(line));
      }
      assertTrue(history.stream().allMatch(e -> "c1".equals(e.path("host").asText())), "the run attacked c1 only");
      List<String> faults = history.stream().filter(e -> e.path("event").asText().equals("nemesis"))
          .map(e -> e.get("fault").asText() + "/" + e.get("phase").asText()).toList();
      // the standard cluster schedule's kill (25%, heal 45%) and host reboot (70%); the reboot may
      // begin while the kill's heal still waits for the host
      assertEquals(List.of("host-reboot/heal", "host-reboot/start", "kill-member/heal", "kill-member/start"),
          faults.stream().sorted().toList());
      assertTrue(history.stream().anyMatch(e -> "boot".equals(e.path("object").asText())),
          "the host's restart on a survivor shows in the streamed events");
      JsonNode target = new ObjectMapper().readTree(dir.resolve("target.json").toFile());
      assertEquals("endpoint", target.get("kind").asText());
      assertEquals(api, target.get("endpoint").asText());
      long membersAlive = 0;
      for (JsonNode m : ep.get("members")) {
        membersAlive += ProcessHandle.of(m.get("pid").asLong()).map(ProcessHandle::isAlive).orElse(false) ? 1 : 0;
      }
      assertEquals(2, membersAlive, "one member process was killed");
    } finally {
      up.destroy(); // SIGTERM, as Ctrl-C: the shutdown hook stops every member
      if (!up.waitFor(90, TimeUnit.SECONDS)) {
        up.destroyForcibly();
      }
    }
  }

  /** The warnings of every member's log, for a failure's message. */
  private static String memberLogs(JsonNode ep) {
    StringBuilder b = new StringBuilder();
    try (var files = Files.list(java.nio.file.Path.of(ep.path("logs").asText()))) {
      for (Path f : files.sorted().toList()) {
        b.append("\n== ").append(f.getFileName()).append('\n');
        Files.readAllLines(f).stream().filter(l -> l.contains("WARN") || l.contains("ERROR"))
            .filter(l -> !l.contains("JMX")).limit(40).forEach(l -> b.append(l).append('\n'));
      }
    } catch (Exception e) {
      b.append("(member logs: ").append(e).append(")");
    }
    return b.toString();
  }
}
