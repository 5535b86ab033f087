package dev.fabric.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fabric.devices.LatencyProfile;
import dev.fabric.devlink.client.DevlinkClient;
import dev.fabric.devlink.model.DevHandle;
import dev.fabric.devlink.model.DevOp;
import dev.fabric.devlink.model.MonitorEvent;
import dev.fabric.devlink.model.PortOp;
import dev.fabric.devlink.model.PortState;
import dev.fabric.devlink.model.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Props;

/**
 * Runs a {@link ConcreteSchedule} against a {@link ChaosTarget} and records the history: the
 * setup (namespaces, firmware, the initial devices), the client processes (closed loops: each
 * sends its next operation at its planned time or when the previous one ended, whichever is
 * later), the nemesis steps, the monitor events, then a final read of every device id and the
 * final dump. An operation without an answer by the deadline is recorded {@code info} and its
 * process retired: the rest of its operations continue under a fresh process number, as in
 * Jepsen. Everything the runner itself does runs on one scheduler thread, so history lines of
 * the clients, the nemesis and the timers are appended in one order.
 */
public final class Runner {
  /** What the progress line shows. */
  /**
   * What the progress line shows. {@code violations}: what the liveness checker will report, as
   * far as the runner sees it live (an operation without an answer while no fault was active at
   * its invoke or its deadline, or answered by a client-side failure); the other checkers run on
   * the whole history at the end.
   */
  public record Progress(long done, long total, int faultsActive, long indeterminate, long violations,
      long elapsedMs) {}

  private final AtomicLong violations = new AtomicLong();

  private static final AtomicLong RUNS = new AtomicLong();

  private final ChaosTarget target;
  private final ConcreteSchedule schedule;
  private final Consumer<Progress> progress;
  private final RunLoop exec;
  private final History history;
  private final AtomicLong done = new AtomicLong();
  private final AtomicLong indeterminate = new AtomicLong();
  private final AtomicInteger faultsActive = new AtomicInteger();

  public Runner(ChaosTarget target, ConcreteSchedule schedule, Consumer<Progress> progress) {
    this.target = target;
    this.schedule = schedule;
    this.progress = progress;
    this.exec = target.newLoop();
    this.history = new History(exec::nanos);
  }

