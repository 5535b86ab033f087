package dev.fabric.chaos.check;

import dev.fabric.chaos.History;
import java.util.Set;

/** A property of a whole history. */
public interface Checker {
  String name();

  CheckResult check(History history, Setup setup);

  /**
   * What the checkers take as given about the hosts: namespaces and firmware files created before
   * the run (they do not change during it).
   */
  record Setup(Set<String> namespaces, Set<String> firmware) {
    public static final Setup NONE = new Setup(Set.of(), Set.of());
  }
}
