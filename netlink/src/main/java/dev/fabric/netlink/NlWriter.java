package dev.fabric.netlink;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Builds one datagram of netlink messages (little-endian, as on x86-64).
 */
public final class NlWriter {
  private byte[] buf = new byte[256];
  private int len;
  private final int[] nests = new int[16];
  private int depth;
  private int msgStart = -1;

  public int length() {
    return len;
  }

  public byte[] toBytes() {
    return Arrays.copyOf(buf, len);
  }

  private void ensure(int n) {
    if (len + n > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
    }
  }

  private void raw16(int at, int v) {
    buf[at] = (byte) v;
    buf[at + 1] = (byte) (v >>> 8);
  }

  private void raw32(int at, int v) {
    raw16(at, v);
    raw16(at + 2, v >>> 16);
  }

  public void putInt(int v) {
    ensure(4);
    raw32(len, v);
    len += 4;
  }

  public void putBytes(byte[] b, int off, int n) {
    ensure(n);
    System.arraycopy(b, off, buf, len, n);
    len += n;
  }

  private void align() {
    int pad = (4 - (len & 3)) & 3;
    ensure(pad);
    for (int i = 0; i < pad; i++) {
      buf[len++] = 0;
    }
  }

  /** Starts a message: nlmsghdr, then the genlmsghdr when {@code genlCmd >= 0}. */
  public NlWriter begin(int type, int flags, int seq, int portid, int genlCmd, int genlVersion) {
    msgStart = len;
    ensure(20);
    raw32(len, 0);
    raw16(len + 4, type);
    raw16(len + 6, flags);
    raw32(len + 8, seq);
    raw32(len + 12, portid);
    len += 16;
    if (genlCmd >= 0) {
      buf[len] = (byte) genlCmd;
      buf[len + 1] = (byte) genlVersion;
      buf[len + 2] = 0;
      buf[len + 3] = 0;
      len += 4;
    }
    return this;
  }

  public NlWriter end() {
    raw32(msgStart, len - msgStart);
    msgStart = -1;
    return this;
  }

  /** Drops the message begun last (it did not fit). */
  public void cancel(int mark) {
    len = mark;
    msgStart = -1;
    depth = 0;
  }

  /** Drops everything after {@code mark} (an attribute that did not fit: nla_nest_cancel). */
  public void truncate(int mark) {
    len = mark;
  }

  public int messageStart() {
    return msgStart;
  }

  public void setFlags(int at, int flags) {
    raw16(at + 6, flags);
  }

  private void header(int type, int payload) {
    ensure(4 + payload + 3);
    raw16(len, 4 + payload);
    raw16(len + 2, type);
    len += 4;
  }

  public NlWriter u8(int type, int v) {
    header(type, 1);
    buf[len++] = (byte) v;
    align();
    return this;
  }

  public NlWriter u16(int type, int v) {
    header(type, 2);
    raw16(len, v);
    len += 2;
    align();
    return this;
  }

  public NlWriter u32(int type, long v) {
    header(type, 4);
    raw32(len, (int) v);
    len += 4;
    return this;
  }

  public NlWriter bitfield32(int type, int value, int selector) {
    header(type, 8);
    raw32(len, value);
    raw32(len + 4, selector);
    len += 8;
    return this;
  }

  public NlWriter flag(int type) {
    header(type, 0);
    return this;
  }

  /**
   * nla_put_u64_64bit. nla_need_padding_for_64bit never pads on x86-64: the architecture has
   * CONFIG_HAVE_EFFICIENT_UNALIGNED_ACCESS (the recorded 6.1 replies hold no PAD attribute), so
   * {@code padType} is never written.
   */
  public NlWriter u64(int type, long v, int padType) {
    header(type, 8);
    raw32(len, (int) v);
    raw32(len + 4, (int) (v >>> 32));
    len += 8;
    return this;
  }

  public NlWriter string(int type, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    header(type, b.length + 1);
    System.arraycopy(b, 0, buf, len, b.length);
    len += b.length;
    buf[len++] = 0;
    align();
    return this;
  }

  public NlWriter binary(int type, byte[] b) {
    header(type, b.length);
    System.arraycopy(b, 0, buf, len, b.length);
    len += b.length;
    align();
    return this;
  }

  /** nla_nest_start: the kernel sets NLA_F_NESTED in nla_nest_start, not in nla_nest_start_noflag. */
  public NlWriter nest(int type) {
    nests[depth++] = len;
    header(type | NlUapi.NLA_F_NESTED, 0);
    return this;
  }

  /** nla_nest_start_noflag, as nlctrl's replies use. */
  public NlWriter nestNoFlag(int type) {
    nests[depth++] = len;
    header(type, 0);
    return this;
  }

  public NlWriter endNest() {
    int at = nests[--depth];
    raw16(at, len - at);
    return this;
  }
}
