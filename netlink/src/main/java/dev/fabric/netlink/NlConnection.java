package dev.fabric.netlink;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One netlink socket of a shimmed program. Frames from the shim: {@code H} hello (u32 tgid, netns
 * name), {@code B} bind (u32 pid, u32 groups) and {@code A} autobind, both answered by {@code R}
 * (i32 -errno, u32 portid); {@code S} setsockopt SOL_NETLINK (u32 opt, u32 value) answered by
 * {@code R}; {@code L} (u32 largest read length so far); {@code D} one datagram to the kernel.
 * Frames to the shim: {@code R}, {@code D} (u32 destination group, datagram) and {@code E} (i32
 * errno the next read fails with: ENOBUFS after an overrun).
 *
 * A reader thread runs the requests in order (it may block on the fabric: it is no actor); a
 * writer thread drains the outbound queue, so a program that stops reading blocks only itself.
 */
final class NlConnection implements NlSock {
  /** Multicast messages queued beyond this are dropped with ENOBUFS, like a full sk_rcvbuf. */
  static final int MULTICAST_BACKLOG = 4096;
  /** -Dfabric.netlink.trace=true: every datagram in and out on stderr, in the reference's hex format. */
  private static final boolean TRACE = Boolean.getBoolean("fabric.netlink.trace");

  private final NetlinkEndpoint endpoint;
  private final SocketChannel ch;
  private final LinkedBlockingQueue<ByteBuffer> outbound = new LinkedBlockingQueue<>();
  private final AtomicInteger multicastQueued = new AtomicInteger();
  private volatile boolean overrun;
  private final Set<Integer> groups = ConcurrentHashMap.newKeySet();
  private volatile int portid;
  private volatile String netns = "init";
  private volatile boolean capAck;
  private volatile boolean extAck;
  private volatile int maxRecvLen;
  private int tgid;
  private volatile boolean closed;
  private static final ByteBuffer POISON = ByteBuffer.allocate(0);

  NlConnection(NetlinkEndpoint endpoint, SocketChannel ch) {
    this.endpoint = endpoint;
    this.ch = ch;
  }

  void start() {
    Thread r = new Thread(this::readLoop, "netlink-conn-read");
    r.setDaemon(true);
    Thread w = new Thread(this::writeLoop, "netlink-conn-write");
    w.setDaemon(true);
    r.start();
    w.start();
  }

  @Override
  public int portid() {
    return portid;
  }

  @Override
  public String netns() {
    return netns;
  }

  @Override
  public boolean capAck() {
    return capAck;
  }

  @Override
  public boolean extAck() {
    return extAck;
  }

  @Override
  public int maxRecvLen() {
    return maxRecvLen;
  }

  boolean inGroup(int group) {
    return groups.contains(group);
  }

  private static ByteBuffer frame(char kind, int bodyLen) {
    ByteBuffer b = ByteBuffer.allocate(5 + bodyLen).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(1 + bodyLen);
    b.put((byte) kind);
    return b;
  }

  void sendDatagram(byte[] d, int group) {
    ByteBuffer b = frame('D', 4 + d.length);
    b.putInt(group);
    b.put(d);
    b.flip();
    outbound.add(b);
  }

  /** A multicast copy: dropped (and the reader told ENOBUFS) when the program has stopped reading. */
  void multicast(byte[] d, int group) {
    if (multicastQueued.get() >= MULTICAST_BACKLOG) {
      overrun = true;
      return;
    }
    multicastQueued.incrementAndGet();
    ByteBuffer b = frame('M', 4 + d.length);
    b.putInt(group);
    b.put(d);
    b.flip();
    outbound.add(b);
  }

  private void result(int err, int pid) {
    ByteBuffer b = frame('R', 8);
    b.putInt(err);
    b.putInt(pid);
    b.flip();
    outbound.add(b);
  }

  private void readLoop() {
    try {
      ByteBuffer head = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
      while (!closed) {
        head.clear();
        if (!readFully(head)) {
          break;
        }
        int len = head.getInt(0);
        if (len < 1 || len > (1 << 24)) {
          break;
        }
        ByteBuffer body = ByteBuffer.allocate(len).order(ByteOrder.LITTLE_ENDIAN);
        if (!readFully(body)) {
          break;
        }
        body.flip();
        handle((char) body.get(), body);
      }
    } catch (IOException | RuntimeException e) {
      // the program closed its socket or died: free what the socket held
    } finally {
      close();
    }
  }

  private boolean readFully(ByteBuffer b) throws IOException {
    while (b.hasRemaining()) {
      if (ch.read(b) < 0) {
        return false;
      }
    }
    return true;
  }

