package dev.fabric.chaos;

import dev.fabric.chaos.check.CheckResult;
import dev.fabric.chaos.check.Operations;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * report.html: one self-contained page (no script, no network): the verdict, each checker's
 * figures, a timeline of operations per process with the faults as bands (SVG), latency over
 * time (SVG), and for every violation its smallest failing window: the operations of that key
 * that overlap it, and the serial orders the checker tried.
 */
public final class Report {
  private Report() {}

  private static final int WIDTH = 1200;
  private static final int ROW = 14;
  private static final int LEFT = 70;

  public static String html(ChaosRun.Outcome o) {
    List<Operations.Operation> ops = Operations.of(o.history());
    StringBuilder b = new StringBuilder(1 << 16);
    b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>chaos run, seed ")
        .append(o.schedule().seed()).append("</title>\n<style>")
        .append("body{font:13px sans-serif;margin:1em 2em}h1{font-size:20px}.ok{color:#176b17}.bad{color:#b00}")
        .append("table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 6px;text-align:left}")
        .append("pre{background:#f6f6f6;padding:6px;white-space:pre-wrap}svg{border:1px solid #ddd}")
        .append("</style></head><body>\n");
    boolean valid = o.verdict().valid();
    b.append("<h1>Chaos run, seed ").append(o.schedule().seed()).append(": <span class=\"")
        .append(valid ? "ok\">valid" : "bad\">INVALID").append("</span></h1>\n");
    b.append("<p>").append(ops.size()).append(" operations by ").append(o.schedule().processes().size())
        .append(" processes, ").append(o.history().size()).append(" history events; run ").append(o.runMillis())
        .append(" ms, checked in ").append(o.checkMillis()).append(" ms.</p>\n");
    b.append("<table><tr><th>checker</th><th>verdict</th><th>violations</th><th>figures</th></tr>\n");
    for (CheckResult r : o.verdict().results()) {
      b.append("<tr><td>").append(esc(r.checker())).append("</td><td class=\"").append(r.valid() ? "ok\">pass" : "bad\">FAIL")
          .append("</td><td>").append(r.violations().size()).append("</td><td>").append(esc(String.valueOf(r.stats())))
          .append("</td></tr>\n");
    }
    b.append("</table>\n");
    long end = Math.max(1, o.history().events().isEmpty() ? 1
        : o.history().events().get(o.history().size() - 1).time());
    b.append("<h2>Timeline</h2>\n").append(timeline(o, ops, end));
    b.append("<h2>Latency over time</h2>\n").append(latency(ops, end));
    b.append("<h2>Violations</h2>\n");
    int n = 0;
    for (CheckResult r : o.verdict().results()) {
      for (CheckResult.Violation v : r.violations()) {
        if (++n > 50) {
          break;
        }
        b.append("<h3 class=\"bad\">").append(esc(r.checker())).append(": ").append(esc(v.message())).append("</h3>\n");
        b.append("<p>window: history events ").append(esc(String.valueOf(v.window()))).append("</p>\n<pre>");
        for (String d : v.detail()) {
          b.append(esc(d)).append('\n');
        }
        b.append("</pre>\n");
        if (!v.window().isEmpty()) {
          long lo = v.window().stream().min(Long::compare).get();
          long hi = v.window().stream().max(Long::compare).get();
          b.append("<p>operations on ").append(esc(v.key())).append(" overlapping the window:</p><pre>");
          int shown = 0;
          for (Operations.Operation op : ops) {
            boolean sameKey = v.key() != null && (v.key().endsWith(" netdevsim" + op.op().id())
                || related(v.key(), op.op().key()));
            if (sameKey && op.invoke() <= hi && op.complete() >= lo && shown++ < 40) {
              b.append(esc(op.describe())).append('\n');
            }
          }
          b.append("</pre>\n");
        }
      }
    }
    if (n == 0) {
      b.append("<p class=\"ok\">none</p>\n");
    }
    b.append("</body></html>\n");
    return b.toString();
  }

  /** The same object, or one contains the other (an instance and its ports). */
  static boolean related(String a, String b) {
    return a.equals(b) || a.startsWith(b + "/") || b.startsWith(a + "/");
  }

