package dev.fabric.cli.devlink;

import dev.fabric.cli.out.DlOut;
import dev.fabric.cli.out.Print;
import dev.fabric.devlink.model.ByteList;
import dev.fabric.devlink.model.Fmsg;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * iproute2 6.1's fmsg printer (cmd_fmsg_object_cb and its helpers) driven by the netlink event
 * stream the kernel builds from an {@link Fmsg}: OBJ/PAIR/ARR_NEST_START, OBJ_NAME,
 * OBJ_VALUE_DATA and NEST_END, with iproute2's nest stack. Text mode prints "name: value" pairs
 * on one line, opens a group (newline, "name:", newline, indent) per nested object or array and
 * prints binary data as hex lines; JSON mode maps objects, arrays and binary to JSON objects,
 * arrays and int arrays.
 */
final class FmsgPrinter {
  private static final int OBJ = 1;
  private static final int PAIR = 2;
  private static final int ARR = 3;

  /**
   * DEVLINK_FMSG_MAX_SIZE on x86_64 (GENLMSG_DEFAULT_SIZE - GENL_HDRLEN - NLA_HDRLEN with 4 KiB
   * pages): devlink_fmsg_binary_pair_put splits binary values into data attributes of at most
   * this many bytes, and iproute2 prints each one separately (a short last line per chunk).
   */
  static final int BINARY_CHUNK = 3748;

  private final DlOut o;
  private final Deque<Integer> nests = new ArrayDeque<>();
  private String name;
  /** dl->hex (-x): fmsg_value_show prints numbers with %#x. */
  private final boolean hex;

  private FmsgPrinter(DlOut o, boolean hex) {
    this.o = o;
    this.hex = hex;
  }

  /**
   * Prints {@code f} as cmd_health_object_common does. Returns false when iproute2's parse stopped
   * on a NEST_END with an empty nest stack (netdevsim's stray arr_pair_nest_end): the callback
   * then returns MNL_CB_ERROR and the caller prints "kernel answers: Success".
   */
  static boolean print(DlOut o, Fmsg f) {
    return print(o, f, false);
  }

  static boolean print(DlOut o, Fmsg f, boolean hex) {
    o.setGNewLineCount(1); // cmd_fmsg_init: no newline before the first group
    FmsgPrinter p = new FmsgPrinter(o, hex);
    p.start(OBJ);
    for (Fmsg.Pair pair : f.shown()) {
      p.pair(pair);
    }
    p.end(); // the top-level object (or the stray end that closes it early)
    if (f.strayEndAt() >= 0) {
      return p.end(); // the second NEST_END of the stray arr_pair_nest_end: empty stack
    }
    return true;
  }

  private void pair(Fmsg.Pair pair) {
    start(PAIR);
    name = pair.name();
    nested(pair.value());
    end();
  }

  /** A value in a pair or an array element. */
  private void nested(Fmsg.Value v) {
    if (v instanceof Fmsg.Obj obj) {
      start(OBJ);
      for (Fmsg.Pair p : obj.pairs()) {
        pair(p);
      }
      end();
    } else if (v instanceof Fmsg.Arr arr) {
      start(ARR);
      for (Fmsg.Value e : arr.elements()) {
        nested(e);
      }
      end();
    } else if (v instanceof Fmsg.Binary bin) {
      // devlink_fmsg_binary_pair_put: an array nest holding the data chunks
      start(ARR);
      ByteList bytes = bin.bytes();
      for (int off = 0; off < bytes.size(); off += BINARY_CHUNK) {
        value(new Fmsg.Binary(bytes.subList(off, Math.min(bytes.size(), off + BINARY_CHUNK))));
      }
      end();
    } else {
      value(v);
    }
  }

  /** cmd_fmsg_nest(start=true). */
  private void start(int type) {
    nests.push(type);
    if (type == OBJ) {
      if (o.jsonOutput()) {
        printName();
        o.openJsonObject(null);
      } else {
        groupStart();
      }
    } else if (type == ARR) {
      if (o.jsonOutput()) {
        printName();
        o.openJsonArray(Print.JSON, null);
      } else {
        groupStart();
      }
    }
  }

  /** cmd_fmsg_nest(start=false); false on an empty nest stack. */
  private boolean end() {
    if (nests.isEmpty()) {
      return false;
    }
    int type = nests.pop();
    if (type == OBJ) {
      if (o.jsonOutput()) {
        o.closeJsonObject();
      } else {
        groupEnd();
      }
    } else if (type == ARR) {
      if (o.jsonOutput()) {
        o.closeJsonArray(Print.JSON, null);
      } else {
        groupEnd();
      }
    }
    return true;
  }

  /** pr_out_fmsg_group_start. */
  private void groupStart() {
    o.prOutNewline();
    printName();
    o.prOutNewline();
    o.prOutIndentInc();
  }

  /** pr_out_fmsg_group_end. */
  private void groupEnd() {
    o.prOutNewline();
    o.prOutIndentDec();
  }

  /** pr_out_fmsg_name: the pending name, once. */
  private void printName() {
    if (name != null) {
      o.prOutName(name);
      name = null;
    }
  }

  /** DEVLINK_ATTR_FMSG_OBJ_VALUE_DATA: pending name, then fmsg_value_show. */
  private void value(Fmsg.Value v) {
    printName();
    o.checkIndentNewline();
    if (v instanceof Fmsg.Bool b) {
      o.printBool(Print.ANY, null, "%s", b.value());
    } else if (v instanceof Fmsg.U8 u) {
      o.printUint(Print.ANY, null, hex ? "%#x" : "%u", u.value());
    } else if (v instanceof Fmsg.U32 u) {
      o.printUint(Print.ANY, null, hex ? "%#x" : "%u", u.value());
    } else if (v instanceof Fmsg.U64 u) {
      o.printU64(Print.ANY, null, hex ? "%#lx" : "%lu", u.value());
    } else if (v instanceof Fmsg.Str s) {
      o.printString(Print.ANY, null, "%s", s.value());
    } else if (v instanceof Fmsg.Binary bin) {
      o.prOutBinaryValue(bin.bytes().toArray8());
    }
  }
}
