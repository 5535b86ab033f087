package dev.fabric.netlink;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** The shim's side of the endpoint protocol, in Java: one emulated netlink socket for tests. */
final class FrameClient implements AutoCloseable {
  final SocketChannel control;
  final SocketChannel data;
  final BlockingQueue<byte[]> received = new LinkedBlockingQueue<>();
  private final Thread reader;
  int portid;

  FrameClient(Path endpoint, String netns) throws IOException {
    control = SocketChannel.open(StandardProtocolFamily.UNIX);
    control.connect(UnixDomainSocketAddress.of(endpoint));
    byte[] ns = netns == null ? new byte[0] : netns.getBytes(StandardCharsets.UTF_8);
    ByteBuffer hello = ByteBuffer.allocate(4 + ns.length).order(ByteOrder.LITTLE_ENDIAN);
    hello.putInt((int) ProcessHandle.current().pid()).put(ns);
    int token = call('H', hello.array())[1];
    data = SocketChannel.open(StandardProtocolFamily.UNIX);
    data.connect(UnixDomainSocketAddress.of(endpoint));
    write(data, 'J', ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(token).array());
    call('W', new byte[0]);
    reader = new Thread(() -> {
      try {
        while (true) {
          if (stopped) {
            never.await(); // a program that no longer reads its socket
          }
          ByteBuffer f = NlConnection.readFrame(data);
          if (f == null) {
            return;
          }
          char kind = (char) f.get();
          f.getInt();
          byte[] d = new byte[f.remaining()];
          f.get(d);
          if (kind == 'D') {
            received.add(d);
          }
        }
      } catch (IOException | InterruptedException e) {
        // closed, or told to stop
        // closed, or interrupted while parked
      }
    });
    reader.setDaemon(true);
    reader.start();
  }

  private static void write(SocketChannel ch, char kind, byte[] body) throws IOException {
    ByteBuffer b = NlConnection.frame(kind, body.length);
    b.put(body).flip();
    while (b.hasRemaining()) {
      ch.write(b);
    }
  }

  /** A control call and its answer (result, value). */
  int[] call(char kind, byte[] body) throws IOException {
    write(control, kind, body);
    ByteBuffer a = NlConnection.readFrame(control);
    a.get();
    int[] r = {a.getInt(), a.getInt()};
    if (kind == 'A' || kind == 'B' || kind == 'S') {
      portid = r[1];
    }
    return r;
  }

  void setsockopt(int opt, int val) throws IOException {
    call('S', ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(opt).putInt(val).array());
  }

  /** sendmsg: returns once the endpoint has run the datagram. */
  void send(byte[] datagram) throws IOException {
    call('D', datagram);
  }

  Thread reader() {
    return reader;
  }

  /** Stops taking datagrams off the data channel: the endpoint's writes pile up and block. */
  void stopReading() {
    stopped = true;
  }

  private volatile boolean stopped;
  private final java.util.concurrent.CountDownLatch never = new java.util.concurrent.CountDownLatch(1);

  /** The next delivered datagram, or null after {@code ms}. */
  byte[] recv(long ms) throws InterruptedException {
    return received.poll(ms, TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() throws IOException {
    control.close();
    data.close();
  }
}
