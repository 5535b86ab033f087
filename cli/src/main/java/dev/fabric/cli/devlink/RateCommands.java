package dev.fabric.cli.devlink;

import dev.fabric.cli.out.DlOut;
import dev.fabric.cli.out.Print;
import dev.fabric.devlink.model.DevHandle;
import dev.fabric.devlink.model.Notification;
import dev.fabric.devlink.model.RateOp;
import dev.fabric.devlink.model.RateSnapshot;
import dev.fabric.devlink.model.Reply;
import java.util.EnumSet;
import java.util.List;

/**
 * `devlink port function rate { help | show | add | del | set }` (cmd_port_function_rate) of
 * iproute2 6.1. Leafs are named by their port index ({@code DEV/PORT_INDEX}), nodes by a name that
 * is not a decimal number ({@code DEV/NODE_NAME}). Values are parsed by get_rate64 (bits/s by
 * default, SI or IEC prefixes, bit or Bps units, case-insensitive) and sent in bytes/s; show
 * prints them with print_rate (bits/s scaled to K/M/G/T, e.g. 1250000 B/s is "10Mbit"), JSON in
 * bytes/s, and omits zero values.
 */
final class RateCommands {
  private RateCommands() {}

  static final String HELP = "Usage: devlink port function rate help\n"
      + "       devlink port function rate show [ DEV/{ PORT_INDEX | NODE_NAME } ]\n"
      + "       devlink port function rate add DEV/NODE_NAME\n"
      + "               [ tx_share VAL ][ tx_max VAL ][ { parent NODE_NAME | noparent } ]\n"
      + "       devlink port function rate del DEV/NODE_NAME\n"
      + "       devlink port function rate set DEV/{ PORT_INDEX | NODE_NAME }\n"
      + "               [ tx_share VAL ][ tx_max VAL ][ { parent NODE_NAME | noparent } ]\n\n"
      + "       VAL - float or integer value in units of bits or bytes per second (bit|bps)\n"
      + "       and SI (k-, m-, g-, t-) or IEC (ki-, mi-, gi-, ti-) case-insensitive prefix.\n"
      + "       Bare number, means bits per second, is possible.\n\n"
      + "       For details refer to devlink-rate(8) man page.\n";

  /** cmd_port_function_rate. */
  static int run(Dl dl, DlArgs a) throws DlError {
    if (a.match("help")) {
      dl.error(HELP);
      return 0;
    } else if (a.match("show") || a.noArg()) {
      a.inc();
      return show(dl, a);
    } else if (a.match("add")) {
      a.inc();
      return add(dl, a);
    } else if (a.match("del")) {
      a.inc();
      return del(dl, a);
    } else if (a.match("set")) {
      a.inc();
      return set(dl, a);
    }
    throw new DlError("Command \"" + a.argv() + "\" not found\n");
  }

  /** The monitor's output for one notification of this area (pr_out_port_fn_rate). */
  static void monitor(DlOut o, Notification n) {
    if (n.payload() instanceof RateSnapshot r) {
      print(o, r);
    } else {
      o.prOutHandleStart(n.dev().bus(), n.dev().name(), false, false);
      o.prOutHandleEnd();
    }
  }

  /** pr_out_port_fn_rate. */
  static void print(DlOut o, RateSnapshot r) {
    print(o, r, false);
  }

  /** pr_out_port_fn_rate with dl->use_iec. */
  static void print(DlOut o, RateSnapshot r, boolean useIec) {
    if (r.portIndex() != null) {
      o.prOutPortHandleStart(r.dev().bus(), r.dev().name(), r.portIndex());
    } else {
      o.prOutNamedHandleStart(r.dev().bus(), r.dev().name(), r.name());
    }
    o.checkIndentNewline();
    o.printString(Print.ANY, "type", "type %s", r.type().label);
    if (r.txShare() != 0) {
      o.printRate(useIec, Print.ANY, "tx_share", " tx_share %s", r.txShare());
    }
    if (r.txMax() != 0) {
      o.printRate(useIec, Print.ANY, "tx_max", " tx_max %s", r.txMax());
    }
    if (r.parent() != null) {
      o.printString(Print.ANY, "parent", " parent %s", r.parent());
    }
    o.prOutPortHandleEnd();
  }

