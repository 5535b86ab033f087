package dev.fabric.cli.script;

import static org.junit.jupiter.api.Assertions.*;

import dev.fabric.devlink.model.Errno;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ShellTest {
  static final long T2040 = Instant.parse("2026-11-25T20:40:00Z").getEpochSecond();
  static final long T2041 = Instant.parse("2026-11-25T20:41:00Z").getEpochSecond();
  static final String DBG = "/sys/kernel/debug/netdevsim/netdevsim10";

  InMemoryFileSystem fs;
  InMemoryNetns netns;
  List<String> calls;
  Shell sh;

  @BeforeEach
  void setUp() {
    fs = new InMemoryFileSystem().defaultMtime(T2040);
    netns = new InMemoryNetns();
    calls = new ArrayList<>();
    CommandRunner runner = (ns, argv) -> {
      calls.add((ns == null ? "" : ns + ":") + String.join(" ", argv));
      if (!argv.get(0).equals("devlink")) return null;
      return Result.ok(ns == null ? "netdevsim/netdevsim11\n" : "netdevsim/netdevsim10\n");
    };
    sh = new Shell(fs, netns, runner).withClock(() -> T2041 + 3600);
    for (String f : List.of("del_device", "drivers_autoprobe", "drivers_probe", "new_device", "uevent")) {
      fs.file("/sys/bus/netdevsim/" + f, "");
    }
    fs.mkdirs("/sys/bus/netdevsim/devices");
    fs.mkdirs("/sys/bus/netdevsim/drivers");
  }

  private Result run(String line) throws ScriptException {
    return sh.runLine(line);
  }

  private static void assertRecord(Transcript.Record expected, Result actual) {
    assertEquals(Transcript.format(expected), Transcript.format(expected.cmd(), actual));
  }

  private static InMemoryFileSystem.Handler failingWrite(int errno) {
    return new InMemoryFileSystem.Handler() {
      public byte[] read() throws FsException {
        throw FsException.io(Errno.EINVAL.code);
      }

      public void write(byte[] data) throws FsException {
        throw FsException.io(errno);
      }
    };
  }

  @Test
  void lsTwoDirectories() throws Exception {
    Transcript.Record r = Ref.record("01-devices.txt", "ls /sys/bus/netdevsim /sys/bus/netdevsim/devices");
    assertRecord(r, run(r.cmd()));
  }

  @Test
  void lsFollowsCommandLineSymlink() throws Exception {
    String dev = "/sys/devices/netdevsim10";
    fs.file(dev + "/del_port", "");
    fs.symlink(dev + "/driver", "../../bus/netdevsim/drivers/netdevsim");
    fs.mkdirs(dev + "/net/eth0");
    fs.file(dev + "/new_port", "");
    fs.mkdirs(dev + "/power");
    fs.file(dev + "/sriov_numvfs", "0\n");
    fs.symlink(dev + "/subsystem", "../../bus/netdevsim");
    fs.file(dev + "/uevent", "");
    fs.symlink("/sys/bus/netdevsim/devices/netdevsim10", "../../../devices/netdevsim10");
    fs.symlink("/sys/bus/netdevsim/devices/netdevsim11", "../../../devices/netdevsim11");
    fs.mkdirs("/sys/devices/netdevsim11");
    assertRecord(Ref.record("01-devices.txt", "ls /sys/bus/netdevsim/devices/netdevsim10"),
        run("ls /sys/bus/netdevsim/devices/netdevsim10"));
    assertRecord(Ref.record("01-devices.txt", "ls /sys/bus/netdevsim/devices"),
        run("ls /sys/bus/netdevsim/devices"));
    assertRecord(Ref.record("01-devices.txt", "cat /sys/bus/netdevsim/devices/netdevsim10/sriov_numvfs"),
        run("cat /sys/bus/netdevsim/devices/netdevsim10/sriov_numvfs"));
    assertEquals("lrwxrwxrwx    1 root     root            28 Nov 25 20:40 "
            + "/sys/bus/netdevsim/devices/netdevsim10 -> ../../../devices/netdevsim10\n",
        run("ls -l /sys/bus/netdevsim/devices/netdevsim10").stdout());
  }

  @Test
  void lsTrailingSlashAndSemicolon() throws Exception {
    fs.mkdirs("/sys/kernel/debug/netdevsim/netdevsim11");
    fs.symlink("/sys/bus/netdevsim/devices/netdevsim11", "../../../devices/netdevsim11");
    fs.mkdirs("/sys/devices/netdevsim11");
    Transcript.Record r = Ref.record("11-errors.txt", "ls /sys/kernel/debug/netdevsim/; ls /sys/bus/netdevsim/devices");
    assertRecord(r, run(r.cmd()));
  }

  private void debugfsHealth(String dev) {
    for (String d : List.of("bpf_bound_progs", "fib", "health", "hwstats/l3", "ports/0", "psample", "rate_nodes")) {
      fs.mkdirs(dev + "/" + d);
    }
    fs.node("/sys/kernel/debug/netdevsim").mtime = T2041;
    fs.node(dev).mtime = T2041;
    fs.node(dev).group = "0";
    fs.node(dev + "/health").mtime = T2041;
    fs.node(dev + "/health").group = "0";
    fs.defaultMtime(T2041);
    fs.file(dev + "/health/binary_len", "16\n").mode = 0600;
    fs.file(dev + "/health/break_health", failingWrite(Errno.ECANCELED.code)).mode = 0200;
    fs.file(dev + "/health/fail_recover", "N\n").mode = 0600;
    for (String f : List.of("binary_len", "break_health", "fail_recover")) {
      InMemoryFileSystem.Node n = fs.node(dev + "/health/" + f);
      n.group = "0";
      n.size = 0L;
    }
  }

  @Test
  void lsLongAndCatTwoFiles() throws Exception {
    debugfsHealth(DBG);
    Transcript.Record r = Ref.record("05-health.txt", "ls -la " + DBG + "/health; cat " + DBG
        + "/health/binary_len " + DBG + "/health/fail_recover");
    assertRecord(r, run(r.cmd()));
  }

  @Test
  void lsLongFirmwareWithTotal() throws Exception {
    fs.file(DBG + "/fw_update_status", "Y\n");
    fs.file(DBG + "/fw_update_overwrite_mask", "0\n");
    fs.mkdirs("/lib/firmware");
    InMemoryFileSystem.Node lib = fs.node("/lib");
    lib.nlink = 5;
    lib.size = 100L;
    lib.group = "0";
    InMemoryFileSystem.Node fw = fs.node("/lib/firmware");
    fw.size = 60L;
    fw.group = "0";
    InMemoryFileSystem.File bin = fs.file("/lib/firmware/nsim-fw.bin", "x".repeat(4096));
    bin.blocks = 8;
    bin.group = "0";
    Transcript.Record r = Ref.record("09-flash.txt", "cat " + DBG + "/fw_update_status " + DBG
        + "/fw_update_overwrite_mask; ls -la /lib/firmware");
    assertRecord(r, run(r.cmd()));
  }

  @Test
  void lsOldDateAndRecursive() throws Exception {
    fs.mkdirs("/t/d1/sub/x");
    fs.mkdirs("/t/d2");
    fs.file("/t/f1", "").mtime = Instant.parse("2020-01-02T03:04:00Z").getEpochSecond();
    fs.file("/t/d1/a", "");
    fs.file("/t/d1/B", "");
    fs.file("/t/d1/_c", "");
    fs.file("/t/d1/.hidden", "");
    fs.file("/t/d1/sub/y", "");
    fs.symlink("/t/d1/lnk", "../d2");
    assertEquals("-rw-r--r--    1 root     root             0 Jan  2  2020 /t/f1\n", run("ls -l /t/f1").stdout());
    // as busybox 1.35 printed for the same tree
    assertEquals("/t/f1\n\n/t/d1:\nB\n_c\na\nlnk\nsub\n\n/t/d2:\n", run("ls /t/d2 /t/d1 /t/f1").stdout());
    assertEquals("/t/d1/:\nB\n_c\na\nlnk\nsub\n\n/t/d1/sub:\nx\ny\n\n/t/d1/sub/x:\n", run("ls -R /t/d1/").stdout());
    assertEquals("/t/d1/sub:\ntotal 0\ndrwxr-xr-x    2 root     root             0 Nov 25 20:40 x\n"
            + "-rw-r--r--    1 root     root             0 Nov 25 20:40 y\n\n/t/d1/sub/x:\ntotal 0\n",
        run("ls -lR /t/d1/sub").stdout());
    assertEquals("", run("ls /t/d1/lnk").stdout());
    assertEquals(".\n..\n", run("ls -a /t/d2").stdout());
    assertEquals(".hidden\nB\n_c\na\nlnk\nsub\n", run("ls -1 -A /t/d1").stdout());
  }

  @Test
  void missingFiles() throws Exception {
    assertEquals(new Result("", "ls: /nonexist: No such file or directory\n", 1), run("ls /nonexist"));
    assertEquals(new Result("/t:\n", "ls: /nonexist: No such file or directory\n", 1),
        runWith("/t", "ls /nonexist /t"));
    fs.file("/t/a", "A\n");
    assertEquals(new Result("A\nA\n", "cat: can't open '/nonexist': No such file or directory\n", 1),
        run("cat /t/a /nonexist /t/a"));
    assertEquals(new Result("", "cat: read error: Is a directory\n", 1), run("cat /t"));
  }

  private Result runWith(String dir, String line) throws ScriptException {
    fs.mkdirs(dir);
    return run(line);
  }

  @Test
  void echoWriteErrors() throws Exception {
    fs.file("/sys/bus/netdevsim/new_device", failingWrite(Errno.ENOSPC.code));
    Transcript.Record r = Ref.records("01-devices.txt").stream()
        .filter(x -> x.cmd().equals("echo '10 4' > /sys/bus/netdevsim/new_device") && x.rc() == 1)
        .findFirst().orElseThrow();
    assertRecord(r, run(r.cmd()));
    fs.file("/sys/bus/netdevsim/devices/netdevsim10/del_port", failingWrite(Errno.ENOENT.code));
    assertRecord(Ref.record("04-ports.txt", "echo 99 > /sys/bus/netdevsim/devices/netdevsim10/del_port"),
        run("echo 99 > /sys/bus/netdevsim/devices/netdevsim10/del_port"));
    assertEquals(new Result("", "sh: can't create /nonexistent/x: nonexistent directory\n", 1),
        run("echo x > /nonexistent/x"));
    assertEquals(new Result("", "sh: can't create /sys/bus/netdevsim/uevent/x: nonexistent directory\n", 1),
        run("echo x > /sys/bus/netdevsim/uevent/x"));
    assertEquals(new Result("", "sh: can't create /sys: Is a directory\n", 1), run("echo x > /sys"));
    fs.mkdirs("/sys/kernel").creatable = false;
    assertEquals(new Result("", "sh: can't create /sys/kernel/x: Permission denied\n", 1),
        run("echo x > /sys/kernel/x"));
  }

  @Test
  void echoWritesData() throws Exception {
    AtomicReference<String> got = new AtomicReference<>();
    fs.file("/sys/bus/netdevsim/new_device", new InMemoryFileSystem.Handler() {
      public byte[] read() {
        return new byte[0];
      }

      public void write(byte[] data) {
        got.set(new String(data, StandardCharsets.UTF_8));
      }
    });
    assertEquals(new Result("", "", 0), run("echo '10 4' > /sys/bus/netdevsim/new_device"));
    assertEquals("10 4\n", got.get());
    got.set(null);
    run("echo -n > /sys/bus/netdevsim/new_device");
    assertNull(got.get(), "echo -n with nothing to write calls no write()");
    fs.mkdirs("/tmp");
    run("echo -e 'a\\tb\\c' x >/tmp/f");
    assertEquals("a\tb", fs.content("/tmp/f"));
    assertEquals("-q z\n--\nx   y\na\\nb\n", run("echo -q z; echo --; echo x '  y'; echo 'a\\nb'").stdout());
  }

  @Test
  void andShortCircuitsAndSemicolonKeepsGoing() throws Exception {
    fs.file("/sys/bus/netdevsim/devices/netdevsim13/new_port", failingWrite(Errno.EEXIST.code));
    Result r = run("echo 5 > /sys/bus/netdevsim/devices/netdevsim13/new_port && devlink port show; devlink dev show");
    assertEquals(new Result("netdevsim/netdevsim11\n", "sh: write error: File exists\n", 0), r);
    assertEquals(List.of("devlink dev show"), calls);
    assertEquals(1, run("true; false").rc());
    assertEquals(0, run("false; true").rc());
    assertEquals(1, run("false && true && true").rc());
    assertEquals(0, run("true && sleep 2").rc());
    fs.file(DBG + "/fail_reload", "N\n");
    Transcript.Record rec = Ref.record("03-reload.txt", "echo Y > " + DBG + "/fail_reload && cat " + DBG + "/fail_reload");
    assertRecord(rec, run(rec.cmd()));
  }

  @Test
  void catReadErrorThenData() throws Exception {
    fs.file(DBG + "/trap_flow_action_cookie", new InMemoryFileSystem.Handler() {
      String cookie;

      public byte[] read() throws FsException {
        if (cookie == null) throw FsException.io(Errno.EINVAL.code);
        return cookie.getBytes(StandardCharsets.UTF_8);
      }

      public void write(byte[] data) {
        cookie = new String(data, StandardCharsets.UTF_8).trim();
      }
    });
    Transcript.Record r = Ref.record("06-traps.txt", "cat " + DBG + "/trap_flow_action_cookie; echo 'abcdef01' > "
        + DBG + "/trap_flow_action_cookie; cat " + DBG + "/trap_flow_action_cookie");
    assertRecord(r, run(r.cmd()));
  }

  @Test
  void ipNetns() throws Exception {
    assertRecord(Ref.record("03-reload.txt", "/usr/sbin/ip netns add ns1 && /usr/sbin/ip netns list"),
        run("/usr/sbin/ip netns add ns1 && /usr/sbin/ip netns list"));
    assertRecord(Ref.record("03-reload.txt", "/usr/sbin/ip netns exec ns1 devlink dev show"),
        run("/usr/sbin/ip netns exec ns1 devlink dev show"));
    assertEquals("ns1:devlink dev show", calls.get(0));
    assertEquals(new Result("", "Cannot create namespace file \"/run/netns/ns1\": File exists\n", 1),
        run("ip netns add ns1"));
    assertEquals(new Result("", "exec of \"nosuchcmd\" failed: No such file or directory\n", 1),
        run("ip netns exec ns1 nosuchcmd"));
    assertEquals(new Result("", "Cannot open network namespace \"nsX\": No such file or directory\n", 255),
        run("ip netns exec nsX true"));
    assertEquals(new Result("", "Invalid netns name \"a/b\"\n", 255), run("ip netns add a/b"));
    assertEquals(new Result("", "No netns name specified\n", 1), run("ip netns exec"));
    assertEquals(new Result("", "No command specified\n", 1), run("ip netns exec ns1"));
    assertEquals(new Result("", "Command \"bogus\" is unknown, try \"ip netns help\".\n", 255),
        run("ip netns bogus"));
    assertEquals(1, run("ip netns exec ns1 false").rc());
    run("ip netns add ns2");
    assertEquals("ns2\nns1\n", run("ip netns").stdout());
    assertRecord(Ref.record("03-reload.txt", "/usr/sbin/ip netns del ns1 && /usr/sbin/ip netns list"),
        run("/usr/sbin/ip netns del ns1 && /usr/sbin/ip netns del ns2 && /usr/sbin/ip netns list"));
    assertEquals(new Result("", "Cannot remove namespace file \"/run/netns/ns1\": No such file or directory\n", 1),
        run("ip netns del ns1"));
  }

  @Test
  void notFoundAndRejected() throws Exception {
    assertEquals(new Result("", "sh: nosuch: not found\n", 127), run("nosuch a b"));
    assertEquals(new Result("", "sh: /x/y: not found\n", 127), run("/x/y"));
    assertEquals(new Result("", "sleep: invalid number 'abc'\n", 1), run("sleep abc"));
    ScriptException e = assertThrows(ScriptException.class, () -> run("echo 1 > /tmp/z; ls -Z /"));
    assertEquals("ls option -Z is not supported: echo 1 > /tmp/z; ls -Z /", e.getMessage());
    assertNull(fs.node("/tmp/z"), "nothing ran");
    assertThrows(ScriptException.class, () -> run("ip netns pids ns1"));
    assertThrows(ScriptException.class, () -> run("cat"));
    // other ip commands are outside the language: refused before any part of the line runs
    int before = calls.size();
    assertThrows(ScriptException.class, () -> run("echo 1 > /tmp/w && /usr/sbin/ip -br link show"));
    assertNull(fs.node("/tmp/w"), "nothing ran");
    assertEquals(before, calls.size());
  }

  @Test
  void redirectionsRouteEachStreamLeftToRight() throws ScriptException {
    fs.file("/f", "data\n");
    assertEquals(new Result("", "", 1), run("cat /nosuch 2>/dev/null"));
    assertEquals(new Result("", "", 0), run("cat /f >/dev/null"));
    assertEquals(new Result("cat: can't open '/nosuch': No such file or directory\n", "", 1),
        run("cat /nosuch 2>&1"));
    // sh: 2>&1 then >/dev/null sends stderr where stdout was (the terminal's stdout)
    assertEquals(new Result("", "", 1), run("cat /nosuch >/dev/null 2>&1"));
    assertEquals(new Result("cat: can't open '/nosuch': No such file or directory\n", "", 1),
        run("cat /nosuch 2>&1 >/dev/null"));
    assertEquals(new Result("", "data\n", 0), run("cat /f 1>&2"));
    // any command's stdout into a file
    assertEquals(new Result("", "", 0), run("cat /f > /g"));
    assertEquals(new Result("data\n", "", 0), run("cat /g"));
    assertEquals(new Result("", "sh: can't create /no/dir/x: nonexistent directory\n", 1), run("echo 1 > /no/dir/x"));
  }

  @Test
  void setEExitsOnTheLastCommandOfAListOnly() throws ScriptException {
    run("set -e");
    assertEquals(1, run("false && true").rc()); // not the last of its list: no exit
    ExitRequest x = assertThrows(ExitRequest.class, () -> run("true; false; echo never"));
    assertEquals(1, x.status());
    run("set +e");
    assertEquals(new Result("after\n", "", 0), run("false; echo after"));
  }

  @Test
  void exitEndsWithItsStatusOrTheLastOne() {
    assertEquals(3, assertThrows(ExitRequest.class, () -> run("exit 3; echo never")).status());
    assertEquals(1, assertThrows(ExitRequest.class, () -> run("false; exit")).status());
  }

  @Test
  void xtraceEchoesEachCommandOnStderr() throws ScriptException {
    sh.withXtrace(true);
    assertEquals(new Result("a b\n", "+ echo 'a b'\n+ true\n", 0), run("echo 'a b'; true 2>/dev/null"));
    run("set +x");
    assertEquals(new Result("x\n", "", 0), run("echo x"));
  }

  @Test
  void globsExpandSortedAndStayLiteralWithoutAMatch() throws ScriptException {
    fs.file("/d/b1/x", "1\n");
    fs.file("/d/a2/x", "2\n");
    fs.file("/d/a1/y", "3\n");
    fs.file("/d/.h/x", "4\n");
    assertEquals(new Result("2\n1\n", "", 0), run("cat /d/[ab][12]/x")); // /d/a2/x, /d/b1/x
    assertEquals(new Result("/d/a1 /d/a2 /d/b1\n", "", 0), run("echo /d/*"));
    assertEquals(new Result("/d/a1/ /d/a2/ /d/b1/\n", "", 0), run("echo /d/*/"));
    assertEquals(new Result("/d/.h\n", "", 0), run("echo /d/.*h"));
    assertEquals(new Result("/d/nomatch* /d/*\n", "", 0), run("echo /d/nomatch* '/d/*'"));
    assertEquals(new Result("/d/a1 /d/a2\n", "", 0), run("echo /d/a?"));
    assertEquals(new Result("/d/b1\n", "", 0), run("echo /d/[!a]*"));
  }
}
