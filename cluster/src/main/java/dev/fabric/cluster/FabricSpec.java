package dev.fabric.cluster;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A fabric file ({@code fabric up --config fabric.yaml}): the members (their cluster and API
 * addresses), the seed nodes, the emulated hosts with their devices, and — when anything binds
 * outside loopback — the TLS key material and the API's bearer token. Unknown keys are refused.
 */
public record FabricSpec(String name, List<Member> members, List<String> seeds, List<HostSpec> hosts,
    Security security) {

  /** One JVM of the cluster: Artery at {@code host:port}, its HTTP API at {@code apiHost:apiPort}. */
  public record Member(String name, String host, int port, @JsonProperty("api-host") String apiHost,
      @JsonProperty("api-port") int apiPort) {
    public String artery() {
      return host + ":" + port;
    }

    public String api(boolean tls) {
      return (tls ? "https://" : "http://") + hostForUrl(apiHost) + ":" + apiPort;
    }
  }

  /** An emulated host: its netdevsim devices (plugged in at start) and its hardware timing. */
  public record HostSpec(String name, List<Device> devices, String latency) {}

  /** A device by profile ("netdevsim", the only driver today), bus id, port and queue count. */
  public record Device(String profile, int id, Integer ports, Integer queues) {
    public String newDeviceText() {
      return id + " " + (ports == null ? 1 : ports) + " " + (queues == null ? 1 : queues);
    }
  }

  /**
   * What a fabric outside loopback needs: a PKCS12 key store and trust store for Artery's
   * {@code tls-tcp} (one password for both, read from the environment variable named), and the
   * bearer token every API request must carry (read from the file named).
   */
  public record Security(@JsonProperty("key-store") String keyStore, @JsonProperty("trust-store") String trustStore,
      @JsonProperty("password-env") String passwordEnv, @JsonProperty("token-file") String tokenFile) {}

  public static final String DEFAULT_HOST = "127.0.0.1";

  /** The embedded default: three members on 127.0.0.1, six hosts h1..h6 with two netdevsim devices each. */
  public static FabricSpec defaults() {
    List<Member> members = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      members.add(new Member("m" + i, DEFAULT_HOST, 25520 + i, DEFAULT_HOST, 18080 + i));
    }
    List<HostSpec> hosts = new ArrayList<>();
    for (int i = 1; i <= 6; i++) {
      hosts.add(new HostSpec("h" + i, List.of(new Device("netdevsim", 1, 2, 1), new Device("netdevsim", 2, 2, 1)),
          "netdevsim"));
    }
    return new FabricSpec("fabric", members, List.of("m1", "m2"), hosts, null).validated();
  }

  private static final ObjectMapper YAML = JsonMapper.builder(new YAMLFactory())
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .build();

  public static FabricSpec load(Path file) throws IOException {
    try {
      return YAML.readValue(Files.readString(file), FabricSpec.class).validated();
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(file + ": " + e.getOriginalMessage()
          + (e.getLocation() != null ? " (line " + e.getLocation().getLineNr() + ")" : ""));
    }
  }

  public String toYaml() {
    try {
      return YAML.writeValueAsString(this);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Defaults filled in, names checked; an IllegalArgumentException says what is wrong. */
  public FabricSpec validated() {
    if (members == null || members.isEmpty()) {
      throw new IllegalArgumentException("a fabric needs at least one member");
    }
    Set<String> names = new HashSet<>();
    List<Member> ms = new ArrayList<>();
    for (Member m : members) {
      if (m.name() == null || !m.name().matches("[A-Za-z0-9_-]+") || !names.add(m.name())) {
        throw new IllegalArgumentException("member names must be unique words: " + m.name());
      }
      String host = m.host() == null ? DEFAULT_HOST : m.host();
      ms.add(new Member(m.name(), host, m.port(), m.apiHost() == null ? host : m.apiHost(), m.apiPort()));
    }
    List<String> sd = seeds == null || seeds.isEmpty() ? List.of(ms.get(0).name()) : seeds;
    for (String s : sd) {
      if (!names.contains(s)) {
        throw new IllegalArgumentException("seed " + s + " is not a member");
      }
    }
    Set<String> hostNames = new HashSet<>();
    List<HostSpec> hs = new ArrayList<>();
    for (HostSpec h : hosts == null ? List.<HostSpec>of() : hosts) {
      if (h.name() == null || !h.name().matches("[A-Za-z0-9_-]+") || h.name().equals("all")
          || !hostNames.add(h.name())) {
        throw new IllegalArgumentException("host names must be unique words other than 'all': " + h.name());
      }
      Set<Integer> ids = new HashSet<>();
      for (Device d : h.devices() == null ? List.<Device>of() : h.devices()) {
        if (d.profile() != null && !d.profile().equals("netdevsim")) {
          throw new IllegalArgumentException("host " + h.name() + ": unknown device profile " + d.profile());
        }
        if (d.id() < 0 || !ids.add(d.id())) {
          throw new IllegalArgumentException("host " + h.name() + ": device ids must be unique and >= 0");
        }
      }
      String latency = h.latency() == null ? "netdevsim" : h.latency();
      if (!latency.equals("netdevsim") && !latency.equals("instant")) {
        throw new IllegalArgumentException("host " + h.name() + ": latency is netdevsim or instant");
      }
      hs.add(new HostSpec(h.name(), h.devices() == null ? List.of() : h.devices(), latency));
    }
    FabricSpec out = new FabricSpec(name == null ? "fabric" : name, ms, sd, hs, security);
    if (!out.loopbackOnly() && (security == null || security.keyStore() == null || security.tokenFile() == null)) {
      throw new IllegalArgumentException("members or APIs bound outside loopback need security: key-store, "
          + "trust-store, password-env and token-file");
    }
    return out;
  }

  public Member member(String name) {
    return members.stream().filter(m -> m.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no member " + name + " in the fabric file"));
  }

  public java.util.Optional<HostSpec> host(String name) {
    return hosts.stream().filter(h -> h.name().equals(name)).findFirst();
  }

  /** True when every member and API binds to a loopback address: no TLS, no token. */
  public boolean loopbackOnly() {
    return members.stream().allMatch(m -> loopback(m.host()) && loopback(m.apiHost()));
  }

  /** Whether the API and Artery run with TLS and a token (anything outside loopback, or asked for). */
  public boolean secured() {
    return security != null && security.keyStore() != null;
  }

  static boolean loopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  static String hostForUrl(String host) {
    return host.contains(":") ? "[" + host + "]" : host;
  }
}