  /** Runs the whole schedule and returns its history (blocking the calling thread, never an actor). */
  public History run() {
    String host = target.hosts().get(0);
    DevlinkClient client = target.client(host);
    MonitorRecorder.Fences fences = new MonitorRecorder.Fences();
    MonitorFeed feed = target.monitorFeed();
    boolean monitored = feed == null && target.monitors();
    ActorRef<MonitorEvent> recorder = !monitored ? null : target.system().systemActorOf(
        MonitorRecorder.create(host, history, client, fences), "chaos-monitor-" + host + "-" + RUNS.incrementAndGet(), Props.empty());
    try {
      // the subscription is in place once a fence comes back through it
      if (monitored) {
        exec.await(fences.fence(client, recorder));
      } else if (feed != null) {
        exec.await(feed.start(host, history));
      }
      for (String ns : schedule.namespaces()) {
        exec.await(client.netnsAdd(ns));
      }
      for (String fw : schedule.firmware()) {
        exec.await(target.writeFirmware(fw, firmwareContent(fw)));
      }
      Process setupProcess = new Process(host, client, -1, schedule.setup().stream()
          .map(op -> new ConcreteSchedule.Step(0, op)).iterator(), new CompletableFuture<>(), 0);
      exec.execute(setupProcess::next);
      exec.await(setupProcess.finished);
      long t0 = exec.nanos();
      List<CompletableFuture<Void>> all = new ArrayList<>();
      int n = schedule.processes().size();
      for (int p = 0; p < n; p++) {
        CompletableFuture<Void> finished = new CompletableFuture<>();
        all.add(finished);
        Process proc = new Process(host, client, p, schedule.processes().get(p).iterator(), finished, n);
        proc.t0 = t0;
        exec.execute(proc::next);
      }
      for (ConcreteSchedule.NemesisStep s : schedule.nemesis()) {
        exec.schedule(() -> nemesis(host, s), s.atMs());
      }
      ScheduledProgress ticker = new ScheduledProgress(t0);
      exec.await(CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)));
      // heal whatever is still active (every fault has a mandatory heal; a short run may end first)
      CompletableFuture<CompletableFuture<Void>> healed = new CompletableFuture<>();
      exec.execute(() -> {
        List<CompletableFuture<Void>> heals = new ArrayList<>(pendingFaults);
        for (ConcreteSchedule.NemesisStep s : schedule.nemesis()) {
          if ("heal".equals(s.phase()) && !healedSteps.contains(s)) {
            heals.add(nemesis(host, s));
          }
        }
        healed.complete(CompletableFuture.allOf(heals.toArray(CompletableFuture[]::new)));
      });
      exec.await(exec.await(healed));
      if (healFailure != null) {
        throw new IllegalStateException("a member fault could not be healed: " + healFailure, healFailure);
      }
      ticker.stop();
      finalReads(host, client);
      if (monitored) {
        exec.await(fences.fence(client, recorder));
      } else if (feed != null) {
        exec.await(feed.fence());
      }
      history.dump(host, dump(client));
      progress.accept(new Progress(done.get(), schedule.operations(), faultsActive.get(), indeterminate.get(), violations.get(),
          (exec.nanos() - t0) / 1_000_000));
      return history;
    } catch (Exception e) {
      throw new IllegalStateException("chaos run failed: " + e, e);
    } finally {
      if (monitored) {
        client.unsubscribe(recorder);
      } else if (feed != null) {
        feed.stop();
      }
      exec.close();
    }
  }

  /** What the run writes to /lib/firmware/NAME before it starts (the checker's model writes the same). */
  public static String firmwareContent(String name) {
    return "chaos firmware " + name;
  }

  private final java.util.Set<ConcreteSchedule.NemesisStep> healedSteps = new java.util.HashSet<>();
  private final Map<String, ConcreteSchedule.NemesisStep> started = new HashMap<>();

  /** Member faults begun or being healed, not yet complete (the run's end waits for them). */
  private final List<CompletableFuture<Void>> pendingFaults = new ArrayList<>();

  /** Runs on the loop; the stage completes when the step is done (member faults take a while). */
  private CompletableFuture<Void> nemesis(String host, ConcreteSchedule.NemesisStep s) {
    if (dev.fabric.chaos.check.Checks.RESTARTING_FAULTS.contains(s.fault())) {
      return memberFault(host, s);
    }
    slowHardware(host, s);
    return CompletableFuture.completedFuture(null);
  }

  /**
   * A member fault: the start is recorded before it begins (requests from then on may be cut off);
   * the heal is recorded once the target says the hosts answer again, so the fault window covers
   * the whole time a host was away. Start and heal run one after another per fault.
   */
  private CompletableFuture<Void> memberFault(String host, ConcreteSchedule.NemesisStep s) {
    String id = s.fault() + s.targets();
    CompletableFuture<Void> done = new CompletableFuture<>();
    if ("start".equals(s.phase())) {
      if (started.containsKey(id)) {
        return CompletableFuture.completedFuture(null);
      }
      started.put(id, s);
      faultsActive.incrementAndGet();
      history.nemesis(host, s.fault(), "start", s.targets());
      CompletableFuture<Void> begun = target.memberFault(s.fault(), "start").toCompletableFuture();
      memberFaults.put(id, begun);
      pendingFaults.add(begun);
      begun.whenCompleteAsync((v, e) -> done.complete(null), exec);
      return done;
    }
    healedSteps.add(s);
    if (started.remove(id) == null) {
      return CompletableFuture.completedFuture(null);
    }
    CompletableFuture<Void> begun = memberFaults.remove(id);
    pendingFaults.add(done); // the run's end waits for the heal to complete
    // heal after the start completed (a kill in progress is not healed half-way)
    begun.handle((v, e) -> null).thenComposeAsync(x -> target.memberFault(s.fault(), "heal"), exec)
        .whenCompleteAsync((v, e) -> {
          faultsActive.decrementAndGet();
          history.nemesis(host, s.fault(), "heal", s.targets());
          if (e != null && healFailure == null) {
            healFailure = e; // the run fails loudly: a fault that was never healed proves nothing
          }
          done.complete(null);
        }, exec);
    return done;
  }

  private final Map<String, CompletableFuture<Void>> memberFaults = new HashMap<>();
  private volatile Throwable healFailure;

  private void slowHardware(String host, ConcreteSchedule.NemesisStep s) {
    String id = s.fault() + s.targets();
    if ("start".equals(s.phase())) {
      if (started.containsKey(id)) {
        return;
      }
      started.put(id, s);
      faultsActive.incrementAndGet();
      history.nemesis(host, s.fault(), "start", s.targets());
      LatencyProfile slow = new LatencyProfile(Duration.ofMillis(s.reinitMs()), Duration.ofMillis(s.chunkMs()));
      s.targets().forEach(t -> target.setLatency(host, t, slow));
    } else {
      healedSteps.add(s);
      if (started.remove(id) == null) {
        return;
      }
      LatencyProfile normal = Schedule.latencyProfile(schedule.latency());
      s.targets().forEach(t -> target.setLatency(host, t, normal));
      faultsActive.decrementAndGet();
      history.nemesis(host, s.fault(), "heal", s.targets());
    }
  }

  /** One client process: a closed loop over its steps. All methods run on the runner's thread. */
  private final class Process {
    final String host;
    final DevlinkClient client;
    final Iterator<ConcreteSchedule.Step> steps;
    final CompletableFuture<Void> finished;
    final int stride;
    int id;
    long t0 = exec.nanos();

    Process(String host, DevlinkClient client, int id, Iterator<ConcreteSchedule.Step> steps,
        CompletableFuture<Void> finished, int stride) {
      this.host = host;
      this.client = client;
      this.id = id;
      this.steps = steps;
      this.finished = finished;
      this.stride = stride;
    }

    void next() {
      if (!steps.hasNext()) {
        finished.complete(null);
        return;
      }
      ConcreteSchedule.Step step = steps.next();
      long wait = step.atMs() - (exec.nanos() - t0) / 1_000_000;
      if (wait > 0) {
        exec.schedule(() -> invoke(step.op()), wait);
      } else {
        invoke(step.op());
      }
    }

    void invoke(ChaosOp op) {
      int pid = id;
      boolean faultAtInvoke = faultsActive.get() > 0;
      history.invoke(host, pid, op);
      boolean[] over = new boolean[1];
      var deadline = exec.schedule(() -> {
        if (!over[0]) {
          over[0] = true;
          history.complete(host, pid, op, HistoryEvent.Type.INFO, null,
              new HistoryEvent.Error("TIMEOUT", "no answer within " + schedule.opDeadlineMs() + " ms"));
          indeterminate.incrementAndGet();
          if (!faultAtInvoke && faultsActive.get() == 0) {
            violations.incrementAndGet();
          }
          done.incrementAndGet();
          // retired: its remaining operations continue as a new process
          id = id < 0 ? id - 1_000 : id + Math.max(1, stride);
          next();
        }
      }, schedule.opDeadlineMs());
      CompletionStage<?> reply;
      try {
        reply = op instanceof ChaosOp.DevList ? client.list(null) : FabricOps.send(client, op);
      } catch (RuntimeException e) {
        reply = CompletableFuture.failedFuture(e);
      }
      reply.whenCompleteAsync((r, e) -> {
        if (over[0]) {
          return; // answered after its deadline: the history already says info
        }
        over[0] = true;
        deadline.cancel();
        try {
          if (e != null) {
            history.complete(host, pid, op, HistoryEvent.Type.INFO, null, new HistoryEvent.Error("CLIENT", e.toString()));
            indeterminate.incrementAndGet();
            violations.incrementAndGet();
            id = id < 0 ? id - 1_000 : id + Math.max(1, stride);
          } else if (r instanceof List<?> handles) {
            history.complete(host, pid, op, HistoryEvent.Type.OK, Json.JSON.valueToTree(
                handles.stream().map(String::valueOf).toList()), null);
          } else if (r instanceof Reply.Ok<?> ok) {
            history.complete(host, pid, op, HistoryEvent.Type.OK, FabricOps.value(ok), null);
          } else {
            history.complete(host, pid, op, HistoryEvent.Type.FAIL, null, FabricOps.error((Reply.Err<?>) r));
          }
        } catch (RuntimeException recording) {
          // the answer could not be recorded (a value the recorder cannot write): the history
          // says so, and liveness reports it, instead of the process stopping silently
          history.complete(host, pid, op, HistoryEvent.Type.INFO, null,
              new HistoryEvent.Error("CLIENT", "unrecordable answer: " + recording));
          indeterminate.incrementAndGet();
          violations.incrementAndGet();
        }
        done.incrementAndGet();
        next();
      }, exec);
    }
  }

  /** Reports progress every 200 ms (of the loop's time) until stopped. */
  private final class ScheduledProgress {
    final long t0;
    volatile boolean stopped;
    RunLoop.Cancel next;

    ScheduledProgress(long t0) {
      this.t0 = t0;
      tick();
    }

    private void tick() {
      if (stopped) {
        return;
      }
      progress.accept(new Progress(done.get(), schedule.operations(), faultsActive.get(), indeterminate.get(), violations.get(),
          (exec.nanos() - t0) / 1_000_000));
      next = exec.schedule(this::tick, 200);
    }

    void stop() {
      stopped = true;
      if (next != null) {
        next.cancel();
      }
    }
  }

  /** After every process ended: one port dump, dev get and info of every id, in sequence. */
  private void finalReads(String host, DevlinkClient client) throws Exception {
    TreeMap<Integer, Boolean> ids = new TreeMap<>();
    schedule.setup().forEach(op -> ids.put(op.id(), true));
    schedule.processes().forEach(p -> p.forEach(s -> ids.put(s.op().id(), true)));
    List<ConcreteSchedule.Step> reads = new ArrayList<>();
    for (int id : ids.keySet()) {
      reads.add(new ConcreteSchedule.Step(0, new ChaosOp.DevGet(id)));
      reads.add(new ConcreteSchedule.Step(0, new ChaosOp.PortDump(id)));
      reads.add(new ConcreteSchedule.Step(0, new ChaosOp.DevInfo(id)));
    }
    CompletableFuture<Void> finished = new CompletableFuture<>();
    Process reader = new Process(host, client, 100_000, reads.iterator(), finished, 1);
    exec.execute(reader::next);
    exec.await(finished);
  }

  /** The host's instances with their ports and info, for the monitor and no-loss checkers. */
  private Map<String, HistoryEvent.DumpedInstance> dump(DevlinkClient client) throws Exception {
    Map<String, HistoryEvent.DumpedInstance> out = new LinkedHashMap<>();
    for (DevHandle h : exec.await(client.list(null))) {
      Reply<PortOp.PortList> ports = exec.await(client.request(null, h, new PortOp.Dump()));
      Reply<?> info = exec.await(client.request(null, h, new DevOp.InfoGet()));
      if (!(ports instanceof Reply.Ok<PortOp.PortList> p) || !(info instanceof Reply.Ok<?> i)) {
        continue; // gone in between (cannot happen once every process ended)
      }
      Map<Long, JsonNode> byIndex = new TreeMap<>();
      for (PortState ps : p.value().ports()) {
        byIndex.put(ps.index(), Json.JSON.valueToTree(ps));
      }
      out.put(h.toString(), new HistoryEvent.DumpedInstance(byIndex, FabricOps.value(i)));
    }
    return out;
  }
}
