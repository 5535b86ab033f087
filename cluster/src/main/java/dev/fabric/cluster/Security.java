package dev.fabric.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * What a fabric outside loopback runs with: Artery over TLS ({@code tls-tcp}) and HTTPS for the
 * API, from the PKCS12 stores the fabric file names, and the API's bearer token.
 */
final class Security {
  private Security() {}

  static String password(FabricSpec spec) {
    String env = spec.security().passwordEnv();
    // The environment variable, or a JVM system property of that name (an embedding program, a test).
    String pw = env == null ? null : System.getenv(env) != null ? System.getenv(env) : System.getProperty(env);
    if (pw == null) {
      throw new IllegalArgumentException("security.password-env names no set environment variable: " + env);
    }
    return pw;
  }

  static String token(FabricSpec spec) {
    try {
      String t = Files.readString(Path.of(spec.security().tokenFile())).strip();
      if (t.length() < 16) {
        throw new IllegalArgumentException("the API token in " + spec.security().tokenFile()
            + " is shorter than 16 characters");
      }
      return t;
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the API token file " + spec.security().tokenFile() + ": " + e);
    }
  }

  /** Artery's tls-tcp with the file's key and trust stores (mutual authentication between members). */
  static Config arteryTls(FabricSpec spec) {
    String pw = password(spec);
    String trust = spec.security().trustStore() != null ? spec.security().trustStore() : spec.security().keyStore();
    return ConfigFactory.empty()
        .withValue("pekko.remote.artery.transport", ConfigValueFactory.fromAnyRef("tls-tcp"))
        .withValue("pekko.remote.artery.ssl.config-ssl-engine.key-store",
            ConfigValueFactory.fromAnyRef(spec.security().keyStore()))
        .withValue("pekko.remote.artery.ssl.config-ssl-engine.trust-store", ConfigValueFactory.fromAnyRef(trust))
        .withValue("pekko.remote.artery.ssl.config-ssl-engine.key-store-password", ConfigValueFactory.fromAnyRef(pw))
        .withValue("pekko.remote.artery.ssl.config-ssl-engine.key-password", ConfigValueFactory.fromAnyRef(pw))
        .withValue("pekko.remote.artery.ssl.config-ssl-engine.trust-store-password", ConfigValueFactory.fromAnyRef(pw))
        .withValue("pekko.remote.artery.ssl.config-ssl-engine.protocol", ConfigValueFactory.fromAnyRef("TLSv1.3"))
        .withValue("pekko.remote.artery.ssl.config-ssl-engine.enabled-algorithms",
            ConfigValueFactory.fromIterable(java.util.List.of("TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256")))
        .withValue("pekko.remote.artery.ssl.config-ssl-engine.require-mutual-authentication",
            ConfigValueFactory.fromAnyRef(true));
  }

  /** The API's HTTPS context, from the same key store. */
  static SSLContext sslContext(FabricSpec spec) {
    try {
      char[] pw = password(spec).toCharArray();
      KeyStore ks = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(Path.of(spec.security().keyStore()))) {
        ks.load(in, pw);
      }
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(ks, pw);
      KeyStore ts = KeyStore.getInstance("PKCS12");
      String trust = spec.security().trustStore() != null ? spec.security().trustStore() : spec.security().keyStore();
      try (InputStream in = Files.newInputStream(Path.of(trust))) {
        ts.load(in, pw);
      }
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(ts);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), new java.security.SecureRandom());
      return ctx;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot load the key material named in the fabric file: " + e);
    }
  }
}
