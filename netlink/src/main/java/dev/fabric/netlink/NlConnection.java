package dev.fabric.netlink;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One netlink socket of a shimmed program: two stream connections. The control channel carries
 * the program's calls, each answered in order: {@code H} hello (u32 tgid, netns name) answered by
 * {@code R} with the data channel's token; {@code W} (answered once the data channel is attached);
 * {@code A} autobind and {@code B} bind (u32 pid, u32 groups), answered by {@code R} (i32 -errno,
 * u32 portid); {@code S} setsockopt SOL_NETLINK (u32 opt, u32 value) and {@code L} (u32 largest
 * read so far), answered by {@code R}; {@code D} one datagram to the kernel, answered by {@code K}
 * once it has been processed and what it caused (replies, multicast copies) is queued on the
 * data channels, as a netlink sendmsg() returns after the kernel ran the request. The data
 * channel (the descriptor the program sees) carries {@code D} (u32 group, datagram) and {@code E}
 * (i32 errno the next read fails with: ENOBUFS after an overrun).
 *
 * The control reader runs requests in order (it may block on the fabric: it is no actor); a
 * writer thread drains the outbound queue onto the data channel, so a program that stops reading
 * blocks only itself.
 */
final class NlConnection implements NlSock {
  /** Multicast messages queued beyond this are dropped with ENOBUFS, like a full sk_rcvbuf. */
  static final int MULTICAST_BACKLOG = 4096;
  /** How long a request waits for its replies and multicast copies to reach the data channels. */
  static final long SYNC_MS = 2000;
  /** -Dfabric.netlink.trace=true: every datagram in and out on stderr, in the reference's hex format. */
  private static final boolean TRACE = Boolean.getBoolean("fabric.netlink.trace");

  private final NetlinkEndpoint endpoint;
  private final SocketChannel control;
  private final int token;
  private final CompletableFuture<SocketChannel> data = new CompletableFuture<>();
  private final LinkedBlockingQueue<Object> outbound = new LinkedBlockingQueue<>();
  private final AtomicInteger multicastQueued = new AtomicInteger();
  /** Datagrams written to the data channel, and those the program reported handled ('C'). */
  private final java.util.concurrent.atomic.AtomicLong delivered = new java.util.concurrent.atomic.AtomicLong();
  private final java.util.concurrent.atomic.AtomicLong consumed = new java.util.concurrent.atomic.AtomicLong();
  private volatile boolean overrun;
  private final Set<Integer> groups = ConcurrentHashMap.newKeySet();
  private volatile int portid;
  private volatile String netns = "init";
  private volatile boolean capAck;
  private volatile boolean extAck;
  private volatile int maxRecvLen;
  /** The program's descriptors that stand for emulated namespaces (opened /run/netns/NAME). */
  private final java.util.Map<Integer, String> netnsFds = new ConcurrentHashMap<>();
  private int tgid;
  private volatile boolean closed;
  private static final Object POISON = new Object();

  /** A multicast copy in the outbound queue (counted against the backlog). */
  private record Multicast(ByteBuffer frame) {}

  NlConnection(NetlinkEndpoint endpoint, SocketChannel control, int token) {
    this.endpoint = endpoint;
    this.control = control;
    this.token = token;
    Thread w = new Thread(this::writeLoop, "netlink-conn-write");
    w.setDaemon(true);
    w.start();
  }