  /** cmd_port_fn_rate_show: a dump without arguments, else RATE_GET of one object. */
  private static int show(Dl dl, DlArgs a) throws DlError {
    if (a.noArg()) {
      dl.out.prOutSectionStart("rate");
      Dl.Dumped<RateSnapshot> d = dl.dumpEach(new RateOp.Dump(), RateOp.RateList::rates);
      for (RateSnapshot r : d.values()) {
        print(dl.out, r, dl.useIec);
      }
      dl.out.prOutSectionEnd();
      return d.failed() ? 1 : 0;
    }
    Opts o = Opts.parse(a, EnumSet.of(Opts.Opt.HANDLEP, Opts.Opt.PORT_FN_RATE_NODE_NAME), NONE, dl);
    dl.out.prOutSectionStart("rate");
    Reply<RateSnapshot> r = dl.call(o.dev, new RateOp.Get(name(o)));
    if (r instanceof Reply.Ok<RateSnapshot> ok) {
      print(dl.out, ok.value(), dl.useIec);
    }
    dl.out.prOutSectionEnd();
    return r.isOk() ? 0 : 1;
  }

  /** cmd_port_fn_rate_add: RATE_NEW of a node, with optional tx_share and tx_max. */
  private static int add(Dl dl, DlArgs a) throws DlError {
    Opts o = Opts.parse(a, EnumSet.of(Opts.Opt.PORT_FN_RATE_NODE_NAME), RATE_ATTRS, dl);
    if (o.rateTxShare != null && o.rateTxMax != null) {
      checkTxRates(o.rateTxShare, o.rateTxMax);
    }
    // RATE_NEW goes through devlink_nl_rate_set too: parent/noparent are taken at creation
    return dl.call(o.dev, RateOp.New.of(o.rateNodeName, o.rateTxShare, o.rateTxMax, o.rateParent)).isOk() ? 0 : 1;
  }

  /** cmd_port_fn_rate_del: RATE_DEL of a node. */
  private static int del(Dl dl, DlArgs a) throws DlError {
    Opts o = Opts.parse(a, EnumSet.of(Opts.Opt.PORT_FN_RATE_NODE_NAME), NONE, dl);
    return dl.call(o.dev, new RateOp.Del(o.rateNodeName)).isOk() ? 0 : 1;
  }

  /**
   * cmd_port_fn_rate_set: when only one of tx_share/tx_max is given, the current values are read
   * first (RATE_GET) to check tx_share <= tx_max on the CLI side; then RATE_SET.
   */
  private static int set(Dl dl, DlArgs a) throws DlError {
    Opts o = Opts.parse(a, EnumSet.of(Opts.Opt.HANDLEP, Opts.Opt.PORT_FN_RATE_NODE_NAME), RATE_ATTRS, dl);
    if (o.rateTxShare != null && o.rateTxMax != null) {
      checkTxRates(o.rateTxShare, o.rateTxMax);
    } else if (o.rateTxShare != null || o.rateTxMax != null) {
      Reply<RateSnapshot> r = dl.call(o.dev, new RateOp.Get(name(o)));
      if (!(r instanceof Reply.Ok<RateSnapshot> ok)) {
        return 1;
      }
      RateSnapshot cur = ok.value();
      if (o.rateTxShare != null) {
        checkTxRates(o.rateTxShare, cur.txMax());
      } else {
        checkTxRates(cur.txShare(), o.rateTxMax);
      }
    }
    return dl.call(o.dev, RateOp.Set.of(name(o), o.rateTxShare, o.rateTxMax, o.rateParent)).isOk() ? 0 : 1;
  }

  private static final java.util.Set<Opts.Opt> NONE = EnumSet.noneOf(Opts.Opt.class);
  private static final java.util.Set<Opts.Opt> RATE_ATTRS = EnumSet.of(Opts.Opt.PORT_FN_RATE_TX_SHARE,
      Opts.Opt.PORT_FN_RATE_TX_MAX, Opts.Opt.PORT_FN_RATE_PARENT);

  /** The model names a leaf by its port index in decimal, a node by its name. */
  private static String name(Opts o) {
    return o.has(Opts.Opt.HANDLEP) ? Long.toString(o.portIndex) : o.rateNodeName;
  }

  /** port_fn_check_tx_rates. */
  static void checkTxRates(long min, long max) throws DlError {
    if (max != 0 && Long.compareUnsigned(min, max) > 0) {
      throw new DlError("Invalid. Expected tx_share <= tx_max or tx_share == 0.\n");
    }
  }

  // ------------------------------------------------------------------ get_rate64

  private static final String[] SUFFIX = {"bit", "Kibit", "kbit", "mibit", "mbit", "gibit", "gbit", "tibit", "tbit",
      "Bps", "KiBps", "KBps", "MiBps", "MBps", "GiBps", "GBps", "TiBps", "TBps"};
  private static final double[] SCALE = {1., 1024., 1000., 1024. * 1024., 1000000., 1024. * 1024. * 1024.,
      1000000000., 1024. * 1024. * 1024. * 1024., 1000000000000., 8., 8. * 1024., 8000., 8. * 1024 * 1024,
      8000000., 8. * 1024. * 1024. * 1024., 8000000000., 8. * 1024. * 1024. * 1024. * 1024., 8000000000000.};

