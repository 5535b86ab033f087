package dev.fabric.devlink.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Eswitch, VF ports and rate leafs/nodes against 04-ports.txt and 10-mon-all.txt. */
class RatesTest {
  NsimDevlink d;

  @BeforeEach
  void setUp() {
    d = new NsimDevlink(DevHandle.netdevsim(10), 10, 2, "init");
    d.probe(List.of("eth0", "eth1"));
    d.register();
  }

  Result run(Op op, String... netdevs) {
    assertEquals(netdevs.length, d.netdevsNeeded(op), op.toString());
    return d.apply(op, List.of(netdevs));
  }

  <R extends ReplyValue> R ok(Op<R> op, String... netdevs) {
    Result res = run(op, netdevs);
    Reply<R> r = ReplyTypes.typed(op, res.reply());
    if (r instanceof Reply.Ok<R> k) {
      return k.value();
    }
    throw new AssertionError(op + " -> " + res.reply());
  }

  void err(Op op, Errno errno, String extack) {
    assertEquals(Reply.err(errno, extack), run(op).reply(), op.toString());
  }

  List<RateSnapshot> rates() {
    return ok(new RateOp.Dump()).rates();
  }

  RateSnapshot rate(String name) {
    return ok(new RateOp.Get(name));
  }

  String cat(String path) {
    return ((DriverOp.FileData) ok(new DriverOp.DebugfsRead(path))).text();
  }

  List<String> ls(String path) {
    return ((DriverOp.Listing) ok(new DriverOp.DebugfsList(path))).entries().stream().map(DriverOp.Entry::name)
        .toList();
  }

  String mode() {
    return (ok(new DevOp.EswitchGet())).mode().label;
  }

  void switchdevWithTwoVfs() {
    ok(DevOp.EswitchSet.of(DevOp.EswitchMode.SWITCHDEV, null, null));
    ok(new DriverOp.SysfsWrite("sriov_numvfs", "2"), "eth6", "eth7");
  }

  @Test
  void vfsInLegacyModeMakeNoPortsAndNodesAreRefused() {
    ok(new DriverOp.SysfsWrite("sriov_numvfs", "2"));
    assertEquals(2, d.ports().size());
    err(new DriverOp.SysfsWrite("sriov_numvfs", "3"), Errno.EBUSY, null);
    err(new DriverOp.SysfsWrite("sriov_numvfs", "5"), Errno.EBUSY, null);
    err(RateOp.New.of("g3", null, null, null), Errno.EOPNOTSUPP,
        "netdevsim: Node creation allowed only in switchdev mode.");
    assertTrue(rates().isEmpty());
    ok(new DriverOp.SysfsWrite("sriov_numvfs", "0"));
    err(new DriverOp.SysfsWrite("sriov_numvfs", "5"), Errno.ENOMEM, null);
  }

  @Test
  void switchdevVfPortsGetLeafs() {
    switchdevWithTwoVfs();
    assertEquals("switchdev", mode());
    PortState vf = d.port(128);
    assertEquals(PortState.Flavour.PCI_VF, vf.flavour());
    assertEquals("eth6", vf.netdev());
    List<RateSnapshot> all = rates();
    assertEquals(List.of("netdevsim/netdevsim10/128", "netdevsim/netdevsim10/129"),
        all.stream().map(RateSnapshot::handle).toList());
    assertEquals(new RateSnapshot(DevHandle.netdevsim(10), "128", 128L, RateSnapshot.Type.LEAF, 0, 0, null),
        all.get(0));
    assertEquals(List.of("dev", "ethtool", "rate_parent", "tx_max", "tx_share"), ls("ports/128"));
    assertEquals(Errno.ENOENT, ((Reply.Err) run(new DriverOp.DebugfsList("ports/128/udp_ports")).reply()).errno());
    assertEquals(List.of("bpf_map_accept", "bpf_offloaded_id", "bpf_tc_accept", "bpf_tc_non_bound_accept",
        "bpf_xdpdrv_accept", "bpf_xdpoffload_accept", "dev", "ethtool", "ipsec", "udp_ports"), ls("ports/0"));
    err(new RateOp.Get("0"), Errno.ENODEV, null);
    err(new RateOp.Get("7"), Errno.ENODEV, null);
  }

