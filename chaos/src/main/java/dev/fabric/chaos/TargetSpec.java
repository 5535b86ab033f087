package dev.fabric.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * What a run attacked, written to the report directory ({@code target.json}) so that replay runs
 * the recorded schedule against the same kind of target: the embedded fabric (simulated or real
 * time, as the concrete schedule says), an in-JVM cluster of {@code members}, or the running
 * fabric at {@code endpoint}. A directory without the file is an embedded run's.
 */
public record TargetSpec(String kind, Integer members, String endpoint) {
  public static final String FILE = "target.json";
  public static final TargetSpec EMBEDDED = new TargetSpec("embedded", null, null);

  public static TargetSpec cluster(int members) {
    return new TargetSpec("cluster", members, null);
  }

  public static TargetSpec endpoint(String url) {
    return new TargetSpec("endpoint", null, url);
  }

  /** Whether runs against it are deterministic (the embedded fabric under simulation). */
  public boolean embedded() {
    return "embedded".equals(kind);
  }

  /** A fresh target of this kind for {@code s} on each call. */
  public Supplier<ChaosTarget> targets(ConcreteSchedule s) {
    return switch (kind) {
      case "embedded" -> s::newTarget;
      case "cluster" -> () -> ClusterTargets.load().start(members == null ? 3 : members);
      case "endpoint" -> () -> ClusterTargets.load().endpoint(endpoint);
      default -> throw new IllegalArgumentException("unknown target kind '" + kind + "' in " + FILE);
    };
  }

  public void write(Path dir) {
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve(FILE), Json.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(this) + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static TargetSpec read(Path dir) {
    Path f = dir.resolve(FILE);
    if (!Files.exists(f)) {
      return EMBEDDED;
    }
    try {
      return Json.JSON.readValue(f.toFile(), TargetSpec.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
