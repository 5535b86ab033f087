package dev.fabric.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.fabric.cluster.cli.Endpoint;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The endpoint target sends the bearer token its endpoint names on every request, and says so
 * plainly when a fabric refuses it; it picks the first host without devices. Against a stand-in
 * for the fabric API on 127.0.0.1 (the JDK's HTTP server) that checks the Authorization header.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EndpointAuthTest {
  private static final String TOKEN = "t0ken-for-the-endpoint-test";
  private HttpServer server;
  private String url;

  @BeforeAll
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/api/hosts", exchange -> {
      boolean ok = ("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"));
      String card = "{\"bus\":\"netdevsim\",\"id\":1,\"portCount\":2,\"numQueues\":1,"
          + "\"nvm\":{\"firmware\":{},\"permanentParams\":{}}}";
      byte[] body = (ok ? "[{\"host\":\"h1\",\"member\":\"m1\",\"status\":\"up\",\"boots\":1,\"cards\":[" + card
          + "],\"devices\":[]},{\"host\":\"c1\",\"member\":\"m2\",\"status\":\"up\",\"boots\":1,\"cards\":[],"
          + "\"devices\":[]}]" : "{\"errno\":\"EACCES\",\"message\":\"token\"}").getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(ok ? 200 : 401, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
    url = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterAll
  void stop() {
    server.stop(0);
  }

  private static Endpoint endpoint(String url, String token) {
    return new Endpoint("t", List.of(url), List.of(), 0, token, null, null, null);
  }

  @Test
  void theTokenIsSentAndTheHostWithoutDevicesIsTaken() {
    try (EndpointChaosTarget t = EndpointChaosTarget.connect(endpoint(url, TOKEN), url)) {
      assertEquals(List.of("c1"), t.hosts());
    }
  }

  @Test
  void aMissingOrWrongTokenIsAClearError() {
    for (String token : new String[] {null, "wrong"}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> EndpointChaosTarget.connect(endpoint(url, token), url));
      assertTrue(e.getMessage().contains("requires a token"), e.getMessage());
    }
  }
}
