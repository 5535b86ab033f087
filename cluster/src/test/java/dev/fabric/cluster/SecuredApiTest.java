package dev.fabric.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A fabric file with security: two members talk over Artery's tls-tcp, the API serves HTTPS and
 * refuses a request without the bearer token (401), or with a wrong one, and answers with it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecuredApiTest {
  private static final String PASSWORD_ENV = "FABRIC_TEST_TLS_PASSWORD";
  private final List<ActorSystem<Void>> members = new java.util.ArrayList<>();
  private Path dir;
  private FabricSpec spec;
  private HttpClient http;
  private String token;

  @BeforeAll
  void start() throws Exception {
    dir = Files.createTempDirectory("fabric-tls");
    Path store = dir.resolve("member.p12");
    String pw = "pw-" + Long.toHexString(System.nanoTime());
    System.setProperty(PASSWORD_ENV, pw);
    Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-alias", "member", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
        "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-storetype", "PKCS12",
        "-keystore", store.toString(), "-storepass", pw, "-keypass", pw).inheritIO().start();
    assertTrue(keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0, "keytool failed");
    token = "t0ken-" + Long.toHexString(System.nanoTime()) + "-0123456789";
    Files.writeString(dir.resolve("token"), token + "\n");
    spec = new FabricSpec("secure", List.of(new FabricSpec.Member("m1", "127.0.0.1", 0, null, 0)), null,
        List.of(new FabricSpec.HostSpec("h1", List.of(new FabricSpec.Device("netdevsim", 1, 1, 1)), "instant")),
        new FabricSpec.Security(store.toString(), store.toString(), PASSWORD_ENV, dir.resolve("token").toString()))
        .validated();
    for (String name : List.of("m1", "m2")) {
      members.add(Member.start(spec, name, Security.arteryTls(spec)
          .withFallback(ConfigFactory.parseString(Member.EXPECTED_SETTING + " = 2"))
          .withFallback(Member.storage(dir.resolve(name)))));
    }
    for (ActorSystem<Void> m : members) {
      Cluster.get(m).manager().tell(Join.create(Cluster.get(members.get(0)).selfMember().address()));
    }
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < end && !members.stream().allMatch(m -> {
      int up = 0;
      for (var x : Cluster.get(m).state().getMembers()) {
        up += x.status() == MemberStatus.up() ? 1 : 0;
      }
      return up == 2;
    })) {
      Thread.sleep(100);
    }
    KeyStore ts = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      ts.load(in, pw.toCharArray());
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(ts);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    http = HttpClient.newBuilder().sslContext(ctx).build();
  }

  @AfterAll
  void stop() throws Exception {
    for (ActorSystem<Void> m : members) {
      m.terminate();
    }
    for (ActorSystem<Void> m : members) {
      m.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
    Member.deleteTree(dir);
  }

  private HttpResponse<String> get(int member, String path, String bearer) throws Exception {
    int port = Api.bound(members.get(member)).toCompletableFuture().get(20, TimeUnit.SECONDS).localAddress().getPort();
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(30));
    if (bearer != null) {
      b.header("Authorization", "Bearer " + bearer);
    }
    return http.send(b.GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aRequestWithoutTheTokenIsRefused() throws Exception {
    assertEquals(401, get(0, "/api/members", null).statusCode());
    assertEquals(401, get(1, "/api/hosts/h1", "wrong-token-0123456789").statusCode());
  }

  @Test
  void withTheTokenTheHostAnswersAcrossTheTlsMembers() throws Exception {
    HttpResponse<String> members = get(0, "/api/members", token);
    assertEquals(200, members.statusCode(), members.body());
    assertEquals(2, members.body().split("\"status\":\"up\"").length - 1, members.body());
    for (int via = 0; via < 2; via++) {
      HttpResponse<String> host = get(via, "/api/hosts/h1", token);
      assertEquals(200, host.statusCode(), host.body());
      assertTrue(host.body().contains("netdevsim/netdevsim1"), host.body());
    }
  }
}
