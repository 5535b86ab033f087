package dev.fabric.bench;

import org.HdrHistogram.Histogram;

/**
 * One closed-loop client's figures (used by one thread or one actor at a time, merged after the
 * run). Reads are recorded twice: all of them, and those whose device had no reload outstanding
 * when the read was issued ("idle-device reads").
 */
final class Recorder {
  static final long MAX_NS = 120_000_000_000L;

  final Histogram idleReads = new Histogram(MAX_NS, 2);
  final Histogram allReads = new Histogram(MAX_NS, 2);
  final Histogram reloadTimes = new Histogram(MAX_NS, 2);
  long ops;
  long reloads;
  long errors;

  void done(boolean recording, boolean reload, boolean idleAtIssue, long issueNs, long endNs, boolean ok) {
    if (!recording) {
      return;
    }
    ops++;
    if (!ok) {
      errors++;
    }
    long ns = Math.min(Math.max(endNs - issueNs, 1), MAX_NS);
    if (reload) {
      reloads++;
      reloadTimes.recordValue(ns);
      return;
    }
    allReads.recordValue(ns);
    if (idleAtIssue) {
      idleReads.recordValue(ns);
    }
  }
}
