package dev.fabric.netlink;

import static dev.fabric.netlink.DevlinkUapi.*;

import dev.fabric.devlink.model.DevHandle;
import dev.fabric.devlink.model.Fmsg;
import dev.fabric.devlink.model.HealthOp;
import dev.fabric.devlink.model.Reply;
import java.util.ArrayList;
import java.util.List;

/**
 * Health formatted messages on the wire: the fabric's structured {@link Fmsg} flattened back into
 * the kernel's item list (devlink_fmsg_*_put), then cut into messages as devlink_fmsg_prepare_skb
 * does: items are put while they fit, a message is ended where one does not.
 */
final class FmsgEncoder {
  private FmsgEncoder() {}

  /** DEVLINK_FMSG_MAX_SIZE: GENLMSG_DEFAULT_SIZE - GENL_HDRLEN - NLA_HDRLEN. */
  static final int FMSG_MAX_SIZE = (GenlHandler.NLMSG_GOODSIZE - NlUapi.NLMSG_HDRLEN - NlUapi.GENL_HDRLEN)
      - NlUapi.GENL_HDRLEN - NlUapi.NLA_HDRLEN;

  /** One item of devlink_fmsg: a nest flag, a name, or a typed value (NLA_* type number). */
  record Item(int attr, String name, int nlaType, Object value) {}

  static List<Item> flatten(Fmsg f) {
    List<Item> out = new ArrayList<>();
    out.add(new Item(DEVLINK_ATTR_FMSG_OBJ_NEST_START, null, 0, null));
    List<Fmsg.Pair> items = f.items();
    for (int i = 0; i < items.size(); i++) {
      if (i == f.strayEndAt()) {
        // netdevsim's stray devlink_fmsg_arr_pair_nest_end: two NEST_END items
        out.add(end());
        out.add(end());
      }
      pair(out, items.get(i));
    }
    out.add(end());
    return out;
  }

  private static Item end() {
    return new Item(DEVLINK_ATTR_FMSG_NEST_END, null, 0, null);
  }

  private static void pair(List<Item> out, Fmsg.Pair p) {
    out.add(new Item(DEVLINK_ATTR_FMSG_PAIR_NEST_START, null, 0, null));
    out.add(new Item(DEVLINK_ATTR_FMSG_OBJ_NAME, p.name(), 0, null));
    value(out, p.value(), true);
    out.add(end());
  }

  private static void value(List<Item> out, Fmsg.Value v, boolean inPair) {
    if (v instanceof Fmsg.Bool b) {
      out.add(new Item(DEVLINK_ATTR_FMSG_OBJ_VALUE_DATA, null, 6, b.value() ? 1 : 0));
    } else if (v instanceof Fmsg.U8 u) {
      out.add(new Item(DEVLINK_ATTR_FMSG_OBJ_VALUE_DATA, null, 1, u.value()));
    } else if (v instanceof Fmsg.U32 u) {
      out.add(new Item(DEVLINK_ATTR_FMSG_OBJ_VALUE_DATA, null, 3, u.value()));
    } else if (v instanceof Fmsg.U64 u) {
      out.add(new Item(DEVLINK_ATTR_FMSG_OBJ_VALUE_DATA, null, 4, u.value()));
    } else if (v instanceof Fmsg.Str s) {
      out.add(new Item(DEVLINK_ATTR_FMSG_OBJ_VALUE_DATA, null, 10, s.value()));
    } else if (v instanceof Fmsg.Binary b) {
      out.add(new Item(DEVLINK_ATTR_FMSG_ARR_NEST_START, null, 0, null));
      byte[] all = b.bytes().toArray8();
      for (int off = 0; off < all.length; off += FMSG_MAX_SIZE) {
        int n = Math.min(FMSG_MAX_SIZE, all.length - off);
        out.add(new Item(DEVLINK_ATTR_FMSG_OBJ_VALUE_DATA, null, 11, java.util.Arrays.copyOfRange(all, off, off + n)));
      }
      out.add(end());
    } else if (v instanceof Fmsg.Obj o) {
      out.add(new Item(DEVLINK_ATTR_FMSG_OBJ_NEST_START, null, 0, null));
      for (Fmsg.Pair p : o.pairs()) {
        pair(out, p);
      }
      out.add(end());
    } else if (v instanceof Fmsg.Arr a) {
      out.add(new Item(DEVLINK_ATTR_FMSG_ARR_NEST_START, null, 0, null));
      for (Fmsg.Value e : a.elements()) {
        value(out, e, false);
      }
      out.add(end());
    }
  }

  private static int dataSize(Item it) {
    return switch (it.nlaType()) {
      case 6, 1 -> 1;
      case 3 -> 4;
      case 4 -> 8;
      case 10 -> ((String) it.value()).getBytes(java.nio.charset.StandardCharsets.UTF_8).length + 1;
      default -> ((byte[]) it.value()).length;
    };
  }

