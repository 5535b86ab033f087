package dev.fabric.netlink;

import static dev.fabric.netlink.DevlinkUapi.*;
import static dev.fabric.netlink.NlUapi.*;

import dev.fabric.devlink.client.Fabric;
import java.util.ArrayList;
import java.util.List;

/**
 * The kernel side of a NETLINK_GENERIC socket: netlink_rcv_skb's walk over a datagram, genetlink's
 * family dispatch (nlctrl and devlink), ACKs and errors as netlink_ack builds them. It holds no
 * devlink state: every devlink request goes to the fabric through its typed client.
 */
public final class GenlHandler {
  /** The ids the reference guest's kernel assigned at boot (any value works: clients resolve them). */
  public static final int DEVLINK_FAMILY_ID = 0x15;
  public static final int DEVLINK_MCGRP_CONFIG_ID = 5;
  static final int NLCTRL_MCGRP_NOTIFY_ID = GENL_ID_CTRL;

  /** NLMSG_GOODSIZE on x86-64 with 4 KiB pages: SKB_WITH_OVERHEAD(4096). */
  static final int NLMSG_GOODSIZE = 4096 - 320;
  /** netlink_recvmsg caps max_recvmsg_len at SKB_WITH_OVERHEAD(32768). */
  public static final int MAX_RECVMSG_LEN = 32768 - 320;

  private final DevlinkFamily devlink;

  public GenlHandler(Fabric fabric) {
    this.devlink = new DevlinkFamily(fabric);
  }

  /** Outcome of one message: an error (or a warning with errno 0), or a dump that needs no ACK. */
  static final NlError OK = null;
  static final NlError DUMP_STARTED = new NlError(-4, null, -1, null);

  /** netlink_rcv_skb: every message of the datagram in turn; returns the datagrams to deliver. */
  public List<byte[]> receive(byte[] datagram, NlSock s) {
    List<byte[]> out = new ArrayList<>();
    for (NlMessage m : NlMessage.parse(datagram).messages()) {
      NlError err = OK;
      if ((m.flags() & NLM_F_REQUEST) != 0 && m.type() >= NLMSG_MIN_TYPE) {
        try {
          err = dispatch(m, s, out);
        } catch (RuntimeException e) {
          if (Boolean.getBoolean("fabric.netlink.debug")) {
            e.printStackTrace();
          }
          // The fabric did not answer (timeout or shutdown): the kernel's nearest answer is ENOBUFS-free EIO.
          err = NlError.of(-5);
        }
      }
      if (err == DUMP_STARTED) {
        continue;
      }
      if ((m.flags() & NLM_F_ACK) != 0 || (err != null && err.errno() != 0)) {
        out.add(ack(m, err, s));
      }
    }
    return out;
  }

  private NlError dispatch(NlMessage m, NlSock s, List<byte[]> out) {
    if (m.type() == GENL_ID_CTRL) {
      return genl(m, s, out, Ctrl.FAMILY);
    }
    if (m.type() == DEVLINK_FAMILY_ID) {
      return genl(m, s, out, devlink);
    }
    return NlError.of(-2); // genl_rcv_msg: no family with this id
  }

  /** A generic netlink family as genl_family_rcv_msg sees it. */
  interface Family {
    int resvStartOp();

    /** The op of {@code cmd}, or null (genl_get_cmd fails: EOPNOTSUPP). */
    GenlOp op(int cmd);

    Policy policy();

    NlError doit(NlMessage m, GenlOp op, Attrs attrs, NlSock s, List<byte[]> out);

    NlError dumpit(NlMessage m, GenlOp op, Attrs attrs, NlSock s, Dump dump);
  }

  /** One genl op: flags as genl_op_fill_info reports them and the validation it asks for. */
  record GenlOp(int cmd, boolean admin, boolean doit, boolean dump, boolean strict, boolean dumpValidate,
      boolean dumpStrict, String internal) {
    int capFlags(boolean hasPolicy) {
      return (admin ? GENL_ADMIN_PERM : 0) | (doit ? GENL_CMD_CAP_DO : 0) | (dump ? GENL_CMD_CAP_DUMP : 0)
          | (hasPolicy ? GENL_CMD_CAP_HASPOL : 0);
    }
  }

