package dev.fabric.devlink.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fabric.devices.LatencyProfile;
import dev.fabric.devlink.actor.MonitorHub;
import dev.fabric.devlink.actor.NetStack;
import dev.fabric.devlink.actor.Registry;
import dev.fabric.devlink.model.Caller;
import dev.fabric.devlink.model.DevHandle;
import dev.fabric.devlink.model.MonitorEvent;
import dev.fabric.devlink.model.DevOp;
import dev.fabric.devlink.model.Drivers;
import dev.fabric.devlink.model.HostInventory;
import dev.fabric.devlink.model.HostModel;
import dev.fabric.devlink.model.Notification;
import dev.fabric.devlink.model.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The host model and the actors are one set of rules: the fuzzer's seeded sequences, sent one at
 * a time, get the same replies, the same notifications (per device, in order), the same netdev
 * names taken and the same inventory from {@link HostModel#step} (each hardware wait resumed at
 * once) as from the registry and its instance actors. Both read one fixed wall clock (health dumps
 * carry timestamps). Left out: what the model has no counterpart of (latency changes, subscriber
 * churn); bursts are sent one request at a time.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostModelDifferentialTest {
  /** A subscriber buffer above the largest step (a 65535-port device announces more than 65536). */
  private final ActorTestKit kit = ActorTestKit.create(
      com.typesafe.config.ConfigFactory.parseString("fabric.limits.subscriber-buffer = 1000000"));
  private static final Duration WAIT = Duration.ofSeconds(10);

  @AfterAll
  void shutdown() {
    kit.shutdownTestKit();
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6})
  void hostModelAnswersAsTheActors(long seed) {
    List<FuzzAction> actions = new Generator(seed, 64).sequence(400);
    ActorRef<NetStack.Command> netStack = kit.spawn(NetStack.create());
    ActorRef<MonitorHub.Command> hub = kit.spawn(MonitorHub.create());
    ActorRef<Registry.Command> registry = kit.spawn(Registry.create(netStack, hub, LatencyProfile.INSTANT));
    TestProbe<MonitorEvent> notes = kit.createTestProbe();
    hub.tell(new MonitorHub.Subscribe(null, notes.getRef()));
    HostModel model = new HostModel(Drivers.standard(), 65536);
    // One fixed wall clock on both sides: health dumps carry timestamps, grace periods compare them.
    dev.fabric.devices.HardwareClock.get(kit.system()).useWallClock(() -> 1_000_000L);
    model.useHealthClock(() -> 1_000_000L);
    List<Notification> modelNotes = new ArrayList<>();

    int compared = 0;
    for (FuzzAction a : expand(actions)) {
      Reply<?> actor;
      HostModel.HostOp op;
      if (a instanceof FuzzAction.Request r) {
        DevHandle dev = DevHandle.netdevsim(r.id());
        actor = ask(registry, to -> new Registry.Route(Caller.of(r.netns()), dev, r.op(), to));
        op = new HostModel.Route(Caller.of(r.netns()), dev, r.op());
      } else if (a instanceof FuzzAction.NewDevice n) {
        actor = ask(registry, to -> new Registry.NewDevice(n.text(), n.netns(), to));
        op = new HostModel.NewDevice("netdevsim", n.text(), n.netns());
      } else if (a instanceof FuzzAction.DelDevice d) {
        actor = ask(registry, to -> new Registry.DelDevice(d.text(), to));
        op = new HostModel.DelDevice("netdevsim", d.text());
      } else if (a instanceof FuzzAction.NetnsAdd n) {
        actor = ask(registry, to -> new Registry.NetnsAdd(n.name(), to));
        op = new HostModel.NetnsAdd(n.name());
      } else if (a instanceof FuzzAction.NetnsDel n) {
        actor = ask(registry, to -> new Registry.NetnsDel(n.name(), to));
        op = new HostModel.NetnsDel(n.name());
        // The actors reload the namespace's instances after answering: wait for them (a
        // driver-side request queues behind each reload) so the next request sees them moved.
        for (int id = 1; id <= Generator.DEVICES + 1; id++) {
          DevHandle dev = DevHandle.netdevsim(id);
          ask(registry, to -> new Registry.Route(Caller.DRIVER, dev, new DevOp.Get(), to));
        }
      } else {
        continue;
      }
      int before = modelNotes.size();
      HostModel.Step step = model.step(op);
      if (step instanceof HostModel.Pending p) {
        modelNotes.addAll(p.notesSoFar());
        step = model.resume(p);
        modelNotes.addAll(((HostModel.Done) step).notes());
      } else {
        modelNotes.addAll(((HostModel.Done) step).notes());
      }
      assertEquals(actor, ((HostModel.Done) step).reply(), "seed " + seed + ", action " + compared + ": " + a);
      // The probe reads at the end: acknowledge now what this step sent (the hub bounds what a
      // subscriber has not acknowledged, as a socket's receive buffer does).
      hub.tell(new MonitorHub.Consumed(notes.getRef(), modelNotes.size() - before));
      compared++;
    }

    List<Notification> actorNotes = new ArrayList<>();
    try {
      while (actorNotes.size() < modelNotes.size()) {
        if (notes.receiveMessage(Duration.ofSeconds(3)) instanceof MonitorEvent.Note n) {
          actorNotes.add(n.notification());
        }
      }
    } catch (AssertionError timeout) {
      // fewer than the model's: the comparison below shows which
    }
    notes.expectNoMessage(Duration.ofMillis(100));
    assertEquals("", firstDifference(byDevice(modelNotes), byDevice(actorNotes)), "notifications, seed " + seed);

    TestProbe<NetStack.Taken> taken = kit.createTestProbe();
    netStack.tell(new NetStack.GetTaken(taken.getRef()));
    assertEquals(model.names().taken(), taken.receiveMessage(WAIT).byNetns(), "netdev names, seed " + seed);
    TestProbe<HostInventory> inv = kit.createTestProbe();
    registry.tell(new Registry.GetInventory(inv.getRef()));
    assertEquals(model.inventory(), inv.receiveMessage(WAIT), "inventory, seed " + seed);
    kit.stop(registry);
    kit.stop(hub);
    kit.stop(netStack);
  }

  /** Bursts and re-creations as plain one-at-a-time actions. */
  private static List<FuzzAction> expand(List<FuzzAction> actions) {
    List<FuzzAction> out = new ArrayList<>();
    for (FuzzAction a : actions) {
      if (a instanceof FuzzAction.Burst b) {
        for (int k = 0; k < b.count(); k++) {
          out.add(new FuzzAction.Request(b.netns(), b.id(), b.op()));
        }
      } else if (a instanceof FuzzAction.Recreate r) {
        out.add(new FuzzAction.DelDevice(Integer.toString(r.id())));
        out.add(new FuzzAction.NewDevice(r.text(), "init"));
      } else {
        out.add(a);
      }
    }
    return out;
  }

  /** "" when equal; else the first notification that differs, per device (the whole lists are huge). */
  private static String firstDifference(Map<DevHandle, List<Notification>> model, Map<DevHandle, List<Notification>> actors) {
    StringBuilder out = new StringBuilder();
    Set<DevHandle> devs = new java.util.LinkedHashSet<>(model.keySet());
    devs.addAll(actors.keySet());
    for (DevHandle d : devs) {
      List<Notification> m = model.getOrDefault(d, List.of());
      List<Notification> a = actors.getOrDefault(d, List.of());
      for (int i = 0; i < Math.max(m.size(), a.size()); i++) {
        Notification x = i < m.size() ? m.get(i) : null;
        Notification y = i < a.size() ? a.get(i) : null;
        if (x == null || !x.equals(y)) {
          out.append(d).append(" #").append(i).append(" of ").append(m.size()).append('/').append(a.size())
              .append(": model ").append(x).append("\n  actors ").append(y).append('\n');
          break;
        }
      }
    }
    return out.toString();
  }

  private static Map<DevHandle, List<Notification>> byDevice(List<Notification> notes) {
    Map<DevHandle, List<Notification>> out = new LinkedHashMap<>();
    for (Notification n : notes) {
      out.computeIfAbsent(n.dev(), k -> new ArrayList<>()).add(n);
    }
    return out;
  }

  private Reply<?> ask(ActorRef<Registry.Command> registry, Function<ActorRef<Reply<?>>, Registry.Command> msg) {
    TestProbe<Reply<?>> p = kit.createTestProbe();
    registry.tell(msg.apply(p.getRef()));
    return p.receiveMessage(WAIT);
  }
}
