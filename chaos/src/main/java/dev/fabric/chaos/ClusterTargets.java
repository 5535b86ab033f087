package dev.fabric.chaos;

/**
 * Where {@code fabric chaos run --cluster} gets its target: the cluster module provides one
 * (java.util.ServiceLoader; the chaos module cannot depend on it, the cluster depends on the cli,
 * which depends on chaos).
 */
public interface ClusterTargets {
  /** An in-JVM cluster of {@code members} members holding one host, {@link EmbeddedTarget#HOST}. */
  ChaosTarget start(int members);

  /**
   * A running fabric ({@code fabric up}) at {@code url}: its first host without devices. Fails with
   * a message for the user (no such fabric, no free host) when it cannot attack it.
   */
  ChaosTarget endpoint(String url);

  static ClusterTargets load() {
    return java.util.ServiceLoader.load(ClusterTargets.class).findFirst().orElseThrow(
        () -> new IllegalStateException("no cluster module on the class path (run through ./fabric)"));
  }
}
