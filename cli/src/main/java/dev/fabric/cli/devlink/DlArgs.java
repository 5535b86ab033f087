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

  /** dl_arg_dec. */
  public void dec() {
    if (pos > 0) {
      pos--;
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

  /** get_u32 (base 10): null when get_u32 fails. */
  public static Long u32(String s) {
    return strtoul(s, 0xFFFF_FFFFL);
  }

  /** get_u64 (base 10): null when get_u64 fails. */
  public static Long u64(String s) {
    return strtoul(s, -1L);
  }

  /**
   * get_u64/get_u32/get_u16/get_u8 of lib/utils.c (base 10): strtoul(l) over the whole string
   * (leading blanks and a sign allowed, a negative number wraps modulo 2^64 as strtoul does, so
   * "-1" is 2^64-1: fine for get_u64, out of range for the narrower ones), no trailing
   * characters, no overflow, at most {@code max} (unsigned; -1 for u64).
   */
  public static Long strtoul(String s, long max) {
    if (s == null || s.isEmpty()) {
      return null;
    }
    int[] end = new int[1];
    Long v = strtoulPrefix(s, 0, 10, end);
    if (v == null || end[0] != s.length()) {
      return null;
    }
    if (Long.compareUnsigned(v, max) > 0) {
      return null;
    }
    return v;
  }

  /**
   * C strtoul from {@code from} in {@code base} (0: 0x hex, 0 octal, else decimal): the value and
   * where it stopped, or null when no digit was read or the magnitude overflowed (ERANGE).
   */
  public static Long strtoulPrefix(String s, int from, int base, int[] end) {
    int i = from;
    while (i < s.length() && " \t\n\u000b\f\r".indexOf(s.charAt(i)) >= 0) {
      i++;
    }
    boolean neg = false;
    if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
      neg = s.charAt(i) == '-';
      i++;
    }
    int b = base;
    if ((b == 0 || b == 16) && i + 1 < s.length() && s.charAt(i) == '0'
        && (s.charAt(i + 1) == 'x' || s.charAt(i + 1) == 'X')
        && i + 2 < s.length() && Character.digit(s.charAt(i + 2), 16) >= 0) {
      i += 2;
      b = 16;
    } else if (b == 0) {
      b = i < s.length() && s.charAt(i) == '0' ? 8 : 10;
    }
    java.math.BigInteger v = java.math.BigInteger.ZERO;
    int digits = 0;
    while (i < s.length() && s.charAt(i) < 128 && Character.digit(s.charAt(i), b) >= 0) {
      v = v.multiply(java.math.BigInteger.valueOf(b)).add(java.math.BigInteger.valueOf(Character.digit(s.charAt(i), b)));
      i++;
      digits++;
    }
    if (digits == 0) {
      end[0] = from;
      return null;
    }
    end[0] = i;
    if (v.bitLength() > 64) {
      return null;
    }
    long r = v.longValue();
    return neg ? -r : r;
  }

  public static long count(String s, char c) {
    return s.chars().filter(x -> x == c).count();
  }
}
