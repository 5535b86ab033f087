package dev.fabric.netlink;

import dev.fabric.devlink.client.Fabric;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One emulated host's NETLINK_GENERIC endpoint: a Unix-domain stream socket that the LD_PRELOAD
 * shim connects each netlink socket of a program to. The stream carries frames (Java has no
 * SOCK_SEQPACKET): {@code u32 length, u8 kind, body}; see {@link NlConnection} for the kinds.
 * Port ids are allocated as netlink_insert/netlink_autobind do, per endpoint.
 */
public final class NetlinkEndpoint implements AutoCloseable {
  private final Fabric fabric;
  private final Path path;
  private final ServerSocketChannel server;
  private final GenlHandler handler;
  private final Multicast multicast;
  private final Map<Integer, NlConnection> ports = new ConcurrentHashMap<>();
  private final Set<NlConnection> connections = ConcurrentHashMap.newKeySet();
  private final AtomicInteger rover = new AtomicInteger(-4096);
  private final Thread acceptor;
  private volatile boolean closed;

  private NetlinkEndpoint(Fabric fabric, Path path, ServerSocketChannel server) {
    this.fabric = fabric;
    this.path = path;
    this.server = server;
    this.handler = new GenlHandler(fabric);
    this.multicast = new Multicast(fabric, this);
    this.acceptor = new Thread(this::acceptLoop, "netlink-endpoint-accept");
    this.acceptor.setDaemon(true);
  }

  public static NetlinkEndpoint start(Fabric fabric, Path path) throws IOException {
    Files.deleteIfExists(path);
    ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(path));
    NetlinkEndpoint e = new NetlinkEndpoint(fabric, path, server);
    e.acceptor.start();
    return e;
  }

  public Path path() {
    return path;
  }

  private volatile java.util.function.Consumer<String> wireTap;

  /**
   * Receives every datagram in the reference recordings' format: "> HEX" sent by a program,
   * "< HEX" delivered to it (replies and multicast copies), in the order the endpoint handles them.
   */
  public void wireTap(java.util.function.Consumer<String> tap) {
    this.wireTap = tap;
  }

  void tap(char dir, byte[] d) {
    java.util.function.Consumer<String> t = wireTap;
    if (t != null) {
      t.accept(dir + " " + java.util.HexFormat.of().formatHex(d));
    }
  }

  GenlHandler handler() {
    return handler;
  }

  Multicast multicast() {
    return multicast;
  }

  Fabric fabric() {
    return fabric;
  }

  Set<NlConnection> connections() {
    return connections;
  }

  private final Map<Integer, NlConnection> pending = new ConcurrentHashMap<>();
  private final AtomicInteger tokens = new AtomicInteger(1);

  private void acceptLoop() {
    while (!closed) {
      try {
        SocketChannel ch = server.accept();
        Thread t = new Thread(() -> first(ch), "netlink-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        if (!closed) {
          continue;
        }
        return;
      }
    }
  }

  /**
   * The first frame says what a connection is: {@code H} opens a socket (this connection is its
   * control channel), {@code J token} is the data channel of the socket that was given the token.
   */
  private void first(SocketChannel ch) {
    try {
      java.nio.ByteBuffer f = NlConnection.readFrame(ch);
      if (f == null) {
        ch.close();
        return;
      }
      char kind = (char) f.get();
      if (kind == 'H') {
        int token = tokens.getAndIncrement();
        NlConnection c = new NlConnection(this, ch, token);
        pending.put(token, c);
        connections.add(c);
        c.hello(f);
        c.readLoop();
      } else if (kind == 'Q') {
        // open("/run/netns/NAME") in a shimmed program: does the emulated namespace exist?
        byte[] name = new byte[f.remaining()];
        f.get(name);
        String ns = new String(name, java.nio.charset.StandardCharsets.UTF_8);
        boolean exists = fabric.netnsListSync().contains(ns);
        java.nio.ByteBuffer b = NlConnection.frame('R', 8);
        b.putInt(exists ? 0 : -2);
        b.putInt(0);
        b.flip();
        while (b.hasRemaining()) {
          ch.write(b);
        }
        ch.close();
      } else if (kind == 'J') {
        NlConnection c = pending.remove(f.getInt());
        if (c == null) {
          ch.close();
          return;
        }
        c.attachData(ch);
      } else {
        ch.close();
      }
    } catch (IOException | RuntimeException e) {
      try {
        ch.close();
      } catch (IOException ignored) {
        // gone
      }
    }
  }

  /** netlink_insert: a requested port id, or 0 for netlink_autobind (the tgid first, then -4096 downwards). */
  int bindPort(NlConnection c, int requested, int tgid) {
    if (requested != 0) {
      return ports.putIfAbsent(requested, c) == null ? requested : 0;
    }
    if (tgid > 0 && ports.putIfAbsent(tgid, c) == null) {
      return tgid;
    }
    while (true) {
      int id = rover.getAndDecrement();
      if (ports.putIfAbsent(id, c) == null) {
        return id;
      }
    }
  }

  /**
   * Waits until every socket that listens to the devlink group has handled (and a monitor
   * printed) all it was sent: the program came back for more. For tests that interleave markers
   * with a monitor's output; false after {@code timeoutMs}.
   */
  public boolean awaitListenersIdle(long timeoutMs) throws InterruptedException {
    // Notifications of changes made outside the endpoint (sysfs writes) reach the sockets first.
    multicast.settle(null);
    long deadline = System.currentTimeMillis() + timeoutMs;
    while (System.currentTimeMillis() < deadline) {
      boolean idle = true;
      for (NlConnection c : connections) {
        if (c.inGroup(GenlHandler.DEVLINK_MCGRP_CONFIG_ID) && !c.idle()) {
          idle = false;
          break;
        }
      }
      if (idle) {
        return true;
      }
      Thread.sleep(2);
    }
    return false;
  }

  /** Waits until {@code n} sockets listen to the devlink group (monitors started); false on timeout. */
  public boolean awaitListeners(int n, long timeoutMs) throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMs;
    while (System.currentTimeMillis() < deadline) {
      if (connections.stream().filter(c -> c.inGroup(GenlHandler.DEVLINK_MCGRP_CONFIG_ID)).count() >= n) {
        return true;
      }
      Thread.sleep(2);
    }
    return false;
  }

  void closed(NlConnection c) {
    connections.remove(c);
    pending.remove(c.token(), c);
    if (c.portid() != 0) {
      ports.remove(c.portid(), c);
    }
    multicast.leaveAll(c);
  }

  @Override
  public void close() {
    closed = true;
    try {
      server.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    for (NlConnection c : connections) {
      c.close();
    }
    multicast.close();
    try {
      Files.deleteIfExists(path);
    } catch (IOException ignored) {
      // best effort
    }
  }
}
