package dev.fabric.cli.devlink;

import java.util.List;

/**
 * The argument cursor of iproute2's devlink (dl_argv, dl_arg_inc, dl_argv_match...) and its
 * number and handle parsers, with iproute2's exact error messages.
 */
public final class DlArgs {
  private final List<String> argv;
  private int pos;

  public DlArgs(List<String> argv) {
    this.argv = argv;
  }

  public int argc() {
    return argv.size() - pos;
  }

  public boolean noArg() {
    return argc() == 0;
  }

  /** The current word, or null. */
  public String argv() {
    return pos < argv.size() ? argv.get(pos) : null;
  }

  public void inc() {
    if (pos < argv.size()) {
      pos++;
    }
  }

  public String next() {
    String s = argv();
    inc();
    return s;
  }

  /** dl_argv_match: the word is a prefix of {@code pattern} (so "sh" matches "show"). */
  public boolean match(String pattern) {
    String a = argv();
    return a != null && strcmpx(a, pattern);
  }

  public static boolean strcmpx(String str1, String str2) {
    return str1.length() <= str2.length() && str2.startsWith(str1);
  }

  /** get_u32 (base 10): digits only, at most u32; null otherwise. */
  public static Long u32(String s) {
    Long v = u64(s);
    return v != null && v <= 0xFFFF_FFFFL ? v : null;
  }

  /** get_u64 via strtoull(base 10): null on garbage or overflow. Negative numbers are rejected. */
  public static Long u64(String s) {
    if (s == null || s.isEmpty()) {
      return null;
    }
    for (int i = 0; i < s.length(); i++) {
      if (!Character.isDigit(s.charAt(i))) {
        return null;
      }
    }
    try {
      return Long.parseUnsignedLong(s);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  public static long count(String s, char c) {
    return s.chars().filter(x -> x == c).count();
  }
}