  int token() {
    return token;
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

  @Override
  public String netnsOfFd(int fd) {
    return netnsFds.get(fd);
  }

  boolean inGroup(int group) {
    return groups.contains(group);
  }

  void hello(ByteBuffer body) throws IOException {
    tgid = body.getInt();
    byte[] name = new byte[body.remaining()];
    body.get(name);
    String ns = new String(name, StandardCharsets.UTF_8);
    netns = ns.isEmpty() ? "init" : ns;
    answer('R', 0, token);
  }

  /** The data channel arrived: the writer starts, and its EOF (the program closed) ends the socket. */
  void attachData(SocketChannel ch) {
    data.complete(ch);
    try {
      ByteBuffer b = ByteBuffer.allocate(256);
      while (ch.read(b) >= 0) {
        b.clear(); // the program never writes here; a read returns only at EOF
      }
    } catch (IOException ignored) {
      // closed
    }
    close();
  }

  static ByteBuffer frame(char kind, int bodyLen) {
    ByteBuffer b = ByteBuffer.allocate(5 + bodyLen).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(1 + bodyLen);
    b.put((byte) kind);
    return b;
  }

  static ByteBuffer readFrame(SocketChannel ch) throws IOException {
    ByteBuffer head = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
    if (!readFully(ch, head)) {
      return null;
    }
    int len = head.getInt(0);
    if (len < 1 || len > (1 << 24)) {
      throw new IOException("bad frame length " + len);
    }
    ByteBuffer body = ByteBuffer.allocate(len).order(ByteOrder.LITTLE_ENDIAN);
    if (!readFully(ch, body)) {
      return null;
    }
    body.flip();
    return body;
  }

  private static boolean readFully(SocketChannel ch, ByteBuffer b) throws IOException {
    while (b.hasRemaining()) {
      if (ch.read(b) < 0) {
        return false;
      }
    }
    return true;
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
    if (TRACE) {
      System.err.println("<M " + portid + " " + java.util.HexFormat.of().formatHex(d));
    }
    if (multicastQueued.get() >= MULTICAST_BACKLOG) {
      overrun = true;
      return;
    }
    endpoint.tap('<', d);
    multicastQueued.incrementAndGet();
    ByteBuffer b = frame('D', 4 + d.length);
    b.putInt(group);
    b.put(d);
    b.flip();
    outbound.add(new Multicast(b));
  }

  /** Set while the writer is inside a write: a program that stopped reading keeps it there. */
  private volatile long writingSince;

  /** The program has not taken a datagram for a while: others do not wait for it. */
  boolean stalled() {
    long w = writingSince;
    return w != 0 && System.nanoTime() - w > TimeUnit.MILLISECONDS.toNanos(50)
        || multicastQueued.get() >= MULTICAST_BACKLOG / 2;
  }

  /** True when everything queued so far is written and the program has handled all of it. */
  boolean idle() {
    return outbound.isEmpty() && consumed.get() >= delivered.get();
  }

  /** A latch the writer counts down once everything queued before it is on the data channel. */
  CountDownLatch barrier() {
    CountDownLatch l = new CountDownLatch(1);
    outbound.add(l);
    return l;
  }

  private void answer(char kind, int err, int value) throws IOException {
    ByteBuffer b = frame(kind, 8);
    b.putInt(err);
    b.putInt(value);
    b.flip();
    while (b.hasRemaining()) {
      control.write(b);
    }
  }

  void readLoop() {
    try {
      while (!closed) {
        ByteBuffer body = readFrame(control);
        if (body == null) {
          break;
        }
        handle((char) body.get(), body);
      }
    } catch (IOException | RuntimeException e) {
      // the program closed its socket or died: free what the socket held
    } finally {
      close();
    }
  }

  private void handle(char kind, ByteBuffer body) throws IOException {
    switch (kind) {
      case 'W' -> {
        try {
          data.get(SYNC_MS, TimeUnit.MILLISECONDS);
          answer('R', 0, portid);
        } catch (Exception e) {
          answer('R', -5, 0);
        }
      }
      case 'C' -> consumed.addAndGet(body.getInt() & 0xffffffffL); // no answer
      case 'N' -> {
        int fd = body.getInt();
        byte[] name = new byte[body.remaining()];
        body.get(name);
        netnsFds.put(fd, new String(name, StandardCharsets.UTF_8));
        answer('R', 0, portid);
      }
      case 'A' -> {
        if (portid == 0) {
          portid = endpoint.bindPort(this, 0, tgid);
        }
        answer('R', 0, portid);
      }
      case 'B' -> bind(body.getInt(), body.getInt());
      case 'S' -> {
        int err = setsockopt(body.getInt(), body.getInt());
        answer('R', err, portid);
      }
      case 'L' -> {
        maxRecvLen = Math.min(Math.max(maxRecvLen, body.getInt()), GenlHandler.MAX_RECVMSG_LEN);
        answer('R', 0, portid);
      }
      case 'D' -> {
        byte[] d = new byte[body.remaining()];
        body.get(d);
        if (portid == 0) {
          portid = endpoint.bindPort(this, 0, tgid);
        }
        if (TRACE) {
          System.err.println("> " + java.util.HexFormat.of().formatHex(d));
        }
        endpoint.tap('>', d);
        List<byte[]> replies = endpoint.handler().receive(d, this);
        for (byte[] r : replies) {
          if (TRACE) {
            System.err.println("< " + java.util.HexFormat.of().formatHex(r));
          }
          endpoint.tap('<', r);
          sendDatagram(r, 0);
        }
        endpoint.multicast().settle(this);
        answer('K', d.length, 0);
      }
      default -> throw new IOException("unknown frame " + kind);
    }
  }

  /** netlink_bind: the port (if not bound yet) and the first 32 groups as a bitmask. */
  private void bind(int pid, int groupMask) throws IOException {
    if (portid != 0 && pid != 0 && pid != portid) {
      answer('R', -22, portid);
      return;
    }
    if (portid == 0) {
      int got = endpoint.bindPort(this, pid, tgid);
      if (got == 0) {
        answer('R', -98, 0); // EADDRINUSE
        return;
      }
      portid = got;
    }
    for (int g = 1; g <= 32; g++) {
      if ((groupMask & (1 << (g - 1))) != 0) {
        join(g);
      } else {
        groups.remove(g);
      }
    }
    answer('R', 0, portid);
  }

  private void join(int group) {
    if (groups.add(group)) {
      endpoint.multicast().join(this, group);
    }
  }

  /** netlink_setsockopt for the options a generic netlink program sets. */
  private int setsockopt(int opt, int val) {
    if (TRACE) {
      System.err.println("# setsockopt " + opt + " " + val + " portid " + portid);
    }
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
          groups.remove(val);
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
      SocketChannel ch = data.get();
      while (true) {
        Object item = outbound.take();
        if (item == POISON) {
          return;
        }
        if (item instanceof CountDownLatch l) {
          l.countDown();
          continue;
        }
        ByteBuffer b;
        if (item instanceof Multicast m) {
          b = m.frame();
          multicastQueued.decrementAndGet();
        } else {
          b = (ByteBuffer) item;
        }
        writingSince = System.nanoTime();
        while (b.hasRemaining()) {
          ch.write(b);
        }
        writingSince = 0;
        delivered.incrementAndGet();
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
    } catch (Exception e) {
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
      control.close();
    } catch (IOException ignored) {
      // already gone
    }
    data.thenAccept(ch -> {
      try {
        ch.close();
      } catch (IOException ignored) {
        // already gone
      }
    });
    data.cancel(false);
    endpoint.closed(this);
  }
}
