package dev.fabric.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fabric.cluster.cli.Endpoint;
import dev.fabric.devices.LatencyProfile;
import dev.fabric.devlink.client.DevlinkClient;
import dev.fabric.devlink.model.Ack;
import dev.fabric.devlink.model.Errno;
import dev.fabric.devlink.model.Reply;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What the two remote transports refuse, and how, now that the list is written once: each
 * operation outside the protocol fails its stage (or the call) with the transport's own reason, and
 * a firmware name that is not plain is EINVAL before anything is sent. Nothing here reaches a
 * fabric: the HTTP client points at a port nobody listens on, the entity client at no member.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RemoteHostClientTest {
  private final HttpFabric nowhere;
  private final DevlinkClient http;
  private final DevlinkClient entity = new EntityClient("c1", () -> {
    throw new AssertionError("an operation outside the protocol reached for a member");
  }, Duration.ofSeconds(1));

  RemoteHostClientTest() throws Exception {
    nowhere = new HttpFabric(Endpoint.of("http://127.0.0.1:9"));
    http = new HttpDevlinkClient(nowhere, "c1");
  }

  @AfterAll
  void stop() {
    nowhere.close();
  }

  /** Each refused operation, by the name its failure starts with. */
  private static Map<String, Function<DevlinkClient, CompletionStage<?>>> refused() {
    Map<String, Function<DevlinkClient, CompletionStage<?>>> ops = new LinkedHashMap<>();
    ops.put("set latency", c -> c.setLatency(1, LatencyProfile.INSTANT));
    ops.put("set default latency", c -> c.setDefaultLatency(LatencyProfile.INSTANT));
    ops.put("firmware list", DevlinkClient::firmware);
    ops.put("links", c -> c.links(null));
    ops.put("stats", DevlinkClient::stats);
    return ops;
  }

  private static Throwable failure(CompletionStage<?> stage) {
    ExecutionException e = assertThrows(ExecutionException.class,
        () -> stage.toCompletableFuture().get(10, TimeUnit.SECONDS));
    return e.getCause();
  }

  private static void refusesWith(DevlinkClient client, String reason) {
    refused().forEach((what, op) -> {
      Throwable t = failure(op.apply(client));
      assertTrue(t instanceof UnsupportedOperationException, what + ": " + t);
      assertEquals(what + ": " + reason, t.getMessage());
    });
  }

  @Test
  void theClusterRefusesWhatItHasNoMessageFor() {
    refusesWith(entity, "no cluster message for it");
    assertEquals("monitor subscriptions: the cluster publishes rendered events on a topic",
        assertThrows(UnsupportedOperationException.class, () -> entity.subscribe(null, null)).getMessage());
    assertEquals("monitor fences: the cluster publishes rendered events on a topic",
        assertThrows(UnsupportedOperationException.class, () -> entity.fence(null, 1)).getMessage());
  }

  @Test
  void theApiRefusesWhatItHasNoRouteFor() {
    refusesWith(http, "not used over the fabric API");
    assertEquals("monitor subscriptions: the fabric API streams events (GET /api/monitor)",
        assertThrows(UnsupportedOperationException.class, () -> http.subscribe(null, null)).getMessage());
    assertEquals("monitor fences: the fabric API streams events (GET /api/monitor)",
        assertThrows(UnsupportedOperationException.class, () -> http.fence(null, 1)).getMessage());
  }

  @Test
  void aFirmwareNameThatIsNotPlainIsEinvalBeforeAnythingIsSent() throws Exception {
    for (DevlinkClient c : new DevlinkClient[] {entity, http}) {
      Reply<Ack> r = c.firmwareWrite("../etc/passwd", "x").toCompletableFuture().get(10, TimeUnit.SECONDS);
      assertTrue(r instanceof Reply.Err<?> e && e.errno() == Errno.EINVAL, String.valueOf(r));
    }
  }
}
