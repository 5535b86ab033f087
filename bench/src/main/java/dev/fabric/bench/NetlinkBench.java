package dev.fabric.bench;

import dev.fabric.cli.run.ScriptRunner;
import dev.fabric.cli.script.ScriptParser;
import dev.fabric.devices.LatencyProfile;
import dev.fabric.devlink.client.Fabric;
import dev.fabric.netlink.NetlinkEndpoint;
import dev.fabric.netlink.Shim;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Issue 10's figures: the wall time of one stock `devlink dev show` through the shim against a
 * fabric's endpoint, beside the Java port's `devlink dev show` in process and `fabric run` of the
 * same line (a JVM start included); netlink requests per second over one socket and over many.
 */
final class NetlinkBench {
  private NetlinkBench() {}

  static void run(boolean quick, Path out) throws Exception {
    int spawns = quick ? 20 : 100;
    long seconds = quick ? 3 : 10;
    StringBuilder md = new StringBuilder("## netlink endpoint (issue 10)\n\n");
    try (Fabric fabric = Fabric.start("bench-netlink", LatencyProfile.INSTANT)) {
      ScriptRunner runner = new ScriptRunner(fabric);
      runner.runLine(ScriptParser.parseLine("echo '10 4' > /sys/bus/netdevsim/new_device", 1));
      runner.runLine(ScriptParser.parseLine("echo '11 2' > /sys/bus/netdevsim/new_device", 1));
      Path sock = Shim.runtimeDir().resolve("bench-" + ProcessHandle.current().pid() + ".sock");
      try (NetlinkEndpoint endpoint = NetlinkEndpoint.start(fabric, sock)) {
        double[] stock = new double[spawns];
        for (int i = 0; i < spawns; i++) {
          ProcessBuilder pb = new ProcessBuilder("/usr/sbin/devlink", "dev", "show")
              .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
          Shim.environment(pb.environment(), endpoint.path(), null);
          long t = System.nanoTime();
          int rc = pb.start().waitFor();
          stock[i] = (System.nanoTime() - t) / 1e6;
          if (rc != 0) {
            throw new IllegalStateException("devlink dev show failed: " + rc);
          }
        }
        double[] java = new double[spawns * 10];
        for (int i = 0; i < java.length; i++) {
          long t = System.nanoTime();
          runner.runLine(ScriptParser.parseLine("devlink dev show", 1));
          java[i] = (System.nanoTime() - t) / 1e6;
        }
        md.append("| what | median ms | p90 ms | runs |\n| --- | ---: | ---: | ---: |\n");
        row(md, "stock `devlink dev show` via the shim (process start included)", stock);
        row(md, "Java port `devlink dev show` in the fabric's JVM (no process)", java);
        double[] fabricRun = fabricRun(quick ? 3 : 5);
        if (fabricRun != null) {
          row(md, "`./fabric run` of the same line (JVM start, embedded fabric)", fabricRun);
        }
        md.append("\n| netlink requests (`DEVLINK_CMD_GET` doit + ACK) | sockets | requests/s |\n| --- | ---: | ---: |\n");
        for (int sockets : new int[] {1, 4, 16}) {
          md.append("| through the endpoint (Java frame client) | ").append(sockets).append(" | ")
              .append(String.format("%.0f", rate(endpoint.path(), sockets, seconds))).append(" |\n");
        }
      }
    }
    md.append("\nMachine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, shared.\n");
    Files.createDirectories(out);
    Files.writeString(out.resolve("netlink.md"), md.toString());
    System.out.print(md);
  }

  private static void row(StringBuilder md, String what, double[] ms) {
    double[] s = ms.clone();
    Arrays.sort(s);
    md.append("| ").append(what).append(" | ").append(String.format("%.2f", s[s.length / 2])).append(" | ")
        .append(String.format("%.2f", s[(int) (s.length * 0.9)])).append(" | ").append(s.length).append(" |\n");
  }

