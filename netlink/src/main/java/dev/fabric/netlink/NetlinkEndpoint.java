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

  private void acceptLoop() {
    while (!closed) {
      try {
        SocketChannel ch = server.accept();
        NlConnection c = new NlConnection(this, ch);
        connections.add(c);
        c.start();
      } catch (IOException e) {
        if (!closed) {
          continue;
        }
        return;
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

  void closed(NlConnection c) {
    connections.remove(c);
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
