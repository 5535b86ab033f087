package dev.fabric.tests;

import static dev.fabric.netlink.DevlinkUapi.*;

import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * A datagram in a comparable form: every message's header with the sequence number and port id
 * replaced (they are the caller's), devlink attributes walked (nests opened) and the values that
 * change on every real run (region bytes, health binary, dump times, MAC addresses, ifindexes)
 * replaced by their length. Everything else (types, flags, order, lengths, values) stays exact.
 */
final class WireShape {
  private WireShape() {}

  static final int DEVLINK_FAMILY = 0x15;
  /** Nests the kernel starts without NLA_F_NESTED (nla_nest_start_noflag) in devlink messages. */
  static final Set<Integer> NOFLAG_NESTS = Set.of(DEVLINK_ATTR_PARAM, DEVLINK_ATTR_PARAM_VALUES_LIST,
      DEVLINK_ATTR_PARAM_VALUE, DEVLINK_ATTR_INFO_VERSION_FIXED, DEVLINK_ATTR_INFO_VERSION_RUNNING,
      DEVLINK_ATTR_INFO_VERSION_STORED, DEVLINK_ATTR_HEALTH_REPORTER, DEVLINK_ATTR_PORT_FUNCTION,
      DEVLINK_ATTR_RESOURCE_LIST, DEVLINK_ATTR_RESOURCE, DEVLINK_ATTR_REGION_SNAPSHOTS, DEVLINK_ATTR_REGION_SNAPSHOT,
      DEVLINK_ATTR_REGION_CHUNKS, DEVLINK_ATTR_REGION_CHUNK, DEVLINK_ATTR_FMSG, DEVLINK_ATTR_DPIPE_TABLES);

  static String shape(String hex) {
    byte[] d = HexFormat.of().parseHex(hex);
    StringBuilder b = new StringBuilder();
    int at = 0;
    while (d.length - at >= 16) {
      int len = u32(d, at);
      if (len < 16 || len > d.length - at) {
        b.append("[trailing ").append(d.length - at).append("]");
        break;
      }
      int type = u16(d, at + 4);
      int flags = u16(d, at + 6);
      b.append("{t=").append(type).append(" f=").append(flags).append(" len=").append(len);
      if (type == 2 && len >= 36) {
        b.append(" err=").append(u32(d, at + 16)).append(" req{len=").append(u32(d, at + 20)).append(" t=")
            .append(u16(d, at + 24)).append(" f=").append(u16(d, at + 26)).append("}");
        b.append(" rest=").append(HexFormat.of().formatHex(d, at + 36, at + len));
      } else if (type == DEVLINK_FAMILY && len >= 20) {
        b.append(" cmd=").append(d[at + 16] & 0xff).append(" v=").append(d[at + 17] & 0xff).append(" r=")
            .append(u16(d, at + 18)).append(' ');
        attrs(b, d, at + 20, at + len, 0);
      } else {
        b.append(' ').append(HexFormat.of().formatHex(d, at + 16, at + len));
      }
      b.append("}");
      at += (len + 3) & ~3;
    }
    return b.toString();
  }

  private static void attrs(StringBuilder b, byte[] d, int from, int to, int parent) {
    int at = from;
    int prevType = -1;
    int prevVal = -1;
    while (to - at >= 4) {
      int len = u16(d, at);
      int raw = u16(d, at + 2);
      int type = raw & 0x3fff;
      if (len < 4 || at + len > to) {
        b.append("[bad]");
        return;
      }
      b.append(type).append(((raw & 0x8000) != 0) ? "N" : "").append(':').append(len);
      boolean nested = (raw & 0x8000) != 0
          || NOFLAG_NESTS.contains(type) && parent != DEVLINK_ATTR_PORT_FUNCTION && parent != DEVLINK_ATTR_FMSG;
      boolean masked = type == DEVLINK_ATTR_REGION_CHUNK_DATA && parent == DEVLINK_ATTR_REGION_CHUNK
          || type == DEVLINK_ATTR_HEALTH_REPORTER_DUMP_TS || type == DEVLINK_ATTR_HEALTH_REPORTER_DUMP_TS_NS
          || type == DEVLINK_ATTR_PORT_NETDEV_IFINDEX && parent == 0
          || parent == DEVLINK_ATTR_PORT_FUNCTION && type == DEVLINK_PORT_FUNCTION_ATTR_HW_ADDR
          || parent == DEVLINK_ATTR_FMSG && type == DEVLINK_ATTR_FMSG_OBJ_VALUE_DATA
              && prevType == DEVLINK_ATTR_FMSG_OBJ_VALUE_TYPE && prevVal == 11;
      if (nested) {
        b.append('(');
        attrs(b, d, at + 4, at + len, type);
        b.append(')');
      } else if (!masked) {
        b.append('=').append(HexFormat.of().formatHex(d, at + 4, at + len));
      }
      int padded = Math.min((len + 3) & ~3, to - at);
      if (padded > len) {
        b.append("+pad").append(HexFormat.of().formatHex(d, at + len, at + padded));
      }
      b.append(' ');
      prevType = type;
      prevVal = len > 4 ? d[at + 4] & 0xff : -1;
      at += (len + 3) & ~3;
    }
  }

  static int u16(byte[] b, int at) {
    return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8;
  }

  static int u32(byte[] b, int at) {
    return u16(b, at) | u16(b, at + 2) << 16;
  }

  static List<String> shapes(List<String> lines, char dir) {
    return lines.stream().filter(l -> l.charAt(0) == dir && l.charAt(1) == ' ').map(l -> shape(l.substring(2))).toList();
  }
}