  private static double[] fabricRun(int n) throws Exception {
    Path launcher = Path.of("fabric").toAbsolutePath();
    if (!Files.isExecutable(launcher)) {
      return null;
    }
    Path script = Files.createTempFile("bench", ".sh");
    Files.writeString(script, "echo '10 4' > /sys/bus/netdevsim/new_device\ndevlink dev show\n");
    double[] ms = new double[n];
    for (int i = 0; i < n; i++) {
      long t = System.nanoTime();
      new ProcessBuilder(launcher.toString(), "run", script.toString()).redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectError(ProcessBuilder.Redirect.DISCARD).start().waitFor();
      ms[i] = (System.nanoTime() - t) / 1e6;
    }
    Files.delete(script);
    return ms;
  }

  /** Closed-loop clients speaking the shim's frame protocol: each sends a dev GET and waits for its ACK. */
  private static double rate(Path endpoint, int sockets, long seconds) throws Exception {
    AtomicLong done = new AtomicLong();
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    CountDownLatch finished = new CountDownLatch(sockets);
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < sockets; t++) {
      Thread th = new Thread(() -> {
        try (SocketChannel ctl = SocketChannel.open(StandardProtocolFamily.UNIX);
            SocketChannel data = SocketChannel.open(StandardProtocolFamily.UNIX)) {
          ctl.connect(UnixDomainSocketAddress.of(endpoint));
          frame(ctl, 'H', le(4).putInt(1).array());
          int token = answer(ctl)[1];
          data.connect(UnixDomainSocketAddress.of(endpoint));
          frame(data, 'J', le(4).putInt(token).array());
          frame(ctl, 'W', new byte[0]);
          answer(ctl);
          byte[] req = request();
          ByteBuffer in = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
          while (System.nanoTime() < end) {
            frame(ctl, 'D', req);
            answer(ctl);
            // the reply and the ACK: two frames on the data channel
            for (int k = 0; k < 2; k++) {
              readFrame(data, in);
            }
            done.incrementAndGet();
          }
        } catch (IOException e) {
          throw new IllegalStateException(e);
        } finally {
          finished.countDown();
        }
      });
      threads.add(th);
      th.start();
    }
    finished.await();
    return done.get() / (double) seconds;
  }

  private static ByteBuffer le(int n) {
    return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
  }

  private static byte[] request() {
    byte[] bus = "netdevsim\0".getBytes();
    byte[] dev = "netdevsim10\0".getBytes();
    int a1 = 4 + bus.length;
    int a2 = 4 + dev.length;
    int len = 16 + 4 + ((a1 + 3) & ~3) + ((a2 + 3) & ~3);
    ByteBuffer b = le(len);
    b.putInt(len).putShort((short) 0x15).putShort((short) 5).putInt(1).putInt(0);
    b.put((byte) 1).put((byte) 1).putShort((short) 0);
    b.putShort((short) a1).putShort((short) 1).put(bus);
    b.position((b.position() + 3) & ~3);
    b.putShort((short) a2).putShort((short) 2).put(dev);
    return b.array();
  }

  private static void frame(SocketChannel ch, char kind, byte[] body) throws IOException {
    ByteBuffer b = le(5 + body.length);
    b.putInt(1 + body.length).put((byte) kind).put(body).flip();
    while (b.hasRemaining()) {
      ch.write(b);
    }
  }

  private static int[] answer(SocketChannel ch) throws IOException {
    ByteBuffer b = le(13);
    while (b.hasRemaining()) {
      if (ch.read(b) < 0) {
        throw new IOException("closed");
      }
    }
    return new int[] {b.getInt(5), b.getInt(9)};
  }

  private static void readFrame(SocketChannel ch, ByteBuffer in) throws IOException {
    in.clear().limit(4);
    while (in.hasRemaining()) {
      if (ch.read(in) < 0) {
        throw new IOException("closed");
      }
    }
    int len = in.getInt(0);
    in.clear().limit(len);
    while (in.hasRemaining()) {
      if (ch.read(in) < 0) {
        throw new IOException("closed");
      }
    }
  }
}
