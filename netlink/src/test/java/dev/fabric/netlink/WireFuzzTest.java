package dev.fabric.netlink;

import static dev.fabric.netlink.DevlinkUapi.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.fabric.devices.LatencyProfile;
import dev.fabric.devlink.client.Fabric;
import dev.fabric.devlink.model.DevHandle;
import dev.fabric.devlink.model.DevOp;
import dev.fabric.devlink.model.HealthOp;
import dev.fabric.devlink.model.Op;
import dev.fabric.devlink.model.ParamOp;
import dev.fabric.devlink.model.PortOp;
import dev.fabric.devlink.model.RateOp;
import dev.fabric.devlink.model.RegionOp;
import dev.fabric.devlink.model.ResourceOp;
import dev.fabric.devlink.model.TrapOp;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Bad input on the wire: seeded truncated, oversized, mis-typed, mis-nested and random messages.
 * Each well-framed request gets an answer with its sequence number and a kernel errno (never the
 * endpoint's EIO for an internal failure), badly framed ones the kernel's silence; the endpoint
 * keeps serving that socket and another, and the fabric's state is the same afterwards.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WireFuzzTest {
  static final int MESSAGES = Integer.getInteger("fuzz.messages", 3000);
  static final long SEED = Long.getLong("fuzz.seed", 20261201L);
  /** The errnos a 6.1 kernel answers devlink and nlctrl requests with. */
  static final Set<Integer> KERNEL_ERRNOS = Set.of(-1, -2, -12, -16, -17, -19, -22, -28, -34, -90, -95, -98, -105, -125);
  static final int[] READ_CMDS = {DEVLINK_CMD_GET, DEVLINK_CMD_PORT_GET, DEVLINK_CMD_PARAM_GET, DEVLINK_CMD_INFO_GET,
      DEVLINK_CMD_HEALTH_REPORTER_GET, DEVLINK_CMD_REGION_GET, DEVLINK_CMD_RATE_GET, DEVLINK_CMD_ESWITCH_GET,
      DEVLINK_CMD_RESOURCE_DUMP, DEVLINK_CMD_TRAP_GROUP_GET, DEVLINK_CMD_TRAP_POLICER_GET, DEVLINK_CMD_SB_GET};

  private Fabric fabric;
  private NetlinkEndpoint endpoint;

  @BeforeAll
  void start() throws Exception {
    fabric = Fabric.start("fuzz", LatencyProfile.INSTANT);
    assertTrue(fabric.newDeviceSync("10 4", "init").isOk());
    assertTrue(fabric.newDeviceSync("11 2", "init").isOk());
    endpoint = NetlinkEndpoint.start(fabric, Shim.runtimeDir().resolve("fuzz-" + ProcessHandle.current().pid() + ".sock"));
  }

  @AfterAll
  void stop() {
    endpoint.close();
    fabric.close();
  }

  /** The fabric's state as values (trap counters left out: the kernel counts reads too). */
  String state() {
    StringBuilder b = new StringBuilder();
    List<Op> ops = List.of(new DevOp.Get(), new DevOp.InfoGet(), new DevOp.EswitchGet(), new PortOp.Dump(),
        new ParamOp.Dump(), new HealthOp.Dump(), new RegionOp.Dump(), new RateOp.Dump(), new ResourceOp.Dump(),
        new TrapOp.Dump(false), new TrapOp.GroupDump(false), new TrapOp.PolicerDump(false));
    for (DevHandle h : fabric.listSync("init")) {
      for (Op op : ops) {
        b.append(fabric.requestSync("init", h, op)).append('\n');
      }
    }
    return b.toString();
  }

  static byte[] message(int type, int flags, int seq, int cmd, byte[] attrs) {
    NlWriter w = new NlWriter();
    w.begin(type, flags, seq, 0, cmd, 0);
    w.putBytes(attrs, 0, attrs.length);
    w.end();
    return w.toBytes();
  }

  static byte[] handle(String dev) {
    NlWriter w = new NlWriter();
    w.string(DEVLINK_ATTR_BUS_NAME, "netdevsim");
    w.string(DEVLINK_ATTR_DEV_NAME, dev);
    return w.toBytes();
  }

  /** Attributes of random types, lengths, payloads and nesting flags (a fraction claims too much). */
  static byte[] soup(Random r, byte[] prefix) {
    NlWriter w = new NlWriter();
    w.putBytes(prefix, 0, prefix.length);
    int n = r.nextInt(6);
    for (int i = 0; i < n; i++) {
      int type = r.nextInt(200) | (r.nextInt(8) == 0 ? NlUapi.NLA_F_NESTED : 0);
      byte[] payload = new byte[r.nextInt(r.nextBoolean() ? 9 : 40)];
      r.nextBytes(payload);
      if (r.nextInt(10) == 0) {
        // a length that runs past the message
        w.putBytes(new byte[] {(byte) 0xff, 0x0f, (byte) type, (byte) (type >> 8)}, 0, 4);
      } else {
        w.binary(type, payload);
      }
    }
    return w.toBytes();
  }

  record Case(byte[] datagram, List<Integer> answeredSeqs, List<Integer> silentSeqs) {}

  /** One bad datagram, and which of its messages the kernel answers (netlink_rcv_skb). */
  static Case generate(Random r, int seqBase) {
    int kind = r.nextInt(7);
    int seq = seqBase;
    byte[] d;
    switch (kind) {
      case 0 -> {
        d = new byte[r.nextInt(200)];
        r.nextBytes(d);
      }
      case 1 -> d = message(r.nextBoolean() ? GenlHandler.DEVLINK_FAMILY_ID : r.nextInt(40), r.nextInt(1 << 16), seq,
          r.nextInt(100), soup(r, new byte[0]));
      case 2 -> {
        byte[] m = message(GenlHandler.DEVLINK_FAMILY_ID, NlUapi.NLM_F_REQUEST | NlUapi.NLM_F_ACK
            | (r.nextBoolean() ? NlUapi.NLM_F_DUMP : 0), seq, READ_CMDS[r.nextInt(READ_CMDS.length)],
            soup(r, handle("netdevsim10")));
        if (m.length > 20) {
          m[20 + r.nextInt(m.length - 20)] ^= (byte) (1 << r.nextInt(8));
        }
        d = m;
      }
      case 3 -> {
        byte[] m = message(GenlHandler.DEVLINK_FAMILY_ID, NlUapi.NLM_F_REQUEST | NlUapi.NLM_F_ACK, seq,
            READ_CMDS[r.nextInt(READ_CMDS.length)], handle("netdevsim10"));
        d = java.util.Arrays.copyOf(m, r.nextInt(m.length));
      }
      case 4 -> d = message(GenlHandler.DEVLINK_FAMILY_ID, NlUapi.NLM_F_REQUEST | NlUapi.NLM_F_ACK, seq,
          1 + r.nextInt(DEVLINK_CMD_MAX + 5), soup(r, handle("netdevsim99")));
      case 5 -> d = message(NlUapi.GENL_ID_CTRL, NlUapi.NLM_F_REQUEST | NlUapi.NLM_F_ACK
          | (r.nextInt(4) == 0 ? NlUapi.NLM_F_DUMP : 0), seq, r.nextInt(12), soup(r, new byte[0]));
      default -> {
        byte[] a = message(GenlHandler.DEVLINK_FAMILY_ID, NlUapi.NLM_F_REQUEST | NlUapi.NLM_F_ACK, seq,
            DEVLINK_CMD_GET, handle("netdevsim99"));
        byte[] b = new byte[r.nextInt(60)];
        r.nextBytes(b);
        d = new byte[a.length + b.length];
        System.arraycopy(a, 0, d, 0, a.length);
        System.arraycopy(b, 0, d, a.length, b.length);
      }
    }
    // What netlink_rcv_skb answers: the messages it walks (whole headers, lengths that fit).
    List<Integer> answered = new ArrayList<>();
    List<Integer> silent = new ArrayList<>();
    int at = 0;
    while (d.length - at >= 16) {
      int len = NlMessage.u32(d, at);
      if (len < 16 || len > d.length - at) {
        break;
      }
      int type = NlMessage.u16(d, at + 4);
      int flags = NlMessage.u16(d, at + 6);
      int s = NlMessage.u32(d, at + 8);
      boolean request = (flags & NlUapi.NLM_F_REQUEST) != 0 && type >= NlUapi.NLMSG_MIN_TYPE;
      // a request always ends in an ACK/error or a dump's DONE; a non-request only when it asks for an ACK
      if (request || (flags & NlUapi.NLM_F_ACK) != 0) {
        answered.add(s);
      } else {
        silent.add(s);
      }
      at += Math.min((len + 3) & ~3, d.length - at);
    }
    return new Case(d, answered, silent);
  }

  static boolean terminal(byte[] d, int seq) {
    int at = 0;
    while (d.length - at >= 16) {
      int len = NlMessage.u32(d, at);
      int type = NlMessage.u16(d, at + 4);
      if (NlMessage.u32(d, at + 8) == seq && (type == NlUapi.NLMSG_ERROR || type == NlUapi.NLMSG_DONE)) {
        int err = len >= 20 ? NlMessage.u32(d, at + 16) : 0;
        if (err != 0 && !KERNEL_ERRNOS.contains(err)) {
          fail("seq " + seq + " answered with errno " + err + ", not a kernel answer");
        }
        return true;
      }
      at += (len + 3) & ~3;
    }
    return false;
  }

  @Test
  void badMessagesGetTheKernelsAnswersAndChangeNothing() throws Exception {
    String before = state();
    Random r = new Random(SEED);
    int answered = 0;
    try (FrameClient c = new FrameClient(endpoint.path(), null); FrameClient other = new FrameClient(endpoint.path(), null)) {
      c.setsockopt(NlUapi.NETLINK_EXT_ACK, 1);
      for (int i = 0; i < MESSAGES; i++) {
        Case k = generate(r, 1000 + i);
        c.send(k.datagram());
        for (int seq : k.answeredSeqs()) {
          boolean found = false;
          while (!found) {
            byte[] d = c.recv(5000);
            assertNotNull(d, "message " + i + " (seq " + seq + ") got no answer");
            found = terminal(d, seq);
          }
          answered++;
        }
        if (i % 500 == 0) {
          // every other socket is served meanwhile
          other.send(message(GenlHandler.DEVLINK_FAMILY_ID, NlUapi.NLM_F_REQUEST | NlUapi.NLM_F_ACK, 7, DEVLINK_CMD_GET,
              handle("netdevsim10")));
          assertNotNull(other.recv(5000));
          assertNotNull(other.recv(5000));
        }
      }
      // nothing left over: every datagram was an answer to a walked message
      byte[] left = c.recv(100);
      assertTrue(left == null, "an answer to a message the kernel drops: " + (left == null ? "" : NlMessage.u32(left, 8)));
      // the same socket still serves
      c.send(message(GenlHandler.DEVLINK_FAMILY_ID, NlUapi.NLM_F_REQUEST | NlUapi.NLM_F_ACK | NlUapi.NLM_F_DUMP, 99,
          DEVLINK_CMD_GET, new byte[0]));
      byte[] dump = c.recv(5000);
      assertNotNull(dump);
      assertEquals(GenlHandler.DEVLINK_FAMILY_ID, NlMessage.u16(dump, 4));
    }
    System.out.println("fuzz: " + MESSAGES + " datagrams, " + answered + " answers checked, seed " + SEED);
    assertTrue(answered > MESSAGES / 3, "too few answered messages: " + answered);
    assertEquals(before, state(), "bad input changed the fabric's state");
  }

  @Test
  void aSocketThatStopsReadingBlocksNoOne() throws Exception {
    try (FrameClient idle = new FrameClient(endpoint.path(), null); FrameClient busy = new FrameClient(endpoint.path(), null)) {
      idle.setsockopt(NlUapi.NETLINK_ADD_MEMBERSHIP, GenlHandler.DEVLINK_MCGRP_CONFIG_ID);
      idle.stopReading();
      long start = System.nanoTime();
      for (int i = 0; i < 300; i++) {
        NlWriter w = new NlWriter();
        w.string(DEVLINK_ATTR_BUS_NAME, "netdevsim").string(DEVLINK_ATTR_DEV_NAME, "netdevsim11");
        w.string(DEVLINK_ATTR_REGION_NAME, "dummy").u32(DEVLINK_ATTR_REGION_SNAPSHOT_ID, 1000 + i);
        busy.send(message(GenlHandler.DEVLINK_FAMILY_ID, NlUapi.NLM_F_REQUEST | NlUapi.NLM_F_ACK, i,
            DEVLINK_CMD_REGION_NEW, w.toBytes()));
        byte[] ack;
        do {
          ack = busy.recv(5000);
          assertNotNull(ack, "request " + i + " unanswered");
        } while (NlMessage.u16(ack, 4) != NlUapi.NLMSG_ERROR);
        NlWriter del = new NlWriter();
        del.string(DEVLINK_ATTR_BUS_NAME, "netdevsim").string(DEVLINK_ATTR_DEV_NAME, "netdevsim11");
        del.string(DEVLINK_ATTR_REGION_NAME, "dummy").u32(DEVLINK_ATTR_REGION_SNAPSHOT_ID, 1000 + i);
        busy.send(message(GenlHandler.DEVLINK_FAMILY_ID, NlUapi.NLM_F_REQUEST | NlUapi.NLM_F_ACK, i,
            DEVLINK_CMD_REGION_DEL, del.toBytes()));
        do {
          ack = busy.recv(5000);
          assertNotNull(ack, "request " + i + " unanswered");
        } while (NlMessage.u16(ack, 4) != NlUapi.NLMSG_ERROR);
      }
      // 600 requests; a wait for the silent socket on each would take 600 x 2 s
      long ms = (System.nanoTime() - start) / 1_000_000;
      assertTrue(ms < 120_000, "requests waited for a socket that does not read: " + ms + " ms");
    }
  }

  @Test
  void aSocketClosedMidDumpFreesItsPlace() throws Exception {
    int before = endpoint.connections().size();
    FrameClient c = new FrameClient(endpoint.path(), null);
    c.control.write(java.nio.ByteBuffer.wrap(new byte[0]));
    byte[] dump = message(GenlHandler.DEVLINK_FAMILY_ID, NlUapi.NLM_F_REQUEST | NlUapi.NLM_F_DUMP, 1, DEVLINK_CMD_PORT_GET,
        new byte[0]);
    java.nio.ByteBuffer f = NlConnection.frame('D', dump.length);
    f.put(dump).flip();
    c.control.write(f);
    c.close();
    long deadline = System.currentTimeMillis() + 10_000;
    while (endpoint.connections().size() > before && System.currentTimeMillis() < deadline) {
      Thread.onSpinWait();
    }
    assertEquals(before, endpoint.connections().size());
    try (FrameClient again = new FrameClient(endpoint.path(), null)) {
      again.send(message(GenlHandler.DEVLINK_FAMILY_ID, NlUapi.NLM_F_REQUEST | NlUapi.NLM_F_ACK, 2, DEVLINK_CMD_GET,
          handle("netdevsim10")));
      assertNotNull(again.recv(5000));
    }
  }
}