  @Test
  void transcriptRateSequence() {
    switchdevWithTwoVfs();
    Result added = run(RateOp.New.of("group1", null, null, null));
    assertTrue(added.reply().isOk());
    assertTrue(added.notes().isEmpty(), "10-mon-all.txt shows no rate events");
    err(RateOp.New.of("group1", null, null, null), Errno.EEXIST, null);
    ok(RateOp.New.of("group2", 1_250_000L, 12_500_000L, null));
    // nodes are listed first, newest first, then the leafs
    assertEquals(List.of("group2", "group1", "128", "129"), rates().stream().map(RateSnapshot::name).toList());
    RateSnapshot g2 = rate("group2");
    assertEquals(RateSnapshot.Type.NODE, g2.type());
    assertEquals(1_250_000L, g2.txShare());
    assertEquals(12_500_000L, g2.txMax());

    ok(RateOp.Set.of("128", 625_000L, 6_250_000L, "group1"));
    RateSnapshot leaf = rate("128");
    assertEquals("group1", leaf.parent());
    assertEquals(625_000L, leaf.txShare());
    // cat ports/*/tx_share ports/*/tx_max ports/*/rate_parent: 5 0 50 0 "group1" ""
    assertEquals("5\n", cat("ports/128/tx_share"));
    assertEquals("0\n", cat("ports/129/tx_share"));
    assertEquals("50\n", cat("ports/128/tx_max"));
    assertEquals("0\n", cat("ports/129/tx_max"));
    assertEquals("group1", cat("ports/128/rate_parent"));
    assertEquals("", cat("ports/129/rate_parent"));

    ok(RateOp.Set.of("group2", null, null, "group1"));
    assertEquals("group1", rate("group2").parent());
    assertEquals(List.of("group1", "group2"), ls("rate_nodes"));
    assertEquals(List.of("rate_parent", "tx_max", "tx_share"), ls("rate_nodes/group1"));
    assertEquals("", cat("rate_nodes/group1/rate_parent"));
    assertEquals("0\n", cat("rate_nodes/group1/tx_max"));
    assertEquals("0\n", cat("rate_nodes/group1/tx_share"));
    assertEquals("group1", cat("rate_nodes/group2/rate_parent"));
    assertEquals("100\n", cat("rate_nodes/group2/tx_max"));
    assertEquals("10\n", cat("rate_nodes/group2/tx_share"));

    err(RateOp.Set.of("group1", null, null, "group2"), Errno.EEXIST,
        "leftover: Node is already a parent of parent node.");
    err(RateOp.Set.of("group1", null, null, "group1"), Errno.EINVAL, "leftover: Parent to self is not allowed.");
    err(RateOp.Set.of("group1", null, null, "nosuch"), Errno.ENODEV, null);
    err(new RateOp.Del("group1"), Errno.EBUSY, "leftover: Node has children. Cannot delete node.");
    err(new RateOp.Del("nosuch"), Errno.ENODEV, null);

    ok(RateOp.Set.of("group2", 0L, null, null)); // tx_share 1bit is 0 bytes/s
    ok(RateOp.Set.of("group2", null, null, ""));
    List<RateSnapshot> all = rates();
    assertEquals(new RateSnapshot(DevHandle.netdevsim(10), "group2", null, RateSnapshot.Type.NODE, 0, 12_500_000L,
        null), all.get(0));
    assertEquals("group1", all.get(2).parent());

    // eswitch mode changes are refused while nodes exist, even to the current mode
    err(DevOp.EswitchSet.of(DevOp.EswitchMode.LEGACY, null, null), Errno.EBUSY, "leftover: Rate node(s) exists.");
    err(DevOp.EswitchSet.of(DevOp.EswitchMode.SWITCHDEV, null, null), Errno.EBUSY, "leftover: Rate node(s) exists.");

    // sriov_numvfs 0 in switchdev: VF ports, leafs and all nodes go; the mode is legacy again
    Result off = run(new DriverOp.SysfsWrite("sriov_numvfs", "0"));
    assertTrue(off.reply().isOk());
    assertEquals(List.of("eth6", "eth7").stream().sorted().toList(), off.releasedNetdevs().stream().sorted().toList());
    assertEquals(4, off.notes().size(), "two port events per VF, no rate events");
    assertTrue(rates().isEmpty());
    assertEquals("legacy", mode());
    assertEquals(List.of(), ls("rate_nodes"));
    ok(DevOp.EswitchSet.of(DevOp.EswitchMode.LEGACY, null, null));
    err(new RateOp.Del("group2"), Errno.ENODEV, null);
    err(new RateOp.Del("group1"), Errno.ENODEV, null);
  }

