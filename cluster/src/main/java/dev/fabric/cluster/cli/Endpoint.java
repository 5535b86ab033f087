package dev.fabric.cluster.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Where a running fabric answers: written by {@code fabric up}, read by every other sub-command.
 * {@code apis} are the members' API URLs (any one serves every host); {@code token} the bearer
 * token when the fabric requires one; {@code trustStore}/{@code passwordEnv} the TLS trust material.
 */
public record Endpoint(String name, List<String> apis, List<MemberProcess> members, long upPid, String token,
    String trustStore, String passwordEnv, String logs) {

  public record MemberProcess(String name, long pid, String api, String log) {}

  static final ObjectMapper JSON = JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  /** FABRIC_ENDPOINT_FILE, or ~/.fabric/endpoint.json. */
  public static Path defaultFile() {
    String env = System.getenv("FABRIC_ENDPOINT_FILE");
    return env != null && !env.isEmpty() ? Path.of(env) : Path.of(System.getProperty("user.home"), ".fabric",
        "endpoint.json");
  }

  public static Endpoint read(Path file) throws IOException {
    return JSON.readValue(Files.readString(file), Endpoint.class);
  }

  public void write(Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(this) + "\n");
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** An endpoint given as --endpoint URL (one API, no token unless FABRIC_TOKEN is set). */
  public static Endpoint of(String url) {
    return new Endpoint("fabric", List.of(url.replaceAll("/+$", "")), List.of(), 0, System.getenv("FABRIC_TOKEN"),
        null, null, null);
  }
}
