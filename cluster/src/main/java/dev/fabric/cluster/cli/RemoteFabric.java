package dev.fabric.cluster.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The remote transport of the fabric client: the HTTP API of a running fabric through the JDK's
 * HttpClient (no actor system in the CLI process). Any member's API serves every host; a member
 * that does not answer is skipped for the next one listed.
 */
public final class RemoteFabric {
  /** A request that no member answered (no fabric running, or all members gone). */
  public static final class Unreachable extends IOException {
    Unreachable(String message) {
      super(message);
    }
  }

  /** An answer with its HTTP status and JSON body. */
  public record Answer(int status, JsonNode body) {}

  private final Endpoint endpoint;
  private final HttpClient http;
  private final Duration timeout;
  private int preferred;

  public RemoteFabric(Endpoint endpoint, Duration timeout) throws IOException {
    this.endpoint = endpoint;
    this.timeout = timeout;
    HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3));
    if (endpoint.trustStore() != null && endpoint.apis().stream().anyMatch(a -> a.startsWith("https:"))) {
      b.sslContext(trust(endpoint));
    }
    this.http = b.build();
  }

  public Endpoint endpoint() {
    return endpoint;
  }

  /** The TLS context that trusts the fabric's certificate (its trust store in the endpoint). */
  public static SSLContext trust(Endpoint e) throws IOException {
    try {
      String pw = e.passwordEnv() == null ? null : System.getenv(e.passwordEnv());
      KeyStore ts = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(Path.of(e.trustStore()))) {
        ts.load(in, pw == null ? null : pw.toCharArray());
      }
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(ts);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, tmf.getTrustManagers(), null);
      return ctx;
    } catch (java.security.GeneralSecurityException ex) {
      throw new IOException("cannot load the fabric's trust store: " + ex.getMessage(), ex);
    }
  }

  public Answer get(String path) throws IOException {
    return send(path, null, "GET");
  }

  public Answer post(String path, Object body) throws IOException {
    return send(path, body, "POST");
  }

  /** Tries each member's API in turn (the last one that answered first). */
  private Answer send(String path, Object body, String method) throws IOException {
    List<String> apis = endpoint.apis();
    IOException last = null;
    for (int i = 0; i < apis.size(); i++) {
      int at = (preferred + i) % apis.size();
      HttpRequest.Builder rb = HttpRequest.newBuilder(URI.create(apis.get(at) + path)).timeout(timeout);
      if (endpoint.token() != null) {
        rb.header("Authorization", "Bearer " + endpoint.token());
      }
      if (body != null) {
        rb.header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(Endpoint.JSON.writeValueAsString(body)));
      } else {
        rb.method(method, HttpRequest.BodyPublishers.noBody());
      }
      try {
        HttpResponse<String> r = http.send(rb.build(), HttpResponse.BodyHandlers.ofString());
        preferred = at;
        JsonNode json = r.body().isBlank() ? null : parse(r.body());
        return new Answer(r.statusCode(), json);
      } catch (ConnectException | HttpTimeoutException e) {
        last = e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      } catch (IOException e) {
        last = e;
      }
    }
    throw new Unreachable("no fabric member answers at " + String.join(", ", apis)
        + (last != null && last.getMessage() != null ? " (" + last.getMessage() + ")" : ""));
  }

  private static JsonNode parse(String body) {
    try {
      return Endpoint.JSON.readTree(body);
    } catch (IOException e) {
      return Endpoint.JSON.getNodeFactory().textNode(body);
    }
  }

  /**
   * The monitor stream (Server-Sent Events) of {@code host} (null: all), as the JSON of each
   * event; from the first member that answers. The stream ends when that member goes away.
   */
  public Stream<String> monitor(String host) throws IOException {
    List<String> apis = endpoint.apis();
    IOException last = null;
    for (int i = 0; i < apis.size(); i++) {
      int at = (preferred + i) % apis.size();
      String q = host == null ? "" : "?host=" + java.net.URLEncoder.encode(host, java.nio.charset.StandardCharsets.UTF_8);
      HttpRequest.Builder rb = HttpRequest.newBuilder(URI.create(apis.get(at) + "/api/monitor" + q))
          .header("Accept", "text/event-stream");
      if (endpoint.token() != null) {
        rb.header("Authorization", "Bearer " + endpoint.token());
      }
      try {
        HttpResponse<Stream<String>> r = http.send(rb.GET().build(), HttpResponse.BodyHandlers.ofLines());
        if (r.statusCode() != 200) {
          String text = String.join("\n", r.body().toList());
          throw new IOException("the fabric refused the monitor (" + r.statusCode() + "): " + text);
        }
        preferred = at;
        return r.body().filter(l -> l.startsWith("data:")).map(l -> l.substring(5).strip());
      } catch (ConnectException e) {
        last = e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      }
    }
    throw new Unreachable("no fabric member answers at " + String.join(", ", apis)
        + (last != null ? " (" + last + ")" : ""));
  }

  /** The host names of the fabric, in its file's order. */
  public List<String> hosts() throws IOException {
    Answer a = get("/api/fabric");
    List<String> out = new ArrayList<>();
    if (a.body() != null && a.body().has("hosts")) {
      a.body().get("hosts").forEach(h -> out.add(h.asText()));
    }
    return out;
  }
}
