package dev.fabric.netlink;

import static dev.fabric.netlink.DevlinkUapi.*;

/**
 * lib/nlattr.c's attribute validation for one policy table, and the table of net/devlink's
 * devlink_nl_policy (Linux 6.1). Only what the devlink and nlctrl policies use is modelled.
 */
public final class Policy {
  public enum Kind { UNSPEC, U8, U16, U32, U64, FLAG, NUL_STRING, NESTED, BITFIELD32, BINARY }

  /** One policy entry: type, optional NLA_POLICY_RANGE bounds, bitfield32 valid mask, max length. */
  public record Entry(Kind kind, long min, long max, boolean ranged, int bitfieldValid, int len) {
    static Entry of(Kind k) {
      return new Entry(k, 0, 0, false, 0, 0);
    }

    static Entry range(Kind k, long min, long max) {
      return new Entry(k, min, max, true, 0, 0);
    }

    static Entry bitfield(int valid) {
      return new Entry(Kind.BITFIELD32, 0, 0, false, valid, 0);
    }
  }

  /** Validation flags of lib/nlattr.c (NL_VALIDATE_*). */
  public static final int TRAILING = 1, MAXTYPE = 2, UNSPEC = 4, STRICT_ATTRS = 8, NESTED = 16;
  public static final int STRICT = TRAILING | MAXTYPE | UNSPEC | STRICT_ATTRS | NESTED;

  private final Entry[] table;
  private final int strictStartType;

  public Policy(Entry[] table, int strictStartType) {
    this.table = table;
    this.strictStartType = strictStartType;
  }

  public int maxType() {
    return table.length - 1;
  }

  public Entry entry(int type) {
    return table[type] == null ? Entry.of(Kind.UNSPEC) : table[type];
  }

  /** nla_attr_len: the exact length of fixed-size types (a mismatch warns, or fails when strict). */
  private static int exactLen(Kind k) {
    return switch (k) {
      case U8 -> 1;
      case U16 -> 2;
      case U32 -> 4;
      case U64 -> 8;
      default -> 0;
    };
  }

  /**
   * __nla_validate_parse over the attributes at [start, start+len) of {@code d}; {@code base} is the
   * start of the request message (extack offsets are relative to it). Fills {@code attrs} with the
   * offset of the last attribute of each type (the kernel keeps the last one). Returns null or the
   * kernel's error.
   */
  public NlError parse(byte[] d, int start, int len, int base, int validate, int[] attrs) {
    int at = start;
    int rem = len;
    while (rem >= 4) {
      int nlaLen = NlMessage.u16(d, at);
      if (nlaLen < 4 || nlaLen > rem) {
        break;
      }
      int rawType = NlMessage.u16(d, at + 2);
      int type = rawType & NlUapi.NLA_TYPE_MASK;
      if (type == 0 || type > maxType()) {
        if ((validate & MAXTYPE) != 0) {
          return new NlError(-22, "Unknown attribute type", at - base, null);
        }
      } else {
        NlError e = validateOne(d, at, nlaLen, rawType, type, base, validate);
        if (e != null) {
          return e;
        }
        if (attrs != null) {
          attrs[type] = at;
        }
      }
      int step = (nlaLen + 3) & ~3;
      at += step;
      rem -= step;
    }
    if (rem > 0 && (validate & TRAILING) != 0) {
      return NlError.of(-22, "bytes leftover after parsing attributes");
    }
    return null;
  }

