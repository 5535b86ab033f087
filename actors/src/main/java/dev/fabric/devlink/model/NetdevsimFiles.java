package dev.fabric.devlink.model;

import java.util.ArrayList;
import java.util.List;

/**
 * netdevsim's per-device sysfs files and debugfs files: what a write or read of each file does and
 * answers (the driver's code). Which debugfs files exist is data, {@link #TREE}. Paths are
 * relative to /sys/bus/netdevsim/devices/netdevsimN (sysfs) or /sys/kernel/debug/netdevsim/netdevsimN
 * (debugfs).
 */
final class NetdevsimFiles {
  private NetdevsimFiles() {}

  static final String RW = "-rw-------";
  static final String WO = "--w-------";
  static final String DIR = "drwxr-xr-x";

  static Reply<?> apply(NsimDevlink d, Ctx c, DriverOp op, List<String> netdevs) {
    if (op instanceof DriverOp.SysfsRead r) {
      return sysfsRead(d, r.file());
    } else if (op instanceof DriverOp.SysfsWrite w) {
      return sysfsWrite(d, c, w, netdevs);
    } else if (op instanceof DriverOp.DebugfsRead r) {
      return debugfsRead(d, c, r.path());
    } else if (op instanceof DriverOp.DebugfsWrite w) {
      return debugfsWrite(d, c, w.path(), w.value());
    }
    return debugfsList(d, ((DriverOp.DebugfsList) op).path());
  }

  private static Reply<?> sysfsRead(NsimDevlink d, String file) {
    return switch (file) {
      case "sriov_numvfs" -> Reply.ok(new DriverOp.FileData(d.numVfs + "\n"));
      case "new_port", "del_port" -> Reply.err(Errno.EPERM);
      default -> Reply.err(Errno.ENOENT);
    };
  }

  private static Reply<?> sysfsWrite(NsimDevlink d, Ctx c, DriverOp.SysfsWrite w, List<String> netdevs) {
    Long n = Knobs.parseU32(w.value());
    switch (w.file()) {
      case "new_port" -> {
        if (n == null) {
          return Reply.err(Errno.EINVAL);
        }
        if (d.portMap().containsKey(n)) {
          return Reply.err(Errno.EEXIST);
        }
        d.addPhysicalPort(c, n, netdevs.get(0));
        return Reply.ok();
      }
      case "del_port" -> {
        if (n == null) {
          return Reply.err(Errno.EINVAL);
        }
        PortState p = d.portMap().get(n);
        if (p == null || p.flavour() != PortState.Flavour.PHYSICAL) {
          return Reply.err(Errno.ENOENT);
        }
        d.removePhysicalPort(c, n);
        return Reply.ok();
      }
      case "sriov_numvfs" -> {
        if (n == null) {
          return Reply.err(Errno.EINVAL);
        }
        // nsim_drv_configure_vfs: same count, then busy, then the max_vfs limit.
        if (n == d.numVfs) {
          return Reply.ok();
        }
        if (n != 0 && d.numVfs != 0) {
          return Reply.err(Errno.EBUSY);
        }
        if (n > d.knobs.maxVfs) {
          return Reply.err(Errno.ENOMEM);
        }
        Reply<?> err = d.sriovChange(c, n.intValue(), netdevs);
        return err != null ? err : Reply.ok();
      }
      default -> {
        return Reply.err(Errno.EPERM);
      }
    }
  }

  // ---------------------------------------------------------------- debugfs

  private static Reply<?> debugfsRead(NsimDevlink d, Ctx c, String path) {
    Reply<?> rate = d.rates.debugfsRead(d, path);
    if (rate != null) {
      return rate;
    }
    Reply<?> portFile = portFile(d, path, null);
    if (portFile != null) {
      return portFile;
    }
    Knobs k = d.knobs;
    if (path.equals("trap_flow_action_cookie")) {
      // nsim_dev_trap_fa_cookie_read: EINVAL without a cookie, else its hex with no newline.
      return k.trapFlowActionCookie == null ? Reply.err(Errno.EINVAL)
          : Reply.ok(new DriverOp.FileData(k.trapFlowActionCookie));
    }
    String v = switch (path) {
      case "dont_allow_reload" -> Knobs.yn(k.dontAllowReload);
      case "fail_reload" -> Knobs.yn(k.failReload);
      case "fail_trap_drop_counter_get" -> Knobs.yn(k.failTrapDropCounterGet);
      case "fail_trap_group_set" -> Knobs.yn(k.failTrapGroupSet);
      case "fail_trap_policer_counter_get" -> Knobs.yn(k.failTrapPolicerCounterGet);
      case "fail_trap_policer_set" -> Knobs.yn(k.failTrapPolicerSet);
      case "fw_update_overwrite_mask" -> Long.toString(k.fwUpdateOverwriteMask);
      case "fw_update_status" -> Knobs.yn(k.fwUpdateStatus);
      case "max_macs" -> Long.toString(d.appliedMaxMacs);
      case "test1" -> Knobs.yn(d.appliedTest1);
      case "max_vfs" -> Long.toString(k.maxVfs);
      case "health/binary_len" -> Long.toString(k.healthBinaryLen);
      case "health/fail_recover" -> Knobs.yn(k.healthFailRecover);
      default -> k.passive.get(path);
    };
    if (v != null) {
      return Reply.ok(new DriverOp.FileData(v + "\n"));
    }
    if (isFile(d, path)) {
      return Reply.err(Errno.EINVAL);
    }
    return Reply.err(Errno.ENOENT);
  }

