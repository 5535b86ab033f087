package dev.fabric.devlink.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * netdevsim's resource tree (nsim_dev_resources_register) and the devlink core's bookkeeping of
 * it. Ids are netdevsim's enum nsim_resource_id: IPv4 1, IPv4/fib 2, IPv4/fib-rules 3, IPv6 4,
 * IPv6/fib 5, IPv6/fib-rules 6, nexthops 7. Every size is u64 max ({@code -1L}), min 0, gran 1,
 * unit entry. The leaves report the occupancy of the FIB emulation (what a 6.1 netns holds:
 * 3/3 for IPv4, 1/2 for IPv6, 0 nexthops); the parents have no occupancy getter.
 *
 * <p>RESOURCE_SET only records size_new (no notification). At reload nsim_fib_create reads the
 * five leaf sizes (devl_resource_size_get, which makes size_new the size; the parents are never
 * read, so a pending parent size stays pending), then replays the FIB into the new limits:
 * nexthops, IPv4 rules, IPv4 routes, IPv6 rules, IPv6 routes. A rule that does not fit fails the
 * reload with ENOSPC; a route that does not fit makes the notifier answer NOTIFY_BAD, i.e. EPERM.
 */
final class Resources {
  static final long U64_MAX = -1L;
  static final long IPV4 = 1;
  static final long IPV4_FIB = 2;
  static final long IPV4_FIB_RULES = 3;
  static final long IPV6 = 4;
  static final long IPV6_FIB = 5;
  static final long IPV6_FIB_RULES = 6;
  static final long NEXTHOPS = 7;

  static final String RULES_FULL = "netdevsim: Exceeded number of supported fib rule entries.";
  static final String FIB_FULL = "netdevsim: Exceeded number of supported fib entries.";
  static final String SIZE_VALIDATION = "leftover: resources size validation failed.";

  private static final class Node {
    final long id;
    final String name;
    final long parent;
    final Long occ;
    long size = U64_MAX;
    long sizeNew = U64_MAX;
    boolean sizeValid = true;
    final List<Long> children = new ArrayList<>();

    Node(long id, String name, long parent, Long occ) {
      this.id = id;
      this.name = name;
      this.parent = parent;
      this.occ = occ;
    }

    Node copy() {
      Node n = new Node(id, name, parent, occ);
      n.size = size;
      n.sizeNew = sizeNew;
      n.sizeValid = sizeValid;
      n.children.addAll(children);
      return n;
    }
  }

  private final DevHandle dev;
  /** All nodes by id, in registration order. */
  private final Map<Long, Node> nodes = new LinkedHashMap<>();

  /** The driver's resource tree (netdevsim: nsim_dev_resources_register), parents first. */
  Resources(DevHandle dev, Catalogue catalogue) {
    this.dev = dev;
    for (Catalogue.ResourceDef r : catalogue.resources()) {
      add(new Node(r.id(), r.name(), r.parent(), r.occupancy()));
    }
  }

  private Resources(Resources o) {
    this.dev = o.dev;
    for (Node n : o.nodes.values()) {
      nodes.put(n.id, n.copy());
    }
  }

  private void add(Node n) {
    nodes.put(n.id, n);
    if (n.parent != 0) {
      nodes.get(n.parent).children.add(n.id);
    }
  }

  Resources copy() {
    return new Resources(this);
  }

  /** nsim_fib_set_max_all: the five resources the FIB reads take their size_new. */
  void applyPending() {
    for (Node n : nodes.values()) {
      if (n.occ != null) {
        n.size = n.sizeNew;
      }
    }
  }

  /**
   * The FIB part of reload_up (nsim_fib_create): applies the sizes, then replays the current
   * entries in the kernel's order. Null when everything fits; else the error reload_up fails with.
   */
  Reply<?> validateAgainstOccupancy() {
    applyPending();
    if (tooSmall(NEXTHOPS)) {
      return Reply.err(Errno.ENOSPC, "netdevsim: Exceeded number of supported nexthops.");
    }
    if (tooSmall(IPV4_FIB_RULES)) {
      return Reply.err(Errno.ENOSPC, RULES_FULL);
    }
    if (tooSmall(IPV4_FIB)) {
      return Reply.err(Errno.EPERM, FIB_FULL);
    }
    if (tooSmall(IPV6_FIB_RULES)) {
      return Reply.err(Errno.ENOSPC, RULES_FULL);
    }
    if (tooSmall(IPV6_FIB)) {
      return Reply.err(Errno.EPERM, FIB_FULL);
    }
    return null;
  }

  private boolean tooSmall(long id) {
    Node n = nodes.get(id);
    return n != null && n.occ != null && Long.compareUnsigned(n.size, n.occ) < 0;
  }

  /**
   * devlink_resources_validate, the first check of RELOAD (before the action and netns checks):
   * null unless some node's size_valid is false.
   */
  Reply<?> reloadRefusal() {
    for (Node n : nodes.values()) {
      if (!n.sizeValid) {
        return Reply.err(Errno.EINVAL, SIZE_VALIDATION);
      }
    }
    return null;
  }

  Reply<?> apply(Ctx c, ResourceOp op, boolean reloadFailed) {
    if (op instanceof ResourceOp.Dump) {
      return Reply.ok(dump(reloadFailed));
    }
    ResourceOp.Set s = (ResourceOp.Set) op;
    Node n = nodes.get(s.id());
    if (n == null) {
      return Reply.err(Errno.EINVAL);
    }
    // devlink_resource_validate_size: min 0, max u64 max and granularity 1 accept any u64.
    n.sizeNew = s.size();
    validateChildren(n);
    if (n.parent != 0) {
      validateChildren(nodes.get(n.parent));
    }
    return Reply.ok();
  }

  /** devlink_resource_validate_children: the sum of the children's size_new (u64, wrapping). */
  private void validateChildren(Node n) {
    boolean valid = true;
    if (!n.children.isEmpty()) {
      long parts = 0;
      for (long id : n.children) {
        parts += nodes.get(id).sizeNew;
      }
      valid = Long.compareUnsigned(parts, n.sizeNew) <= 0;
    }
    n.sizeValid = valid;
  }

  /** The tree; occupancy is missing while the FIB is torn down (reload_failed). */
  ResourceDump dump(boolean reloadFailed) {
    List<ResourceSnapshot> top = new ArrayList<>();
    for (Node n : nodes.values()) {
      if (n.parent == 0) {
        top.add(snapshot(n, reloadFailed));
      }
    }
    return new ResourceDump(dev, top);
  }

  private ResourceSnapshot snapshot(Node n, boolean reloadFailed) {
    List<ResourceSnapshot> kids = new ArrayList<>();
    for (long id : n.children) {
      kids.add(snapshot(nodes.get(id), reloadFailed));
    }
    Long occ = reloadFailed ? null : n.occ;
    return new ResourceSnapshot(n.id, n.name, n.size, n.sizeNew, n.sizeValid, 0, U64_MAX, 1, "entry", occ, kids);
  }
}
