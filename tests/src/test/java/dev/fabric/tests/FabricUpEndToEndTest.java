package dev.fabric.tests;

import static dev.fabric.tests.FabricProcess.freePort;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fabric.tests.FabricProcess.Proc;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `fabric up` as a user runs it: three member processes; `fabric devlink -H all dev show` answers
 * from every host; one member is killed with SIGKILL and, from the command line, every host
 * answers again (the killed member's on the survivors, its run-time card kept); then SIGTERM on
 * `fabric up` (what Ctrl-C does) stops every member and removes the endpoint file; `fabric up`
 * again with the same --state brings the hosts back with their cards.
 */
class FabricUpEndToEndTest {
  private static final Path ROOT = FabricProcess.ROOT;

  private static Proc fabric(Path endpoint, String... args) throws IOException, InterruptedException {
    return FabricProcess.fabric(endpoint, Duration.ofSeconds(120), args);
  }

  /** The rows of the host table (HOST MEMBER STATUS ...) that name {@code member}. */
  private static long hostsOf(String table, String member) {
    return table.lines().filter(l -> l.matches("h\\d+\\s+" + member + "\\s.*")).count();
  }

  @Test
  void upDevlinkKillAMemberAndEveryHostAnswersAgain(@TempDir Path tmp) throws Exception {
    StringBuilder yaml = new StringBuilder("name: e2e\nmembers:\n");
    for (int i = 1; i <= 3; i++) {
      yaml.append("  - {name: m").append(i).append(", host: 127.0.0.1, port: ").append(freePort())
          .append(", api-port: ").append(freePort()).append("}\n");
    }
    yaml.append("seeds: [m1, m2]\nhosts:\n");
    for (int i = 1; i <= 6; i++) {
      yaml.append("  - {name: h").append(i).append(", latency: instant, devices: [{profile: netdevsim, id: 1, ports: 2}]}\n");
    }
    Path config = tmp.resolve("fabric.yaml");
    Files.writeString(config, yaml.toString());
    Path endpoint = tmp.resolve("endpoint.json");
    Path upOut = tmp.resolve("up.out");
    ProcessBuilder pb = new ProcessBuilder(ROOT.resolve("fabric").toString(), "up", "--config", config.toString(),
        "--state", tmp.resolve("state").toString()).directory(ROOT.toFile())
        .redirectOutput(upOut.toFile()).redirectErrorStream(true);
    pb.environment().put("FABRIC_ENDPOINT_FILE", endpoint.toString());
    Process up = pb.start();
    String plugged = null;
    try {
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
      while (!Files.exists(endpoint) && up.isAlive() && System.nanoTime() < end) {
        Thread.sleep(250);
      }
      assertTrue(Files.exists(endpoint), "fabric up did not come up:\n" + Files.readString(upOut));
      String table = Files.readString(upOut);
      assertTrue(table.contains("Fabric API: http://127.0.0.1:"), table);
      assertTrue(table.contains("MEMBER") && table.contains("HOST"), table);
      // Three members, six hosts: two each, however late a member came up on a loaded machine
      // (the coordinator holds the first placement until every member registered, HostPlacement).
      for (String m : List.of("m1", "m2", "m3")) {
        assertEquals(2, hostsOf(table, m), m + " in\n" + table);
      }

      Proc all = fabric(endpoint, "devlink", "-H", "all", "dev", "show");
      assertEquals(0, all.rc(), all.err());
      for (int i = 1; i <= 6; i++) {
        assertTrue(all.out().contains("==> h" + i + " <==\nnetdevsim/netdevsim1\n"), all.out());
      }

      // A card plugged in at run time on a host of the member about to die.
      JsonNode ep = new ObjectMapper().readTree(endpoint.toFile());
      Proc status = fabric(endpoint, "status");
      assertEquals(0, status.rc(), status.err());
      // The victim: m2, the younger seed (it holds two hosts, as the table showed).
      String victimMember = "m2";
      String victimHost = status.out().lines().filter(l -> l.matches("h\\d\\s+" + victimMember + "\\s.*"))
          .map(l -> l.split("\\s+")[0]).findFirst().orElseThrow();
      Path script = tmp.resolve("plug.sh");
      Files.writeString(script, "echo '7 1' > /sys/bus/netdevsim/new_device\n");
      assertEquals(0, fabric(endpoint, "run", "-H", victimHost, script.toString()).rc());
      plugged = victimHost;
      // The image write (a majority write) follows the card's event: wait until the host reports it.
      java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
      String api = ep.get("apis").get(0).asText();
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (System.nanoTime() < until && !http.send(java.net.http.HttpRequest.newBuilder(
              java.net.URI.create(api + "/api/hosts/" + victimHost)).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString()).body().matches("(?s).*\"id\":7,.*\"saved\":true.*")) {
        Thread.sleep(100);
      }

      long pid = 0;
      for (JsonNode m : ep.get("members")) {
        if (m.get("name").asText().equals(victimMember)) {
          pid = m.get("pid").asLong();
        }
      }
      ProcessHandle victim = ProcessHandle.of(pid).orElseThrow();
      victim.destroyForcibly(); // SIGKILL
      victim.onExit().get(30, TimeUnit.SECONDS);

      Proc again = null;
      end = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
      while (System.nanoTime() < end) {
        again = fabric(endpoint, "devlink", "-H", "all", "dev", "show");
        if (again.rc() == 0) {
          break;
        }
        Thread.sleep(500);
      }
      assertEquals(0, again.rc(), again.out() + again.err());
      for (int i = 1; i <= 6; i++) {
        assertTrue(again.out().contains("==> h" + i + " <==\nnetdevsim/netdevsim1\n"), again.out());
      }
      assertTrue(again.out().contains("==> " + victimHost + " <==\nnetdevsim/netdevsim1\nnetdevsim/netdevsim7\n"),
          again.out());
      Proc after = fabric(endpoint, "status");
      assertEquals(0, hostsOf(after.out(), victimMember), after.out());
      // Its two hosts went one to each survivor (the fewest hosts first): 3/3.
      assertEquals(3, hostsOf(after.out(), "m1"), after.out());
      assertEquals(3, hostsOf(after.out(), "m3"), after.out());
    } finally {
      up.destroy(); // SIGTERM, as Ctrl-C: the shutdown hook stops every member
      boolean stopped = up.waitFor(90, TimeUnit.SECONDS);
      if (!stopped) {
        up.destroyForcibly();
      }
      assertTrue(stopped, "fabric up did not stop");
    }
    assertFalse(Files.exists(endpoint), "the endpoint file is left behind");
    // Read /proc: ProcessHandle.Info drops command lines as long as a member's classpath.
    String mine = tmp.resolve("state").resolve("fabric.yaml").toString();
    assertTrue(ProcessHandle.allProcesses().noneMatch(p -> {
      try {
        return new String(Files.readAllBytes(Path.of("/proc/" + p.pid() + "/cmdline")), StandardCharsets.UTF_8)
            .contains(mine);
      } catch (IOException e) {
        return false;
      }
    }), "a member is left running");
  }
}