  private static Reply<?> debugfsWrite(NsimDevlink d, Ctx c, String path, String value) {
    Knobs k = d.knobs;
    switch (path) {
      case "dont_allow_reload", "fail_reload", "fail_trap_drop_counter_get", "fail_trap_group_set",
          "fail_trap_policer_counter_get", "fail_trap_policer_set", "fw_update_status", "health/fail_recover" -> {
        Boolean b = Knobs.parseBool(value);
        if (b == null) {
          return Reply.err(Errno.EINVAL);
        }
        switch (path) {
          case "dont_allow_reload" -> k.dontAllowReload = b;
          case "fail_reload" -> k.failReload = b;
          case "fail_trap_drop_counter_get" -> k.failTrapDropCounterGet = b;
          case "fail_trap_group_set" -> k.failTrapGroupSet = b;
          case "fail_trap_policer_counter_get" -> k.failTrapPolicerCounterGet = b;
          case "fail_trap_policer_set" -> k.failTrapPolicerSet = b;
          case "fw_update_status" -> k.fwUpdateStatus = b;
          default -> k.healthFailRecover = b;
        }
        return Reply.ok();
      }
      case "max_vfs" -> {
        return maxVfsWrite(d, value);
      }
      case "fw_update_overwrite_mask", "health/binary_len", "max_macs", "test1" -> {
        Long n = Knobs.parseU32(value);
        Boolean b = Knobs.parseBool(value);
        if ("test1".equals(path)) {
          if (b == null) {
            return Reply.err(Errno.EINVAL);
          }
          d.appliedTest1 = b;
          return Reply.ok();
        }
        if (n == null) {
          return Reply.err(Errno.EINVAL);
        }
        switch (path) {
          case "fw_update_overwrite_mask" -> k.fwUpdateOverwriteMask = n;
          case "max_macs" -> d.appliedMaxMacs = n;
          default -> k.healthBinaryLen = n;
        }
        return Reply.ok();
      }
      case "trap_flow_action_cookie" -> {
        // nsim_dev_trap_fa_cookie_write: (count - 1) / 2 bytes of hex; the last byte (the
        // newline) is not parsed; an odd hex length or a non-hex digit gives EINVAL.
        int count = value.length();
        if (count == 0 || (count - 1) % 2 != 0) {
          return Reply.err(Errno.EINVAL);
        }
        String hex = value.substring(0, count - 1);
        if (!hex.matches("[0-9a-fA-F]*")) {
          return Reply.err(Errno.EINVAL);
        }
        k.trapFlowActionCookie = hex.toLowerCase(java.util.Locale.ROOT);
        return Reply.ok();
      }
      case "take_snapshot" -> {
        return d.regions.takeSnapshot(c);
      }
      case "health/break_health" -> {
        return d.health.breakHealth(c, value, k);
      }
      default -> {
        Reply<?> portFile = portFile(d, path, value);
        if (portFile != null) {
          return portFile;
        }
        if (d.rates.debugfsRead(d, path) != null) {
          return Reply.err(Errno.EINVAL); // read-only rate files have no write op
        }
        if (k.passive.containsKey(path)) {
          k.passive.put(path, value.strip());
          return Reply.ok();
        }
        return isFile(d, path) ? Reply.ok() : Reply.err(Errno.ENOENT);
      }
    }
  }

  /** sizeof(struct nsim_vf_config): int, five u16, a 6-byte MAC, three bools, 4-aligned. */
  static final long VF_CONFIG_BYTES = 24;

  /**
   * nsim_bus_dev_max_vfs_write: a 10-byte buffer (ENOSPC for 10 characters or more), kstrtouint
   * base 10 (EINVAL), at most UINT_MAX - 128 VF port indexes (ERANGE), then kcalloc of the VF
   * configs, which fails above KMALLOC_MAX_SIZE (ENOMEM) — all before anything changes — and EBUSY
   * while VFs are enabled.
   */
  private static Reply<?> maxVfsWrite(NsimDevlink d, String value) {
    if (value.length() >= 10) {
      return Reply.err(Errno.ENOSPC);
    }
    String s = value.endsWith("\n") ? value.substring(0, value.length() - 1) : value;
    if (s.startsWith("+")) {
      s = s.substring(1);
    }
    if (s.isEmpty() || !s.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
      return Reply.err(Errno.EINVAL);
    }
    long n = Long.parseLong(s);
    if (n > 0xFFFF_FFFFL - 128) {
      return Reply.err(Errno.ERANGE);
    }
    if (n * VF_CONFIG_BYTES > Health.KMALLOC_MAX) {
      return Reply.err(Errno.ENOMEM);
    }
    if (d.numVfs > 0) {
      return Reply.err(Errno.EBUSY);
    }
    d.knobs.maxVfs = n;
    return Reply.ok();
  }

