package dev.fabric.cluster;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fabric.cluster.cli.Endpoint;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP API of a running fabric as a chaos run uses it: asynchronous requests (the JDK
 * HttpClient's sendAsync, continuations on two threads of this transport, never one per reply) to
 * the member APIs of the endpoint, the preferred one first; a member that refuses the connection
 * (nothing was sent) is skipped for the next. Members about to be killed are {@link #avoid}ed.
 *
 * <p>A request that was sent and got no answer (the host's deadline, 504; the connection lost with
 * its member) is not answered: its stage fails only after {@link #NO_ANSWER}, as an ask to a host
 * whose member died does, and long after the run's operation deadline made it indeterminate. A
 * request is never sent twice: the fabric may have carried it out.
 */
final class HttpFabric implements AutoCloseable {
  static final Duration NO_ANSWER = Duration.ofSeconds(60);

  /** Reads answers of this build and of newer ones (fields it does not know are left). */
  static final ObjectMapper READ = Api.JSON.copy().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /** An answer: its HTTP status and body. */
  record Answer(int status, String body) {}

  /** The fabric answered with an HTTP error (not a devlink error, which is a 200 answer). */
  static final class Refused extends RuntimeException {
    final int status;

    Refused(int status, String message) {
      super(message);
      this.status = status;
    }
  }

  final Endpoint endpoint;
  private final HttpClient http;
  private final ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
    Thread t = new Thread(r, "chaos-http");
    t.setDaemon(true);
    return t;
  });
  private final Set<String> avoided = ConcurrentHashMap.newKeySet();
  private volatile int preferred;

  HttpFabric(Endpoint endpoint) throws IOException {
    this.endpoint = endpoint;
    HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).executor(executor);
    if (endpoint.trustStore() != null && endpoint.apis().stream().anyMatch(a -> a.startsWith("https:"))) {
      b.sslContext(dev.fabric.cluster.cli.RemoteFabric.trust(endpoint));
    }
    this.http = b.build();
  }

  ExecutorService executor() {
    return executor;
  }

  HttpClient http() {
    return http;
  }

  /** Requests go to other members than the one at {@code api} from now on. */
  void avoid(String api) {
    avoided.add(api);
    List<String> apis = endpoint.apis();
    for (int i = 0; i < apis.size(); i++) {
      int at = (preferred + i) % apis.size();
      if (!avoided.contains(apis.get(at))) {
        preferred = at;
        return;
      }
    }
  }

  /** The API requests go to first. */
  String preferredApi() {
    return endpoint.apis().get(preferred);
  }

  HttpRequest.Builder request(String api, String path) {
    HttpRequest.Builder rb = HttpRequest.newBuilder(URI.create(api + path));
    if (endpoint.token() != null) {
      rb.header("Authorization", "Bearer " + endpoint.token());
    }
    return rb;
  }

  /** Sends {@code method path} with {@code body} (JSON of it; null: none) to the first member that takes it. */
  CompletableFuture<Answer> send(String method, String path, Object body) {
    String json;
    try {
      json = body == null ? null : Api.JSON.writeValueAsString(body);
    } catch (IOException e) {
      return CompletableFuture.failedFuture(e);
    }
    long start = System.nanoTime();
    return attempt(method, path, json, 0, start);
  }

  private CompletableFuture<Answer> attempt(String method, String path, String json, int tried, long start) {
    List<String> apis = endpoint.apis();
    String api = apis.get((preferred + tried) % apis.size());
    HttpRequest.Builder rb = request(api, path).timeout(NO_ANSWER);
    if (json != null) {
      rb.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
    } else {
      rb.method(method, HttpRequest.BodyPublishers.noBody());
    }
    return http.sendAsync(rb.build(), HttpResponse.BodyHandlers.ofString())
        .thenApplyAsync(r -> new Answer(r.statusCode(), r.body()), executor)
        .exceptionallyComposeAsync(e -> {
          Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
          if (cause instanceof ConnectException && tried + 1 < apis.size()) {
            return attempt(method, path, json, tried + 1, start); // nothing was sent: the next member
          }
          if (cause instanceof ConnectException) {
            return CompletableFuture.failedFuture(new IllegalStateException("no fabric member answers at "
                + String.join(", ", apis) + " (" + cause + ")"));
          }
          return noAnswer(method + " " + path + ": " + cause, start);
        }, executor);
  }

  /** A stage that fails once {@link #NO_ANSWER} has passed since {@code start}. */
  <T> CompletableFuture<T> noAnswer(String what, long start) {
    CompletableFuture<T> out = new CompletableFuture<>();
    long left = Math.max(0, NO_ANSWER.toMillis() - (System.nanoTime() - start) / 1_000_000);
    CompletableFuture.delayedExecutor(left, TimeUnit.MILLISECONDS, executor).execute(() ->
        out.completeExceptionally(new IllegalStateException("no answer within " + NO_ANSWER.toSeconds() + " s: " + what)));
    return out;
  }

  /**
   * The answer's body as {@code type}: 200 and 202 are answers, 504 (the host did not answer by
   * its deadline) is no answer, anything else a refusal with the fabric's message.
   */
  <T> CompletableFuture<T> json(String method, String path, Object body, Class<T> type) {
    long start = System.nanoTime();
    return send(method, path, body).thenComposeAsync(a -> {
      if (a.status() == 504) {
        return noAnswer(method + " " + path + ": " + a.body().strip(), start);
      }
      if (a.status() != 200 && a.status() != 202) {
        return CompletableFuture.failedFuture(new Refused(a.status(), method + " " + path + ": HTTP " + a.status()
            + " " + a.body().strip()));
      }
      try {
        return CompletableFuture.completedFuture(READ.readValue(a.body(), type));
      } catch (IOException e) {
        return CompletableFuture.failedFuture(new IllegalStateException(method + " " + path
            + ": not an answer of the fabric API: " + e.getMessage()));
      }
    }, executor);
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
