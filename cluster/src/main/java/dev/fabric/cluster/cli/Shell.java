package dev.fabric.cluster.cli;

import java.util.List;
import java.util.stream.Collectors;

/** Quoting of words for the script language (sh's single quotes). */
final class Shell {
  private Shell() {}

  static String quote(String w) {
    if (!w.isEmpty() && w.matches("[A-Za-z0-9_@%+=:,./-]+")) {
      return w;
    }
    return "'" + w.replace("'", "'\\''") + "'";
  }

  static String join(List<String> words) {
    return words.stream().map(Shell::quote).collect(Collectors.joining(" "));
  }
}
