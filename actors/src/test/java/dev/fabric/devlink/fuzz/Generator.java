package dev.fabric.devlink.fuzz;

import dev.fabric.devices.LatencyProfile;
import dev.fabric.devlink.model.DevOp;
import dev.fabric.devlink.model.DriverOp;
import dev.fabric.devlink.model.HealthOp;
import dev.fabric.devlink.model.Op;
import dev.fabric.devlink.model.Param;
import dev.fabric.devlink.model.ParamValue;
import dev.fabric.devlink.model.ParamOp;
import dev.fabric.devlink.model.PortOp;
import dev.fabric.devlink.model.PortState;
import dev.fabric.devlink.model.RateOp;
import dev.fabric.devlink.model.RegionOp;
import dev.fabric.devlink.model.ResourceOp;
import dev.fabric.devlink.model.TrapOp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded random fuzz sequences over a few devices and ports: every request kind, every debugfs
 * knob, bus writes with extreme values, pipelined del/new and netns moves, bursts beyond the
 * (fuzz-configured) instance queue bound.
 */
final class Generator {
  static final int DEVICES = 4;
  static final String[] NAMESPACES = {"ns1", "ns2"};
  private static final long[] PORTS = {0, 1, 2, 3, 5, 7, 128, 129, 130, 2_147_483_648L, 3_000_000_000L, 4_294_967_295L};
  private static final String[] NUMBERS = {"0", "1", "2", "3", "4", "7", "128", "4096", "4097", "65535", "2147483647", "2147483648",
      "4294967295", "4294967296", "99999999999999999999", "-1", "0x10", "", " ", "abc", "1 2", "3\n"};
  private static final String[] BOOLS = {"Y\n", "N\n", "1", "0", "on", "off", "yes", "x", ""};
  /** Every debugfs file netdevsim has at the device level, plus port and nested ones. */
  private static final String[] KNOBS = {"dont_allow_reload", "fail_reload", "fail_trap_drop_counter_get",
      "fail_trap_group_set", "fail_trap_policer_counter_get", "fail_trap_policer_set", "fw_update_status",
      "fw_update_overwrite_mask", "max_macs", "test1", "max_vfs", "trap_flow_action_cookie", "take_snapshot",
      "bpf_bind_accept", "bpf_bind_verifier_accept", "bpf_bind_verifier_delay", "udp_ports_ipv4_only",
      "udp_ports_open_only", "udp_ports_shared", "udp_ports_sleep", "udp_ports_static_iana_vxlan",
      "udp_ports_sync_all", "health/binary_len", "health/break_health", "health/fail_recover",
      "fib/fail_route_offload", "psample/enable", "hwstats/l3/enable_ifindex", "rate_nodes", "nonexistent",
      "ports/0/bpf_map_accept", "ports/0/ethtool/get_err", "ports/0/ethtool/ring/rx_max_pending",
      "ports/0/ethtool/pause/report_stats_rx", "ports/0/udp_ports/inject_error", "ports/0/udp_ports/reset",
      "ports/0/ipsec", "ports/0/bpf_offloaded_id", "ports/128/ethtool/set_err", "ports/128/tx_share",
      "ports/128/tx_max", "ports/3000000000/ethtool/get_err", "rate_nodes/n1/tx_share"};
  private static final String[] TRAPS = {"source_mac_is_multicast", "fid_miss", "ttl_value_is_too_small",
      "igmp_query", "ingress_flow_action_drop", "bogus"};
  private static final String[] GROUPS = {"l2_drops", "l3_exceptions", "mc_snooping", "bogus"};
  private static final String[] RATES = {"0", "1", "128", "129", "3000000000", "n1", "n2", "", "99999999999"};

  private final Random rnd;
  /** Bursts go above this bound (the fuzz fabric's max-queued-requests). */
  private final int queueBound;

  Generator(long seed, int queueBound) {
    this.rnd = new Random(seed);
    this.queueBound = queueBound;
  }

