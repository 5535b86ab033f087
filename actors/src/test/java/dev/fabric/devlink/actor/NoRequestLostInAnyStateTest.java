package dev.fabric.devlink.actor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.typesafe.config.ConfigFactory;
import dev.fabric.devices.HardwareClock;
import dev.fabric.devices.LatencyProfile;
import dev.fabric.devlink.model.Caller;
import dev.fabric.devlink.model.DevHandle;
import dev.fabric.devlink.model.DevOp;
import dev.fabric.devlink.model.DriverOp;
import dev.fabric.devlink.model.Errno;
import dev.fabric.devlink.model.NsimDevlink;
import dev.fabric.devlink.model.PortOp;
import dev.fabric.devlink.model.PortState;
import dev.fabric.devlink.model.Reply;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.pekko.actor.DeadLetter;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes;
import org.apache.pekko.actor.testkit.typed.javadsl.ManualTime;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.eventstream.EventStream;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every message type of Host, Registry, Instance and Port, in every state of its actor (and with
 * the instance's request queue full): each request is answered exactly once (issue 11 point 6).
 *
 * <p>The message types are enumerated by reflection over each protocol's sealed permits: a new
 * type without a case here fails {@link #everyMessageTypeHasACase()}, and a request (an
 * {@link Answerable}) cannot be waved through as "not a request". States are held without
 * sleeping: netdev allocation waits on a net stack the test controls, flash chunks on Pekko's
 * ManualTime (the hardware clock is the scheduler). The queue bound is set to {@value #QUEUE}.
 * {@link #aStateThatForgetsARefusalIsCaught()} plants a lost refusal and sees this test catch it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NoRequestLostInAnyStateTest {
  private static final int QUEUE = 4;
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final Duration CHUNK = Duration.ofSeconds(1);
  /** Flash chunks take a second of (manual) time: a flash holds the instance until time passes. */
  private static final LatencyProfile SLOW_FLASH = new LatencyProfile(Duration.ZERO, CHUNK);

  // ManualTime's scheduler never fires the dispatchers' delayed shutdown after the system
  // terminates: daemon threads, so that nothing of this system outlives the test JVM's exit.
  private final ActorTestKit kit = ActorTestKit.create(ConfigFactory.parseString(
          "fabric.limits.max-queued-requests = " + QUEUE + "\n" + HardwareClock.CONFIG_KEY + " = scheduler\n"
              + "pekko.daemonic = on")
      .withFallback(ManualTime.config()).withFallback(ConfigFactory.load()));
  private final ManualTime time = ManualTime.get(kit.system());
  private int seq;

  @AfterAll
  void shutdown() {
    kit.shutdownTestKit();
  }

  // ---------------------------------------------------------------- cases per message type

  /** How the test sends a message type, or why it is not a request. */
  private sealed interface Case {}

  /** One request per variant; each variant builds the message around the reply address given. */
  private record Ask(List<Function<ActorRef<Object>, Object>> variants) implements Case {
    @SafeVarargs
    static Ask of(Function<ActorRef<Object>, Object>... variants) {
      return new Ask(List.of(variants));
    }
  }

  private record NotARequest(String why) implements Case {}

  private static final String INTERNAL = "internal: sent by the actor's own steps, its children or its hardware";

  private Map<String, Case> instanceCases(LatencyProfile latency) {
    Map<String, Case> c = new LinkedHashMap<>();
    c.put("Request", Ask.of(
        r -> new Instance.Request(Caller.of("init"), new DevOp.Get(), reply(r)),
        r -> new Instance.Request(Caller.DRIVER, new PortOp.Get(0), reply(r)),
        r -> new Instance.Request(Caller.DRIVER, new DriverOp.DebugfsRead("fail_reload"), reply(r))));
    c.put("SetLatency", Ask.of(r -> new Instance.SetLatency(latency, reply(r))));
    c.put("Unregister", new NotARequest("sent once by the registry after it stopped routing; never refused"));
    for (String internal : List.of("NetdevsReady", "PortsQuiesced", "QuiesceAck", "HardwareReady", "FlashStep",
        "Drained", "PortRetired", "HardwareStopped")) {
      c.put(internal, new NotARequest(INTERNAL));
    }
    return c;
  }

  private Map<String, Case> portCases() {
    Map<String, Case> c = new LinkedHashMap<>();
    c.put("Request", Ask.of(r -> new Port.Request(new PortOp.Get(0), reply(r))));
    c.put("Quiesce", Ask.of(r -> new Port.Quiesce(cast(r))));
    c.put("Update", new NotARequest("state pushed by the instance"));
    c.put("Retire", new NotARequest("sent by the instance after everything routed to the port"));
    return c;
  }

  /** Registry requests about bus id 1 (a device the scenario holds in some phase). */
  private Map<String, Case> registryCases(LatencyProfile latency) {
    String ns = "ns" + (++seq);
    DevHandle dev = DevHandle.netdevsim(1);
    Map<String, Case> c = new LinkedHashMap<>();
    c.put("Route", Ask.of(
        r -> new Registry.Route(Caller.of("init"), dev, new DevOp.Get(), reply(r)),
        r -> new Registry.Route(Caller.DRIVER, dev, new DriverOp.DebugfsRead("fail_reload"), reply(r))));
    c.put("ListInstances", Ask.of(r -> new Registry.ListInstances(null, cast(r))));
    c.put("ListDeviceIds", Ask.of(r -> new Registry.ListDeviceIds(cast(r))));
    c.put("NetnsAdd", Ask.of(r -> new Registry.NetnsAdd(ns, reply(r))));
    c.put("NetnsDel", Ask.of(r -> new Registry.NetnsDel(ns, reply(r))));
    c.put("NetnsList", Ask.of(r -> new Registry.NetnsList(cast(r))));
    c.put("SetLatency", Ask.of(r -> new Registry.SetLatency(latency, reply(r))));
    c.put("FirmwareWrite", Ask.of(r -> new Registry.FirmwareWrite("x.bin", "x", reply(r))));
    c.put("FirmwareList", Ask.of(r -> new Registry.FirmwareList(cast(r))));
    c.put("DeviceLatency", Ask.of(r -> new Registry.DeviceLatency(1, latency, reply(r))));
    c.put("GetStats", Ask.of(r -> new Registry.GetStats(cast(r))));
    c.put("GetInventory", Ask.of(r -> new Registry.GetInventory(cast(r))));
    // the netdevsim bus, and a bus no driver serves (ENOENT)
    c.put("NewDevice", Ask.of(r -> new Registry.NewDevice("1 1", "init", reply(r)),
        r -> new Registry.NewDevice("1", "init", reply(r), "nosuchbus")));
    c.put("DelDevice", Ask.of(r -> new Registry.DelDevice("1", reply(r)), r -> new Registry.DelDevice("1", reply(r), "nosuchbus")));
    c.put("PowerOff", new NotARequest("the host's power cycle: answers and stops the registry (HostPowerCycleTest)"));
    for (String internal : List.of("InstanceRegistered", "NetnsChanged", "ModelFault", "InstanceStopped", "NvmChanged")) {
      c.put(internal, new NotARequest(INTERNAL));
    }
    return c;
  }

  /** Host commands about bus id 1; device 2 is created and deleted again by the cases themselves. */
  private Map<String, Case> hostCases(LatencyProfile latency) {
    String ns = "ns" + (++seq);
    DevHandle dev = DevHandle.netdevsim(1);
    Map<String, Case> c = new LinkedHashMap<>();
    c.put("Route", Ask.of(r -> new Host.Route(Caller.of("init"), dev, new DevOp.Get(), reply(r))));
    c.put("DriverAction", Ask.of(r -> new Host.DriverAction(1, new DriverOp.DebugfsRead("fail_reload"), reply(r))));
    c.put("ListInstances", Ask.of(r -> new Host.ListInstances(null, cast(r))));
    c.put("NewDevice", Ask.of(r -> new Host.NewDevice("2 1", "init", reply(r))));
    c.put("DelDevice", Ask.of(r -> new Host.DelDevice("2", reply(r))));
    c.put("ListDeviceIds", Ask.of(r -> new Host.ListDeviceIds(cast(r))));
    c.put("DeviceLatency", Ask.of(r -> new Host.DeviceLatency(1, latency, reply(r))));
    c.put("DefaultLatency", Ask.of(r -> new Host.DefaultLatency(latency, reply(r))));
    c.put("NetnsAdd", Ask.of(r -> new Host.NetnsAdd(ns, reply(r))));
    c.put("NetnsDel", Ask.of(r -> new Host.NetnsDel(ns, reply(r))));
    c.put("NetnsList", Ask.of(r -> new Host.NetnsList(cast(r))));
    c.put("FirmwareWrite", Ask.of(r -> new Host.FirmwareWrite("x.bin", "x", reply(r))));
    c.put("FirmwareList", Ask.of(r -> new Host.FirmwareList(cast(r))));
    c.put("Links", Ask.of(r -> new Host.Links("init", cast(r))));
    c.put("GetStats", Ask.of(r -> new Host.GetStats(cast(r))));
    c.put("GetInventory", Ask.of(r -> new Host.GetInventory(cast(r))));
    c.put("Fence", Ask.of(r -> new Host.Fence(cast(r), 7)));
    c.put("Subscribe", new NotARequest("fire and forget: the subscriber gets notifications, not a reply"));
    c.put("Unsubscribe", new NotARequest("fire and forget"));
    c.put("Consumed", new NotARequest("fire and forget: an acknowledgement of notifications read"));
    c.put("PowerCycle", new NotARequest("a fault, not a request: requests in flight are lost with the power"));
    c.put("PowerLost", new NotARequest("the host's own continuation of a power cycle"));
    return c;
  }

  @Test
  void everyMessageTypeHasACase() {
    assertCovers(Host.Command.class, hostCases(LatencyProfile.INSTANT));
    assertCovers(Registry.Command.class, registryCases(LatencyProfile.INSTANT));
    assertCovers(Instance.Command.class, instanceCases(LatencyProfile.INSTANT));
    assertCovers(Port.Command.class, portCases());
  }

  private static void assertCovers(Class<?> protocol, Map<String, Case> cases) {
    Set<String> types = Arrays.stream(protocol.getPermittedSubclasses()).map(Class::getSimpleName)
        .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(types, new TreeSet<>(cases.keySet()),
        "every message type of " + protocol.getName() + " needs a case in this test (and no case a type that is gone)");
    for (Class<?> type : protocol.getPermittedSubclasses()) {
      if (Answerable.class.isAssignableFrom(type)) {
        assertInstanceOf(Ask.class, cases.get(type.getSimpleName()), type.getName() + " is a request: the test must send it");
      }
    }
  }

  // ---------------------------------------------------------------- replies, each counted

  private record Tagged(String tag, Object reply) {}

  /** Gives each request its own reply address and checks that each gets exactly one reply. */
  private final class Replies {
    final TestProbe<Tagged> probe = kit.createTestProbe();
    final TestProbe<DeadLetter> dead = kit.createTestProbe();
    final List<String> sent = new ArrayList<>();

    Replies() {
      kit.system().eventStream().tell(new EventStream.Subscribe<>(DeadLetter.class, dead.getRef()));
    }

    ActorRef<Object> to(String tag) {
      String unique = tag + "#" + sent.size();
      sent.add(unique);
      Behavior<Object> forward = Behaviors.receiveMessage(m -> {
        probe.getRef().tell(new Tagged(unique, m));
        return Behaviors.same();
      });
      return kit.spawn(forward);
    }

    /** Sends every request case of {@code cases} to {@code target}. */
    <T> void sendAll(ActorRef<T> target, Map<String, Case> cases) {
      cases.forEach((type, c) -> {
        if (c instanceof Ask ask) {
          for (Function<ActorRef<Object>, Object> v : ask.variants()) {
            target.tell(cast(v.apply(to(type))));
          }
        }
      });
    }

    /** Every request answered, each exactly once (and nothing dead-lettered); the replies by tag. */
    Map<String, Object> expectEachAnsweredOnce(Duration wait) {
      Map<String, Object> got = new HashMap<>();
      for (int i = 0; i < sent.size(); i++) {
        Tagged t;
        try {
          t = probe.receiveMessage(wait);
        } catch (AssertionError e) {
          List<String> missing = new ArrayList<>(sent);
          missing.removeAll(got.keySet());
          throw new AssertionError("no reply to " + missing, e);
        }
        if (got.put(t.tag(), t.reply()) != null) {
          fail("a second reply to " + t.tag() + ": " + t.reply());
        }
      }
      probe.expectNoMessage(Duration.ofMillis(100));
      dead.expectNoMessage(Duration.ofMillis(1));
      kit.system().eventStream().tell(new EventStream.Unsubscribe<>(dead.getRef()));
      return got;
    }
  }

  private static ActorRef<Reply<?>> reply(ActorRef<Object> r) {
    return r.narrow();
  }

  @SuppressWarnings("unchecked")
  private static <T> T cast(Object o) {
    return (T) o;
  }

  // ---------------------------------------------------------------- a net stack the test holds

  private record Hold(boolean on) {}

  /** Answers netdev allocations at once, or queues them while held (the instance waits meanwhile). */
  private Behavior<Object> manualNetStack() {
    ArrayDeque<NetStack.Alloc> held = new ArrayDeque<>();
    boolean[] holding = {false};
    int[] next = {0};
    Function<NetStack.Alloc, Behavior<Object>> answer = a -> {
      List<String> names = new ArrayList<>();
      for (int i = 0; i < a.count(); i++) {
        names.add("eth" + next[0]++);
      }
      a.replyTo().tell(new NetStack.Names(names));
      return Behaviors.same();
    };
    return Behaviors.receiveMessage(m -> {
      if (m instanceof Hold h) {
        holding[0] = h.on();
        while (!h.on() && !held.isEmpty()) {
          answer.apply(held.poll());
        }
      } else if (m instanceof NetStack.Alloc a) {
        if (holding[0]) {
          held.add(a);
        } else {
          answer.apply(a);
        }
      }
      return Behaviors.same();
    });
  }

  // ---------------------------------------------------------------- Instance, state by state

  private enum State { PROBING, REGISTERED, RELOAD_FAILED, ALLOCATING, RELOADING, FLASHING, UNREGISTERING }

  private final class InstanceRun {
    final ActorRef<Object> net = kit.spawn(manualNetStack());
    final TestProbe<MonitorHub.Command> monitor = kit.createTestProbe();
    final TestProbe<Registry.Command> registry = kit.createTestProbe();
    /** In front of the probe, the one registry duty an instance relies on: answering its NVM writes. */
    final ActorRef<Registry.Command> registryFront = kit.spawn(
        org.apache.pekko.actor.typed.javadsl.Behaviors.receiveMessage(m -> {
          if (m instanceof Registry.NvmChanged c && c.replyTo() != null) {
            c.replyTo().tell(c.reply());
          }
          registry.getRef().tell(m);
          return org.apache.pekko.actor.typed.javadsl.Behaviors.same();
        }));
    final TestProbe<Reply<?>> setup = kit.createTestProbe();
    final DevHandle dev = DevHandle.netdevsim(1);
    ActorRef<Instance.Command> instance;

    void spawn(LatencyProfile latency, Instance.Faults faults) {
      Instance.Env env = new Instance.Env(net.narrow(), monitor.getRef(), registryFront, latency, 0,
          new Limits(QUEUE, 65536, 65536), faults);
      instance = kit.spawn(Instance.create(new NsimDevlink(dev, 1, 2, "init"), env, setup.getRef()));
    }

    void awaitRegistered() {
      registry.fishForMessage(WAIT, m -> m instanceof Registry.InstanceRegistered
          ? FishingOutcomes.complete() : FishingOutcomes.continueAndIgnore());
    }

    Reply<?> ask(dev.fabric.devlink.model.Op<?> op) {
      instance.tell(new Instance.Request(Caller.DRIVER, op, setup.getRef()));
      return setup.receiveMessage(WAIT);
    }
  }

  @Test
  void everyInstanceRequestIsAnsweredOnceInEveryState() {
    for (State state : State.values()) {
      for (boolean full : new boolean[] {false, true}) {
        if (full && (state == State.REGISTERED || state == State.RELOAD_FAILED)) {
          continue; // these states serve at once: nothing queues
        }
        Map<String, Object> replies = runInstance(state, full, Instance.Faults.NONE, WAIT);
        Object firstRequest = first(replies, "Request#");
        if (full) {
          // The queue was full: the devlink requests were refused; the timing change is answered in every state.
          assertEquals(Reply.err(Errno.EBUSY, "instance request queue is full"), firstRequest, state + " " + replies);
        } else if (state == State.UNREGISTERING) {
          // Queued behind del_device: refused by the unregistering state.
          assertEquals(Reply.err(Errno.ENODEV), firstRequest, state + " " + replies);
        } else {
          assertInstanceOf(Reply.Ok.class, firstRequest, state + " " + replies);
        }
        assertEquals(Reply.ok(), first(replies, "SetLatency#"), state + " " + replies);
      }
    }
  }

  /** The reply to the first request whose tag starts with {@code prefix}. */
  private static Object first(Map<String, Object> replies, String prefix) {
    return replies.entrySet().stream().filter(e -> e.getKey().startsWith(prefix))
        .min(java.util.Comparator.comparingInt(e -> Integer.parseInt(e.getKey().substring(e.getKey().indexOf('#') + 1))))
        .orElseThrow().getValue();
  }

  /** Holds an instance in {@code state}, sends every request case, lets the state end; the replies. */
  private Map<String, Object> runInstance(State state, boolean fullQueue, Instance.Faults faults, Duration wait) {
    InstanceRun run = new InstanceRun();
    Replies replies = new Replies();
    LatencyProfile latency = state == State.FLASHING ? SLOW_FLASH : LatencyProfile.INSTANT;
    if (state == State.PROBING) {
      run.net.tell(new Hold(true));
    }
    run.spawn(latency, faults);
    if (state != State.PROBING) {
      run.awaitRegistered();
    }
    switch (state) {
      case RELOAD_FAILED -> {
        assertEquals(Reply.ok(), run.ask(new DriverOp.DebugfsWrite("fail_reload", "Y\n")));
        assertTrue(run.ask(DevOp.Reload.of(null, null, null)) instanceof Reply.Err);
      }
      case ALLOCATING -> {
        run.net.tell(new Hold(true));
        run.instance.tell(new Instance.Request(Caller.DRIVER, new DriverOp.SysfsWrite("new_port", "9\n"), reply(replies.to("new_port"))));
      }
      case RELOADING, UNREGISTERING -> {
        run.net.tell(new Hold(true));
        run.instance.tell(new Instance.Request(Caller.DRIVER, DevOp.Reload.of(null, null, null), reply(replies.to("reload"))));
      }
      case FLASHING -> run.instance.tell(
          new Instance.Request(Caller.DRIVER, DevOp.Flash.of("nsim-fw.bin", null, null), reply(replies.to("flash"))));
      default -> { }
    }
    if (fullQueue) {
      for (int i = 0; i < QUEUE; i++) {
        run.instance.tell(new Instance.Request(Caller.DRIVER, new DevOp.Get(), reply(replies.to("filler"))));
      }
    }
    if (state == State.UNREGISTERING) {
      // del_device while the reload holds the instance: the requests after it meet unregistering.
      run.instance.tell(new Instance.Unregister());
    }
    replies.sendAll(run.instance, instanceCases(latency));
    // Let the state end.
    run.net.tell(new Hold(false));
    if (state == State.FLASHING) {
      run.instance.tell(new Instance.SetLatency(LatencyProfile.INSTANT, reply(replies.to("speed-up"))));
      time.timePasses(CHUNK);
    }
    try {
      return replies.expectEachAnsweredOnce(wait);
    } finally {
      if (state != State.UNREGISTERING) {
        run.instance.tell(new Instance.Unregister());
      }
      TestProbe<Object> watcher = kit.createTestProbe();
      watcher.expectTerminated(run.instance, WAIT);
    }
  }

  @Test
  void aStateThatForgetsARefusalIsCaught() {
    // The planted defect: the unregistering state forgets to refuse (a catch-all swallowing
    // requests, as before issue 11). The same run as above must fail.
    Instance.Faults forgetful = new Instance.Faults() {
      @Override
      public boolean loseRefusal(String state, Refusable request) {
        return state.equals("unregistering");
      }
    };
    AssertionError caught = assertThrows(AssertionError.class,
        () -> runInstance(State.UNREGISTERING, false, forgetful, Duration.ofSeconds(1)));
    assertTrue(caught.getMessage().startsWith("no reply to"), caught.getMessage());
    // And with a full queue: the EBUSY refusal forgotten.
    Instance.Faults busyForgotten = new Instance.Faults() {
      @Override
      public boolean loseRefusal(String state, Refusable request) {
        return state.endsWith("(queue full)");
      }
    };
    assertThrows(AssertionError.class, () -> runInstance(State.RELOADING, true, busyForgotten, Duration.ofSeconds(1)));
  }

  // ---------------------------------------------------------------- Port

  @Test
  void everyPortRequestIsAnswered() {
    ActorRef<Port.Command> port = kit.spawn(Port.create(PortState.physical(DevHandle.netdevsim(1), 0, "eth0")));
    Replies replies = new Replies();
    replies.sendAll(port, portCases());
    port.tell(new Port.Retire());
    replies.expectEachAnsweredOnce(WAIT);
    kit.createTestProbe().expectTerminated(port, WAIT);
  }

  // ---------------------------------------------------------------- Registry, phase by phase

  private enum Phase { PROBING, REGISTERED, UNREGISTERING }

  @Test
  void everyRegistryRequestIsAnsweredOnceInEveryPhaseOfADevice() {
    for (Phase phase : Phase.values()) {
      ActorRef<Object> net = kit.spawn(manualNetStack());
      TestProbe<MonitorHub.Command> monitor = kit.createTestProbe();
      ActorRef<Registry.Command> registry = kit.spawn(Registry.create(net.narrow(), monitor.getRef(),
          LatencyProfile.INSTANT));
      Replies replies = new Replies();
      if (phase == Phase.PROBING) {
        net.tell(new Hold(true));
        registry.tell(new Registry.NewDevice("1 2", "init", reply(replies.to("setup-new"))));
      } else {
        TestProbe<Reply<?>> created = kit.createTestProbe();
        registry.tell(new Registry.NewDevice("1 2", "init", created.getRef()));
        assertEquals(Reply.ok(), created.receiveMessage(WAIT));
      }
      if (phase == Phase.UNREGISTERING) {
        net.tell(new Hold(true));
        registry.tell(new Registry.Route(Caller.DRIVER, DevHandle.netdevsim(1), DevOp.Reload.of(null, null, null),
            reply(replies.to("setup-reload"))));
        registry.tell(new Registry.DelDevice("1", reply(replies.to("setup-del"))));
      }
      replies.sendAll(registry, registryCases(LatencyProfile.INSTANT));
      net.tell(new Hold(false));
      replies.expectEachAnsweredOnce(WAIT);
      tearDown(registry);
    }
  }

  private void tearDown(ActorRef<Registry.Command> registry) {
    TestProbe<Registry.DeviceIds> ids = kit.createTestProbe();
    registry.tell(new Registry.ListDeviceIds(ids.getRef()));
    TestProbe<Reply<?>> del = kit.createTestProbe();
    for (int id : ids.receiveMessage(WAIT).ids()) {
      registry.tell(new Registry.DelDevice(Integer.toString(id), del.getRef()));
      assertEquals(Reply.ok(), del.receiveMessage(WAIT));
    }
  }

  // ---------------------------------------------------------------- Host

  @Test
  void everyHostCommandIsAnsweredOnceWhileItsDeviceServesAndWhileItFlashesWithAFullQueue() {
    ActorRef<Host.Command> host = kit.spawn(Host.create("h1", SLOW_FLASH));
    TestProbe<Reply<?>> setup = kit.createTestProbe();
    host.tell(new Host.NewDevice("1 2", "init", setup.getRef()));
    assertEquals(Reply.ok(), setup.receiveMessage(WAIT));

    Replies serving = new Replies();
    serving.sendAll(host, hostCases(SLOW_FLASH));
    serving.expectEachAnsweredOnce(WAIT);

    Replies flashing = new Replies();
    DevHandle dev = DevHandle.netdevsim(1);
    host.tell(new Host.Route(Caller.of("init"), dev, DevOp.Flash.of("nsim-fw.bin", null, null), reply(flashing.to("flash"))));
    for (int i = 0; i < QUEUE; i++) {
      host.tell(new Host.Route(Caller.of("init"), dev, new DevOp.Get(), reply(flashing.to("filler"))));
    }
    flashing.sendAll(host, hostCases(SLOW_FLASH));
    host.tell(new Host.DeviceLatency(1, LatencyProfile.INSTANT, reply(flashing.to("speed-up"))));
    time.timePasses(CHUNK);
    Map<String, Object> got = flashing.expectEachAnsweredOnce(WAIT);
    assertEquals(Reply.err(Errno.EBUSY, "instance request queue is full"), got.get("Route#" + (QUEUE + 1)), got.toString());
    assertInstanceOf(Host.Stats.class, got.values().stream().filter(Host.Stats.class::isInstance).findFirst().orElseThrow());
  }
}
