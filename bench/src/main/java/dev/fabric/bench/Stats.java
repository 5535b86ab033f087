package dev.fabric.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/** The figures of one measured run of one configuration (latencies in µs). */
record Stats(String variant, int devices, double slow, double opsPerSec, double reloadsPerSec,
    double idleP50, double idleP99, double idleP999, double allP50, double allP99, double reloadP50, double reloadP99, double errors) {

  static final String HEADER = "variant\tdevices\tslow\tops_per_s\treloads_per_s\tidle_p50_us\tidle_p99_us\t"
      + "idle_p999_us\tall_p50_us\tall_p99_us\treload_p50_us\treload_p99_us\terrors";

  static Stats of(String variant, Mix mix, List<Recorder> recs, double seconds) {
    Histogram idle = new Histogram(Recorder.MAX_NS, 2);
    Histogram all = new Histogram(Recorder.MAX_NS, 2);
    Histogram rl = new Histogram(Recorder.MAX_NS, 2);
    long ops = 0;
    long reloads = 0;
    long errors = 0;
    for (Recorder r : recs) {
      idle.add(r.idleReads);
      all.add(r.allReads);
      rl.add(r.reloadTimes);
      ops += r.ops;
      reloads += r.reloads;
      errors += r.errors;
    }
    return new Stats(variant, mix.devices, mix.slow, ops / seconds, reloads / seconds,
        us(idle, 50), us(idle, 99), us(idle, 99.9), us(all, 50), us(all, 99), us(rl, 50), us(rl, 99), errors);
  }

  private static double us(Histogram h, double pct) {
    return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(pct) / 1000.0;
  }

  /** Each metric's median over the rounds, taken separately. */
  static Stats median(List<Stats> rounds) {
    Stats f = rounds.get(0);
    return new Stats(f.variant, f.devices, f.slow, med(rounds, 0), med(rounds, 1), med(rounds, 2), med(rounds, 3),
        med(rounds, 4), med(rounds, 5), med(rounds, 6), med(rounds, 7), med(rounds, 8), med(rounds, 9));
  }

  private double metric(int i) {
    return switch (i) {
      case 0 -> opsPerSec;
      case 1 -> reloadsPerSec;
      case 2 -> idleP50;
      case 3 -> idleP99;
      case 4 -> idleP999;
      case 5 -> allP50;
      case 6 -> allP99;
      case 7 -> reloadP50;
      case 8 -> reloadP99;
      default -> errors;
    };
  }

  private static double med(List<Stats> rounds, int i) {
    double[] v = rounds.stream().mapToDouble(s -> s.metric(i)).sorted().toArray();
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  String tsv() {
    return String.format(Locale.ROOT, "%s\t%d\t%s\t%.0f\t%.1f\t%.2f\t%.2f\t%.2f\t%.2f\t%.2f\t%.2f\t%.2f\t%.0f", variant, devices,
        slow, opsPerSec, reloadsPerSec, idleP50, idleP99, idleP999, allP50, allP99, reloadP50, reloadP99, errors);
  }

  static Stats parse(String line) {
    String[] f = line.split("\t");
    double[] d = Arrays.stream(f, 3, 13).mapToDouble(Double::parseDouble).toArray();
    return new Stats(f[0], Integer.parseInt(f[1]), Double.parseDouble(f[2]), d[0], d[1], d[2], d[3], d[4], d[5],
        d[6], d[7], d[8], d[9]);
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT,
        "%-12s D=%-4d slow=%-6s %10.0f ops/s %7.1f reloads/s  idle reads p50 %8.2f p99 %10.2f p999 %10.2f µs"
            + "  all reads p99 %10.2f µs  reload p50 %.2f ms  err %.0f",
        variant, devices, slow * 100 + "%", opsPerSec, reloadsPerSec, idleP50, idleP99, idleP999, allP99,
        reloadP50 / 1000, errors);
  }
}