  /** new_device writes due after a del_device, so the devices mostly exist (else ENODEV everywhere). */
  private final java.util.TreeMap<Integer, List<FuzzAction>> due = new java.util.TreeMap<>();

  /** A sequence of actions sending about {@code requests} requests. */
  List<FuzzAction> sequence(int requests) {
    List<FuzzAction> out = new ArrayList<>();
    for (int id = 1; id <= DEVICES; id++) {
      out.add(new FuzzAction.NewDevice(id + " " + (1 + rnd.nextInt(3)), "init"));
    }
    out.add(new FuzzAction.NetnsAdd("ns1"));
    int sent = out.size();
    while (sent < requests) {
      List<FuzzAction> now = due.remove(out.size());
      if (now != null) {
        out.addAll(now);
        sent += now.size();
      }
      FuzzAction a = next();
      out.add(a);
      sent += Math.max(1, a.requests());
      if (a instanceof FuzzAction.DelDevice d && d.text().matches("[1-9]")) {
        due.computeIfAbsent(out.size() + 1 + rnd.nextInt(20), k -> new ArrayList<>())
            .add(new FuzzAction.NewDevice(d.text() + " " + (1 + rnd.nextInt(3)), "init"));
      }
    }
    return out;
  }

  private <T> T pick(T[] a) {
    return a[rnd.nextInt(a.length)];
  }

  private long port() {
    return PORTS[rnd.nextInt(PORTS.length)];
  }

  private int device() {
    return 1 + rnd.nextInt(DEVICES);
  }

  FuzzAction next() {
    int k = rnd.nextInt(1000);
    if (k < 2) {
      return new FuzzAction.Burst(rnd.nextInt(4) == 0 ? "init" : null, device(),
          rnd.nextBoolean() ? new DevOp.Get() : new PortOp.Get(rnd.nextInt(2)), queueBound + 1 + rnd.nextInt(queueBound / 2));
    }
    if (k < 16) {
      int id = device();
      return new FuzzAction.Recreate(id, (rnd.nextInt(10) == 0 ? device() : id)
          + (rnd.nextInt(8) == 0 ? " " + pick(NUMBERS) : " " + rnd.nextInt(4)));
    }
    if (k < 22) {
      String text = rnd.nextInt(3) == 0 ? pick(NUMBERS) + " " + pick(NUMBERS) : device() + " " + rnd.nextInt(4);
      // Written from init: a process in a namespace that is later deleted is not modelled.
      return new FuzzAction.NewDevice(text, "init");
    }
    if (k < 26) {
      return new FuzzAction.DelDevice(rnd.nextInt(4) == 0 ? pick(NUMBERS) : Integer.toString(device()));
    }
    if (k < 32) {
      String ns = pick(NAMESPACES);
      return rnd.nextBoolean() ? new FuzzAction.NetnsAdd(ns) : new FuzzAction.NetnsDel(ns);
    }
    if (k < 36) {
      Duration reinit = Duration.ofMillis(rnd.nextInt(3));
      Duration chunk = Duration.ofNanos(rnd.nextInt(4) == 0 ? 50_000 : 0);
      return new FuzzAction.Latency(rnd.nextInt(8) == 0 ? 99 : device(), new LatencyProfile(reinit, chunk));
    }
    if (k < 38) {
      return new FuzzAction.SubscriberChurn(rnd.nextBoolean());
    }
    // Driver-side (null) callers reach a device in any namespace; devlink callers name one.
    String netns = rnd.nextInt(10) == 0 ? pick(NAMESPACES) : (rnd.nextBoolean() ? null : "init");
    return new FuzzAction.Request(netns, rnd.nextInt(50) == 0 ? 1 + DEVICES : device(), op());
  }