  @Test
  void ratesMustBeWholeMegabitsUpTo5000() {
    switchdevWithTwoVfs();
    err(RateOp.Set.of("128", 1L, null, null), Errno.EINVAL,
        "netdevsim: TX rate value not in link speed units of 1Mbps.");
    err(RateOp.Set.of("128", null, 5001 * 125_000L, null), Errno.EINVAL,
        "netdevsim: TX rate value exceed link maximum speed 5000Mbps.");
    // tx_share is applied before tx_max fails
    err(RateOp.Set.of("129", 125_000L, 3L, null), Errno.EINVAL,
        "netdevsim: TX rate value not in link speed units of 1Mbps.");
    assertEquals(125_000L, rate("129").txShare());
    // a node whose settings fail is not created
    err(RateOp.New.of("bad", 3L, null, null), Errno.EINVAL,
        "netdevsim: TX rate value not in link speed units of 1Mbps.");
    err(RateOp.New.of("orphan", null, null, "nosuch"), Errno.ENODEV, null);
    assertEquals(2, rates().size());
  }

  @Test
  void parentsCanBeReassignedAndLeafRemovalFreesTheNode() {
    switchdevWithTwoVfs();
    ok(RateOp.New.of("a", null, null, null));
    ok(RateOp.New.of("b", null, null, null));
    ok(RateOp.Set.of("128", null, null, "a"));
    ok(RateOp.Set.of("128", null, null, "b"));
    assertEquals("b", rate("128").parent());
    ok(new RateOp.Del("a"));
    err(new RateOp.Del("b"), Errno.EBUSY, "leftover: Node has children. Cannot delete node.");
  }

  @Test
  void eswitchLegacyRemovesVfPortsAndInlineModeFailsAfterTheMode() {
    switchdevWithTwoVfs();
    ok(DevOp.EswitchSet.of(DevOp.EswitchMode.LEGACY, null, null));
    assertEquals(2, d.ports().size());
    assertTrue(rates().isEmpty());
    ok(DevOp.EswitchSet.of(DevOp.EswitchMode.SWITCHDEV, null, null), "eth6", "eth7");
    assertEquals(2, rates().size());
    err(DevOp.EswitchSet.of(null, DevOp.InlineMode.NONE, null), Errno.EOPNOTSUPP, null);
    err(DevOp.EswitchSet.of(null, null, DevOp.EncapMode.BASIC), Errno.EOPNOTSUPP, null);
  }

  @Test
  void reloadWithVfsDropsNodesAndGoesLegacyButNodesWithoutVfsSurvive() {
    ok(DevOp.EswitchSet.of(DevOp.EswitchMode.SWITCHDEV, null, null));
    ok(RateOp.New.of("keep", null, null, null));
    DevOp.Reload reload = DevOp.Reload.of(null, null, null);
    d.reloadDown(null);
    assertTrue(d.reloadUp(reload, List.of("eth2", "eth3")).reply().isOk());
    assertEquals("switchdev", mode());
    assertEquals(List.of("keep"), rates().stream().map(RateSnapshot::name).toList());
    ok(new RateOp.Del("keep"));

    ok(new DriverOp.SysfsWrite("sriov_numvfs", "1"), "eth4");
    ok(RateOp.New.of("gone", null, null, null));
    ok(RateOp.Set.of("128", 250_000L, null, "gone"));
    d.reloadDown(null);
    assertTrue(d.reloadUp(reload, List.of("eth5", "eth6")).reply().isOk());
    assertEquals("legacy", mode());
    assertTrue(rates().isEmpty());
    assertEquals("0\n", ((DriverOp.FileData) ok(new DriverOp.SysfsRead("sriov_numvfs"))).text());
  }

  @Test
  void copyIsIndependent() {
    switchdevWithTwoVfs();
    ok(RateOp.New.of("n", null, null, null));
    NsimDevlink other = d.copy();
    ok(new RateOp.Del("n"));
    Reply r = other.apply(new RateOp.Get("n"), List.of()).reply();
    assertTrue(r.isOk());
  }
}