  private void handle(char kind, ByteBuffer body) {
    switch (kind) {
      case 'H' -> {
        tgid = body.getInt();
        byte[] name = new byte[body.remaining()];
        body.get(name);
        String ns = new String(name, StandardCharsets.UTF_8);
        netns = ns.isEmpty() ? "init" : ns;
      }
      case 'A' -> {
        if (portid == 0) {
          portid = endpoint.bindPort(this, 0, tgid);
        }
        result(0, portid);
      }
      case 'B' -> bind(body.getInt(), body.getInt());
      case 'S' -> result(setsockopt(body.getInt(), body.getInt()), portid);
      case 'L' -> maxRecvLen = Math.min(Math.max(maxRecvLen, body.getInt()), GenlHandler.MAX_RECVMSG_LEN);
      case 'D' -> {
        byte[] d = new byte[body.remaining()];
        body.get(d);
        if (portid == 0) {
          portid = endpoint.bindPort(this, 0, tgid);
        }
        if (TRACE) {
          System.err.println("> " + java.util.HexFormat.of().formatHex(d));
        }
        List<byte[]> replies = endpoint.handler().receive(d, this);
        for (byte[] r : replies) {
          if (TRACE) {
            System.err.println("< " + java.util.HexFormat.of().formatHex(r));
          }
          sendDatagram(r, 0);
        }
      }
      default -> throw new IllegalStateException("unknown frame " + kind);
    }
  }

  /** netlink_bind: the port (if not bound yet) and the first 32 groups as a bitmask. */
  private void bind(int pid, int groupMask) {
    if (portid != 0 && pid != 0 && pid != portid) {
      result(-22, portid);
      return;
    }
    if (portid == 0) {
      int got = endpoint.bindPort(this, pid, tgid);
      if (got == 0) {
        result(-98, 0); // EADDRINUSE
        return;
      }
      portid = got;
    }
    for (int g = 1; g <= 32; g++) {
      if ((groupMask & (1 << (g - 1))) != 0) {
        join(g);
      } else if (groups.contains(g)) {
        leave(g);
      }
    }
    result(0, portid);
  }

  private void join(int group) {
    if (groups.add(group)) {
      endpoint.multicast().join(this, group);
    }
  }

  private void leave(int group) {
    if (groups.remove(group)) {
      endpoint.multicast().leave(this, group);
    }
  }

  /** netlink_setsockopt for the options a generic netlink program sets. */
  private int setsockopt(int opt, int val) {
    switch (opt) {
      case NlUapi.NETLINK_ADD_MEMBERSHIP, NlUapi.NETLINK_DROP_MEMBERSHIP -> {
        if (val == 0) {
          return -22;
        }
        if (portid == 0) {
          portid = endpoint.bindPort(this, 0, tgid);
        }
        if (opt == NlUapi.NETLINK_ADD_MEMBERSHIP) {
          join(val);
        } else {
          leave(val);
        }
        return 0;
      }
      case NlUapi.NETLINK_CAP_ACK -> {
        capAck = val != 0;
        return 0;
      }
      case NlUapi.NETLINK_EXT_ACK -> {
        extAck = val != 0;
        return 0;
      }
      case 3, 4, 5, 8, NlUapi.NETLINK_GET_STRICT_CHK -> {
        return 0; // PKTINFO, BROADCAST_ERROR, NO_ENOBUFS, LISTEN_ALL_NSID, GET_STRICT_CHK: no effect here
      }
      default -> {
        return -92; // ENOPROTOOPT
      }
    }
  }

  private void writeLoop() {
    try {
      while (true) {
        ByteBuffer b = outbound.take();
        if (b == POISON) {
          return;
        }
        boolean mc = b.get(4) == 'M';
        if (mc) {
          b.put(4, (byte) 'D');
          multicastQueued.decrementAndGet();
        }
        while (b.hasRemaining()) {
          ch.write(b);
        }
        if (overrun && multicastQueued.get() == 0) {
          overrun = false;
          ByteBuffer e = frame('E', 4);
          e.putInt(105); // ENOBUFS
          e.flip();
          while (e.hasRemaining()) {
            ch.write(e);
          }
        }
      }
    } catch (IOException | InterruptedException e) {
      close();
    }
  }

  void close() {
    if (closed) {
      return;
    }
    closed = true;
    outbound.add(POISON);
    try {
      ch.close();
    } catch (IOException ignored) {
      // already gone
    }
    endpoint.closed(this);
  }
}