  private Op op() {
    int k = rnd.nextInt(100);
    if (k < 12) {
      return devOp();
    } else if (k < 30) {
      return portOp();
    } else if (k < 36) {
      return paramOp();
    } else if (k < 44) {
      return healthOp();
    } else if (k < 52) {
      return trapOp();
    } else if (k < 58) {
      return regionOp();
    } else if (k < 62) {
      return rnd.nextBoolean() ? new ResourceOp.Dump()
          : new ResourceOp.Set(1 + rnd.nextInt(8), rnd.nextInt(4) == 0 ? -1L : rnd.nextInt(100_000));
    } else if (k < 70) {
      return rateOp();
    }
    return driverOp();
  }

  private Op devOp() {
    return switch (rnd.nextInt(8)) {
      case 0 -> new DevOp.Get();
      case 1 -> new DevOp.InfoGet();
      case 2 -> new DevOp.EswitchGet();
      case 3 -> DevOp.EswitchSet.of(rnd.nextBoolean() ? DevOp.EswitchMode.SWITCHDEV : DevOp.EswitchMode.LEGACY,
          rnd.nextInt(6) == 0 ? DevOp.InlineMode.LINK : null, rnd.nextInt(6) == 0 ? DevOp.EncapMode.BASIC : null);
      case 4, 5 -> {
        DevOp.Action action = rnd.nextInt(5) == 0 ? DevOp.Action.FW_ACTIVATE
            : rnd.nextBoolean() ? DevOp.Action.DRIVER_REINIT : null;
        DevOp.Limit limit = rnd.nextInt(10) == 0 ? DevOp.Limit.NO_RESET : null;
        String[] targets = {null, null, "ns1", "ns2", "init", "1", "42", "nsX"};
        yield DevOp.Reload.of(action, limit, pick(targets));
      }
      default -> DevOp.Flash.of(rnd.nextInt(5) == 0 ? "missing.bin" : "nsim-fw.bin",
          rnd.nextInt(5) == 0 ? "fw.other" : (rnd.nextBoolean() ? "fw.mgmt" : null),
          rnd.nextInt(4) == 0 ? rnd.nextInt(4) : null);
    };
  }

  private Op portOp() {
    long p = port();
    return switch (rnd.nextInt(7)) {
      case 0, 1 -> new PortOp.Get(p);
      case 2 -> new PortOp.Dump();
      case 3 -> new PortOp.SetType(p, pick(PortState.Type.values()));
      case 4 -> new PortOp.Split(p, rnd.nextInt(5));
      case 5 -> new PortOp.Unsplit(p);
      default -> PortOp.FunctionSet.of(p, rnd.nextBoolean() ? "00:11:22:33:44:55" : null,
          rnd.nextBoolean() ? "active" : null);
    };
  }

  private Op paramOp() {
    String[] names = {"max_macs", "test1", "bogus"};
    ParamValue[] values = {new ParamValue.U32(0), new ParamValue.U32(1), new ParamValue.U32(32),
        new ParamValue.U32(4294967295L), new ParamValue.U64(4294967296L), new ParamValue.U32(-1),
        new ParamValue.Bool(true), new ParamValue.Bool(false), new ParamValue.Str("str"), null};
    return switch (rnd.nextInt(3)) {
      case 0 -> new ParamOp.Get(pick(names));
      case 1 -> new ParamOp.Dump();
      default -> new ParamOp.Set(pick(names), pick(Param.Cmode.values()), pick(values));
    };
  }

  private Op healthOp() {
    String r = pick(new String[] {"dummy", "empty", "bogus"});
    Long[] longs = {null, 0L, 1L, 1000L, -1L};
    Boolean[] bools = {null, true, false};
    return switch (rnd.nextInt(8)) {
      case 0 -> new HealthOp.Get(r);
      case 1 -> new HealthOp.Dump();
      case 2 -> HealthOp.Set.of(r, pick(longs), pick(bools), pick(bools));
      case 3 -> new HealthOp.Recover(r);
      case 4 -> new HealthOp.Diagnose(r);
      case 5 -> new HealthOp.DumpGet(r);
      case 6 -> new HealthOp.DumpClear(r);
      default -> new HealthOp.Test(r);
    };
  }

