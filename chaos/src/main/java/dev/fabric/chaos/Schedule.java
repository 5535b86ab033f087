package dev.fabric.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A chaos run as data: the root seed, the devices and namespaces set up first, the client
 * processes and their pacing, phases (each with its operation mix) and nemesis faults (each with
 * a start and a mandatory heal). {@link ConcreteSchedule#generate} expands it, drawing every
 * random choice from the seed. Read and written as YAML ({@link #read}, {@link #write}); built in
 * Java with {@link #builder()}.
 *
 * @param devices   initial devices: ids {@code firstId .. firstId+count-1}, {@code ports} ports each
 * @param spareIds  further ids that new_device may create during the run
 * @param latency   the devices' hardware timing: {@code instant}, {@code reload} or {@code netdevsim} ({@link #latencyProfile})
 * @param pacingMs  a client process waits a uniform {@code [min, max]} ms before each operation
 * @param opDeadlineMs an operation without an answer by then is {@code info} and its process retired
 */
public record Schedule(long seed, Devices devices, int spareIds, List<String> namespaces, List<String> firmware,
    String latency, int processes, Pacing pacingMs, long opDeadlineMs, List<Phase> phases, List<Fault> nemesis) {

  public record Devices(int firstId, int count, int ports) {}

  public record Pacing(long min, long max) {}

  /** A phase of {@code durationMs} in which operations are drawn with the weights of {@code mix}. */
  public record Phase(String name, long durationMs, Map<String, Integer> mix) {}

  /**
   * A nemesis fault from {@code startMs} to {@code healMs} (relative to the run's start). Kinds on
   * an embedded fabric: {@code slow-hardware} (devices' re-init takes {@code reinitMs}, a flash
   * chunk {@code chunkMs}); on a cluster target also {@code kill-member}, {@code leave-rejoin},
   * {@code partition} (the member holding the host cut off from the others from start to heal: a
   * partition shorter than failure detection, ~3 s, only loses requests; one longer than ~6 s gets
   * that member downed and the host rebooted on the majority side) and {@code host-reboot} (the
   * host power-cycled where it runs; also on the embedded fabric, simulated or real time); see the cluster
   * module's ClusterChaosTarget. {@code targets}: device ids (empty: {@code count} ids drawn from the seed).
   */
  public record Fault(String fault, long startMs, long healMs, List<Integer> targets, int count, long reinitMs,
      long chunkMs) {
    public Fault {
      targets = targets == null ? List.of() : List.copyOf(targets); // YAML may leave it out (member faults)
    }
  }

  /** The default mix: every operation of the issue, reads weighted highest. */
  public static Map<String, Integer> defaultMix() {
    Map<String, Integer> m = new LinkedHashMap<>();
    m.put("dev-get", 8);
    m.put("dev-info", 4);
    m.put("dev-list", 2);
    m.put("port-get", 8);
    m.put("port-dump", 4);
    m.put("port-set", 1);
    m.put("port-new", 3);
    m.put("port-del", 3);
    m.put("param-get", 3);
    m.put("param-set", 3);
    m.put("reload", 6);
    m.put("new-device", 2);
    m.put("del-device", 2);
    m.put("sriov-numvfs", 2);
    m.put("eswitch-set", 2);
    m.put("flash", 1);
    m.put("health-recover", 2);
    m.put("region-new", 2);
    m.put("region-del", 2);
    m.put("knob", 2);
    return m;
  }

  /**
   * The run `fabric chaos run` makes without --schedule: reload storms, churn, a slow-hardware
   * fault and, in the churn, a power cycle of the host ({@code host-reboot} at 80% of the run).
   */
  public static Schedule standard(long seed, long durationMs) {
    Map<String, Integer> storm = new LinkedHashMap<>(defaultMix());
    storm.put("reload", 20);
    storm.put("port-get", 12);
    Map<String, Integer> churn = new LinkedHashMap<>(defaultMix());
    churn.put("new-device", 6);
    churn.put("del-device", 6);
    churn.put("port-new", 6);
    churn.put("port-del", 6);
    long third = Math.max(1, durationMs / 3);
    return builder().seed(seed).latency("reload")
        .phase("mixed", third, defaultMix())
        .phase("reload-storm", third, storm)
        .phase("churn", durationMs - 2 * third, churn)
        .fault(new Fault("slow-hardware", third / 2, third / 2 + third, List.of(), 2, 50, 1))
        .fault(new Fault("host-reboot", durationMs * 4 / 5, durationMs * 4 / 5 + Math.max(100, durationMs / 20),
            List.of(), 1, 0, 0))
        .build();
  }

  /**
   * The run `fabric chaos run --cluster` makes: the standard phases (mixed, reload storm, churn
   * with unregister/re-register and port churn) against the cluster's host, instant hardware (the
   * cluster's hosts are instant or netdevsim), each process pacing 2-6 ms, and member faults one after another: a kill of the
   * member holding the host (at 25% of the run, healed at 45%: a fresh member joins), from 40 s on
   * a long partition (50%, for 8 s: past failure detection and the split-brain resolver's downing,
   * ~5 s, so the isolated member is downed and the host boots on the majority side), a power cycle
   * of the host ({@code host-reboot}, 70%) and, from 40 s on, a short partition (85%, for 1.5 s:
   * below failure detection, only the requests in flight are lost). The first restarting fault
   * comes a quarter into the run: the linearizability checker reads the history up to it
   * ({@link dev.fabric.chaos.check.Checks#RESTARTING_FAULTS}).
   */
  public static Schedule clusterStandard(long seed, long durationMs) {
    Schedule s = standard(seed, durationMs);
    List<Fault> faults = new ArrayList<>();
    faults.add(new Fault("kill-member", durationMs / 4, durationMs * 9 / 20, List.of(), 1, 0, 0));
    if (durationMs >= 40_000) {
      faults.add(new Fault("partition", durationMs / 2, durationMs / 2 + 8_000, List.of(), 1, 0, 0));
    }
    faults.add(new Fault("host-reboot", durationMs * 7 / 10, durationMs * 7 / 10 + 1_000, List.of(), 1, 0, 0));
    if (durationMs >= 40_000) {
      faults.add(new Fault("partition", durationMs * 17 / 20, durationMs * 17 / 20 + 1_500, List.of(), 1, 0, 0));
    }
    // Paced 2-6 ms per process (the embedded run's 0-3 ms plans more than a cluster serves: the run
    // would fall behind its plan and last twice its duration).
    return new Schedule(s.seed(), s.devices(), s.spareIds(), s.namespaces(), s.firmware(), "instant", s.processes(),
        new Pacing(2, 6), s.opDeadlineMs(), s.phases(), List.copyOf(faults));
  }

  /**
   * The devices' hardware timing by name: {@code instant} (none), {@code reload} (a driver re-init
   * of 2 ms, flash instant: reloads overlap other requests, flashes do not hold an instance for
   * seconds), {@code netdevsim} (netdevsim's own: 2 ms re-init, 500 flash chunks of 10 ms).
   */
  public static dev.fabric.devices.LatencyProfile latencyProfile(String name) {
    return switch (name) {
      case "instant" -> dev.fabric.devices.LatencyProfile.INSTANT;
      case "reload" -> new dev.fabric.devices.LatencyProfile(java.time.Duration.ofMillis(2), java.time.Duration.ZERO);
      case "netdevsim" -> dev.fabric.devices.LatencyProfile.NETDEVSIM;
      default -> throw new IllegalArgumentException("latency must be instant, reload or netdevsim, not '" + name + "'");
    };
  }

  public long durationMs() {
    return phases.stream().mapToLong(Phase::durationMs).sum();
  }

  public static Builder builder() {
    return new Builder();
  }

  public static final class Builder {
    private long seed = 1;
    private Devices devices = new Devices(1, 6, 2);
    private int spareIds = 2;
    private List<String> namespaces = List.of("chaos1", "chaos2");
    private List<String> firmware = List.of("chaos.bin");
    private String latency = "instant";
    private int processes = 4;
    private Pacing pacing = new Pacing(0, 3);
    private long opDeadlineMs = 5_000;
    private final List<Phase> phases = new ArrayList<>();
    private final List<Fault> nemesis = new ArrayList<>();

    public Builder seed(long s) {
      seed = s;
      return this;
    }

    public Builder devices(int firstId, int count, int ports) {
      devices = new Devices(firstId, count, ports);
      return this;
    }

    public Builder spareIds(int n) {
      spareIds = n;
      return this;
    }

    public Builder namespaces(String... names) {
      namespaces = List.of(names);
      return this;
    }

    public Builder firmware(String... files) {
      firmware = List.of(files);
      return this;
    }

    public Builder latency(String l) {
      latency = l;
      return this;
    }

    public Builder processes(int n) {
      processes = n;
      return this;
    }

    public Builder pacing(long minMs, long maxMs) {
      pacing = new Pacing(minMs, maxMs);
      return this;
    }

    public Builder opDeadlineMs(long ms) {
      opDeadlineMs = ms;
      return this;
    }

    public Builder phase(String name, long durationMs, Map<String, Integer> mix) {
      phases.add(new Phase(name, durationMs, Map.copyOf(mix)));
      return this;
    }

    /** One phase with {@code mix} for the whole run. */
    public Builder duration(long durationMs, Map<String, Integer> mix) {
      phases.clear();
      return phase("main", durationMs, mix);
    }

    public Builder fault(Fault f) {
      nemesis.add(f);
      return this;
    }

    public Schedule build() {
      if (phases.isEmpty()) {
        phases.add(new Phase("main", 5_000, defaultMix()));
      }
      Schedule s = new Schedule(seed, devices, spareIds, namespaces, firmware, latency, processes, pacing,
          opDeadlineMs, List.copyOf(phases), List.copyOf(nemesis));
      s.validate();
      return s;
    }
  }

  /** The fault kinds a schedule may name (member faults need a target that has them). */
  public static final List<String> FAULTS = List.of("slow-hardware", "kill-member", "leave-rejoin", "partition",
      "host-reboot");

  /** Refuses what cannot run: unknown operation names, a fault without its heal, no process. */
  public void validate() {
    if (processes < 1) {
      throw new IllegalArgumentException("a schedule needs at least one client process");
    }
    if (devices.count() + spareIds < 1) {
      throw new IllegalArgumentException("a schedule needs at least one device id");
    }
    List<String> known = ChaosOp.NAMES.all();
    for (Phase p : phases) {
      for (String op : p.mix().keySet()) {
        if (!known.contains(op) || "dev-exists".equals(op) || "power-cycle".equals(op) || "reprobed".equals(op)) {
          throw new IllegalArgumentException("phase " + p.name() + ": unknown operation '" + op + "' (known: "
              + String.join(", ", known) + ")");
        }
      }
    }
    for (Fault f : nemesis) {
      if (!FAULTS.contains(f.fault())) {
        throw new IllegalArgumentException("unknown fault '" + f.fault() + "' (known: slow-hardware, host-reboot; on a "
            + "cluster target (--cluster, --endpoint) also kill-member, leave-rejoin and partition)");
      }
      if (f.healMs() <= f.startMs()) {
        throw new IllegalArgumentException("fault " + f.fault() + " must heal after it starts");
      }
    }
    latencyProfile(latency);
  }

  public static Schedule read(Path file) {
    try {
      Schedule s = Json.YAML.readValue(file.toFile(), Schedule.class);
      s.validate();
      return s;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read schedule " + file + ": " + e.getMessage(), e);
    }
  }

  public void write(Path file) {
    try {
      Files.writeString(file, Json.YAML.writeValueAsString(this));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
