package dev.fabric.devlink.fuzz;

import dev.fabric.devlink.model.Caller;

import dev.fabric.devices.LatencyProfile;
import dev.fabric.devlink.actor.Instance;
import dev.fabric.devlink.actor.MonitorHub;
import dev.fabric.devlink.actor.NetStack;
import dev.fabric.devlink.actor.Registry;
import dev.fabric.devlink.model.DevHandle;
import dev.fabric.devlink.model.DevOp;
import dev.fabric.devlink.model.Notification;
import dev.fabric.devlink.model.PortOp;
import dev.fabric.devlink.model.PortState;
import dev.fabric.devlink.model.Reply;
import dev.fabric.devlink.model.ReplyTypes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.DeadLetter;
import org.apache.pekko.actor.Dropped;
import org.apache.pekko.actor.UnhandledMessage;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.eventstream.EventStream;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.japi.function.Function;

/**
 * Runs one fuzz sequence against a fresh host (registry, net stack, monitor hub) in the given
 * actor system, through the real request path, every request an ask of its own sent without
 * waiting, then checks:
 * <ol>
 *   <li>every request got exactly one reply (a missing one never completes its ask; a second one
 *       reaches the completed ask and is published as a dead letter),</li>
 *   <li>no dead letter at all (counted from the event stream),</li>
 *   <li>no exception escaped an actor and no model step threw (registry counters),</li>
 *   <li>the final state is consistent: each instance's port dump (the model) agrees with its port
 *       actors; replaying the monitor stream from the start gives exactly the final dumps, device
 *       by device and port by port, in the right namespaces (and no event of a port before its
 *       device or after its device's DEL); the net stack holds exactly the netdev names bound to
 *       ports,</li>
 *   <li>after deleting everything, nothing is left: no instance actor, bus id, waiting bus write,
 *       netdev name, subscriber, and the replayed stream ends empty.</li>
 * </ol>
 */
final class FuzzRun {
  /** Namespaces the generator uses; dumps look in all of them. */
  private static final List<String> NAMESPACES = List.of("init", "ns1", "ns2");
  private static final Duration ASK = Duration.ofMinutes(10);
  private static final Duration CHECK = Duration.ofSeconds(60);

  private final ActorTestKit kit;
  private final Instance.Faults faults;
  private final Duration idle;

  FuzzRun(ActorTestKit kit, Instance.Faults faults, Duration idle) {
    this.kit = kit;
    this.faults = faults;
    this.idle = idle;
  }

  private Map<String, Integer> answers = Map.of();

  /** The devlink answers of the last run by errno ("OK" for success): what the requests reached. */
  Map<String, Integer> lastAnswers() {
    return answers;
  }

  /** Null when the sequence passes every check; else what failed. */
  String run(List<FuzzAction> actions) {
    TestProbe<Object> dead = kit.createTestProbe();
    // Lost messages of every kind: dead letters, unhandled messages, dropped ones.
    kit.system().eventStream().tell(new EventStream.Subscribe<>(DeadLetter.class, dead.getRef().narrow()));
    kit.system().eventStream().tell(new EventStream.Subscribe<>(UnhandledMessage.class, dead.getRef().narrow()));
    kit.system().eventStream().tell(new EventStream.Subscribe<>(Dropped.class, dead.getRef().narrow()));
    ActorRef<NetStack.Command> netStack = kit.spawn(NetStack.create());
    ActorRef<MonitorHub.Command> hub = kit.spawn(MonitorHub.create());
    ActorRef<Registry.Command> registry = kit.spawn(Registry.create(netStack, hub, LatencyProfile.INSTANT, faults));
    ActorRef<Object> recorder = kit.spawn(Recorder.create(hub));
    hub.tell(new MonitorHub.Subscribe(java.util.Optional.empty(), recorder.narrow())); // before any request: no event missed
    List<ActorRef<Object>> churners = new ArrayList<>();
    String failure = "interrupted";
    try {
      failure = exercise(actions, registry, hub, churners);
      if (failure == null) {
        failure = checkFinal(registry, netStack, hub, recorder, dead);
      }
      if (failure == null) {
        failure = tearDownAndCheck(registry, netStack, hub, recorder, churners, dead);
      }
      return failure;
    } catch (RuntimeException e) {
      failure = "check failed: " + e;
      return failure;
    } finally {
      // After a passing run everything is gone already; after a failing one, stop what is left
      // and let stragglers settle before the next run counts dead letters.
      kit.stop(hub);
      churners.forEach(kit::stop);
      kit.stop(recorder);
      kit.stop(registry);
      kit.stop(netStack);
      kit.system().eventStream().tell(new EventStream.Unsubscribe<>(dead.getRef()));
      dead.stop();
      if (failure != null) {
        pause(200);
      }
    }
  }