  /** genl_family_rcv_msg, genl_header_check and the attribute parse of genl_family_rcv_msg_attrs_parse. */
  private NlError genl(NlMessage m, NlSock s, List<byte[]> out, Family f) {
    byte[] d = m.data();
    int hdrlen = GENL_HDRLEN;
    if (m.length() < NLMSG_HDRLEN + hdrlen) {
      return NlError.of(-22);
    }
    int cmd = d[m.payloadOffset()] & 0xff;
    int reserved = NlMessage.u16(d, m.payloadOffset() + 2);
    if (cmd >= f.resvStartOp()) {
      if (reserved != 0) {
        return NlError.of(-22, "genlmsghdr.reserved field is not 0");
      }
      int flags = m.flags();
      if ((flags & NLM_F_DUMP) == NLM_F_DUMP) {
        flags &= ~NLM_F_DUMP;
      }
      if ((flags & ~(NLM_F_REQUEST | NLM_F_ACK | NLM_F_ECHO)) != 0) {
        return NlError.of(-22, "ambiguous or reserved bits set in nlmsg_flags");
      }
    }
    GenlOp op = f.op(cmd);
    if (op == null) {
      return NlError.of(-95);
    }
    int attrStart = m.payloadOffset() + hdrlen;
    int attrLen = m.length() - NLMSG_HDRLEN - hdrlen;
    int[] at = new int[f.policy().maxType() + 1];
    if ((m.flags() & NLM_F_DUMP) == NLM_F_DUMP) {
      if (!op.dump()) {
        return NlError.of(-95);
      }
      if (op.dumpValidate()) {
        NlError e = f.policy().parse(d, attrStart, attrLen, m.offset(), op.dumpStrict() ? Policy.STRICT : 0, at);
        if (e != null) {
          return e;
        }
      }
      Dump dump = new Dump(m, s);
      // Errors of the dump rounds travel in NLMSG_DONE (netlink_dump_done), not in an ACK.
      NlError e = f.dumpit(m, op, new Attrs(d, at, m.offset()), s, dump);
      out.addAll(dump.finish(e != null && e != DUMP_STARTED && e.errno() != 0 ? e : null));
      return DUMP_STARTED;
    }
    if (!op.doit()) {
      return NlError.of(-95);
    }
    NlError e = f.policy().parse(d, attrStart, attrLen, m.offset(), op.strict() ? Policy.STRICT : 0, at);
    if (e != null) {
      return e;
    }
    return f.doit(m, op, new Attrs(d, at, m.offset()), s, out);
  }

  /** netlink_ack: the NLMSG_ERROR for {@code m} (error 0 = ACK), capped or not, with extack TLVs. */
  static byte[] ack(NlMessage m, NlError err, NlSock s) {
    int errno = err == null ? 0 : err.errno();
    int flags = 0;
    boolean capped = errno == 0 || s.capAck();
    if (capped) {
      flags |= NLM_F_CAPPED;
    }
    boolean tlvs = false;
    if (s.extAck() && err != null) {
      tlvs = err.message() != null
          || (errno != 0 && (err.badAttrOffset() >= 0 || err.policy() != null || err.missType() != 0));
    }
    if (tlvs) {
      flags |= NLM_F_ACK_TLVS;
    }
    NlWriter w = new NlWriter();
    w.begin(NLMSG_ERROR, flags, m.seq(), s.portid(), -1, 0);
    w.putInt(errno);
    w.putBytes(m.data(), m.offset(), NLMSG_HDRLEN);
    if (!capped) {
      w.putBytes(m.data(), m.payloadOffset(), m.payloadLength());
      int pad = (4 - (m.payloadLength() & 3)) & 3;
      w.putBytes(new byte[4], 0, pad);
    }
    if (tlvs) {
      if (err.message() != null) {
        w.string(NLMSGERR_ATTR_MSG, err.message());
      }
      if (errno != 0) {
        if (err.badAttrOffset() >= 0) {
          w.u32(NLMSGERR_ATTR_OFFS, err.badAttrOffset());
        }
        if (err.policy() != null) {
          Policy.writePolicy(w, err.policy());
        }
        if (err.missType() != 0) {
          w.u32(NLMSGERR_ATTR_MISS_TYPE, err.missType());
        }
      }
    }
    w.end();
    return w.toBytes();
  }

