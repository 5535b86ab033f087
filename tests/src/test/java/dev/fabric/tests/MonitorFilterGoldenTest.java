package dev.fabric.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fabric.cli.devlink.MonitorRenderer;
import dev.fabric.cli.run.ScriptRunner;
import dev.fabric.cli.script.MonitorLog;
import dev.fabric.cli.script.ScriptParser;
import dev.fabric.cli.script.Transcript;
import dev.fabric.devices.LatencyProfile;
import dev.fabric.devlink.client.Fabric;
import dev.fabric.devlink.model.MonitorEvent;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.Test;

/**
 * `devlink mon dev port` (10-mon-dev-port.txt): step 10's commands on a fresh host, with a monitor
 * that keeps only the dev and port objects (cmd_filter_check), logged with ACTION markers.
 */
class MonitorFilterGoldenTest {

  @Test
  void devPortMonitorLogMatches() throws Exception {
    String expected = Files.readString(Golden.REFERENCE.resolve("10-mon-dev-port.txt"));
    List<MonitorLog.Block> actions = MonitorLog.parse(expected).blocks();
    StringBuilder log = new StringBuilder();
    try (Fabric fabric = Fabric.start("mon-dev-port", LatencyProfile.INSTANT)) {
      ScriptRunner runner = new ScriptRunner(fabric);
      BlockingQueue<MonitorEvent> queue = new LinkedBlockingQueue<>();
      ActorRef<MonitorEvent> tap = fabric.system().systemActorOf(Behaviors.receive(MonitorEvent.class)
          .onMessage(MonitorEvent.class, e -> {
            queue.add(e);
            return Behaviors.same();
          }).build(), "mon-dev-port", Props.empty());
      fabric.subscribe("init", tap);
      MonitorRenderer mon = MonitorRenderer.create(false, List.of("dev", "port"));
      log.append(mon.start());
      List<Transcript.Record> records =
          Transcript.records(Transcript.parse(Golden.REFERENCE.resolve("10-mon.txt")));
      int fence = 0;
      for (Transcript.Record rec : records.subList(0, actions.size())) {
        log.append(MonitorLog.MARKER).append(rec.cmd()).append('\n');
        runner.runLine(ScriptParser.parseLine(rec.cmd(), 1));
        long id = ++fence;
        fabric.fence(tap, id);
        while (true) {
          MonitorEvent e = queue.poll(30, TimeUnit.SECONDS);
          if (e == null || e instanceof MonitorEvent.FenceReached f && f.id() == id) {
            break;
          }
          if (e instanceof MonitorEvent.Note n) {
            log.append(mon.render(n.notification()));
          }
        }
      }
      fabric.unsubscribe(tap);
    }
    assertEquals(Golden.normalize(expected), Golden.normalize(log.toString()));
  }
}