  /**
   * iproute2's get_rate64: strtod, an optional unit (case-insensitive, the whole rest), then
   * bits/s to bytes/s and the C double-to-u64 conversion (fraction dropped). Null on garbage.
   */
  static Long getRate64(String str) {
    int[] end = new int[1];
    Double bps = strtod(str, end);
    if (bps == null) {
      return null;
    }
    double v = bps;
    String p = str.substring(end[0]);
    if (!p.isEmpty()) {
      boolean found = false;
      for (int i = 0; i < SUFFIX.length; i++) {
        if (SUFFIX[i].equalsIgnoreCase(p)) {
          v *= SCALE[i];
          found = true;
          break;
        }
      }
      if (!found) {
        return null;
      }
    }
    v /= 8;
    return toU64(v);
  }

  /** (uint64_t) d as gcc compiles it on x86-64 (cvttsd2si, with the 2^63 adjustment). */
  static long toU64(double d) {
    double two63 = 9223372036854775808.0;
    if (Double.isNaN(d)) {
      return Long.MIN_VALUE;
    }
    if (d < two63) {
      return (long) d;
    }
    double r = d - two63;
    long x = r < two63 ? (long) r : Long.MIN_VALUE;
    return x ^ Long.MIN_VALUE;
  }

  /**
   * The longest prefix of {@code s} that C's strtod accepts (leading white space, sign, decimal or
   * hexadecimal number, inf/infinity, nan); null when none ({@code p == str}).
   */
  static Double strtod(String s, int[] endOut) {
    int i = 0;
    int n = s.length();
    while (i < n && " \t\n\u000b\f\r".indexOf(s.charAt(i)) >= 0) {
      i++;
    }
    boolean neg = false;
    if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
      neg = s.charAt(i) == '-';
      i++;
    }
    String rest = s.substring(i).toLowerCase(java.util.Locale.ROOT);
    Double val = null;
    int end = i;
    if (rest.startsWith("infinity")) {
      val = Double.POSITIVE_INFINITY;
      end = i + 8;
    } else if (rest.startsWith("inf")) {
      val = Double.POSITIVE_INFINITY;
      end = i + 3;
    } else if (rest.startsWith("nan")) {
      val = Double.NaN;
      end = i + 3;
      if (end < n && s.charAt(end) == '(') {
        int j = end + 1;
        while (j < n && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) {
          j++;
        }
        if (j < n && s.charAt(j) == ')') {
          end = j + 1;
        }
      }
    } else if (rest.startsWith("0x") && hexMantissa(s, i + 2) > i + 2) {
      int j = hexMantissa(s, i + 2);
      String mant = s.substring(i + 2, j);
      int exp = 0;
      int k = j;
      if (k < n && (s.charAt(k) == 'p' || s.charAt(k) == 'P')) {
        int e = k + 1;
        if (e < n && (s.charAt(e) == '+' || s.charAt(e) == '-')) {
          e++;
        }
        int d = e;
        while (d < n && Character.isDigit(s.charAt(d))) {
          d++;
        }
        if (d > e) {
          exp = 1;
          k = d;
        }
      }
      String lit = "0x" + mant + (exp == 1 ? s.substring(j, k) : "p0");
      val = Double.parseDouble(lit);
      end = k;
    } else {
      int j = i;
      int digits = 0;
      while (j < n && Character.isDigit(s.charAt(j))) {
        j++;
        digits++;
      }
      if (j < n && s.charAt(j) == '.') {
        j++;
        while (j < n && Character.isDigit(s.charAt(j))) {
          j++;
          digits++;
        }
      }
      if (digits == 0) {
        return null;
      }
      int k = j;
      if (k < n && (s.charAt(k) == 'e' || s.charAt(k) == 'E')) {
        int e = k + 1;
        if (e < n && (s.charAt(e) == '+' || s.charAt(e) == '-')) {
          e++;
        }
        int d = e;
        while (d < n && Character.isDigit(s.charAt(d))) {
          d++;
        }
        if (d > e) {
          k = d;
        }
      }
      String lit = s.substring(i, k);
      if (lit.startsWith(".")) {
        lit = "0" + lit;
      }
      val = Double.parseDouble(lit);
      end = k;
    }
    if (val == null) {
      return null;
    }
    endOut[0] = end;
    return neg ? -val : val;
  }

  /** End of the hex digits (with at most one '.') starting at {@code from}; from if none. */
  private static int hexMantissa(String s, int from) {
    int j = from;
    int digits = 0;
    boolean dot = false;
    while (j < s.length()) {
      char c = s.charAt(j);
      if (Character.digit(c, 16) >= 0) {
        digits++;
      } else if (c == '.' && !dot) {
        dot = true;
      } else {
        break;
      }
      j++;
    }
    return digits == 0 ? from : j;
  }
}
