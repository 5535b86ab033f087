package dev.fabric.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Three members in one JVM: six hosts spread over them, answering requests from any member. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterRoutingTest {
  private LocalCluster cluster;
  private final HttpClient http = HttpClient.newHttpClient();
  private final Map<String, String> placement = new HashMap<>();

  @BeforeAll
  void start() throws Exception {
    List<FabricSpec.HostSpec> hosts = new java.util.ArrayList<>();
    for (int i = 1; i <= 6; i++) {
      hosts.add(new FabricSpec.HostSpec("h" + i, List.of(new FabricSpec.Device("netdevsim", 1, 2, 1),
          new FabricSpec.Device("netdevsim", 2, 2, 1)), "instant"));
    }
    FabricSpec spec = new FabricSpec("routing", List.of(new FabricSpec.Member("m1", "127.0.0.1", 0, null, 0)),
        null, hosts, null).validated();
    cluster = new LocalCluster(spec, 3, "");
    // The first Describe starts its host wherever the coordinator places it: only once every
    // member's region has registered does the coordinator spread them (on a loaded machine the
    // asks below could otherwise come first and find one region).
    var region = org.apache.pekko.cluster.sharding.ClusterSharding.get(
        org.apache.pekko.actor.typed.javadsl.Adapter.toClassic(cluster.members.get(0))).shardRegion(HostEntity.KEY.name());
    org.apache.pekko.actor.testkit.typed.javadsl.TestProbe.create(cluster.members.get(0)).awaitAssert(
        Duration.ofSeconds(30), Duration.ofMillis(200), () -> {
          Object r = org.apache.pekko.pattern.Patterns.ask(region,
              org.apache.pekko.cluster.sharding.ShardRegion.getCurrentRegionsInstance(), Duration.ofSeconds(3))
              .toCompletableFuture().join();
          assertEquals(3, ((org.apache.pekko.cluster.sharding.ShardRegion.CurrentRegions) r).getRegions().size());
          return null;
        });
    for (int i = 1; i <= 6; i++) {
      HostEntity.HostInfo info = cluster.ask(0, "h" + i, HostEntity.Describe::new, Duration.ofSeconds(20));
      placement.put(info.host(), info.member());
    }
  }

  @AfterAll
  void stop() {
    cluster.close();
  }

  @Test
  void hostsAreSpreadOverTheMembers() {
    Set<String> members = new HashSet<>(placement.values());
    assertTrue(members.size() >= 2, "hosts all on " + placement);
  }

  @Test
  void everyMemberReachesEveryHostWithItsCardsProbed() throws Exception {
    for (int via = 0; via < 3; via++) {
      for (int i = 1; i <= 6; i++) {
        HostEntity.ExecResult r = cluster.ask(via, "h" + i,
            reply -> new HostEntity.Exec("devlink dev show\n", false, reply), Duration.ofSeconds(20));
        assertEquals("netdevsim/netdevsim1\nnetdevsim/netdevsim2\n", r.stdout(), "h" + i + " via m" + (via + 1));
        assertEquals(0, r.status());
      }
    }
  }

  @Test
  void theHttpApiOfOneMemberRunsLinesOnHostsOfOthers() throws Exception {
    String api = cluster.apiUrl(0);
    String remote = placement.entrySet().stream().filter(e -> !e.getValue().equals("m1")).findFirst()
        .orElseThrow().getKey();
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(api + "/api/hosts/" + remote + "/run"))
        .POST(HttpRequest.BodyPublishers.ofString("{\"script\":\"devlink -j dev show\\ndevlink dev show nope\\n\"}"))
        .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
    var body = Api.JSON.readTree(r.body());
    assertEquals("{\"dev\":{\"netdevsim/netdevsim1\":{},\"netdevsim/netdevsim2\":{}}}\n", body.get("stdout").asText());
    assertEquals(1, body.get("status").asInt());
    assertTrue(body.get("stderr").asText().contains("identification"), body.toString());
  }

  @Test
  void unknownFieldsAndBadTypesAreA400() throws Exception {
    String api = cluster.apiUrl(1);
    for (String bad : List.of("{\"script\":\"devlink dev show\",\"bogus\":1}", "{\"script\":5, \"transcript\":\"x\"}",
        "not json")) {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(api + "/api/hosts/h1/run"))
          .POST(HttpRequest.BodyPublishers.ofString(bad)).header("Content-Type", "application/json").build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(400, r.statusCode(), bad + " -> " + r.body());
      assertTrue(r.body().contains("\"errno\":\"EINVAL\""), r.body());
    }
    // A body over the limit is refused on its declared length, before it is read: the request
    // goes over a plain socket with the headers only (an HTTP client writing all 2 MB sometimes
    // hits the connection the server closed after answering 413: a broken pipe, not an answer).
    URI u = URI.create(api);
    String status;
    try (java.net.Socket socket = new java.net.Socket(u.getHost(), u.getPort())) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(("POST /api/hosts/h1/run HTTP/1.1\r\nHost: " + u.getHost() + "\r\n"
          + "Content-Type: application/json\r\nContent-Length: 2000000\r\n\r\n{\"script\":\"")
          .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      status = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
          java.nio.charset.StandardCharsets.US_ASCII)).readLine();
    }
    assertTrue(status != null && status.startsWith("HTTP/1.1 413"), String.valueOf(status));
    HttpResponse<String> none = http.send(HttpRequest.newBuilder(URI.create(api + "/api/hosts/h9/run"))
        .POST(HttpRequest.BodyPublishers.ofString("{\"script\":\"\"}")).header("Content-Type", "application/json")
        .build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(404, none.statusCode());
  }

  @Test
  void typedDevlinkRequestsAnswerTypedReplies() throws Exception {
    String api = cluster.apiUrl(1);
    HttpResponse<String> ok = post(api + "/api/hosts/h3/devlink",
        "{\"dev\":\"netdevsim/netdevsim1\",\"op\":{\"op\":\"eswitch-get\"}}");
    assertEquals(200, ok.statusCode(), ok.body());
    assertTrue(ok.body().startsWith("{\"reply\":\"ok\""), ok.body());
    assertTrue(ok.body().contains("legacy") || ok.body().contains("LEGACY"), ok.body());
    HttpResponse<String> err = post(api + "/api/hosts/h3/devlink",
        "{\"dev\":\"netdevsim/netdevsim9\",\"op\":{\"op\":\"dev-get\"}}");
    assertEquals(200, err.statusCode(), err.body());
    assertTrue(err.body().contains("\"reply\":\"err\"") && err.body().contains("ENODEV"), err.body());
    HttpResponse<String> unknownOp = post(api + "/api/hosts/h3/devlink",
        "{\"dev\":\"netdevsim/netdevsim1\",\"op\":{\"op\":\"dev-explode\"}}");
    assertEquals(400, unknownOp.statusCode(), unknownOp.body());
    HttpResponse<String> className = post(api + "/api/hosts/h3/devlink",
        "{\"dev\":\"netdevsim/netdevsim1\",\"op\":{\"op\":\"dev.fabric.devlink.model.DevOp$Get\"}}");
    assertEquals(400, className.statusCode(), className.body());
  }

  private HttpResponse<String> post(String url, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(body))
        .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void busAndDebugfsActionsAnswerWithTheKernelsErrno() throws Exception {
    String api = cluster.apiUrl(2);
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(api + "/api/hosts/h2/bus/new_device"))
        .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"1 1\"}")).header("Content-Type", "application/json")
        .build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode());
    assertTrue(r.body().contains("\"ok\":false") && r.body().contains("ENOSPC"), r.body());
    HttpResponse<String> ids = http.send(HttpRequest.newBuilder(URI.create(api + "/api/hosts/h2/bus/devices"))
        .GET().build(), HttpResponse.BodyHandlers.ofString());
    assertTrue(ids.body().contains("\"values\":[\"1\",\"2\"]"), ids.body());
  }
}
