package dev.fabric.devlink.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The devlink rate objects of one instance: a leaf per VF port in switchdev mode (created and
 * destroyed with the port by NsimDevlink's hooks) and user-created nodes (switchdev mode only).
 * Core rules follow devlink 6.1 (leftover.c): nodes are added at the head of the rate list and
 * leafs at the tail, which is the dump order; tx values are applied one by one (a later failure
 * keeps the earlier ones); a parent can be reassigned; parent loops, self-parenting and deleting a
 * node with children are refused; any eswitch mode set while nodes exist is EBUSY (checked by
 * NsimDevlink via {@link #hasNodes()}). netdevsim's part: values must be whole multiples of 1 Mbit/s
 * (125000 B/s) and at most 5000 Mbit/s, and it mirrors them in Mbit/s units in debugfs.
 *
 * <p>No notifications: the 6.1 kernel does multicast RATE_NEW/RATE_DEL, but iproute2 6.1's monitor
 * has no rate case, so the transcripts (10-mon-all.txt) show none; they are not modelled.
 */
final class Rates {
  static final long UNIT = 125_000;
  static final long MAX_UNITS = 5000;
  static final String RO = "-r--------";

  private static final class Rate {
    final String name;
    final Long port;
    /** Leaves only: the VF the port stands for (netdevsim keeps its rates in the VF's config). */
    int vf;
    long txShare;
    long txMax;
    String parent;
    /** Nodes only: netdevsim's nsim_rate_node tx_share/tx_max, in Mbit/s. */
    long shareUnits;
    long maxUnits;

    Rate(String name, Long port) {
      this.name = name;
      this.port = port;
    }

    Rate copy() {
      Rate r = new Rate(name, port);
      r.vf = vf;
      r.txShare = txShare;
      r.txMax = txMax;
      r.parent = parent;
      r.shareUnits = shareUnits;
      r.maxUnits = maxUnits;
      return r;
    }

    boolean leaf() {
      return port != null;
    }
  }

  private final DevHandle dev;
  /** devlink->rate_list. */
  private final List<Rate> list = new ArrayList<>();
  /** netdevsim's vfconfigs[vf] {min_tx_rate, max_tx_rate} in Mbit/s: kept across VF and reload cycles. */
  private final Map<Long, long[]> vfConfig = new HashMap<>();

  Rates(DevHandle dev) {
    this.dev = dev;
  }

  Rates copy() {
    Rates r = new Rates(dev);
    for (Rate x : list) {
      r.list.add(x.copy());
    }
    vfConfig.forEach((k, v) -> r.vfConfig.put(k, v.clone()));
    return r;
  }

  /** Bulk register/unregister announcements: none observable (see the class comment). */
  void announce(Ctx c, Notification.Cmd cmd) {}

  boolean hasNodes() {
    for (Rate r : list) {
      if (!r.leaf()) {
        return true;
      }
    }
    return false;
  }

  /** devl_rate_nodes_destroy: every parent link is cleared, then every node goes (silently). */
  void destroyNodes(Ctx c) {
    for (Rate r : list) {
      r.parent = null;
    }
    list.removeIf(r -> !r.leaf());
  }

  /** devl_rate_leaf_create for a VF port (tail of the list, zero rates, no parent). */
  void leafAdded(long portIndex, int vf) {
    if (leaf(portIndex) == null) {
      Rate r = new Rate(Long.toString(portIndex), portIndex);
      r.vf = vf;
      list.add(r);
    }
  }

  /** devl_rate_leaf_destroy when the port goes (no-op for ports without a leaf). */
  void portRemoved(long portIndex) {
    list.removeIf(r -> r.leaf() && r.port == portIndex);
  }

  // ---------------------------------------------------------------- debugfs

  /** rate_nodes/ and rate_nodes/NAME/ (ls order: sorted by name). */
  Reply<?> debugfsList(String[] parts) {
    List<DriverOp.Entry> e = new ArrayList<>();
    if (parts.length == 1) {
      list.stream().filter(r -> !r.leaf()).map(r -> r.name).sorted().forEach(n -> e.add(NetdevsimFiles.dir(n)));
      return Reply.ok(new DriverOp.Listing(e));
    }
    if (parts.length == 2 && node(parts[1]) != null) {
      return Reply.ok(new DriverOp.Listing(rateFiles()));
    }
    return Reply.err(Errno.ENOENT);
  }

  /** The read-only files a VF port directory and a node directory hold. */
  static List<DriverOp.Entry> rateFiles() {
    return List.of(new DriverOp.Entry("rate_parent", false, RO), new DriverOp.Entry("tx_max", false, RO),
        new DriverOp.Entry("tx_share", false, RO));
  }

  /**
   * Reads of rate_nodes/NAME/{tx_share,tx_max,rate_parent} and ports/IDX/{...} of VF ports: u16
   * values in Mbit/s with a newline; rate_parent is the bare parent name (empty without one).
   * Null when {@code path} is none of these files.
   */
  Reply<?> debugfsRead(NsimDevlink d, String path) {
    String[] p = path.split("/");
    if (p.length != 3) {
      return null;
    }
    if (p[0].equals("rate_nodes")) {
      Rate n = node(p[1]);
      if (n == null) {
        return null;
      }
      return file(p[2], n.shareUnits, n.maxUnits, n.parent);
    }
    if (p[0].equals("ports")) {
      Long idx = Knobs.parseU32(p[1]);
      PortState port = idx == null ? null : d.portMap().get(idx);
      if (port == null || port.flavour() != PortState.Flavour.PCI_VF) {
        return null;
      }
      long[] cfg = vfConfig.getOrDefault((long) port.vfnum(), new long[2]);
      Rate leaf = leaf(idx);
      return file(p[2], cfg[0], cfg[1], leaf == null ? null : leaf.parent);
    }
    return null;
  }

  private static Reply<?> file(String name, long share, long max, String parent) {
    switch (name) {
      case "tx_share":
        return Reply.ok(new DriverOp.FileData(share + "\n"));
      case "tx_max":
        return Reply.ok(new DriverOp.FileData(max + "\n"));
      case "rate_parent":
        return Reply.ok(new DriverOp.FileData(parent == null ? "" : parent));
      default:
        return null;
    }
  }

  // ---------------------------------------------------------------- requests

  Reply<?> apply(Ctx c, RateOp op, NsimDevlink d) {
    if (op instanceof RateOp.Dump) {
      List<RateSnapshot> all = new ArrayList<>();
      for (Rate r : list) {
        all.add(snapshot(r));
      }
      return Reply.ok(new RateOp.RateList(all));
    }
    String name = op instanceof RateOp.Get g ? g.name() : op instanceof RateOp.Set s ? s.name()
        : op instanceof RateOp.New n ? n.name() : ((RateOp.Del) op).name();
    if (name == null) {
      // devlink_rate_get_from_info without a port index or node name; GENL_REQ_ATTR_CHECK for new/del.
      return Reply.err(Errno.EINVAL);
    }
    if (op instanceof RateOp.Get g) {
      Rate r = lookup(g.name(), d);
      return r == null ? Reply.err(Errno.ENODEV) : Reply.ok(snapshot(r));
    } else if (op instanceof RateOp.Set s) {
      Rate r = lookup(s.name(), d);
      if (r == null) {
        return Reply.err(Errno.ENODEV);
      }
      Reply<?> err = set(d.driver, r, s.txShare().orElse(null), s.txMax().orElse(null), s.parent().orElse(null));
      return err != null ? err : Reply.ok();
    } else if (op instanceof RateOp.New n) {
      if (node(n.name()) != null) {
        return Reply.err(Errno.EEXIST);
      }
      Reply<?> refused = d.driver.rateNodeNewRefusal(d);
      if (refused != null) {
        return refused;
      }
      Rate node = new Rate(n.name(), null);
      Reply<?> err = set(d.driver, node, n.txShare().orElse(null), n.txMax().orElse(null), n.parent().orElse(null));
      if (err != null) {
        return err;
      }
      list.add(0, node);
      return Reply.ok();
    }
    RateOp.Del del = (RateOp.Del) op;
    Rate node = node(del.name());
    if (node == null) {
      return Reply.err(Errno.ENODEV);
    }
    for (Rate r : list) {
      if (node.name.equals(r.parent)) {
        return Reply.err(Errno.EBUSY, "leftover: Node has children. Cannot delete node.");
      }
    }
    list.remove(node);
    return Reply.ok();
  }

  /** devlink_nl_rate_set: tx_share, then tx_max, then the parent; each applied as it passes. */
  private Reply<?> set(DeviceDriver driver, Rate r, Long txShare, Long txMax, String parent) {
    if (txShare != null) {
      Reply<?> refused = driver.rateValueRefusal(txShare);
      if (refused != null) {
        return refused;
      }
      long units = Long.divideUnsigned(txShare, UNIT);
      if (r.leaf()) {
        vfConfig(r)[0] = units;
      } else {
        r.shareUnits = units;
      }
      r.txShare = txShare;
    }
    if (txMax != null) {
      Reply<?> refused = driver.rateValueRefusal(txMax);
      if (refused != null) {
        return refused;
      }
      long units = Long.divideUnsigned(txMax, UNIT);
      if (r.leaf()) {
        vfConfig(r)[1] = units;
      } else {
        r.maxUnits = units;
      }
      r.txMax = txMax;
    }
    if (parent != null) {
      if (parent.isEmpty()) {
        r.parent = null;
      } else {
        Rate p = node(parent);
        if (p == null) {
          return Reply.err(Errno.ENODEV);
        }
        if (p == r) {
          return Reply.err(Errno.EINVAL, "leftover: Parent to self is not allowed.");
        }
        if (!r.leaf() && isAncestor(r, p.parent)) {
          return Reply.err(Errno.EEXIST, "leftover: Node is already a parent of parent node.");
        }
        r.parent = p.name;
      }
    }
    return null;
  }

  /** devlink_rate_is_parent_node: is {@code r} on the parent chain starting at {@code name}? */
  private boolean isAncestor(Rate r, String name) {
    while (name != null) {
      if (name.equals(r.name)) {
        return true;
      }
      Rate p = node(name);
      name = p == null ? null : p.parent;
    }
    return false;
  }


  private long[] vfConfig(Rate leaf) {
    return vfConfig.computeIfAbsent((long) leaf.vf, k -> new long[2]);
  }

  private Rate node(String name) {
    for (Rate r : list) {
      if (!r.leaf() && r.name.equals(name)) {
        return r;
      }
    }
    return null;
  }

  private Rate leaf(long port) {
    for (Rate r : list) {
      if (r.leaf() && r.port == port) {
        return r;
      }
    }
    return null;
  }

  /** A decimal name is a port index (leaf, via the port: unknown port or no leaf is ENODEV). */
  private Rate lookup(String name, NsimDevlink d) {
    if (!name.isEmpty() && name.chars().allMatch(Character::isDigit)) {
      Long idx = name.length() <= 10 ? Long.parseLong(name) : null;
      return idx == null || !d.portMap().containsKey(idx) ? null : leaf(idx);
    }
    return node(name);
  }

  private RateSnapshot snapshot(Rate r) {
    return new RateSnapshot(dev, r.name, r.port, r.leaf() ? RateSnapshot.Type.LEAF : RateSnapshot.Type.NODE,
        r.txShare, r.txMax, r.parent);
  }
}
