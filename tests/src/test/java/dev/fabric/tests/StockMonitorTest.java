package dev.fabric.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fabric.cli.run.ScriptRunner;
import dev.fabric.cli.run.StockDevlink;
import dev.fabric.cli.script.MonitorLog;
import dev.fabric.cli.script.ScriptParser;
import dev.fabric.cli.script.Transcript;
import dev.fabric.devices.LatencyProfile;
import dev.fabric.devlink.client.Fabric;
import dev.fabric.netlink.NetlinkEndpoint;
import dev.fabric.netlink.Shim;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The reference monitor logs reproduced by the stock `devlink mon` through the shim: the step's
 * commands (devlink lines by the stock binary too) on a fresh host while `devlink mon ARGS` runs,
 * an ACTION marker before each command, placed once the monitor has handled all it was sent.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StockMonitorTest {

  /** Runs {@code records[0, actions)} with monitors {@code monArgs}; returns each monitor's log. */
  static List<String> monitorLogs(String name, String setup, List<Transcript.Record> records, int actions,
      List<List<String>> monArgs) throws Exception {
    List<String> logs = new ArrayList<>();
    try (Fabric fabric = Fabric.start(name, LatencyProfile.INSTANT)) {
      Path sock = Shim.runtimeDir().resolve(name + "-" + ProcessHandle.current().pid() + ".sock");
      try (NetlinkEndpoint endpoint = NetlinkEndpoint.start(fabric, sock)) {
        ScriptRunner runner = new ScriptRunner(fabric, new StockDevlink(StockDevlink.DEFAULT_BINARY, endpoint.path()));
        for (String l : setup.split("\n")) {
          if (!l.isBlank()) {
            runner.runLine(ScriptParser.parseLine(l, 1));
          }
        }
        List<Process> mons = new ArrayList<>();
        List<Path> outs = new ArrayList<>();
        List<List<long[]>> marks = new ArrayList<>();
        for (List<String> args : monArgs) {
          Path out = Files.createTempFile(name, ".mon");
          List<String> cmd = new ArrayList<>(List.of("devlink"));
          cmd.addAll(args);
          ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile())
              .redirectError(ProcessBuilder.Redirect.DISCARD);
          pb.environment().put("PATH", "/usr/sbin:" + pb.environment().getOrDefault("PATH", "/usr/bin:/bin"));
          Shim.environment(pb.environment(), endpoint.path(), null);
          mons.add(pb.start());
          outs.add(out);
          marks.add(new ArrayList<>());
        }
        assertTrue(endpoint.awaitListeners(mons.size(), 20_000), "the monitors did not join the group");
        List<String> cmds = new ArrayList<>();
        for (Transcript.Record rec : records.subList(0, actions)) {
          assertTrue(endpoint.awaitListenersIdle(20_000), "a monitor did not catch up");
          for (int m = 0; m < mons.size(); m++) {
            marks.get(m).add(new long[] {Files.size(outs.get(m)), cmds.size()});
          }
          cmds.add(rec.cmd());
          runner.runLine(ScriptParser.parseLine(rec.cmd(), 1));
        }
        assertTrue(endpoint.awaitListenersIdle(20_000), "a monitor did not catch up");
        for (int m = 0; m < mons.size(); m++) {
          mons.get(m).destroy();
          mons.get(m).waitFor(10, TimeUnit.SECONDS);
          String text = Files.readString(outs.get(m), StandardCharsets.UTF_8);
          StringBuilder log = new StringBuilder();
          int at = 0;
          for (long[] mk : marks.get(m)) {
            log.append(text, at, (int) mk[0]);
            at = (int) mk[0];
            log.append(MonitorLog.MARKER).append(cmds.get((int) mk[1])).append('\n');
          }
          log.append(text.substring(at));
          logs.add(log.toString());
          Files.deleteIfExists(outs.get(m));
        }
      }
    }
    return logs;
  }

  private static String withoutMarkers(String s) {
    return s.replaceAll("##### ACTION: [^\\n]*\\n", "").replace("\n", "");
  }

  @Test
  void monitorAllTextAndJsonLogsMatch() throws Exception {
    NativePrereqs.require(StockDevlink.DEFAULT_BINARY);
    String text = Files.readString(Golden.REFERENCE.resolve("10-mon-all.txt"));
    String json = Files.readString(Golden.REFERENCE.resolve("10-mon-all-json.txt"));
    int actions = MonitorLog.parse(text).blocks().size();
    List<String> logs = monitorLogs("stock-mon-all", "", Transcript.records(Transcript.parse(
        Golden.REFERENCE.resolve("10-mon.txt"))), actions, List.of(List.of("mon", "all"), List.of("-j", "mon", "all")));
    assertEquals(Golden.normalize(text), Golden.normalize(logs.get(0)));
    // iproute2 block-buffers the JSON monitor: the recorder's markers landed mid-line, so compare without them
    assertEquals(withoutMarkers(Golden.normalize(json)), withoutMarkers(Golden.normalize(logs.get(1))));
  }

  @Test
  void monitorDevPortLogMatches() throws Exception {
    NativePrereqs.require(StockDevlink.DEFAULT_BINARY);
    String expected = Files.readString(Golden.REFERENCE.resolve("10-mon-dev-port.txt"));
    int actions = MonitorLog.parse(expected).blocks().size();
    List<String> logs = monitorLogs("stock-mon-dev-port", "", Transcript.records(Transcript.parse(
        Golden.REFERENCE.resolve("10-mon.txt"))), actions, List.of(List.of("mon", "dev", "port")));
    assertEquals(Golden.normalize(expected), Golden.normalize(logs.get(0)));
  }

  @Test
  void flashMonitorLogMatches() throws Exception {
    NativePrereqs.require(StockDevlink.DEFAULT_BINARY);
    String expected = Files.readString(Golden.REFERENCE.resolve("09-flash-mon.txt"));
    List<MonitorLog.Block> blocks = MonitorLog.parse(expected).blocks();
    List<Transcript.Record> records = Transcript.records(Transcript.parse(Golden.REFERENCE.resolve("09-flash.txt")));
    // the recorder's monitor ran from the first flash on; the host holds netdevsim10 as in step 01
    int first = 0;
    while (!records.get(first).cmd().equals(blocks.get(0).action())) {
      first++;
    }
    List<String> logs = monitorLogs("stock-mon-flash", "echo '10 4' > /sys/bus/netdevsim/new_device\n",
        records.subList(first, records.size()), blocks.size(), List.of(List.of("mon", "all")));
    assertEquals(Golden.normalize(expected), Golden.normalize(logs.get(0)));
  }
}
