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
 * /sys/kernel/debug/netdevsim (the knobs) and /lib/firmware. Reads and writes become requests to
 * the registry or to the device's instance; errors come back as the errno the kernel returns.
 */
public final class NsimFileSystem implements FileSystem {
  private static final String BUS = "/sys/bus/netdevsim";
  private static final String DEVICES = BUS + "/devices";
  private static final String DEBUG = "/sys/kernel/debug/netdevsim";
  private static final int ENOENT = 2;
  private static final int EACCES = 13;
  private static final int EISDIR = 21;
  private static final int EINVAL = 22;

  /** Plain directories of the skeleton, with their fixed children. */
  private static final Map<String, List<String>> DIRS = Map.of(
      "/", List.of("lib", "sys", "tmp"),
      "/sys", List.of("bus", "kernel"),
      "/sys/bus", List.of("netdevsim"),
      "/sys/kernel", List.of("debug"),
      "/sys/kernel/debug", List.of("netdevsim"),
      "/lib", List.of("firmware"),
      "/lib/firmware", List.of("nsim-fw.bin"),
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

  @Override
  public Stat stat(String path, boolean follow) throws FsException {
    String p = norm(path);
    if (DIRS.containsKey(p)) {
      Stat d = dir(2 + (int) DIRS.get(p).stream().filter(c -> DIRS.containsKey(child(p, c))).count());
      if (p.startsWith("/lib")) {
        // /lib/firmware is a tmpfs on the recorded guest: a directory's size is 40 + 20 per entry.
        return new Stat(Type.DIR, d.mode(), d.nlink(), d.owner(), d.group(), 40 + 20L * DIRS.get(p).size(),
            d.mtime(), 0, null);
      }
      return d;
    }
    if (p.equals("/lib/firmware/nsim-fw.bin")) {
      return new Stat(Type.FILE, 0644, 1, "root", "0", 4096, bootTime, 8, null);
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
      return dir(d.debugfs ? 9 : 2);
    }
    if (!d.debugfs) {
      if (!DEVICE_FILES.contains(d.rel)) {
        throw FsException.open(ENOENT);
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
    Reply r = fabric.driverSync(id, new DriverOp.DebugfsList(rel));
    if (r instanceof Reply.Ok ok && ok.value() instanceof DriverOp.Listing l) {
      return l.entries();
    }
    return List.of();
  }

  @Override
  public List<String> list(String path) throws FsException {
    String p = norm(path);
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
      return List.of();
    }
    Reply r = fabric.driverSync(d.id, new DriverOp.DebugfsList(d.rel));
    if (r instanceof Reply.Ok ok && ok.value() instanceof DriverOp.Listing l) {
      return l.entries().stream().map(DriverOp.Entry::name).toList();
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
    if (p.equals("/lib/firmware/nsim-fw.bin")) {
      return new byte[4096];
    }
    Device d = device(p);
    if (d == null) {
      // Bus attributes: new_device/del_device are write-only.
      throw FsException.open(EACCES);
    }
    Reply r = d.debugfs ? fabric.driverSync(d.id, new DriverOp.DebugfsRead(d.rel))
        : fabric.driverSync(d.id, new DriverOp.SysfsRead(d.rel));
    if (r instanceof Reply.Ok ok && ok.value() instanceof DriverOp.FileData data) {
      return data.text().getBytes(StandardCharsets.UTF_8);
    }
    throw FsException.io(r instanceof Reply.Err e ? e.errno().code : EINVAL);
  }

  @Override
  public void write(String path, byte[] data) throws FsException {
    String p = norm(path);
    String text = new String(data, StandardCharsets.UTF_8);
    Reply r;
    if (p.equals(BUS + "/new_device")) {
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