  /**
   * A dump's messages, packed as netlink_dump packs them: each datagram holds whole messages up to
   * max(NLMSG_GOODSIZE, max_recvmsg_len) bytes; NLMSG_DONE goes alone once a dump round adds
   * nothing (devlink's dumpits return the length written, so DONE never shares a datagram with
   * data), carrying the dump's error if one ended it.
   */
  static final class Dump {
    private final NlMessage request;
    private final NlSock sock;
    private final int capacity;
    private final List<byte[]> datagrams = new ArrayList<>();
    private NlWriter current = new NlWriter();
    private boolean started;
    private boolean doneJoins;
    private int doneStart;

    void doneJoins(boolean joins) {
      doneJoins = joins;
    }

    Dump(NlMessage request, NlSock sock) {
      this.request = request;
      this.sock = sock;
      this.capacity = Math.max(NLMSG_GOODSIZE, sock.maxRecvLen());
    }

    boolean started() {
      return started;
    }

    /**
     * One message, written in place in the current datagram (64-bit padding depends on the
     * offset in the skb); when it does not fit it moves to a fresh datagram, as a dumpit's
     * -EMSGSIZE makes netlink_dump send the skb and call it again.
     */
    void add(int type, int cmd, int version, java.util.function.Consumer<NlWriter> fill) {
      started = true;
      int mark = current.length();
      current.begin(type, NLM_F_MULTI, request.seq(), sock.portid(), cmd, version);
      fill.accept(current);
      current.end();
      if (current.length() > capacity && mark > 0) {
        current.cancel(mark);
        datagrams.add(current.toBytes());
        current = new NlWriter();
        current.begin(type, NLM_F_MULTI, request.seq(), sock.portid(), cmd, version);
        fill.accept(current);
        current.end();
      }
    }

    void add(int cmd, java.util.function.Consumer<NlWriter> fill) {
      add(request.type(), cmd, DEVLINK_GENL_VERSION, fill);
    }

    int capacity() {
      return capacity;
    }

    NlMessage request() {
      return request;
    }

    NlSock sock() {
      return sock;
    }

    /** A datagram a dump round built by itself (dumpits that put one message per round). */
    void datagram(byte[] d) {
      started = true;
      if (current.length() > 0) {
        datagrams.add(current.toBytes());
        current = new NlWriter();
      }
      datagrams.add(d);
    }

    List<byte[]> finish(NlError error) {
      NlWriter done = doneJoins && current.length() > 0 ? current : new NlWriter();
      if (done != current && current.length() > 0) {
        datagrams.add(current.toBytes());
      }
      int flags = NLM_F_MULTI;
      boolean msg = error != null && error.message() != null && sock.extAck();
      if (msg) {
        flags |= NLM_F_ACK_TLVS;
      }
      doneStart = done.length();
      done.begin(NLMSG_DONE, flags, request.seq(), sock.portid(), -1, 0);
      done.putInt(error == null ? 0 : error.errno());
      if (msg) {
        done.string(NLMSGERR_ATTR_MSG, error.message());
      }
      done.end();
      if (done == current && done.length() > capacity) {
        // no room left in the last round's skb (netlink_dump's tailroom check): DONE goes alone
        byte[] all = done.toBytes();
        int doneLen = NlMessage.u32(all, doneStart);
        datagrams.add(java.util.Arrays.copyOf(all, doneStart));
        datagrams.add(java.util.Arrays.copyOfRange(all, doneStart, doneStart + doneLen));
        return datagrams;
      }
      datagrams.add(done.toBytes());
      return datagrams;
    }
  }
}
