package dev.fabric.chaos.check;

import dev.fabric.chaos.ChaosOp;
import dev.fabric.chaos.DeviceSpec;
import dev.fabric.chaos.History;
import dev.fabric.devlink.model.Reply;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Linearizability of each instance's answers against the sequential model, Wing–Gong–Lowe style:
 * depth-first over the operations that may take effect next (invoked before the earliest pending
 * completion), stepping a {@link DeviceSpec} (the instance actor's own {@code NsimDevlink}, forked
 * with {@code copy()} only where the search branches), with memoization of (operations done,
 * model state) pairs. The history is split by host and device id first (P-compositionality: a
 * device's operations touch only its own state, up to the relaxation {@link DeviceSpec} states),
 * so each search is small. Indeterminate operations ({@code info}) may take effect at any point
 * after their invoke, or never.
 */
public final class LinearizabilityChecker implements Checker {
  /** Search nodes per device before the verdict is "undecided" (reported as a violation). */
  private final long budgetPerKey;

  public LinearizabilityChecker() {
    this(2_000_000);
  }

  public LinearizabilityChecker(long budgetPerKey) {
    this.budgetPerKey = budgetPerKey;
  }

  @Override
  public String name() {
    return "linearizability";
  }

  @Override
  public CheckResult check(History history, Setup setup) {
    Map<String, List<Operations.Operation>> byKey = new TreeMap<>();
    List<Operations.Operation> all = new ArrayList<>();
    long refused = 0;
    for (Operations.Operation o : Operations.of(history)) {
      if (Checks.refusedWhileStarting(o)) {
        // refused by a host still booting, before any instance saw it: no effect, as an info is allowed
        all.add(o.asIndeterminate());
        refused++;
      } else {
        all.add(o);
      }
    }
    // each device's own operations; the dumps apart, per host (a dump is one presence read per
    // device: its reads are made for one device at a time, when that device's search starts)
    Map<String, List<Dump>> dumpsByHost = new java.util.HashMap<>();
    for (Operations.Operation o : all) {
      if (o.op() instanceof ChaosOp.DevList) {
        Dump d = Dump.of(o);
        if (d != null) {
          dumpsByHost.computeIfAbsent(o.host(), h -> new ArrayList<>()).add(d);
        }
        continue;
      }
      byKey.computeIfAbsent(o.host() + " netdevsim" + o.op().id(), k -> new ArrayList<>()).add(o);
    }
    // a restarting fault is one more operation of every device of its host: a power cycle that
    // takes effect at most once inside [start, heal] (see Checks.restartWindows)
    List<Checks.RestartWindow> windows = Checks.restartWindows(history);
    // the devices are independent (P-compositionality): their searches run side by side; only the
    // figures of a finished search are kept (its entries and memo go as soon as it ends)
    List<Map.Entry<String, List<Operations.Operation>>> keys = new ArrayList<>(byKey.entrySet());
    long[] exploredByKey = new long[keys.size()];
    long[] opsByKey = new long[keys.size()];
    long[] readsByKey = new long[keys.size()];
    CheckResult.Violation[] found = new CheckResult.Violation[keys.size()];
    java.util.stream.IntStream.range(0, keys.size()).parallel().forEach(i -> {
      Map.Entry<String, List<Operations.Operation>> e = keys.get(i);
      Operations.Operation first = e.getValue().get(0);
      int id = first.op().id();
      List<Operations.Operation> ops = new ArrayList<>(e.getValue());
      for (Checks.RestartWindow w : windows) {
        if (w.host() == null || w.host().equals(first.host())) {
          ops.add(w.powerCycle(first.host(), id));
          ops.add(w.reprobed(first.host(), id));
        }
      }
      List<Dump> dumps = dumpsByHost.getOrDefault(first.host(), List.of());
      ops.addAll(dumpReads(ops, dumps, id));
      readsByKey[i] = dumps.size();
      Search search = new Search(ops, new DeviceSpec(id, setup.namespaces(), setup.firmware()), budgetPerKey);
      found[i] = runDeep(search, e.getKey());
      exploredByKey[i] = search.explored;
      opsByKey[i] = ops.size();
    });
    List<CheckResult.Violation> violations = new ArrayList<>();
    long explored = 0;
    long ops = 0;
    long dumpReads = 0;
    for (int i = 0; i < keys.size(); i++) {
      dumpReads += readsByKey[i];
      explored += exploredByKey[i];
      ops += opsByKey[i];
      if (found[i] != null) {
        violations.add(found[i]);
      }
    }
    Map<String, Object> stats = new LinkedHashMap<>();
    stats.put("operations", ops);
    stats.put("keys", byKey.size());
    stats.put("dumpReads", dumpReads);
    stats.put("statesExplored", explored);
    stats.put("restartWindows", windows.size());
    if (refused > 0) {
      stats.put("refusedWhileStarting", refused);
    }
    return CheckResult.of(name(), violations, stats);
  }

  /**
   * An answered dump (devlink dev show): the ids of the netdevsim instances it listed. It stands for
   * one presence read of every device the history names, with the dump's interval: present
   * (listed) or ENODEV (not listed). An unanswered dump tells nothing.
   */
  record Dump(Operations.Operation op, BitSet listed) {
    static final String PREFIX = "netdevsim/netdevsim";

    static Dump of(Operations.Operation dump) {
      if (dump.type() != dev.fabric.chaos.HistoryEvent.Type.OK || dump.value() == null) {
        return null;
      }
      BitSet listed = new BitSet();
      dump.value().forEach(h -> {
        String name = h.asText();
        if (name.startsWith(PREFIX) && name.length() > PREFIX.length() && name.length() <= PREFIX.length() + 9) {
          int id = 0;
          for (int i = PREFIX.length(); i < name.length() && id >= 0; i++) {
            char c = name.charAt(i);
            id = c >= '0' && c <= '9' ? id * 10 + (c - '0') : -1;
          }
          if (id >= 0) {
            listed.set(id);
          }
        }
      });
      return new Dump(dump, listed);
    }

    Operations.Operation readOf(int id) {
      return read(id, op.invoke(), op.complete(), op.completeTime());
    }

    /** The read of device {@code id} this dump stands for, over the span [invoke, complete]. */
    Operations.Operation read(int id, long invoke, long complete, long completeTime) {
      boolean present = listed.get(id);
      return new Operations.Operation(op.host(), op.process(), new ChaosOp.DevExists(id), invoke, complete,
          op.invokeTime(), completeTime,
          present ? dev.fabric.chaos.HistoryEvent.Type.OK : dev.fabric.chaos.HistoryEvent.Type.FAIL, null,
          present ? null : ENODEV);
    }
  }

  private static final dev.fabric.chaos.HistoryEvent.Error ENODEV = new dev.fabric.chaos.HistoryEvent.Error("ENODEV", null);

  /**
   * The presence reads {@code dumps} stand for on device {@code id}, given the device's other
   * operations {@code own}: consecutive reads with the same answer over a span that none of
   * {@code own} overlaps become one read over that span. No operation that changes the device can
   * take effect inside such a span (every one of them ends before it or starts after it), so the
   * device's state is the same for all of them: one read explains all or none, and the order of
   * everything else around the span is fixed either way. A dump per 30 operations over 1,000
   * devices is otherwise 30 reads per operation.
   */
  static List<Operations.Operation> dumpReads(List<Operations.Operation> own, List<Dump> dumps, int id) {
    Operations.Operation[] byInvoke = own.stream().sorted(Comparator.comparingLong(Operations.Operation::invoke))
        .toArray(Operations.Operation[]::new);
    long[] invokes = new long[byInvoke.length];
    long[] maxEnd = new long[byInvoke.length]; // the latest end among the first k+1 by invoke
    for (int k = 0; k < byInvoke.length; k++) {
      invokes[k] = byInvoke[k].invoke();
      maxEnd[k] = Math.max(k == 0 ? Long.MIN_VALUE : maxEnd[k - 1], Search.returned(byInvoke[k]));
    }
    List<Operations.Operation> out = new ArrayList<>();
    Operations.Operation group = null;
    // the group being merged: its first dump, its span and its answer (present or not)
    Dump first = null;
    long lo = 0;
    long hi = 0;
    long hiTime = 0;
    boolean present = false;
    for (Dump d : dumps) {
      Operations.Operation op = d.op();
      boolean listed = d.listed().get(id);
      if (first != null && listed == present
          && !overlapped(invokes, maxEnd, Math.min(lo, op.invoke()), Math.max(hi, op.complete()))) {
        lo = Math.min(lo, op.invoke());
        hi = Math.max(hi, op.complete());
        hiTime = Math.max(hiTime, op.completeTime());
        continue;
      }
      if (first != null) {
        out.add(first.read(id, lo, hi, hiTime));
        first = null;
      }
      if (overlapped(invokes, maxEnd, op.invoke(), op.complete())) {
        out.add(d.readOf(id)); // overlaps a change of the device: stands alone
      } else {
        first = d;
        lo = op.invoke();
        hi = op.complete();
        hiTime = op.completeTime();
        present = listed;
      }
    }
    if (first != null) {
      out.add(first.read(id, lo, hi, hiTime));
    }
    return out;
  }

  /** Whether an operation (invokes sorted, maxEnd their running latest end) may take effect inside (lo, hi). */
  private static boolean overlapped(long[] invokes, long[] maxEnd, long lo, long hi) {
    int k = Arrays.binarySearch(invokes, hi);
    int before = k >= 0 ? k : -k - 1; // operations invoked before hi
    while (before > 0 && before < invokes.length && invokes[before] < hi) {
      before++;
    }
    return before > 0 && maxEnd[before - 1] > lo;
  }

  /** Searches on a thread with a deep stack (the recursion is as deep as a device's operations). */
  private static CheckResult.Violation runDeep(Search s, String key) {
    if (s.entries.length < 200) {
      return s.verdict(key);
    }
    AtomicReference<CheckResult.Violation> out = new AtomicReference<>();
    AtomicReference<Throwable> failed = new AtomicReference<>();
    Thread t = new Thread(null, () -> {
      try {
        out.set(s.verdict(key));
      } catch (Throwable x) {
        failed.set(x);
      }
    }, "linearizability-" + key, 1L << 29);
    t.start();
    try {
      t.join();
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(ie);
    }
    if (failed.get() != null) {
      throw new IllegalStateException(failed.get());
    }
    return out.get();
  }

  /** True when {@code ops} (one device's operations) are linearizable from {@code initial}. */
  public static boolean linearizable(List<Operations.Operation> ops, DeviceSpec initial) {
    return new Search(ops, initial, Long.MAX_VALUE).run();
  }

  private static final class BudgetExceeded extends RuntimeException {
    BudgetExceeded() {
      super(null, null, false, false);
    }
  }

  private record Memo(BitSet done, String state) {}

  static final class Search {
    final Operations.Operation[] entries; // by invoke
    final String[] expected;
    final int[] byComplete; // entry positions by completion index
    final int completed;
    /** Positions of the indeterminate operations, in invoke order (few: they are faults' victims). */
    final int[] indeterminates;
    final BitSet done = new BitSet();
    final Set<Memo> cache = new HashSet<>();
    final DeviceSpec initial;
    final long budget;
    /** How many restart windows this device's history has (each a power cycle that may or may not happen). */
    final int powerCycles;
    long explored;
    // the deepest point the search reached, for the report
    int deepest = -1;
    final List<Integer> path = new ArrayList<>();
    List<Integer> deepestPath = List.of();
    List<String> deepestTries = List.of();
    int deepestBlocker = -1;

    Search(List<Operations.Operation> ops, DeviceSpec initial, long budget) {
      this.entries = ops.stream().sorted(Comparator.comparingLong(Operations.Operation::invoke))
          .toArray(Operations.Operation[]::new);
      this.expected = Arrays.stream(entries).map(Operations.Operation::expectedValue).toArray(String[]::new);
      this.byComplete = java.util.stream.IntStream.range(0, entries.length).boxed()
          .sorted(Comparator.comparingLong(i -> returned(entries[i]))).mapToInt(Integer::intValue).toArray();
      this.completed = (int) Arrays.stream(entries).filter(o -> !o.indeterminate()).count();
      this.indeterminates = java.util.stream.IntStream.range(0, entries.length)
          .filter(i -> entries[i].indeterminate()).toArray();
      this.initial = initial;
      this.budget = budget;
      this.powerCycles = (int) Arrays.stream(entries).filter(o -> o.op() instanceof ChaosOp.PowerCycle).count();
    }

    /** When the operation's effect must have happened by: never, for an indeterminate one. */
    static long returned(Operations.Operation o) {
      return o.indeterminate() ? Long.MAX_VALUE : o.complete();
    }

    boolean run() {
      return dfs(initial.copy(), 0, 0, 0);
    }

    CheckResult.Violation verdict(String key) {
      boolean ok;
      try {
        ok = run();
      } catch (BudgetExceeded b) {
        return new CheckResult.Violation("undecided: the search budget (" + budget + " states) ran out", key,
            List.of(), List.of("operations: " + entries.length));
      }
      if (ok) {
        return null;
      }
      List<String> detail = new ArrayList<>();
      List<Long> window = new ArrayList<>();
      Operations.Operation blocker = entries[deepestBlocker];
      detail.add("no serial order explains " + blocker.describe());
      detail.add("serial order found up to there (last " + Math.min(8, deepestPath.size()) + " of "
          + deepestPath.size() + "):");
      for (int i = Math.max(0, deepestPath.size() - 8); i < deepestPath.size(); i++) {
        int move = deepestPath.get(i);
        detail.add(move < 0 ? "  " + entries[-move - 1].describe() + " (did not happen)"
            : "  " + entries[move].describe());
      }
      detail.add("then tried (" + explored + " states explored in all):");
      detail.addAll(deepestTries);
      long lo = blocker.invoke();
      long hi = blocker.complete();
      window.add(lo);
      window.add(hi);
      return new CheckResult.Violation("not linearizable: " + blocker.op().name() + " on " + blocker.op().key(), key,
          window, detail);
    }

    /**
     * {@code fromComplete}/{@code fromInvoke}: positions in completion and invoke order before which
     * every operation is done on this path (done only grows along a path, so a node never looks
     * at the settled prefix again: each node costs the width of the concurrent window, not the
     * length of the history).
     */
    private boolean dfs(DeviceSpec state, int doneCompleted, int fromComplete, int fromInvoke) {
      if (doneCompleted == completed) {
        return true;
      }
      if (++explored > budget) {
        throw new BudgetExceeded();
      }
      while (fromComplete < byComplete.length && done.get(byComplete[fromComplete])) {
        fromComplete++;
      }
      // the invoke cursor passes indeterminate operations too: they stay candidates through indeterminates
      while (fromInvoke < entries.length && (done.get(fromInvoke) || entries[fromInvoke].indeterminate())) {
        fromInvoke++;
      }
      int blocker = byComplete[fromComplete];
      long minComplete = returned(entries[blocker]);
      List<Integer> candidates = new ArrayList<>(4);
      for (int i = fromInvoke; i < entries.length && entries[i].invoke() < minComplete; i++) {
        if (!done.get(i) && !entries[i].indeterminate()) {
          candidates.add(i);
        }
      }
      for (int i : indeterminates) {
        if (entries[i].invoke() >= minComplete) {
          break;
        }
        if (!done.get(i)) {
          candidates.add(i);
        }
      }
      // a power cycle is two moves: it happens here, or it never happens (encoded -c-1)
      List<Integer> moves = candidates;
      if (powerCycles > 0) {
        moves = new ArrayList<>(candidates.size() + 2);
        for (int c : candidates) {
          moves.add(c);
          if (entries[c].op() instanceof ChaosOp.PowerCycle p) {
            if ("partition".equals(p.fault())) {
              moves.add(moves.size() - 1, -c - 1); // most likely did not restart: tried first
            } else {
              moves.add(-c - 1);
            }
          }
        }
      }
      boolean branching = moves.size() > 1;
      List<String> tries = doneCompleted >= deepest ? new ArrayList<>() : null;
      for (int move : moves) {
        int c = move < 0 ? -move - 1 : move;
        DeviceSpec next = branching ? state.copy() : state;
        if (move >= 0) {
          Reply<?> r = next.step(entries[c].op());
          if (!entries[c].matches(r, expected[c])) {
            if (tries != null) {
              tries.add("  " + entries[c].describe() + "  but the model answers " + Operations.describe(r));
            }
            continue;
          }
        }
        done.set(c);
        if (branching && !cache.add(new Memo((BitSet) done.clone(), next.fingerprint()))) {
          done.clear(c);
          continue;
        }
        path.add(move);
        if (dfs(next, doneCompleted + (entries[c].indeterminate() ? 0 : 1), fromComplete, fromInvoke)) {
          return true;
        }
        path.remove(path.size() - 1);
        done.clear(c);
        if (!branching) {
          break;
        }
      }
      if (tries != null && doneCompleted >= deepest) {
        deepest = doneCompleted;
        deepestPath = List.copyOf(path);
        deepestTries = tries;
        deepestBlocker = blocker;
      }
      return false;
    }
  }
}
