package dev.fabric.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The schedule a run executes, every random choice made: per client process the operations with
 * the time (ms after the start) before which each is not sent, and the nemesis steps with their
 * targets. Written beside the history; replay runs it again, shrinking removes parts of it.
 */
public record ConcreteSchedule(long seed, boolean simulated, List<ChaosOp> setup, List<String> namespaces,
    List<String> firmware, String latency, long opDeadlineMs, List<List<Step>> processes, List<NemesisStep> nemesis) {

  /** Operation {@code op} is sent no earlier than {@code atMs} after the start, after the previous one ended. */
  public record Step(long atMs, ChaosOp op) {}

  /** At {@code atMs}, fault {@code fault} starts ({@code phase} start) or heals on {@code targets}. */
  public record NemesisStep(long atMs, String fault, String phase, List<Integer> targets, long reinitMs,
      long chunkMs) {}

  /** The same schedule run the other way (simulated or real). */
  public ConcreteSchedule simulated(boolean sim) {
    return new ConcreteSchedule(seed, sim, setup, namespaces, firmware, latency, opDeadlineMs, processes, nemesis);
  }

  /** A fresh target for this schedule: a simulation seeded with its seed, or a real embedded fabric. */
  public ChaosTarget newTarget(dev.fabric.devlink.actor.Instance.Faults faults) {
    return simulated ? dev.fabric.chaos.sim.SimTarget.start(seed, latency, faults)
        : EmbeddedTarget.start(latency, com.typesafe.config.ConfigFactory.empty(), faults);
  }

  public ChaosTarget newTarget() {
    return newTarget(dev.fabric.devlink.actor.Instance.Faults.NONE);
  }

  public int operations() {
    return processes.stream().mapToInt(List::size).sum();
  }

  /** Expands {@code s} for a deterministic simulation (the default). */
  public static ConcreteSchedule generate(Schedule s) {
    return generate(s, true);
  }

  /**
   * Expands {@code s}: each process draws from its own stream split off the root seed, in process
   * order. {@code simulated}: run under deterministic simulation (seeded interleaving, simulated
   * time) rather than on real threads and the real clock.
   */
  public static ConcreteSchedule generate(Schedule s, boolean simulated) {
    SplittableRandom root = new SplittableRandom(s.seed());
    List<ChaosOp> setup = new ArrayList<>();
    for (int i = 0; i < s.devices().count(); i++) {
      setup.add(new ChaosOp.NewDevice(s.devices().firstId() + i, s.devices().ports()));
    }
    List<NemesisStep> nemesis = new ArrayList<>();
    SplittableRandom nemesisRandom = root.split();
    for (Schedule.Fault f : s.nemesis()) {
      List<Integer> targets = new ArrayList<>(f.targets());
      int want = Math.min(Math.max(1, f.count()), s.devices().count());
      while (f.targets().isEmpty() && targets.size() < want) {
        int id = s.devices().firstId() + nemesisRandom.nextInt(s.devices().count());
        if (!targets.contains(id)) {
          targets.add(id);
        }
      }
      nemesis.add(new NemesisStep(f.startMs(), f.fault(), "start", List.copyOf(targets), f.reinitMs(), f.chunkMs()));
      nemesis.add(new NemesisStep(f.healMs(), f.fault(), "heal", List.copyOf(targets), f.reinitMs(), f.chunkMs()));
    }
    nemesis.sort(java.util.Comparator.comparingLong(NemesisStep::atMs));
    List<List<Step>> processes = new ArrayList<>();
    for (int p = 0; p < s.processes(); p++) {
      SplittableRandom r = root.split();
      List<Step> steps = new ArrayList<>();
      long t = 0;
      long phaseStart = 0;
      for (Schedule.Phase phase : s.phases()) {
        long end = phaseStart + phase.durationMs();
        OpPicker picker = new OpPicker(phase.mix());
        while (true) {
          t += s.pacingMs().min() + (s.pacingMs().max() > s.pacingMs().min()
              ? r.nextLong(s.pacingMs().max() - s.pacingMs().min() + 1) : 0);
          // at least the op's own time: a closed-loop process cannot send more than ~1 op per ms
          t = Math.max(t, steps.isEmpty() ? t : steps.get(steps.size() - 1).atMs() + 1);
          if (t >= end) {
            break;
          }
          steps.add(new Step(t, picker.pick(r, s)));
        }
        phaseStart = end;
        t = Math.max(t, phaseStart);
      }
      processes.add(steps);
    }
    return new ConcreteSchedule(s.seed(), simulated, setup, s.namespaces(), s.firmware(), s.latency(),
        s.opDeadlineMs(), processes, nemesis);
  }

  /** Draws operations with the weights of a phase's mix. */
  static final class OpPicker {
    private final List<String> names = new ArrayList<>();
    private final int[] cumulative;

    OpPicker(Map<String, Integer> mix) {
      List<String> ordered = new ArrayList<>(ChaosOp.NAMES.all());
      ordered.retainAll(mix.keySet()); // declaration order, whatever the map's order
      cumulative = new int[ordered.size()];
      int sum = 0;
      for (int i = 0; i < ordered.size(); i++) {
        sum += Math.max(0, mix.get(ordered.get(i)));
        cumulative[i] = sum;
        names.add(ordered.get(i));
      }
      if (sum == 0) {
        throw new IllegalArgumentException("a phase's mix has no positive weight");
      }
    }

    ChaosOp pick(SplittableRandom r, Schedule s) {
      int x = r.nextInt(cumulative[cumulative.length - 1]);
      int i = 0;
      while (cumulative[i] <= x) {
        i++;
      }
      return draw(names.get(i), r, s);
    }

    static ChaosOp draw(String name, SplittableRandom r, Schedule s) {
      int id = s.devices().firstId() + r.nextInt(s.devices().count() + s.spareIds());
      long port = r.nextInt(s.devices().ports() + 2);
      List<String> ns = s.namespaces();
      return switch (name) {
        case "dev-get" -> new ChaosOp.DevGet(id);
        case "dev-info" -> new ChaosOp.DevInfo(id);
        case "dev-list" -> new ChaosOp.DevList();
        case "port-get" -> new ChaosOp.PortGet(id, port);
        case "port-dump" -> new ChaosOp.PortDump(id);
        case "port-set" -> new ChaosOp.PortSet(id, port, List.of("eth", "ib", "auto").get(r.nextInt(3)));
        case "port-new" -> new ChaosOp.PortNew(id, port);
        case "port-del" -> new ChaosOp.PortDel(id, port);
        case "param-get" -> new ChaosOp.ParamGet(id, r.nextBoolean() ? "max_macs" : "test1");
        case "param-set" -> r.nextBoolean()
            ? new ChaosOp.ParamSet(id, "max_macs", "driverinit", Integer.toString(1 + r.nextInt(64)))
            : new ChaosOp.ParamSet(id, "test1", "driverinit", Boolean.toString(r.nextBoolean()));
        case "reload" -> {
          int a = r.nextInt(20);
          String action = a < 16 ? "driver_reinit" : a < 18 ? "fw_activate" : null;
          String limit = r.nextInt(20) == 0 ? "no_reset" : null;
          int n = r.nextInt(10);
          String netns = n < 6 || ns.isEmpty() ? null : n < 9 ? ns.get(r.nextInt(ns.size())) : "init";
          yield new ChaosOp.Reload(id, action, limit, netns);
        }
        case "new-device" -> new ChaosOp.NewDevice(id, 1 + r.nextInt(Math.max(1, s.devices().ports())));
        case "del-device" -> new ChaosOp.DelDevice(id);
        case "sriov-numvfs" -> new ChaosOp.SriovNumvfs(id, r.nextInt(3));
        case "eswitch-set" -> new ChaosOp.EswitchSet(id, r.nextBoolean() ? "switchdev" : "legacy");
        case "flash" -> new ChaosOp.Flash(id,
            s.firmware().isEmpty() || r.nextInt(10) == 0 ? "missing.bin" : s.firmware().get(r.nextInt(s.firmware().size())));
        case "health-recover" -> new ChaosOp.HealthRecover(id, r.nextInt(4) == 0 ? "empty" : "dummy");
        case "region-new" -> new ChaosOp.RegionNew(id, "dummy", 1 + r.nextInt(4));
        case "region-del" -> new ChaosOp.RegionDel(id, "dummy", 1 + r.nextInt(4));
        case "knob" -> new ChaosOp.Knob(id, r.nextBoolean() ? "fail_reload" : "dont_allow_reload",
            r.nextInt(5) < 2 ? "Y" : "N");
        default -> throw new IllegalArgumentException("unknown operation " + name);
      };
    }
  }

  public static ConcreteSchedule read(Path file) {
    try {
      return Json.JSON.readValue(file.toFile(), ConcreteSchedule.class);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  public void write(Path file) {
    try {
      Files.writeString(file, Json.JSON.writeValueAsString(this));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