  private NlError validateOne(byte[] d, int at, int nlaLen, int rawType, int type, int base, int validate) {
    if (strictStartType != 0 && type >= strictStartType) {
      validate |= STRICT;
    }
    Entry pt = entry(type);
    int attrlen = nlaLen - 4;
    int data = at + 4;
    int off = at - base;
    int exact = exactLen(pt.kind());
    if (exact != 0 && attrlen != exact && (validate & STRICT_ATTRS) != 0) {
      return new NlError(-22, "invalid attribute length", off, pt);
    }
    if ((validate & NESTED) != 0) {
      boolean nestedBit = (rawType & NlUapi.NLA_F_NESTED) != 0;
      if (pt.kind() == Kind.NESTED && !nestedBit) {
        return new NlError(-22, "NLA_F_NESTED is missing", off, pt);
      }
      if (pt.kind() != Kind.NESTED && pt.kind() != Kind.UNSPEC && nestedBit) {
        return new NlError(-22, "NLA_F_NESTED not expected", off, pt);
      }
    }
    NlError fail = new NlError(-34, "Attribute failed policy validation", off, pt);
    switch (pt.kind()) {
      case FLAG -> {
        if (attrlen > 0) {
          return fail;
        }
      }
      case BITFIELD32 -> {
        if (attrlen != 8) {
          return fail;
        }
        int value = NlMessage.u32(d, data);
        int selector = NlMessage.u32(d, data + 4);
        int valid = pt.bitfieldValid();
        if (valid == 0 || (selector & ~valid) != 0 || (value & ~valid) != 0 || (value & ~selector) != 0) {
          return new NlError(-22, fail.message(), off, pt);
        }
      }
      case NUL_STRING -> {
        int minlen = pt.len() != 0 ? Math.min(attrlen, pt.len() + 1) : attrlen;
        boolean nul = false;
        for (int i = 0; i < minlen; i++) {
          if (d[data + i] == 0) {
            nul = true;
            break;
          }
        }
        if (minlen == 0 || !nul) {
          return new NlError(-22, fail.message(), off, pt);
        }
        if (attrlen < 1) {
          return fail;
        }
      }
      case BINARY -> {
        if (pt.len() != 0 && attrlen > pt.len()) {
          return fail;
        }
      }
      case NESTED -> {
        if (attrlen != 0 && attrlen < 4) {
          return fail;
        }
      }
      case UNSPEC -> {
        if ((validate & UNSPEC) != 0) {
          return new NlError(-22, "Unsupported attribute", off, null);
        }
      }
      default -> {
        if (attrlen < exact) {
          return fail;
        }
      }
    }
    if (pt.ranged()) {
      long v = switch (pt.kind()) {
        case U8 -> d[data] & 0xff;
        case U16 -> NlMessage.u16(d, data);
        case U32 -> NlMessage.u32(d, data) & 0xffffffffL;
        default -> NlMessage.u64(d, data);
      };
      if (v < pt.min() || v > pt.max()) {
        return new NlError(-34, "integer out of range", off, pt);
      }
    }
    return null;
  }

  /** netlink_policy_dump_write_attr: the NLMSGERR_ATTR_POLICY nest of an error. */
  public static void writePolicy(NlWriter w, Entry pt) {
    int type;
    w.nest(NlUapi.NLMSGERR_ATTR_POLICY);
    switch (pt.kind()) {
      case U8, U16, U32, U64 -> {
        type = switch (pt.kind()) {
          case U8 -> NlUapi.NL_ATTR_TYPE_U8;
          case U16 -> NlUapi.NL_ATTR_TYPE_U16;
          case U32 -> NlUapi.NL_ATTR_TYPE_U32;
          default -> NlUapi.NL_ATTR_TYPE_U64;
        };
        long max = switch (pt.kind()) {
          case U8 -> 0xffL;
          case U16 -> 0xffffL;
          case U32 -> 0xffffffffL;
          default -> -1L;
        };
        w.u64(NlUapi.NL_POLICY_TYPE_ATTR_MIN_VALUE_U, pt.ranged() ? pt.min() : 0, NlUapi.NL_POLICY_TYPE_ATTR_PAD);
        w.u64(NlUapi.NL_POLICY_TYPE_ATTR_MAX_VALUE_U, pt.ranged() ? pt.max() : max, NlUapi.NL_POLICY_TYPE_ATTR_PAD);
      }
      case BITFIELD32 -> {
        type = NlUapi.NL_ATTR_TYPE_BITFIELD32;
        w.u32(NlUapi.NL_POLICY_TYPE_ATTR_BITFIELD32_MASK, pt.bitfieldValid());
      }
      case NUL_STRING -> {
        type = NlUapi.NL_ATTR_TYPE_NUL_STRING;
        if (pt.len() != 0) {
          w.u32(NlUapi.NL_POLICY_TYPE_ATTR_MAX_LENGTH, pt.len());
        }
      }
      case FLAG -> type = NlUapi.NL_ATTR_TYPE_FLAG;
      case BINARY -> type = NlUapi.NL_ATTR_TYPE_BINARY;
      case NESTED -> type = NlUapi.NL_ATTR_TYPE_NESTED;
      default -> throw new IllegalStateException("no policy dump for " + pt.kind());
    }
    w.u32(NlUapi.NL_POLICY_TYPE_ATTR_TYPE, type);
    w.endNest();
  }