  private Op trapOp() {
    String[] actions = {"drop", "trap", "mirror", "bogus"};
    Long[] policers = {null, 0L, 1L, 2L, 3L, 4L, 1000L};
    boolean stats = rnd.nextBoolean();
    return switch (rnd.nextInt(9)) {
      case 0 -> new TrapOp.Get(pick(TRAPS), stats);
      case 1 -> new TrapOp.Dump(stats);
      case 2 -> TrapOp.Set.of(pick(TRAPS), pick(actions));
      case 3 -> new TrapOp.GroupGet(pick(GROUPS), stats);
      case 4 -> new TrapOp.GroupDump(stats);
      case 5 -> TrapOp.GroupSet.of(pick(GROUPS), rnd.nextBoolean() ? pick(actions) : null, pick(policers));
      case 6 -> new TrapOp.PolicerGet(rnd.nextInt(5), stats);
      case 7 -> new TrapOp.PolicerDump(stats);
      default -> TrapOp.PolicerSet.of(rnd.nextInt(5), rnd.nextBoolean() ? null : (long) rnd.nextInt(3_000_000),
          rnd.nextBoolean() ? null : (rnd.nextInt(5) == 0 ? -1L : (long) rnd.nextInt(100_000)));
    };
  }

  private Op regionOp() {
    String region = rnd.nextInt(6) == 0 ? "bogus" : "dummy";
    long id = rnd.nextInt(5) == 0 ? 4294967295L : rnd.nextInt(20);
    Long[] nums = {null, 0L, 1L, 16L, 32767L, 32768L, 1L << 40, -1L};
    return switch (rnd.nextInt(5)) {
      case 0 -> new RegionOp.Get(region);
      case 1 -> new RegionOp.Dump();
      case 2 -> RegionOp.New.of(region, rnd.nextBoolean() ? null : id);
      case 3 -> new RegionOp.Del(region, id);
      default -> RegionOp.Read.of(region, id, pick(nums), pick(nums));
    };
  }

  private Op rateOp() {
    Long[] rates = {null, 0L, 1L, 1000L, 125_000_000L, -1L, 123L};
    String[] parents = {null, "", "n1", "n2", "128", "bogus"};
    String name = rnd.nextInt(30) == 0 ? null : pick(RATES);
    return switch (rnd.nextInt(5)) {
      case 0 -> new RateOp.Get(name);
      case 1 -> new RateOp.Dump();
      case 2 -> RateOp.Set.of(name, pick(rates), pick(rates), pick(parents));
      case 3 -> RateOp.New.of(name, pick(rates), pick(rates), pick(parents));
      default -> new RateOp.Del(name);
    };
  }

  private Op driverOp() {
    String[] sysfs = {"new_port", "del_port", "sriov_numvfs", "bogus"};
    return switch (rnd.nextInt(7)) {
      case 0, 1 -> {
        String file = pick(sysfs);
        String value = rnd.nextInt(4) == 0 ? pick(NUMBERS) : (file.equals("sriov_numvfs") ? rnd.nextInt(4) + "\n" : port() + "\n");
        yield new DriverOp.SysfsWrite(file, value);
      }
      case 2 -> new DriverOp.SysfsRead(pick(sysfs));
      case 3, 4 -> {
        String knob = pick(KNOBS);
        String value = switch (rnd.nextInt(4)) {
          case 0 -> pick(BOOLS);
          case 1 -> pick(NUMBERS);
          case 2 -> knob.equals("health/binary_len") ? pick(new String[] {"16", "0", "4194304", "4194305"}) : rnd.nextInt(64) + "\n";
          default -> pick(new String[] {"deadbeef\n", "abc\n", "\n", "0011\n", "x"});
        };
        yield new DriverOp.DebugfsWrite(knob, value);
      }
      case 5 -> new DriverOp.DebugfsRead(pick(KNOBS));
      default -> new DriverOp.DebugfsList(pick(new String[] {"", "ports", "ports/0", "ports/128", "health", "rate_nodes",
          "hwstats/l3", "bogus", "ports/0/ethtool", "ports/3000000000"}));
    };
  }
}