  // ---------------------------------------------------------------- sending

  private record Sent(int action, CompletableFuture<?> reply) {}

  private String exercise(List<FuzzAction> actions, ActorRef<Registry.Command> registry,
      ActorRef<MonitorHub.Command> hub, List<ActorRef<Object>> churners) throws RuntimeException {
    List<Sent> sent = new ArrayList<>();
    // Waves: the leading set-up (devices, namespaces) first, then WAVE actions at a time, all of a
    // wave in flight together (bursts included), the next wave once the previous one is answered.
    // (Sending everything at once let most requests reach devices still probing: ENODEV.)
    int setup = setupLength(actions);
    int waveEnd = Math.max(1, setup);
    int waveStart = 0;
    for (int i = 0; i < actions.size(); i++) {
      FuzzAction a = actions.get(i);
      int at = i;
      if (a instanceof FuzzAction.Request r) {
        sent.add(new Sent(at, askFuture(registry,
            (ActorRef<Reply<?>> to) -> new Registry.Route(Caller.of(r.netns()), DevHandle.netdevsim(r.id()), r.op(), to))));
      } else if (a instanceof FuzzAction.Burst b) {
        for (int k = 0; k < b.count(); k++) {
          sent.add(new Sent(at, askFuture(registry,
              (ActorRef<Reply<?>> to) -> new Registry.Route(Caller.of(b.netns()), DevHandle.netdevsim(b.id()), b.op(), to))));
        }
      } else if (a instanceof FuzzAction.NewDevice n) {
        sent.add(new Sent(at, askFuture(registry,
            (ActorRef<Reply<?>> to) -> new Registry.NewDevice(n.text(), n.netns(), to))));
      } else if (a instanceof FuzzAction.DelDevice d) {
        sent.add(new Sent(at, askFuture(registry, (ActorRef<Reply<?>> to) -> new Registry.DelDevice(d.text(), to))));
      } else if (a instanceof FuzzAction.Recreate c) {
        sent.add(new Sent(at, askFuture(registry,
            (ActorRef<Reply<?>> to) -> new Registry.DelDevice(Integer.toString(c.id()), to))));
        sent.add(new Sent(at, askFuture(registry,
            (ActorRef<Reply<?>> to) -> new Registry.NewDevice(c.text(), "init", to))));
      } else if (a instanceof FuzzAction.NetnsAdd n) {
        sent.add(new Sent(at, askFuture(registry, (ActorRef<Reply<?>> to) -> new Registry.NetnsAdd(n.name(), to))));
      } else if (a instanceof FuzzAction.NetnsDel n) {
        sent.add(new Sent(at, askFuture(registry, (ActorRef<Reply<?>> to) -> new Registry.NetnsDel(n.name(), to))));
      } else if (a instanceof FuzzAction.Latency l) {
        sent.add(new Sent(at, askFuture(registry,
            (ActorRef<Reply<?>> to) -> new Registry.DeviceLatency(l.id(), l.latency(), to))));
      } else if (a instanceof FuzzAction.SubscriberChurn s) {
        churners.add(kit.spawn(ChurningSubscriber.create(hub, s.twice(), 50)));
      }
      if (i + 1 == waveEnd || i + 1 == actions.size()) {
        String stuck = awaitReplies(actions, sent, waveStart);
        if (stuck != null) {
          return stuck;
        }
        waveStart = sent.size();
        waveEnd = i + 1 + WAVE;
      }
    }
    answers = new TreeMap<>();
    for (Sent s : sent) {
      if (s.reply().getNow(null) instanceof Reply r) {
        answers.merge(r instanceof Reply.Err e ? e.errno().name() : "OK", 1, Integer::sum);
      }
    }
    for (Sent s : sent) {
      if (s.reply().isCompletedExceptionally()) {
        return "request #" + s.action() + " failed: " + actions.get(s.action());
      }
    }
    return null;
  }

  /** How many leading actions are set-up (new_device, netns add): the first wave. */
  static int setupLength(List<FuzzAction> actions) {
    int setup = 0;
    while (setup < actions.size() && (actions.get(setup) instanceof FuzzAction.NewDevice
        || actions.get(setup) instanceof FuzzAction.NetnsAdd)) {
      setup++;
    }
    return setup;
  }

  /** Actions sent together before waiting for their replies. */
  static final int WAVE = 48;