  private static boolean isFile(NsimDevlink d, String path) {
    int slash = path.lastIndexOf('/');
    String dir = slash < 0 ? "" : path.substring(0, slash);
    String name = path.substring(slash + 1);
    Reply<?> r = debugfsList(d, dir);
    if (r instanceof Reply.Ok ok && ok.value() instanceof DriverOp.Listing l) {
      return l.entries().stream().anyMatch(e -> e.name().equals(name) && !e.dir());
    }
    return false;
  }

  /** netdevsim's debugfs tree (drivers/netdevsim-debugfs.tree). */
  static final DebugfsTree TREE = DebugfsTree.load(NetdevsimFiles.class, "/dev/fabric/devlink/drivers/netdevsim-debugfs.tree");

  /** Directory listings in the order ls prints them (sorted by name, as debugfs readdir + ls do). */
  static Reply<?> debugfsList(NsimDevlink d, String path) {
    return TREE.list(d, path);
  }

  /**
   * The files of ports/N/ (netdevsim's bpf.c, ipsec.c, ethtool.c and udp_tunnels.c): a read
   * ({@code value} null) or a write. Null when {@code path} is none of them. Writable values live
   * in the knobs' passive map under their path until the port goes (NsimDevlink.removePort), so a
   * re-created port starts from the defaults. Read-only debugfs u32 attributes refuse writes with
   * EACCES (simple_attr_write without a setter); files without a write (ipsec, the u32 arrays) or
   * read (udp_ports/reset) op answer EINVAL.
   */
  private static Reply<?> portFile(NsimDevlink d, String path, String value) {
    String[] p = path.split("/", 3);
    if (p.length != 3 || !p[0].equals("ports")) {
      return null;
    }
    Long idx = Knobs.parseU32(p[1]);
    PortState port = idx == null ? null : d.portMap().get(idx);
    if (port == null) {
      return null;
    }
    boolean read = value == null;
    String def;
    boolean bool;
    switch (p[2]) {
      case "ethtool/get_err", "ethtool/set_err" -> {
        def = "0";
        bool = false;
      }
      case "ethtool/ring/rx_max_pending", "ethtool/ring/rx_jumbo_max_pending", "ethtool/ring/rx_mini_max_pending",
          "ethtool/ring/tx_max_pending" -> {
        def = "4096";
        bool = false;
      }
      case "ethtool/pause/report_stats_rx", "ethtool/pause/report_stats_tx" -> {
        def = "N";
        bool = true;
      }
      default -> {
        if (port.flavour() == PortState.Flavour.PCI_VF) {
          return null;
        }
        switch (p[2]) {
          case "bpf_map_accept", "bpf_tc_accept", "bpf_xdpdrv_accept", "bpf_xdpoffload_accept" -> {
            def = "Y";
            bool = true;
          }
          case "bpf_tc_non_bound_accept" -> {
            def = "N";
            bool = true;
          }
          case "udp_ports/inject_error" -> {
            def = "0";
            bool = false;
          }
          case "bpf_offloaded_id" -> {
            return read ? Reply.ok(new DriverOp.FileData("0\n")) : Reply.err(Errno.EACCES);
          }
          case "ipsec" -> {
            return read ? Reply.ok(new DriverOp.FileData("SA count=0 tx=0\n")) : Reply.err(Errno.EINVAL);
          }
          case "udp_ports/table0", "udp_ports/table1" -> {
            return read ? Reply.ok(new DriverOp.FileData("0 0 0 0\n")) : Reply.err(Errno.EINVAL);
          }
          case "udp_ports/reset" -> {
            return read ? Reply.err(Errno.EINVAL) : Reply.ok();
          }
          default -> {
            return null;
          }
        }
      }
    }
    if (read) {
      return Reply.ok(new DriverOp.FileData(d.knobs.passive.getOrDefault(path, def) + "\n"));
    }
    if (bool) {
      Boolean b = Knobs.parseBool(value);
      if (b == null) {
        return Reply.err(Errno.EINVAL);
      }
      d.knobs.passive.put(path, Knobs.yn(b));
    } else {
      Long n = Knobs.parseU32(value);
      if (n == null) {
        return Reply.err(Errno.EINVAL);
      }
      d.knobs.passive.put(path, Long.toString(n));
    }
    return Reply.ok();
  }

  static DriverOp.Entry file(String name) {
    return new DriverOp.Entry(name, false, RW);
  }

  static DriverOp.Entry dir(String name) {
    return new DriverOp.Entry(name, true, DIR);
  }
}
