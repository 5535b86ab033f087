package dev.fabric.cli.out;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;

/**
 * A small C printf(3) work-alike, enough for the formats iproute2's devlink uses.
 *
 * <p>Supported: {@code %%}, flags {@code - 0 # + space}, width and precision (digits or
 * {@code *}), length modifiers {@code hh h l ll L q j z t}, conversions
 * {@code d i u x X o c s f F e E g G}. {@code "%" PRIu64} is simply {@code %lu}.
 *
 * <p>Argument rules follow C's integer promotions: without a length modifier an integer
 * conversion uses the low 32 bits of the argument ({@code %u} of -1 prints 4294967295,
 * {@code %d} of 4294967295 prints -1); with {@code l}/{@code ll} the full 64 bits are used
 * ({@code %lu} of -1L prints 18446744073709551615). {@code %s} of null prints
 * {@code (null)} like glibc. Booleans are accepted as 1/0 by integer conversions and as
 * "true"/"false" by {@code %s}.
 */
public final class CFormat {

  private CFormat() {
  }

  /** Formats like C's sprintf. */
  public static String format(String fmt, Object... args) {
    if (fmt == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder();
    int argi = 0;
    int n = fmt.length();
    int i = 0;
    while (i < n) {
      char c = fmt.charAt(i);
      if (c != '%') {
        sb.append(c);
        i++;
        continue;
      }
      int start = i;
      i++;
      if (i >= n) {
        sb.append('%');
        break;
      }
      if (fmt.charAt(i) == '%') {
        sb.append('%');
        i++;
        continue;
      }
      boolean left = false, zero = false, alt = false, plus = false, space = false;
      for (; i < n; i++) {
        char f = fmt.charAt(i);
        if (f == '-') {
          left = true;
        } else if (f == '0') {
          zero = true;
        } else if (f == '#') {
          alt = true;
        } else if (f == '+') {
          plus = true;
        } else if (f == ' ') {
          space = true;
        } else if (f == '\'') {
          // thousands grouping: ignored (C locale)
        } else {
          break;
        }
      }
      int width = -1;
      if (i < n && fmt.charAt(i) == '*') {
        width = (int) toLong(argi < args.length ? args[argi++] : null);
        if (width < 0) {
          left = true;
          width = -width;
        }
        i++;
      } else {
        int w = 0;
        boolean any = false;
        while (i < n && Character.isDigit(fmt.charAt(i))) {
          w = w * 10 + (fmt.charAt(i) - '0');
          i++;
          any = true;
        }
        if (any) {
          width = w;
        }
      }
      int prec = -1;
      if (i < n && fmt.charAt(i) == '.') {
        i++;
        if (i < n && fmt.charAt(i) == '*') {
          prec = (int) toLong(argi < args.length ? args[argi++] : null);
          if (prec < 0) {
            prec = -1;
          }
          i++;
        } else {
          int p = 0;
          while (i < n && Character.isDigit(fmt.charAt(i))) {
            p = p * 10 + (fmt.charAt(i) - '0');
            i++;
          }
          prec = p;
        }
      }
      int lenBits = 32;
      while (i < n) {
        char l = fmt.charAt(i);
        if (l == 'h') {
          lenBits = lenBits == 16 ? 8 : 16;
        } else if (l == 'l' || l == 'q' || l == 'j' || l == 'z' || l == 't' || l == 'L') {
          lenBits = 64;
        } else {
          break;
        }
        i++;
      }
      if (i >= n) {
        sb.append(fmt, start, n);
        break;
      }
      char conv = fmt.charAt(i++);
      Object arg;
      String body;
      String sign = "";
      String prefix = "";
      boolean numeric = true;
      switch (conv) {
        case 'd':
        case 'i': {
          arg = argi < args.length ? args[argi++] : null;
          long v = signExtend(toLong(arg), lenBits);
          String digits = v < 0 ? (v == Long.MIN_VALUE ? "9223372036854775808" : Long.toString(-v))
              : Long.toString(v);
          if (v < 0) {
            sign = "-";
          } else if (plus) {
            sign = "+";
          } else if (space) {
            sign = " ";
          }
          body = intPrecision(digits, prec);
          break;
        }
        case 'u':
        case 'x':
        case 'X':
        case 'o': {
          arg = argi < args.length ? args[argi++] : null;
          long v = toLong(arg);
          if (lenBits < 64) {
            v &= (1L << lenBits) - 1;
          }
          String digits;
          if (conv == 'u') {
            digits = Long.toUnsignedString(v);
          } else if (conv == 'o') {
            digits = Long.toOctalString(v);
          } else {
            digits = Long.toHexString(v);
            if (conv == 'X') {
              digits = digits.toUpperCase();
            }
          }
          body = intPrecision(digits, prec);
          if (alt && v != 0) {
            if (conv == 'x') {
              prefix = "0x";
            } else if (conv == 'X') {
              prefix = "0X";
            } else if (conv == 'o' && !body.startsWith("0")) {
              body = "0" + body;
            }
          }
          break;
        }
        case 'c': {
          arg = argi < args.length ? args[argi++] : null;
          numeric = false;
          if (arg instanceof Character) {
            body = String.valueOf((char) (Character) arg);
          } else {
            body = String.valueOf((char) (toLong(arg) & 0xFF));
          }
          break;
        }
        case 's': {
          arg = argi < args.length ? args[argi++] : null;
          numeric = false;
          String s = arg == null ? "(null)" : String.valueOf(arg);
          if (prec >= 0 && s.length() > prec) {
            s = s.substring(0, prec);
          }
          body = s;
          break;
        }
        case 'f':
        case 'F':
        case 'e':
        case 'E':
        case 'g':
        case 'G': {
          arg = argi < args.length ? args[argi++] : null;
          double d = toDouble(arg);
          boolean neg = d < 0 || (d == 0 && 1.0 / d < 0);
          if (neg) {
            sign = "-";
            d = -d;
          } else if (plus) {
            sign = "+";
          } else if (space) {
            sign = " ";
          }
          if (Double.isNaN(d) || Double.isInfinite(d)) {
            body = Double.isNaN(d) ? "nan" : "inf";
            if (Character.isUpperCase(conv)) {
              body = body.toUpperCase();
            }
            zero = false;
          } else {
            body = formatDouble(d, conv, prec < 0 ? 6 : prec, alt);
          }
          break;
        }
        case 'p': {
          arg = argi < args.length ? args[argi++] : null;
          body = arg == null ? "(nil)" : "0x" + Long.toHexString(toLong(arg));
          numeric = false;
          break;
        }
        default:
          // unknown conversion: print it verbatim
          sb.append(fmt, start, i);
          continue;
      }
      String full;
      int len = sign.length() + prefix.length() + body.length();
      if (width > len) {
        int pad = width - len;
        boolean intConv = conv != 'f' && conv != 'F' && conv != 'e' && conv != 'E'
            && conv != 'g' && conv != 'G';
        if (left) {
          full = sign + prefix + body + " ".repeat(pad);
        } else if (zero && numeric && !(intConv && prec >= 0)) {
          full = sign + prefix + "0".repeat(pad) + body;
        } else {
          full = " ".repeat(pad) + sign + prefix + body;
        }
      } else {
        full = sign + prefix + body;
      }
      sb.append(full);
    }
    return sb.toString();
  }

  /** The number of bytes printf would report for this text (UTF-8). */
  public static int byteLength(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  private static String intPrecision(String digits, int prec) {
    if (prec < 0) {
      return digits;
    }
    if (prec == 0 && digits.equals("0")) {
      return "";
    }
    if (digits.length() < prec) {
      return "0".repeat(prec - digits.length()) + digits;
    }
    return digits;
  }

  private static long signExtend(long v, int bits) {
    if (bits >= 64) {
      return v;
    }
    int shift = 64 - bits;
    return (v << shift) >> shift;
  }

  static long toLong(Object arg) {
    if (arg == null) {
      return 0;
    }
    if (arg instanceof Boolean) {
      return ((Boolean) arg) ? 1 : 0;
    }
    if (arg instanceof Character) {
      return (Character) arg;
    }
    if (arg instanceof BigInteger) {
      return ((BigInteger) arg).longValue();
    }
    if (arg instanceof Number) {
      return ((Number) arg).longValue();
    }
    String s = String.valueOf(arg).trim();
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      try {
        return Long.parseUnsignedLong(s);
      } catch (NumberFormatException e2) {
        return 0;
      }
    }
  }

  static double toDouble(Object arg) {
    if (arg == null) {
      return 0;
    }
    if (arg instanceof Number) {
      return ((Number) arg).doubleValue();
    }
    if (arg instanceof Boolean) {
      return ((Boolean) arg) ? 1 : 0;
    }
    try {
      return Double.parseDouble(String.valueOf(arg).trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** d is finite and non-negative. */
  private static String formatDouble(double d, char conv, int prec, boolean alt) {
    BigDecimal bd = new BigDecimal(d);
    switch (conv) {
      case 'f':
      case 'F': {
        String s = bd.setScale(prec, RoundingMode.HALF_EVEN).toPlainString();
        if (alt && prec == 0) {
          s = s + ".";
        }
        return s;
      }
      case 'e':
      case 'E': {
        String s = expForm(bd, prec, alt);
        return conv == 'E' ? s.toUpperCase() : s;
      }
      default: {
        int p = prec == 0 ? 1 : prec;
        int x;
        if (bd.signum() == 0) {
          x = 0;
        } else {
          BigDecimal r = bd.round(new MathContext(p, RoundingMode.HALF_EVEN));
          x = r.precision() - r.scale() - 1;
        }
        String s;
        if (p > x && x >= -4) {
          s = bd.setScale(p - 1 - x, RoundingMode.HALF_EVEN).toPlainString();
          if (!alt) {
            s = stripZeros(s);
          }
        } else {
          s = expForm(bd, p - 1, alt);
          if (!alt) {
            int e = s.indexOf('e');
            s = stripZeros(s.substring(0, e)) + s.substring(e);
          }
        }
        return conv == 'G' ? s.toUpperCase() : s;
      }
    }
  }

  private static String stripZeros(String s) {
    if (s.indexOf('.') < 0) {
      return s;
    }
    int end = s.length();
    while (end > 0 && s.charAt(end - 1) == '0') {
      end--;
    }
    if (end > 0 && s.charAt(end - 1) == '.') {
      end--;
    }
    return s.substring(0, end);
  }

  private static String expForm(BigDecimal bd, int prec, boolean alt) {
    int exp;
    String mant;
    if (bd.signum() == 0) {
      exp = 0;
      mant = prec > 0 ? "0." + "0".repeat(prec) : "0";
    } else {
      BigDecimal r = bd.round(new MathContext(prec + 1, RoundingMode.HALF_EVEN));
      exp = r.precision() - r.scale() - 1;
      BigDecimal m = r.movePointLeft(exp).setScale(prec, RoundingMode.HALF_EVEN);
      mant = m.toPlainString();
    }
    if (alt && prec == 0) {
      mant = mant + ".";
    }
    String es = Integer.toString(Math.abs(exp));
    if (es.length() < 2) {
      es = "0" + es;
    }
    return mant + "e" + (exp < 0 ? "-" : "+") + es;
  }
}