  private static int total(int payload) {
    return (4 + payload + 3) & ~3;
  }

  /**
   * devlink_fmsg_prepare_skb: items from {@code start} while they fit in {@code capacity} bytes
   * of the skb; returns the index of the first item not put.
   */
  static int prepare(NlWriter w, List<Item> items, int start, int capacity) {
    w.nestNoFlag(DEVLINK_ATTR_FMSG);
    int i = start;
    for (; i < items.size(); i++) {
      Item it = items.get(i);
      int room = capacity - w.length();
      if (it.attr() == DEVLINK_ATTR_FMSG_OBJ_VALUE_DATA) {
        if (room < total(1)) {
          break;
        }
        w.u8(DEVLINK_ATTR_FMSG_OBJ_VALUE_TYPE, it.nlaType());
        room = capacity - w.length();
        int pad64 = 0;
        if (room < total(dataSize(it)) + pad64) {
          break; // the type attribute stays, as in the kernel
        }
        switch (it.nlaType()) {
          case 6, 1 -> w.u8(DEVLINK_ATTR_FMSG_OBJ_VALUE_DATA, ((Number) it.value()).intValue());
          case 3 -> w.u32(DEVLINK_ATTR_FMSG_OBJ_VALUE_DATA, ((Number) it.value()).longValue());
          case 4 -> w.u64(DEVLINK_ATTR_FMSG_OBJ_VALUE_DATA, ((Number) it.value()).longValue(), DEVLINK_ATTR_PAD);
          case 10 -> w.string(DEVLINK_ATTR_FMSG_OBJ_VALUE_DATA, (String) it.value());
          default -> w.binary(DEVLINK_ATTR_FMSG_OBJ_VALUE_DATA, (byte[]) it.value());
        }
      } else if (it.attr() == DEVLINK_ATTR_FMSG_OBJ_NAME) {
        if (room < total(it.name().getBytes(java.nio.charset.StandardCharsets.UTF_8).length + 1)) {
          break;
        }
        w.string(DEVLINK_ATTR_FMSG_OBJ_NAME, it.name());
      } else {
        if (room < total(0)) {
          break;
        }
        w.flag(it.attr());
      }
    }
    w.endNest();
    return i;
  }

  /** devlink_fmsg_snd: one skb per message, NLMSG_DONE in its own, the ACK after (by the caller). */
  static void send(NlMessage m, NlSock s, Fmsg f, int cmd, List<byte[]> out) {
    List<Item> items = flatten(f);
    int index = 0;
    boolean last = false;
    while (!last) {
      NlWriter w = new NlWriter();
      w.begin(m.type(), NlUapi.NLM_F_MULTI, m.seq(), s.portid(), cmd, DEVLINK_GENL_VERSION);
      int next = prepare(w, items, index, GenlHandler.NLMSG_GOODSIZE);
      last = next == items.size();
      if (!last && next == index) {
        break;
      }
      index = next;
      w.end();
      out.add(w.toBytes());
    }
    NlWriter done = new NlWriter();
    done.begin(NlUapi.NLMSG_DONE, NlUapi.NLM_F_MULTI, m.seq(), s.portid(), -1, 0);
    done.end();
    out.add(done.toBytes());
  }

  /** devlink_nl_cmd_health_reporter_dump_get_dumpit: one message per dump round. */
  static NlError healthDump(DevlinkFamily family, Attrs a, NlSock s, GenlHandler.Dump dump) {
    DevHandle dev = DevlinkFamily.handleOf(a);
    if (dev == null) {
      return NlError.of(-22);
    }
    if (!a.has(DEVLINK_ATTR_HEALTH_REPORTER_NAME)) {
      return NlError.of(-22);
    }
    Reply<Fmsg> r = family.request(s, dev, new HealthOp.DumpGet(a.str(DEVLINK_ATTR_HEALTH_REPORTER_NAME)));
    if (r instanceof Reply.Err<Fmsg> e) {
      return NlError.of(-e.errno().code, DevlinkFamily.kernelText(e.extack().orElse(null)));
    }
    List<Item> items = flatten(r.orElseThrow());
    int index = 0;
    NlMessage m = dump.request();
    while (true) {
      NlWriter w = new NlWriter();
      w.begin(m.type(), NlUapi.NLM_F_ACK | NlUapi.NLM_F_MULTI, m.seq(), s.portid(),
          DEVLINK_CMD_HEALTH_REPORTER_DUMP_GET, DEVLINK_GENL_VERSION);
      int next = prepare(w, items, index, dump.capacity());
      if (next == index) {
        return null;
      }
      index = next;
      w.end();
      dump.datagram(w.toBytes());
    }
  }
}
