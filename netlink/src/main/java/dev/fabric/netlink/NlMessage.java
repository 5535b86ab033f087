package dev.fabric.netlink;

import java.util.ArrayList;
import java.util.List;

/** One received netlink message: its header fields and where it lies in the datagram. */
public record NlMessage(byte[] data, int offset, int length, int type, int flags, int seq, int portid) {

  public static int u16(byte[] b, int at) {
    return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8;
  }

  public static int u32(byte[] b, int at) {
    return u16(b, at) | u16(b, at + 2) << 16;
  }

  public static long u64(byte[] b, int at) {
    return (u32(b, at) & 0xffffffffL) | (long) u32(b, at + 4) << 32;
  }

  /** The header of every message in a datagram, as netlink_rcv_skb walks them. */
  public record Parsed(List<NlMessage> messages, boolean truncated) {}

  /**
   * netlink_rcv_skb: messages are taken while a full header fits and nlmsg_len is within what
   * remains; a shorter tail is dropped silently, as the kernel does.
   */
  public static Parsed parse(byte[] d) {
    List<NlMessage> out = new ArrayList<>();
    int at = 0;
    while (d.length - at >= NlUapi.NLMSG_HDRLEN) {
      int len = u32(d, at);
      if (len < NlUapi.NLMSG_HDRLEN || len > d.length - at) {
        return new Parsed(out, true);
      }
      out.add(new NlMessage(d, at, len, u16(d, at + 4), u16(d, at + 6), u32(d, at + 8), u32(d, at + 12)));
      int step = (len + 3) & ~3;
      if (step > d.length - at) {
        step = d.length - at;
      }
      at += step;
    }
    return new Parsed(out, false);
  }

  /** The payload (after nlmsghdr) length. */
  public int payloadLength() {
    return length - NlUapi.NLMSG_HDRLEN;
  }

  public int payloadOffset() {
    return offset + NlUapi.NLMSG_HDRLEN;
  }
}
