package dev.fabric.netlink;

import java.nio.charset.StandardCharsets;

/** The parsed top-level attributes of one request: offsets into the datagram, by type (0 = absent). */
final class Attrs {
  final byte[] d;
  final int[] at;
  final int base;

  Attrs(byte[] d, int[] at, int base) {
    this.d = d;
    this.at = at;
    this.base = base;
  }

  boolean has(int type) {
    return type < at.length && at[type] != 0;
  }

  int len(int type) {
    return NlMessage.u16(d, at[type]) - 4;
  }

  int u8(int type) {
    return d[at[type] + 4] & 0xff;
  }

  int u16(int type) {
    return NlMessage.u16(d, at[type] + 4);
  }

  long u32(int type) {
    return NlMessage.u32(d, at[type] + 4) & 0xffffffffL;
  }

  long u64(int type) {
    return NlMessage.u64(d, at[type] + 4);
  }

  int bitValue(int type) {
    return NlMessage.u32(d, at[type] + 4);
  }

  int bitSelector(int type) {
    return NlMessage.u32(d, at[type] + 8);
  }

  /** nla_data as a C string (up to the first NUL). */
  String str(int type) {
    int start = at[type] + 4;
    int end = start;
    int limit = start + len(type);
    while (end < limit && d[end] != 0) {
      end++;
    }
    return new String(d, start, end - start, StandardCharsets.UTF_8);
  }

  /** Offset of the attribute from the message start (for NLMSGERR_ATTR_OFFS). */
  int offset(int type) {
    return at[type] - base;
  }
}