  private static String timeline(ChaosRun.Outcome o, List<Operations.Operation> ops, long end) {
    Map<Integer, Integer> rows = new TreeMap<>();
    for (Operations.Operation op : ops) {
      rows.putIfAbsent(op.process(), 0);
    }
    int r = 0;
    for (Map.Entry<Integer, Integer> e : rows.entrySet()) {
      e.setValue(r++);
    }
    int height = Math.max(1, rows.size()) * ROW + 30;
    StringBuilder s = new StringBuilder();
    s.append("<svg id=\"timeline\" xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"")
        .append(height).append("\">\n");
    // fault bands
    Map<String, Long> open = new TreeMap<>();
    for (HistoryEvent e : o.history().events()) {
      if (e instanceof HistoryEvent.Nemesis n) {
        String id = n.fault() + n.targets();
        if ("start".equals(n.phase())) {
          open.put(id, n.time());
        } else if (open.containsKey(id)) {
          band(s, open.remove(id), n.time(), end, height, n.fault() + " " + n.targets());
        }
      }
    }
    open.forEach((id, t) -> band(s, t, end, end, height, id));
    for (Map.Entry<Integer, Integer> e : rows.entrySet()) {
      s.append("<text x=\"2\" y=\"").append(e.getValue() * ROW + 11).append("\" font-size=\"10\">p")
          .append(e.getKey()).append("</text>\n");
    }
    int drawn = 0;
    for (Operations.Operation op : ops) {
      if (drawn++ > 40_000) {
        break;
      }
      double x0 = x(op.invokeTime(), end);
      double x1 = x(op.complete() == Long.MAX_VALUE ? end : op.completeTime(), end);
      String colour = op.type() == null ? "#000" : switch (op.type()) {
        case OK -> "#4a4";
        case FAIL -> "#d93";
        default -> "#c22";
      };
      s.append("<rect x=\"").append(fmt(x0)).append("\" y=\"").append(rows.get(op.process()) * ROW + 2)
          .append("\" width=\"").append(fmt(Math.max(0.6, x1 - x0))).append("\" height=\"").append(ROW - 4)
          .append("\" fill=\"").append(colour).append("\"><title>").append(esc(op.describe())).append("</title></rect>\n");
    }
    axis(s, end, height - 14);
    s.append("</svg>\n<p>green ok, orange fail (an errno), red info (no answer by the deadline); shaded: faults.</p>\n");
    return s.toString();
  }

  private static void band(StringBuilder s, long from, long to, long end, int height, String label) {
    double x0 = x(from, end);
    double x1 = x(to, end);
    s.append("<rect class=\"fault\" x=\"").append(fmt(x0)).append("\" y=\"0\" width=\"").append(fmt(Math.max(1, x1 - x0)))
        .append("\" height=\"").append(height - 16).append("\" fill=\"#88f\" fill-opacity=\"0.18\"><title>")
        .append(esc(label)).append("</title></rect>\n");
  }

  private static String latency(List<Operations.Operation> ops, long end) {
    int h = 200;
    long max = 1;
    for (Operations.Operation op : ops) {
      if (op.complete() != Long.MAX_VALUE) {
        max = Math.max(max, op.completeTime() - op.invokeTime());
      }
    }
    double logMax = Math.log10(max);
    double logMin = Math.log10(10_000); // 10 µs
    StringBuilder s = new StringBuilder();
    s.append("<svg id=\"latency\" xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"")
        .append(h + 20).append("\">\n");
    int drawn = 0;
    for (Operations.Operation op : ops) {
      if (op.complete() == Long.MAX_VALUE || drawn++ > 40_000) {
        continue;
      }
      double l = Math.log10(Math.max(10_000, op.completeTime() - op.invokeTime()));
      double y = h - (l - logMin) / Math.max(0.1, logMax - logMin) * (h - 10);
      s.append("<circle cx=\"").append(fmt(x(op.invokeTime(), end))).append("\" cy=\"").append(fmt(y))
          .append("\" r=\"1.2\" fill=\"").append(op.type() == HistoryEvent.Type.INFO ? "#c22" : "#36c").append("\"/>\n");
    }
    s.append("<text x=\"2\" y=\"12\" font-size=\"10\">").append(fmt(max / 1e6)).append(" ms</text>\n");
    s.append("<text x=\"2\" y=\"").append(h).append("\" font-size=\"10\">0.01 ms</text>\n");
    axis(s, end, h + 16);
    s.append("</svg>\n<p>each dot: one operation at its invoke time, its latency on a log scale.</p>\n");
    return s.toString();
  }

  private static void axis(StringBuilder s, long end, int y) {
    for (int i = 0; i <= 10; i++) {
      long t = end / 10 * i;
      s.append("<text x=\"").append(fmt(x(t, end))).append("\" y=\"").append(y + 10).append("\" font-size=\"9\">")
          .append(end < 10_000_000_000L ? fmt(t / 1e6) + "ms" : fmt(t / 1e9) + "s").append("</text>\n");
    }
  }

  private static double x(long t, long end) {
    return LEFT + (WIDTH - LEFT - 40) * (double) Math.max(0, Math.min(t, end)) / end;
  }

  private static String fmt(double d) {
    return String.format(Locale.ROOT, "%.1f", d);
  }

  static String esc(String s) {
    return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