  /** Waits while replies keep coming; stuck when none came for `idle`. */
  private String awaitReplies(List<FuzzAction> actions, List<Sent> sent, int from) {
    List<Sent> wave = sent.subList(from, sent.size());
    CompletableFuture<Void> all = CompletableFuture.allOf(wave.stream().map(Sent::reply).toArray(CompletableFuture[]::new));
    long lastDone = -1;
    while (true) {
      try {
        all.get(idle.toMillis(), TimeUnit.MILLISECONDS);
        return null;
      } catch (java.util.concurrent.TimeoutException e) {
        long done = wave.stream().filter(s -> s.reply().isDone()).count();
        if (done == lastDone) {
          List<String> missing = new ArrayList<>();
          wave.stream().filter(s -> !s.reply().isDone()).limit(5)
              .forEach(s -> missing.add("#" + s.action() + " " + actions.get(s.action())));
          return (wave.size() - done) + " of " + sent.size() + " requests never answered, e.g. " + missing;
        }
        lastDone = done;
      } catch (java.util.concurrent.ExecutionException e) {
        return null; // a failed ask is reported with its request below
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return "interrupted";
      }
    }
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis); // the test thread polls; no actor waits
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private <T> CompletableFuture<T> askFuture(ActorRef<Registry.Command> registry,
      Function<ActorRef<T>, Registry.Command> msg) {
    return AskPattern.ask(registry, msg, ASK, kit.system().scheduler()).toCompletableFuture();
  }

