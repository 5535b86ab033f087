package dev.fabric.bench;

import java.io.IOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The harness entry point; bench/run calls one phase per JVM:
 * {@code parallel} (variants a/b/c and the platform limit, side by side), {@code scale}
 * (a million port actors, in a big heap), {@code jmh} (model step costs), {@code retention}
 * (heap retained per create/delete and subscribe/unsubscribe cycle) and {@code report}
 * (the table in docs/BENCHMARKS.md and the SVG plot). {@code --quick} shortens everything.
 */
public final class BenchMain {
  static final int CLIENTS = 64;
  static final int PORTS = 4;
  static final long REINIT_MS = Long.getLong("bench.reinit", 20);
  static final double[] PLOT_SHARES = {0, 0.001, 0.01, 0.05};

  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    String phase = args.length > 0 ? args[0] : "parallel";
    if (phase.equals("probe")) {
      probe(args[1], Integer.parseInt(args[2]), Double.parseDouble(args[3]), Integer.parseInt(args[4]));
      System.exit(0);
    }
    boolean quick = false;
    Path out = Path.of("bench/target/results");
    Path docs = Path.of("docs");
    Integer devices = null;
    Integer ports = null;
    String tag = "";
    for (int i = 1; i < args.length; i++) {
      switch (args[i]) {
        case "--quick" -> quick = true;
        case "--out" -> out = Path.of(args[++i]);
        case "--docs" -> docs = Path.of(args[++i]);
        case "--devices" -> devices = Integer.parseInt(args[++i]);
        case "--ports" -> ports = Integer.parseInt(args[++i]);
        case "--tag" -> tag = "-" + args[++i];
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    Files.createDirectories(out);
    switch (phase) {
      case "parallel" -> parallel(quick, out, tag);
      case "scale" -> scale(quick, out, devices, ports);
      case "jmh" -> jmh(quick, out);
      case "report" -> Report.write(quick, out, docs);
      case "netlink" -> NetlinkBench.run(quick, out);
      case "retention" -> RetentionBench.run(quick, out);
      case "cluster" -> ClusterBench.run(quick, out);
      default -> throw new IllegalArgumentException(
          "phase: parallel | scale | jmh | netlink | retention | cluster | report");
    }
    System.exit(0);
  }

  private record Config(String variant, int devices, double slow) {}

  static void parallel(boolean quick, Path out, String tag) throws Exception {
    int rounds = quick ? 1 : 3;
    long warm = quick ? 400 : 2000;
    long measure = quick ? 1200 : 5000;
    double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    List<Config> configs = new ArrayList<>();
    for (int d : new int[] {16, 256}) {
      double[] shares = d == 256 ? PLOT_SHARES : new double[] {0, 0.01};
      for (double s : shares) {
        for (String v : List.of("GLOBAL_LOCK", "DEVICE_LOCK", "FABRIC")) {
          configs.add(new Config(v, d, s));
        }
      }
    }
    configs.add(new Config("RAW_REPLYTO", 256, 0));
    configs.add(new Config("RAW_ASK", 256, 0));
    // -Dbench.filter=REGEX keeps only the configurations whose "VARIANT/D/slow" matches (development runs).
    String filter = System.getProperty("bench.filter");
    if (filter != null) {
      configs.removeIf(c -> !(c.variant() + "/" + c.devices() + "/" + c.slow()).matches(filter));
    }
    Map<Config, List<Stats>> results = new LinkedHashMap<>();
    LockBench locks = new LockBench(256, PORTS, REINIT_MS);
    try (ActorBench actors = new ActorBench(256, PORTS, REINIT_MS);
        Writer roundsOut = Files.newBufferedWriter(out.resolve("parallel" + tag + "-rounds.tsv"))) {
      roundsOut.write("round\t" + Stats.HEADER + "\n");
      for (int round = 1; round <= rounds; round++) {
        for (Config c : configs) {
          Mix mix = new Mix(c.devices(), PORTS, c.slow());
          System.gc();
          Stats s = switch (c.variant()) {
            case "GLOBAL_LOCK" -> locks.run(true, mix, CLIENTS, warm, measure);
            case "DEVICE_LOCK" -> locks.run(false, mix, CLIENTS, warm, measure);
            case "FABRIC" -> actors.runClients("FABRIC", actors.fabricTarget(), mix, CLIENTS, warm, measure);
            case "RAW_REPLYTO" -> actors.runClients("RAW_REPLYTO", actors.echoTarget(), mix, CLIENTS, warm, measure);
            default -> actors.runAsk(mix, CLIENTS, warm, measure);
          };
          System.out.println("round " + round + "  " + s);
          roundsOut.write(round + "\t" + s.tsv() + "\n");
          roundsOut.flush();
          results.computeIfAbsent(c, k -> new ArrayList<>()).add(s);
        }
      }
    }
    try (Writer w = Files.newBufferedWriter(out.resolve("parallel" + tag + ".tsv"))) {
      w.write(Stats.HEADER + "\n");
      for (List<Stats> l : results.values()) {
        w.write(Stats.median(l).tsv() + "\n");
      }
    }
    Properties meta = new Properties();
    meta.setProperty("rounds", "" + rounds);
    meta.setProperty("warm_ms", "" + warm);
    meta.setProperty("measure_ms", "" + measure);
    meta.setProperty("clients", "" + CLIENTS);
    meta.setProperty("ports_per_device", "" + PORTS);
    meta.setProperty("reinit_ms", "" + REINIT_MS);
    meta.setProperty("max_heap_mib", "" + (Runtime.getRuntime().maxMemory() >> 20));
    meta.setProperty("jvm_args", String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
    meta.setProperty("load_before", String.format("%.2f", loadBefore));
    meta.setProperty("load_after",
        String.format("%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
    meta.setProperty("nproc", "" + Runtime.getRuntime().availableProcessors());
    meta.setProperty("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
    meta.setProperty("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
        + System.getProperty("os.arch"));
    meta.setProperty("dispatcher_threads", "" + dispatcherThreads());
    store(meta, out.resolve("parallel" + tag + ".properties"));
  }

  /** The default dispatcher's fork-join parallelism as Pekko computes it from the configuration. */
  static int dispatcherThreads() {
    com.typesafe.config.Config c = com.typesafe.config.ConfigFactory.load()
        .getConfig("pekko.actor.default-dispatcher.fork-join-executor");
    int n = (int) Math.ceil(Runtime.getRuntime().availableProcessors() * c.getDouble("parallelism-factor"));
    return Math.min(Math.max(n, c.getInt("parallelism-min")), c.getInt("parallelism-max"));
  }

  /** One configuration alone, for profiling: probe VARIANT D SLOW CLIENTS (3 rounds of 3 s). */
  static void probe(String variant, int d, double slow, int clients) throws Exception {
    Mix mix = new Mix(d, PORTS, slow);
    if (variant.endsWith("LOCK")) {
      LockBench locks = new LockBench(d, PORTS, REINIT_MS);
      for (int i = 0; i < 3; i++) {
        System.out.println(locks.run(variant.startsWith("GLOBAL"), mix, clients, 1000, 3000));
      }
      return;
    }
    try (ActorBench actors = new ActorBench(d, PORTS, REINIT_MS)) {
      for (int i = 0; i < 3; i++) {
        System.out.println(actors.runClients(variant, variant.equals("FABRIC") ? actors.fabricTarget()
            : actors.echoTarget(), mix, clients, 1000, 3000));
      }
    }
  }

  static void scale(boolean quick, Path out, Integer devices, Integer ports) throws Exception {
    int d = devices != null ? devices : quick ? 1000 : 10_000;
    int p = ports != null ? ports : 100;
    Map<String, Object> r = ScaleBench.run(d, p, REINIT_MS);
    Properties props = new Properties();
    r.forEach((k, v) -> props.setProperty(k, String.valueOf(v)));
    props.setProperty("jvm_args", String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
    store(props, out.resolve("scale.properties"));
  }

  static void jmh(boolean quick, Path out) throws Exception {
    OptionsBuilder opts = new OptionsBuilder();
    opts.include(ModelBench.class.getName())
        .forks(1)
        .warmupIterations(quick ? 1 : 3)
        .warmupTime(TimeValue.milliseconds(quick ? 300 : 1000))
        .measurementIterations(quick ? 2 : 5)
        .measurementTime(TimeValue.milliseconds(quick ? 300 : 1000))
        .jvmArgs("-Xms512m", "-Xmx512m");
    Collection<RunResult> results = new Runner(opts.build()).run();
    try (Writer w = Files.newBufferedWriter(out.resolve("jmh.tsv"))) {
      w.write("benchmark\tscore\terror\tunit\n");
      for (RunResult r : results) {
        var p = r.getPrimaryResult();
        String name = r.getParams().getBenchmark();
        w.write(name.substring(name.lastIndexOf('.') + 1) + "\t" + p.getScore() + "\t" + p.getScoreError() + "\t"
            + p.getScoreUnit() + "\n");
      }
    }
  }

  static void store(Properties p, Path file) throws IOException {
    try (Writer w = Files.newBufferedWriter(file)) {
      p.store(w, null);
    }
  }
}
