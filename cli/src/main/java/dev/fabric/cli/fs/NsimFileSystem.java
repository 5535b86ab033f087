package dev.fabric.cli.fs;

import dev.fabric.cli.script.FileSystem;
import dev.fabric.cli.script.FsException;
import dev.fabric.devlink.client.Fabric;
import dev.fabric.devlink.model.DriverOp;
import dev.fabric.devlink.model.Reply;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The parts of the host's file tree a netdevsim user touches, backed by the fabric:
 * /sys/bus/netdevsim (new_device, del_device, per-device new_port/del_port/sriov_numvfs),
 * /sys/kernel/debug/netdevsim (the knobs), /sys/class/net (the namespace's netdevs) and
 * /lib/firmware (the host's firmware files, which a flash's request_firmware looks up). Reads and
 * writes become requests to the registry or to the device's instance; errors come back as the
 * errno the kernel returns.
 */
public final class NsimFileSystem implements FileSystem {
  private static final String BUS = "/sys/bus/netdevsim";
  private static final String DEVICES = BUS + "/devices";
  private static final String DEBUG = "/sys/kernel/debug/netdevsim";
  private static final int ENOENT = 2;
  private static final int EACCES = 13;
  private static final int EISDIR = 21;
  private static final int EINVAL = 22;
  private static final int EOPNOTSUPP = 95;
  private static final String CLASS_NET = "/sys/class/net";
  private static final String FIRMWARE = "/lib/firmware";
  /** The read-only attributes of /sys/class/net/DEV emulated (net-sysfs.c, mode 0444). */
  private static final List<String> NETDEV_FILES = List.of("addr_assign_type", "addr_len", "address", "broadcast",
      "dev_id", "ifindex", "iflink", "operstate", "phys_port_name", "phys_switch_id", "type");

  /** Plain directories of the skeleton, with their fixed children. */
  private static final Map<String, List<String>> DIRS = Map.of(
      "/", List.of("lib", "sys", "tmp"),
      "/sys", List.of("bus", "class", "kernel"),
      "/sys/class", List.of("net"),
      "/sys/bus", List.of("netdevsim"),
      "/sys/kernel", List.of("debug"),
      "/sys/kernel/debug", List.of("netdevsim"),
      "/lib", List.of("firmware"),
      "/tmp", List.of(),
      BUS, List.of("del_device", "devices", "drivers", "drivers_autoprobe", "drivers_probe", "new_device", "uevent"),
      BUS + "/drivers", List.of("netdevsim"));

  private static final List<String> DEVICE_FILES =
      List.of("del_port", "driver", "net", "new_port", "power", "sriov_numvfs", "subsystem", "uevent");

  private final Fabric fabric;
  private final String netns;
  private final long bootTime;

  public NsimFileSystem(Fabric fabric, String netns, long bootTime) {
    this.fabric = fabric;
    this.netns = netns;
    this.bootTime = bootTime;
  }

  @Override
  public FileSystem inNetns(String ns) {
    return new NsimFileSystem(fabric, ns == null ? "init" : ns, bootTime);
  }

  /** Absolute path with "//", "." and ".." resolved, no trailing slash. */
  private static String norm(String path) {
    java.util.ArrayDeque<String> parts = new java.util.ArrayDeque<>();
    for (String seg : path.split("/")) {
      if (seg.isEmpty() || seg.equals(".")) {
        continue;
      }
      if (seg.equals("..")) {
        parts.pollLast();
      } else {
        parts.addLast(seg);
      }
    }
    return "/" + String.join("/", parts);
  }

  private Stat dir(int nlink) {
    return new Stat(Type.DIR, 0755, nlink, "root", "0", 0, bootTime, 0, null);
  }

  private Stat file(int mode, long size) {
    return new Stat(Type.FILE, mode, 1, "root", "0", size, bootTime, size == 0 ? 0 : 8, null);
  }

  private Stat symlink(String target) {
    return new Stat(Type.SYMLINK, 0777, 1, "root", "0", 0, bootTime, 0, target);
  }

  /** A netdev of this namespace by name, or null. */
  private Netdevs.Netdev netdev(String name) {
    for (Netdevs.Netdev n : Netdevs.of(fabric, netns)) {
      if (n.name().equals(name)) {
        return n;
      }
    }
    return null;
  }

  /** /sys/class/net/DEV[/FILE] or /sys/bus/netdevsim/devices/netdevsimN/net/DEV[/FILE]: [dev, file]. */
  private static String[] netdevPath(String p) {
    String rest;
    if (p.startsWith(CLASS_NET + "/")) {
      rest = p.substring(CLASS_NET.length() + 1);
    } else if (p.startsWith(DEVICES + "/") && p.matches(DEVICES + "/netdevsim[0-9]+/net/.+")) {
      rest = p.substring(p.indexOf("/net/", DEVICES.length()) + 5);
    } else {
      return null;
    }
    int slash = rest.indexOf('/');
    return slash < 0 ? new String[] {rest, null} : new String[] {rest.substring(0, slash), rest.substring(slash + 1)};
  }

  /** Where /sys/class/net/DEV points (netdevsim's netdevs hang under their bus device). */
  private static String classNetTarget(Netdevs.Netdev n) {
    return n.loopback() ? "../../devices/virtual/net/lo" : "../../devices/" + n.dev() + "/net/" + n.name();
  }

  private Stat netdevStat(String p, boolean follow) throws FsException {
    String[] dp = netdevPath(p);
    Netdevs.Netdev n = netdev(dp[0]);
    if (n == null || (p.startsWith(DEVICES) && !p.startsWith(DEVICES + "/" + n.dev() + "/"))) {
      throw FsException.open(ENOENT);
    }
    if (dp[1] == null) {
      return p.startsWith(CLASS_NET) && !follow ? symlink(classNetTarget(n)) : dir(2);
    }
    if (!NETDEV_FILES.contains(dp[1])) {
      throw FsException.open(ENOENT);
    }
    return file(0444, 4096);
  }

  /** net-sysfs.c's show functions for the emulated attributes. */
  private byte[] netdevRead(String p) throws FsException {
    String[] dp = netdevPath(p);
    Netdevs.Netdev n = netdev(dp[0]);
    boolean up = n.loopback() && Netdevs.loUp(netns);
    String text = switch (dp[1]) {
      case "addr_assign_type" -> n.loopback() ? "0" : "1"; // NET_ADDR_RANDOM: eth_hw_addr_random
      case "addr_len" -> "6";
      case "address" -> n.mac();
      case "broadcast" -> n.loopback() ? Netdevs.LO_MAC : "ff:ff:ff:ff:ff:ff";
      case "dev_id" -> "0x0";
      case "ifindex", "iflink" -> Integer.toString(n.ifindex());
      case "operstate" -> n.loopback() && up ? "unknown" : "down";
      case "type" -> n.loopback() ? "772" : "1";
      // dev_get_phys_port_name / dev_get_port_parent_id: lo has neither (EOPNOTSUPP).
      case "phys_port_name" -> n.portName();
      case "phys_switch_id" -> n.switchId();
      default -> null;
    };
    if (text == null) {
      throw FsException.io(EOPNOTSUPP);
    }
    return (text + "\n").getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public Stat stat(String path, boolean follow) throws FsException {
    String p = norm(path);
    // "dir/" names the directory a symlink points to, whatever ls -l does with its arguments.
    follow |= path.endsWith("/");
    if (p.equals(CLASS_NET)) {
      return dir(2);
    }
    if (netdevPath(p) != null) {
      return netdevStat(p, follow);
    }
    if (p.equals(FIRMWARE)) {
      // /lib/firmware is a tmpfs on the recorded guest: a directory's size is 40 + 20 per entry.
      return new Stat(Type.DIR, 0755, 2, "root", "0", 40 + 20L * fabric.firmwareSync().size(), bootTime, 0, null);
    }
    if (p.startsWith(FIRMWARE + "/")) {
      String content = fabric.firmwareSync().get(p.substring(FIRMWARE.length() + 1));
      if (content == null) {
        throw FsException.open(ENOENT);
      }
      long size = content.length();
      return new Stat(Type.FILE, 0644, 1, "root", "0", size, bootTime, (size + 4095) / 4096 * 8, null);
    }
    if (DIRS.containsKey(p)) {
      Stat d = dir(2 + (int) DIRS.get(p).stream().filter(c -> DIRS.containsKey(child(p, c))
          || child(p, c).equals(FIRMWARE) || child(p, c).equals(CLASS_NET)).count());
      if (p.startsWith("/lib")) {
        // /lib/firmware is a tmpfs on the recorded guest: a directory's size is 40 + 20 per entry.
        return new Stat(Type.DIR, d.mode(), d.nlink(), d.owner(), d.group(), 40 + 20L * DIRS.get(p).size(),
            d.mtime(), 0, null);
      }
      return d;
    }
    if (p.startsWith(BUS + "/") && !p.startsWith(DEVICES)) {
      String name = p.substring(BUS.length() + 1);
      if (DIRS.get(BUS).contains(name)) {
        return file(name.endsWith("_device") ? 0200 : 0644, 4096);
      }
      if (p.startsWith(BUS + "/drivers/")) {
        return dir(2);
      }
      throw FsException.open(ENOENT);
    }
    if (p.equals(DEVICES) || p.equals(DEBUG)) {
      return dir(2 + (p.equals(DEBUG) ? fabric.deviceIdsSync().size() : 0));
    }
    Device d = device(p);
    if (d == null) {
      throw FsException.open(ENOENT);
    }
    if (d.rel.isEmpty()) {
      // /sys/bus/netdevsim/devices/netdevsimN is a link to the device under /sys/devices.
      return d.debugfs || follow ? dir(d.debugfs ? 9 : 2) : symlink("../../../devices/netdevsim" + d.id);
    }
    if (!d.debugfs) {
      if (!DEVICE_FILES.contains(d.rel)) {
        throw FsException.open(ENOENT);
      }
      // driver and subsystem are links (device_add: the bus's and the driver's kobjects).
      if (!follow && d.rel.equals("driver")) {
        return symlink("../../bus/netdevsim/drivers/netdevsim");
      }
      if (!follow && d.rel.equals("subsystem")) {
        return symlink("../../bus/netdevsim");
      }
      boolean isDir = d.rel.equals("driver") || d.rel.equals("net") || d.rel.equals("power") || d.rel.equals("subsystem");
      return isDir ? dir(2) : file(d.rel.endsWith("_port") ? 0200 : 0644, 4096);
    }
    DriverOp.Entry e = debugfsEntry(d);
    if (e == null) {
      throw FsException.open(ENOENT);
    }
    if (e.dir()) {
      return dir(2 + (int) listDebugfs(d.id, d.rel).stream().filter(DriverOp.Entry::dir).count());
    }
    int mode = e.mode().equals("--w-------") ? 0200 : e.mode().startsWith("l") ? 0777 : 0600;
    return file(mode, 0);
  }

  private static String child(String dir, String name) {
    return dir.equals("/") ? "/" + name : dir + "/" + name;
  }

  private record Device(int id, boolean debugfs, String rel) {}

  /** Parses .../netdevsimN[/rel] under the sysfs devices dir or debugfs; null if not such a path. */
  private Device device(String p) {
    boolean debugfs = p.startsWith(DEBUG + "/");
    boolean sysfs = p.startsWith(DEVICES + "/");
    if (!debugfs && !sysfs) {
      return null;
    }
    String rest = p.substring((debugfs ? DEBUG : DEVICES).length() + 1);
    int slash = rest.indexOf('/');
    String name = slash < 0 ? rest : rest.substring(0, slash);
    if (!name.startsWith("netdevsim")) {
      return null;
    }
    int id;
    try {
      id = Integer.parseInt(name.substring("netdevsim".length()));
    } catch (NumberFormatException e) {
      return null;
    }
    if (!fabric.deviceIdsSync().contains(id)) {
      return null;
    }
    return new Device(id, debugfs, slash < 0 ? "" : rest.substring(slash + 1));
  }

  private DriverOp.Entry debugfsEntry(Device d) {
    int slash = d.rel.lastIndexOf('/');
    String parent = slash < 0 ? "" : d.rel.substring(0, slash);
    String name = d.rel.substring(slash + 1);
    for (DriverOp.Entry e : listDebugfs(d.id, parent)) {
      if (e.name().equals(name)) {
        return e;
      }
    }
    return null;
  }

  private List<DriverOp.Entry> listDebugfs(int id, String rel) {
    Reply<DriverOp.Listing> r = fabric.driverSync(id, new DriverOp.DebugfsList(rel));
    if (r instanceof Reply.Ok<DriverOp.Listing> ok) {
      return ok.value().entries();
    }
    return List.of();
  }

  @Override
  public List<String> list(String path) throws FsException {
    String p = norm(path);
    if (p.equals(CLASS_NET)) {
      return Netdevs.of(fabric, netns).stream().map(Netdevs.Netdev::name).sorted().toList();
    }
    if (netdevPath(p) != null) {
      Stat st = netdevStat(p, true);
      if (!st.isDir()) {
        throw FsException.open(20); // ENOTDIR
      }
      return NETDEV_FILES;
    }
    if (p.equals(FIRMWARE)) {
      // tmpfs readdir: newest entry first.
      List<String> names = new ArrayList<>(fabric.firmwareSync().keySet());
      java.util.Collections.reverse(names);
      return names;
    }
    if (DIRS.containsKey(p)) {
      return DIRS.get(p);
    }
    if (p.equals(DEVICES) || p.equals(DEBUG)) {
      List<String> out = new ArrayList<>();
      for (int id : fabric.deviceIdsSync()) {
        out.add("netdevsim" + id);
      }
      return out;
    }
    Device d = device(p);
    if (d == null) {
      throw FsException.open(ENOENT);
    }
    if (!d.debugfs) {
      if (d.rel.isEmpty()) {
        return DEVICE_FILES;
      }
      if (d.rel.equals("net")) {
        String dev = "netdevsim" + d.id;
        return Netdevs.of(fabric, netns).stream().filter(n -> dev.equals(n.dev())).map(Netdevs.Netdev::name)
            .sorted().toList();
      }
      return List.of();
    }
    Reply<DriverOp.Listing> r = fabric.driverSync(d.id, new DriverOp.DebugfsList(d.rel));
    if (r instanceof Reply.Ok<DriverOp.Listing> ok) {
      return ok.value().entries().stream().map(DriverOp.Entry::name).toList();
    }
    throw FsException.open(ENOENT);
  }

  @Override
  public byte[] read(String path) throws FsException {
    String p = norm(path);
    Stat st = stat(p, true);
    if (st.isDir()) {
      throw FsException.io(EISDIR);
    }
    if (netdevPath(p) != null) {
      return netdevRead(p);
    }
    if (p.startsWith(FIRMWARE + "/")) {
      return fabric.firmwareSync().get(p.substring(FIRMWARE.length() + 1)).getBytes(StandardCharsets.ISO_8859_1);
    }
    Device d = device(p);
    if (d == null) {
      // Bus attributes: new_device/del_device are write-only.
      throw FsException.open(EACCES);
    }
    Reply<DriverOp.FileData> r = d.debugfs ? fabric.driverSync(d.id, new DriverOp.DebugfsRead(d.rel))
        : fabric.driverSync(d.id, new DriverOp.SysfsRead(d.rel));
    if (r instanceof Reply.Ok<DriverOp.FileData> ok) {
      return ok.value().text().getBytes(StandardCharsets.UTF_8);
    }
    throw FsException.io(r instanceof Reply.Err e ? e.errno().code : EINVAL);
  }

  @Override
  public void write(String path, byte[] data) throws FsException {
    String p = norm(path);
    String text = new String(data, StandardCharsets.UTF_8);
    Reply r;
    if (p.startsWith(FIRMWARE + "/") && p.indexOf('/', FIRMWARE.length() + 1) < 0) {
      // The guest's /lib/firmware is a root-writable tmpfs: users add their own images.
      r = fabric.firmwareWriteSync(p.substring(FIRMWARE.length() + 1), new String(data, StandardCharsets.ISO_8859_1));
    } else if (netdevPath(p) != null) {
      netdevStat(p, true);
      throw FsException.open(EACCES);
    } else if (p.equals(BUS + "/new_device")) {
      r = fabric.newDeviceSync(text, netns);
    } else if (p.equals(BUS + "/del_device")) {
      r = fabric.delDeviceSync(text);
    } else {
      Device d = device(p);
      if (d == null || d.rel.isEmpty()) {
        Stat st = null;
        try {
          st = stat(p, true);
        } catch (FsException e) {
          // fall through
        }
        if (st != null && st.isDir()) {
          throw FsException.open(EISDIR);
        }
        throw FsException.open(parentExists(p) ? EACCES : ENOENT);
      }
      if (!d.debugfs && !DEVICE_FILES.contains(d.rel)) {
        throw FsException.open(EACCES);
      }
      if (d.debugfs && debugfsEntry(d) == null) {
        throw FsException.open(parentExists(p) ? EACCES : ENOENT);
      }
      if (data.length == 0) {
        return;
      }
      r = d.debugfs ? fabric.driverSync(d.id, new DriverOp.DebugfsWrite(d.rel, text))
          : fabric.driverSync(d.id, new DriverOp.SysfsWrite(d.rel, text));
    }
    if (r instanceof Reply.Err e) {
      throw FsException.io(e.errno().code);
    }
  }

  private boolean parentExists(String p) {
    int slash = p.lastIndexOf('/');
    try {
      return stat(slash <= 0 ? "/" : p.substring(0, slash), true).isDir();
    } catch (FsException e) {
      return false;
    }
  }
}
