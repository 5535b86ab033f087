package dev.fabric.chaos.check;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fabric.chaos.ChaosOp;
import dev.fabric.chaos.History;
import dev.fabric.chaos.HistoryEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Monitor consistency, per host: replaying the host's events from the start gives exactly its
 * final dump (the instances, each one's ports as PORT_GET shows them), and per object the events
 * follow the kernel's lifecycle: no event for a sub-object of an instance before its first NEW;
 * after its DEL, nothing but the teardown of what it had (DELs, a port's netdev unbinding) in the
 * namespace it left, until a NEW re-creates it; no port DEL for a port never announced.
 *
 * <p>Stated relaxations, both 6.1's namespace change (devlink_reload): the instance's DEL goes
 * to the namespace it leaves before reload_down removes the ports, and reload_up's creations are
 * announced in the namespace it enters (before its NEW there, or with no NEW at all when
 * reload_up fails on an instance whose reload had already failed). So events of the instance in
 * another namespace after its DEL mean it moved and lives on there. And a move the driver
 * refuses (dont_allow_reload) sends the DEL and nothing back although the instance stays: each
 * such refused reload in the history (invoked before the event) excuses one later creation in
 * the same namespace.
 *
 * <p>Restarts: a {@value #BOOT} marker (recorded when a cluster host's events come from a new
 * incarnation) starts the host's replay afresh: the host boots from its image, and the old
 * incarnation's last events may never have left its dead member. So "replaying the events from
 * the start gives the final dump" means from the start of the host's last boot; the booted host
 * re-announces what it kept (a NEW per instance as it registers again, then its ports), and the
 * replay must reach the final dump from there. A boot must fall in a restarting fault's window
 * ({@link Checks#restartWindows}: at most one power cycle per window): one boot per window, from
 * the window's start on (the marker may arrive after the heal, up to the next window's start); a
 * boot outside any window, or a second one in a window, is reported.
 */
public final class MonitorChecker implements Checker {
  @Override
  public String name() {
    return "monitor";
  }

  private enum Phase { UNSEEN, PRESENT, GONE }

  private static final class Instance {
    Phase phase = Phase.UNSEEN;
    String goneFrom;
    long lastDevEvent = -1;
    int refusedMovesUsed;
    final Map<Long, JsonNode> ports = new TreeMap<>();
    /** The last event of each port index (for the window of a final mismatch). */
    final Map<Long, Long> lastPortEvent = new HashMap<>();
  }

  /**
   * The object of the marker a cluster target's monitor feed records when a host's events start
   * coming from a new incarnation (the host restarted); not a devlink notification.
   */
  public static final String BOOT = "boot";

  static final String REFUSED = "netdevsim: User forbid the reload for testing purposes.";

  @Override
  public CheckResult check(History history, Setup setup) {
    Map<String, Map<String, Instance>> hosts = new TreeMap<>();
    Map<String, HistoryEvent.Dump> dumps = new HashMap<>();
    List<CheckResult.Violation> violations = new ArrayList<>();
    // invoke indices of refused moves (reload with netns refused by the driver), per host and device
    Map<String, List<Long>> refusedMoves = new HashMap<>();
    for (Operations.Operation o : Operations.of(history)) {
      if (o.op() instanceof ChaosOp.Reload r && r.netns() != null && o.type() == HistoryEvent.Type.FAIL
          && o.error() != null && REFUSED.equals(o.error().extack())) {
        refusedMoves.computeIfAbsent(o.host() + " " + r.key(), k -> new ArrayList<>()).add(o.invoke());
      }
    }
    long events = 0;
    // hosts that may boot once more: a restarting fault started and its boot has not come yet
    // restarting faults begun per host (null: every host) whose boot has not been seen yet: a count,
    // since a boot may be seen late (its first event names the new incarnation), after the next
    // fault began
    java.util.Map<String, Integer> mayBoot = new java.util.HashMap<>();
    long boots = 0;
    for (HistoryEvent e : history.events()) {
      if (e instanceof HistoryEvent.Nemesis n && "start".equals(n.phase()) && Checks.RESTARTING_FAULTS.contains(n.fault())) {
        mayBoot.merge(n.host(), 1, Integer::sum);
        continue;
      }
      if (e instanceof HistoryEvent.Dump d) {
        dumps.put(d.host(), d);
        hosts.computeIfAbsent(d.host(), h -> new TreeMap<>());
        continue;
      }
      if (!(e instanceof HistoryEvent.Monitor m)) {
        continue;
      }
      if (BOOT.equals(m.object())) {
        // the host started again (a cluster target saw a new incarnation in its stream): it boots
        // from its image with nothing of the old run-time state, so replay starts afresh
        hosts.put(m.host(), new TreeMap<>());
        boots++;
        if (!takeBoot(mayBoot, m.host()) && !takeBoot(mayBoot, null)) {
          violations.add(new CheckResult.Violation("host " + m.host() + " booted again outside any restarting "
              + "fault's window (or twice in one)", m.host(), List.of(m.index()),
              List.of("#" + m.index() + " boot " + m.payload())));
        }
        continue;
      }
      events++;
      Map<String, Instance> host = hosts.computeIfAbsent(m.host(), h -> new TreeMap<>());
      if ("overrun".equals(m.object())) {
        violations.add(new CheckResult.Violation("the recorder's monitor stream overran: events were dropped",
            m.host(), List.of(m.index()), List.of()));
        continue;
      }
      Instance in = host.computeIfAbsent(m.dev(), k -> new Instance());
      List<Long> refused = refusedMoves.getOrDefault(m.host() + " " + m.dev(), List.of());
      if ("dev".equals(m.object())) {
        if ("new".equals(m.cmd())) {
          in.phase = Phase.PRESENT;
        } else if ("del".equals(m.cmd())) {
          if (in.phase == Phase.PRESENT) {
            in.phase = Phase.GONE;
            in.goneFrom = m.netns();
          } else if (!refusedMoveExcuses(in, refused, m.index())) {
            violations.add(violation("DEL of instance " + m.dev()
                + (in.phase == Phase.GONE ? " after its DEL" : " never announced"), m, in));
          }
        }
        in.lastDevEvent = m.index();
        continue;
      }
      if (in.phase == Phase.UNSEEN) {
        violations.add(violation(m.object() + " " + m.cmd() + " for a sub-object of " + m.dev()
            + ", which is not registered (before its NEW)", m, in));
      } else if (in.phase == Phase.GONE) {
        if (!java.util.Objects.equals(m.netns(), in.goneFrom)) {
          in.phase = Phase.PRESENT; // it moved: it lives on in the namespace it entered
        } else if (!teardown(m)) {
          if (refusedMoveExcuses(in, refused, m.index())) {
            in.phase = Phase.PRESENT;
          } else {
            violations.add(violation(m.object() + " " + m.cmd() + " for a sub-object of " + m.dev()
                + ", which is unregistered (after its DEL)", m, in));
          }
        }
      }
      if ("port".equals(m.object()) && m.port() != null) {
        in.lastPortEvent.put(m.port(), m.index());
        if ("new".equals(m.cmd())) {
          in.ports.put(m.port(), m.payload());
        } else if ("del".equals(m.cmd())) {
          if (in.ports.remove(m.port()) == null) {
            violations.add(violation("DEL of port " + m.dev() + "/" + m.port() + " never announced", m, in));
          }
        }
      }
    }
    for (Map.Entry<String, Map<String, Instance>> h : hosts.entrySet()) {
      HistoryEvent.Dump dump = dumps.get(h.getKey());
      if (dump == null) {
        violations.add(new CheckResult.Violation("host " + h.getKey() + " has no final dump to compare with",
            h.getKey(), List.of(), List.of()));
        continue;
      }
      TreeSet<String> devs = new TreeSet<>(h.getValue().keySet());
      devs.addAll(dump.instances().keySet());
      for (String dev : devs) {
        Instance in = h.getValue().getOrDefault(dev, new Instance());
        boolean gone = in.phase == Phase.GONE;
        HistoryEvent.DumpedInstance dumped = dump.instances().get(dev);
        List<Long> window = new ArrayList<>();
        if (in.lastDevEvent >= 0) {
          window.add(in.lastDevEvent);
        }
        window.add(dump.index());
        if (dumped == null) {
          if (in.phase == Phase.PRESENT) {
            violations.add(new CheckResult.Violation("replay has " + dev + " registered, the final dump has not",
                dev, window, List.of()));
          } else if (gone && !in.ports.isEmpty()) {
            violations.add(new CheckResult.Violation("replay left ports " + in.ports.keySet() + " of " + dev
                + " announced after its DEL; the final dump has no such instance", dev, window, List.of()));
          }
          continue;
        }
        if (in.phase == Phase.UNSEEN) {
          violations.add(new CheckResult.Violation("the final dump has " + dev + ", the replay never announced it",
              dev, window, List.of()));
          continue;
        }
        if (!in.ports.keySet().equals(dumped.ports().keySet())) {
          // the window: from the last event of the first port that differs to the dump
          TreeSet<Long> differ = new TreeSet<>(in.ports.keySet());
          differ.addAll(dumped.ports().keySet());
          differ.removeIf(p -> in.ports.containsKey(p) && dumped.ports().containsKey(p));
          long first = differ.first();
          List<Long> portWindow = new ArrayList<>();
          if (in.lastPortEvent.containsKey(first)) {
            portWindow.add(in.lastPortEvent.get(first));
          }
          portWindow.add(dump.index());
          violations.add(new CheckResult.Violation("ports of " + dev + ": replay " + in.ports.keySet() + ", final dump "
              + dumped.ports().keySet(), dev + "/" + first, portWindow,
              List.of("port " + dev + "/" + first + (in.ports.containsKey(first)
                  ? ": announced (last event #" + in.lastPortEvent.get(first) + "), not in the final dump"
                  : ": in the final dump, never announced"))));
          continue;
        }
        for (Map.Entry<Long, JsonNode> p : in.ports.entrySet()) {
          JsonNode dumpedPort = dumped.ports().get(p.getKey());
          if (!Objects.equals(String.valueOf(p.getValue()), String.valueOf(dumpedPort))) {
            violations.add(new CheckResult.Violation("port " + dev + "/" + p.getKey() + ": replay " + p.getValue()
                + ", final dump " + dumpedPort, dev, window, List.of()));
          }
        }
      }
    }
    Map<String, Object> stats = new LinkedHashMap<>();
    stats.put("events", events);
    stats.put("hosts", hosts.size());
    stats.put("boots", boots);
    return CheckResult.of(name(), violations, stats);
  }

  /** A removal of what the instance had: DELs, and a port's netdev unbinding (PORT_NEW with type notset). */
  private static boolean teardown(HistoryEvent.Monitor m) {
    if ("del".equals(m.cmd())) {
      return true;
    }
    return "port".equals(m.object()) && "new".equals(m.cmd()) && m.payload() != null
        && "NOTSET".equals(m.payload().path("type").asText());
  }

  /** Uses up one refused move of this device invoked before {@code index}, if one is left. */
  private static boolean refusedMoveExcuses(Instance in, List<Long> refused, long index) {
    long available = refused.stream().filter(i -> i < index).count();
    if (available > in.refusedMovesUsed) {
      in.refusedMovesUsed++;
      return true;
    }
    return false;
  }

  private static CheckResult.Violation violation(String message, HistoryEvent.Monitor m, Instance in) {
    List<Long> window = new ArrayList<>();
    if (in.lastDevEvent >= 0) {
      window.add(in.lastDevEvent);
    }
    window.add(m.index());
    return new CheckResult.Violation(message, m.dev(), window,
        List.of("#" + m.index() + " " + m.object() + " " + m.cmd() + " " + m.dev()
            + (m.port() == null ? "" : "/" + m.port()) + " (netns " + m.netns() + ")"));
  }

  private static boolean takeBoot(java.util.Map<String, Integer> mayBoot, String host) {
    Integer n = mayBoot.get(host);
    if (n == null) {
      return false;
    }
    if (n == 1) {
      mayBoot.remove(host);
    } else {
      mayBoot.put(host, n - 1);
    }
    return true;
  }
}