  /** devlink_nl_policy of net/devlink/leftover.c (6.1), entry for entry. */
  public static final Policy DEVLINK;

  static {
    Entry[] t = new Entry[DEVLINK_ATTR_MAX + 1];
    Entry nul = Entry.of(Kind.NUL_STRING);
    Entry u8 = Entry.of(Kind.U8);
    Entry u16 = Entry.of(Kind.U16);
    Entry u32 = Entry.of(Kind.U32);
    Entry u64 = Entry.of(Kind.U64);
    t[DEVLINK_ATTR_BUS_NAME] = nul;
    t[DEVLINK_ATTR_DEV_NAME] = nul;
    t[DEVLINK_ATTR_PORT_INDEX] = u32;
    t[DEVLINK_ATTR_PORT_TYPE] = Entry.range(Kind.U16, DEVLINK_PORT_TYPE_AUTO, DEVLINK_PORT_TYPE_IB);
    t[DEVLINK_ATTR_PORT_SPLIT_COUNT] = u32;
    t[DEVLINK_ATTR_SB_INDEX] = u32;
    t[DEVLINK_ATTR_SB_POOL_INDEX] = u16;
    t[DEVLINK_ATTR_SB_POOL_TYPE] = u8;
    t[DEVLINK_ATTR_SB_POOL_SIZE] = u32;
    t[DEVLINK_ATTR_SB_POOL_THRESHOLD_TYPE] = u8;
    t[DEVLINK_ATTR_SB_THRESHOLD] = u32;
    t[DEVLINK_ATTR_SB_TC_INDEX] = u16;
    t[DEVLINK_ATTR_ESWITCH_MODE] = Entry.range(Kind.U16, DEVLINK_ESWITCH_MODE_LEGACY, DEVLINK_ESWITCH_MODE_SWITCHDEV);
    t[DEVLINK_ATTR_ESWITCH_INLINE_MODE] = u8;
    t[DEVLINK_ATTR_ESWITCH_ENCAP_MODE] = u8;
    t[DEVLINK_ATTR_DPIPE_TABLE_NAME] = nul;
    t[DEVLINK_ATTR_DPIPE_TABLE_COUNTERS_ENABLED] = u8;
    t[DEVLINK_ATTR_RESOURCE_ID] = u64;
    t[DEVLINK_ATTR_RESOURCE_SIZE] = u64;
    t[DEVLINK_ATTR_PARAM_NAME] = nul;
    t[DEVLINK_ATTR_PARAM_TYPE] = u8;
    t[DEVLINK_ATTR_PARAM_VALUE_CMODE] = u8;
    t[DEVLINK_ATTR_REGION_NAME] = nul;
    t[DEVLINK_ATTR_REGION_SNAPSHOT_ID] = u32;
    t[DEVLINK_ATTR_REGION_CHUNK_ADDR] = u64;
    t[DEVLINK_ATTR_REGION_CHUNK_LEN] = u64;
    t[DEVLINK_ATTR_HEALTH_REPORTER_NAME] = nul;
    t[DEVLINK_ATTR_HEALTH_REPORTER_GRACEFUL_PERIOD] = u64;
    t[DEVLINK_ATTR_HEALTH_REPORTER_AUTO_RECOVER] = u8;
    t[DEVLINK_ATTR_FLASH_UPDATE_FILE_NAME] = nul;
    t[DEVLINK_ATTR_FLASH_UPDATE_COMPONENT] = nul;
    t[DEVLINK_ATTR_FLASH_UPDATE_OVERWRITE_MASK] = Entry.bitfield(
        (1 << DEVLINK_FLASH_OVERWRITE_SETTINGS_BIT) | (1 << DEVLINK_FLASH_OVERWRITE_IDENTIFIERS_BIT));
    t[DEVLINK_ATTR_TRAP_NAME] = nul;
    t[DEVLINK_ATTR_TRAP_ACTION] = u8;
    t[DEVLINK_ATTR_TRAP_GROUP_NAME] = nul;
    t[DEVLINK_ATTR_NETNS_PID] = u32;
    t[DEVLINK_ATTR_NETNS_FD] = u32;
    t[DEVLINK_ATTR_NETNS_ID] = u32;
    t[DEVLINK_ATTR_HEALTH_REPORTER_AUTO_DUMP] = u8;
    t[DEVLINK_ATTR_TRAP_POLICER_ID] = u32;
    t[DEVLINK_ATTR_TRAP_POLICER_RATE] = u64;
    t[DEVLINK_ATTR_TRAP_POLICER_BURST] = u64;
    t[DEVLINK_ATTR_PORT_FUNCTION] = Entry.of(Kind.NESTED);
    t[DEVLINK_ATTR_RELOAD_ACTION] = Entry.range(Kind.U8, DEVLINK_RELOAD_ACTION_DRIVER_REINIT, DEVLINK_RELOAD_ACTION_MAX);
    t[DEVLINK_ATTR_RELOAD_LIMITS] = Entry.bitfield((1 << (DEVLINK_RELOAD_LIMIT_MAX + 1)) - 1);
    t[DEVLINK_ATTR_PORT_FLAVOUR] = u16;
    t[DEVLINK_ATTR_PORT_PCI_PF_NUMBER] = u16;
    t[DEVLINK_ATTR_PORT_PCI_SF_NUMBER] = u32;
    t[DEVLINK_ATTR_PORT_CONTROLLER_NUMBER] = u32;
    t[DEVLINK_ATTR_RATE_TYPE] = u16;
    t[DEVLINK_ATTR_RATE_TX_SHARE] = u64;
    t[DEVLINK_ATTR_RATE_TX_MAX] = u64;
    t[DEVLINK_ATTR_RATE_NODE_NAME] = nul;
    t[DEVLINK_ATTR_RATE_PARENT_NODE_NAME] = nul;
    t[DEVLINK_ATTR_LINECARD_INDEX] = u32;
    t[DEVLINK_ATTR_LINECARD_TYPE] = nul;
    t[DEVLINK_ATTR_SELFTESTS] = Entry.of(Kind.NESTED);
    DEVLINK = new Policy(t, DEVLINK_ATTR_TRAP_POLICER_ID);
  }

  /** devlink_function_nl_policy (parsed strictly by nla_parse_nested). */
  public static final Policy PORT_FUNCTION;

  static {
    Entry[] t = new Entry[DEVLINK_PORT_FUNCTION_ATTR_MAX + 1];
    t[DEVLINK_PORT_FUNCTION_ATTR_HW_ADDR] = Entry.of(Kind.BINARY);
    t[DEVLINK_PORT_FN_ATTR_STATE] = Entry.range(Kind.U8, DEVLINK_PORT_FN_STATE_INACTIVE, DEVLINK_PORT_FN_STATE_ACTIVE);
    PORT_FUNCTION = new Policy(t, 0);
  }

  /** ctrl_policy_family of net/netlink/genetlink.c. */
  public static final Policy CTRL_FAMILY;

  static {
    Entry[] t = new Entry[NlUapi.CTRL_ATTR_MCAST_GROUPS + 1];
    t[NlUapi.CTRL_ATTR_FAMILY_ID] = Entry.of(Kind.U16);
    t[NlUapi.CTRL_ATTR_FAMILY_NAME] = new Entry(Kind.NUL_STRING, 0, 0, false, 0, 16 - 1);
    CTRL_FAMILY = new Policy(t, 0);
  }
}