  private <T> T ask(ActorRef<Registry.Command> registry, Function<ActorRef<T>, Registry.Command> msg) {
    try {
      return this.<T>askFuture(registry, msg).get(CHECK.toSeconds(), TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("no answer to a check", e);
    }
  }

  // ---------------------------------------------------------------- checks

  private record DevView(String netns, Map<Long, PortState> ports) {}

  private String checkFinal(ActorRef<Registry.Command> registry, ActorRef<NetStack.Command> netStack,
      ActorRef<MonitorHub.Command> hub, ActorRef<Object> recorder, TestProbe<Object> dead) {
    quiesce(registry);
    Registry.Stats stats = ask(registry, Registry.GetStats::new);
    if (stats.modelFaults() != 0 || stats.unexpectedStops() != 0 || stats.waitingBusWrites() != 0) {
      return "registry after the run: " + stats;
    }
    String deadLetters = deadLetters(dead);
    if (deadLetters != null) {
      return deadLetters;
    }
    Map<DevHandle, DevView> dumped = new TreeMap<>(java.util.Comparator.comparing(DevHandle::toString));
    for (String ns : NAMESPACES) {
      List<DevHandle> handles = ask(registry, (ActorRef<Registry.Instances> to) -> new Registry.ListInstances(ns, to))
          .handles();
      for (DevHandle h : handles) {
        PortOp.Dump dump = new PortOp.Dump();
        Reply<PortOp.PortList> r = ReplyTypes.typed(dump,
            ask(registry, (ActorRef<Reply<?>> to) -> new Registry.Route(Caller.of(ns), h, dump, to)));
        if (!(r instanceof Reply.Ok<PortOp.PortList> ok)) {
          return "port dump of " + h + " in " + ns + ": " + r;
        }
        Map<Long, PortState> ports = new LinkedHashMap<>();
        for (PortState p : ok.value().ports()) {
          ports.put(p.index(), p);
          Reply one = ask(registry, (ActorRef<Reply<?>> to) -> new Registry.Route(Caller.of(ns), h, new PortOp.Get(p.index()), to));
          if (!(one instanceof Reply.Ok g) || !p.equals(g.value())) {
            return "port actor of " + p.handle() + " answers " + one + ", the model dumps " + p;
          }
        }
        if (dumped.put(h, new DevView(ns, ports)) != null) {
          return h + " is listed in two namespaces";
        }
      }
    }
    List<DevHandle> all = ask(registry, (ActorRef<Registry.Instances> to) -> new Registry.ListInstances(null, to))
        .handles();
    if (!new TreeSet<>(all.stream().map(DevHandle::toString).toList())
        .equals(new TreeSet<>(dumped.keySet().stream().map(DevHandle::toString).toList()))) {
      return "devices in no known namespace: listed " + all + ", dumped " + dumped.keySet();
    }
    String replay = compareReplay(recorder, hub, dumped);
    if (replay != null) {
      return replay;
    }
    List<String> boundNames = new ArrayList<>();
    for (DevView v : dumped.values()) {
      for (PortState p : v.ports().values()) {
        if (p.netdev() != null) {
          boundNames.add(p.netdev());
        }
      }
    }
    boundNames.sort(null);
    // A port's netdev may live in another namespace than its device (created before a reload
    // into another namespace that left the port: reload_failed), so names are compared as one
    // multiset over all namespaces: a leaked or doubly given name changes it.
    Map<String, Set<String>> taken = askNetStack(netStack);
    if (!boundNames.equals(allNames(taken))) {
      return "netdev names taken " + taken + " but bound to ports " + boundNames;
    }
    return null;
  }

  private static List<String> allNames(Map<String, Set<String>> byNetns) {
    List<String> all = new ArrayList<>();
    byNetns.values().forEach(all::addAll);
    all.sort(null);
    return all;
  }

  /** Driver-side gets queue behind whatever each instance still runs (a reload from a netns deletion). */
  private void quiesce(ActorRef<Registry.Command> registry) {
    for (int round = 0; round < 3; round++) {
      List<Integer> ids = ask(registry, Registry.ListDeviceIds::new).ids();
      List<CompletableFuture<Reply<?>>> barrier = new ArrayList<>();
      for (int id : ids) {
        barrier.add(askFuture(registry,
            (ActorRef<Reply<?>> to) -> new Registry.Route(Caller.of(null), DevHandle.netdevsim(id), new DevOp.Get(), to)));
      }
      barrier.forEach(f -> f.orTimeout(CHECK.toSeconds(), TimeUnit.SECONDS).join());
    }
  }

  private String deadLetters(TestProbe<Object> dead) {
    try {
      Object d = dead.receiveMessage(Duration.ofMillis(50));
      return "lost message: " + d;
    } catch (AssertionError none) {
      return null;
    }
  }

  private Map<String, Set<String>> askNetStack(ActorRef<NetStack.Command> netStack) {
    try {
      return AskPattern.<NetStack.Command, NetStack.Taken>ask(netStack, NetStack.GetTaken::new, ASK,
          kit.system().scheduler()).toCompletableFuture().get(CHECK.toSeconds(), TimeUnit.SECONDS).byNetns();
    } catch (Exception e) {
      throw new IllegalStateException("net stack did not answer", e);
    }
  }

  private long collects;

  private Recorder.Recorded recorded(ActorRef<Object> recorder, ActorRef<MonitorHub.Command> hub) {
    TestProbe<Recorder.Recorded> p = kit.createTestProbe();
    long fence = ++collects;
    recorder.tell(new Recorder.Collect(fence, p.getRef()));
    hub.tell(new MonitorHub.Fence(recorder.narrow(), fence));
    return p.receiveMessage(CHECK);
  }

  /** Replays the monitor stream from the start and compares the result with {@code dumped}. */
  private String compareReplay(ActorRef<Object> recorder, ActorRef<MonitorHub.Command> hub,
      Map<DevHandle, DevView> dumped) {
    // Devices and their ports are replayed separately, because 6.1 announces them separately
    // around a reload that changes namespace (devlink_reload): the instance's DEL goes out
    // (devlink_ns_change_notify) before reload_down's port DELs and even when reload_down then
    // refuses (dont_allow_reload) or reload_up fails, and reload_up's port NEWs go out before the
    // instance's NEW in the new namespace. A device announced gone whose life goes on is a "ghost"
    // (present in dumps, absent from the stream) until its next NEW or its final DEL: that is the
    // one relaxation of "replaying the stream gives the dumps"; ports are compared exactly.
    Map<DevHandle, String> announced = new HashMap<>();
    Set<DevHandle> ghosts = new HashSet<>();
    Map<DevHandle, Map<Long, PortState>> ports = new HashMap<>();
    Recorder.Recorded recorded = recorded(recorder, hub);
    if (recorded.overrun() > 0) {
      return "the recorder was overrun: " + recorded.overrun() + " dropped";
    }
    List<Notification> notes = recorded.notes();
    for (int i = 0; i < notes.size(); i++) {
      Notification n = notes.get(i);
      String where = "event #" + i + " " + n.kind() + " " + n.cmd() + " " + n.dev() + " (" + n.netns() + ")";
      if (n.kind() == Notification.Kind.DEV && n.cmd() == Notification.Cmd.NEW) {
        String was = announced.get(n.dev());
        if (was != null && !was.equals(n.netns())) {
          return where + ": device NEW in another namespace than " + was + " without a DEL";
        }
        announced.put(n.dev(), n.netns());
        ghosts.remove(n.dev());
      } else if (n.kind() == Notification.Kind.DEV && n.cmd() == Notification.Cmd.DEL) {
        // Gone, or a ghost until its next NEW: the dumps tell. A ghost may be announced gone
        // again (each refused or failed namespace move, a dying namespace's reload, del_device).
        if (announced.remove(n.dev()) != null) {
          ghosts.add(n.dev());
        } else if (!ghosts.contains(n.dev())) {
          return where + ": DEL of a device not announced";
        }
      } else if (n.kind() == Notification.Kind.PORT) {
        PortState p = (PortState) n.payload();
        if (!announced.containsKey(n.dev()) && !ghosts.contains(n.dev()) && n.cmd() != Notification.Cmd.NEW) {
          return where + ": port event of a device never announced (two lives interleaved?)";
        }
        Map<Long, PortState> of = ports.computeIfAbsent(n.dev(), k -> new TreeMap<>());
        if (n.cmd() == Notification.Cmd.NEW) {
          of.put(p.index(), p);
        } else if (of.remove(p.index()) == null) {
          return where + ": DEL of port " + p.index() + " not announced";
        }
      }
    }
    for (Map.Entry<DevHandle, DevView> e : dumped.entrySet()) {
      String ns = announced.remove(e.getKey());
      if (ns == null && !ghosts.contains(e.getKey())) {
        return "device " + e.getKey() + " exists but the replayed monitor stream says it does not";
      }
      if (ns != null && !ns.equals(e.getValue().netns())) {
        return "device " + e.getKey() + " is in " + e.getValue().netns() + ", the stream says " + ns;
      }
      Map<Long, PortState> replayedPorts = ports.getOrDefault(e.getKey(), Map.of());
      if (!new TreeMap<>(replayedPorts).equals(new TreeMap<>(e.getValue().ports()))) {
        return "ports of " + e.getKey() + ": dumped " + e.getValue().ports().values() + ", replayed "
            + replayedPorts.values();
      }
      ports.remove(e.getKey());
    }
    if (!announced.isEmpty()) {
      return "the replayed stream has devices that do not exist: " + announced.keySet();
    }
    ports.values().removeIf(Map::isEmpty);
    if (!ports.isEmpty()) {
      return "the replayed stream has ports of devices that do not exist: " + ports.keySet();
    }
    return null;
  }

  private String tearDownAndCheck(ActorRef<Registry.Command> registry, ActorRef<NetStack.Command> netStack,
      ActorRef<MonitorHub.Command> hub, ActorRef<Object> recorder, List<ActorRef<Object>> churners,
      TestProbe<Object> dead) {
    for (int id : ask(registry, Registry.ListDeviceIds::new).ids()) {
      Reply r = ask(registry, (ActorRef<Reply<?>> to) -> new Registry.DelDevice(Integer.toString(id), to));
      if (!r.isOk()) {
        return "del_device " + id + " at teardown: " + r;
      }
    }
    for (String ns : NAMESPACES.subList(1, NAMESPACES.size())) {
      ask(registry, (ActorRef<Reply<?>> to) -> new Registry.NetnsDel(ns, to));
    }
    TestProbe<Object> watcher = kit.createTestProbe();
    for (ActorRef<Object> c : churners) {
      c.tell(ChurningSubscriber.LEAVE_NOW);
    }
    for (ActorRef<Object> c : churners) {
      watcher.expectTerminated(c, CHECK);
    }
    churners.clear();
    Registry.Stats stats = ask(registry, Registry.GetStats::new);
    if (!stats.equals(new Registry.Stats(0, 0, 0, 0, 0, 0))) {
      return "left behind after deleting every device: " + stats;
    }
    Map<String, Set<String>> taken = askNetStack(netStack);
    if (!taken.isEmpty()) {
      return "netdev names leaked: " + taken;
    }
    TestProbe<MonitorHub.Stats> hs = kit.createTestProbe();
    hub.tell(new MonitorHub.GetStats(hs.getRef()));
    int subs = hs.receiveMessage(CHECK).subscribers();
    if (subs != 1) {
      return subs + " subscribers held, only the recorder is left";
    }
    String replay = compareReplay(recorder, hub, Map.of());
    if (replay != null) {
      return "after teardown: " + replay;
    }
    String deadLetters = deadLetters(dead);
    return deadLetters == null ? null : "at teardown: " + deadLetters;
  }

  static int requests(List<FuzzAction> actions) {
    return actions.stream().mapToInt(FuzzAction::requests).sum();
  }

  static String describe(List<FuzzAction> actions) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < actions.size(); i++) {
      sb.append(String.format("  %3d  %s%n", i, Objects.toString(actions.get(i))));
    }
    return sb.toString();
  }
}
