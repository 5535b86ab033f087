package dev.fabric.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializers;
import org.apache.pekko.serialization.jackson.JacksonCborSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every message of the cluster module that may cross members goes through Jackson CBOR (never
 * Java serialization) and comes back equal. The sealed protocol is enumerated: a new public
 * command without a sample here (or without the marker) fails the test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WireFormatTest {
  private final ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "wire",
      ConfigFactory.parseString("pekko.remote.artery.canonical.port = 0").withFallback(Member.baseConfig()));

  @AfterAll
  void stop() throws Exception {
    system.terminate();
    system.getWhenTerminated().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  private Map<Class<?>, Object> samples() {
    ActorRef<Object> ref = system.systemActorOf(Behaviors.empty(), "probe-" + System.nanoTime(),
        org.apache.pekko.actor.typed.Props.empty());
    dev.fabric.devlink.model.HostInventory.Card card = new dev.fabric.devlink.model.HostInventory.Card("netdevsim", 3,
        4, 1, new dev.fabric.devices.Nvm(Map.of("fw.mgmt", "10.20.30"), Map.of("p", "true")));
    Map<Class<?>, Object> m = new LinkedHashMap<>();
    m.put(HostEntity.Wake.class, new HostEntity.Wake());
    m.put(HostEntity.Describe.class, new HostEntity.Describe(ref.unsafeUpcast()));
    m.put(HostEntity.PowerCycle.class, new HostEntity.PowerCycle(ref.unsafeUpcast()));
    m.put(HostEntity.PoweredOff.class, new HostEntity.PoweredOff("h1", "m2", 4));
    m.put(HostEntity.Exec.class, new HostEntity.Exec("devlink dev show\n", true, true, false, ref.unsafeUpcast()));
    m.put(HostEntity.SessionLine.class, new HostEntity.SessionLine("s1", "devlink -j dev", ref.unsafeUpcast()));
    m.put(HostEntity.SessionMonitors.class, new HostEntity.SessionMonitors("s1", true, ref.unsafeUpcast()));
    m.put(HostEntity.SessionClose.class, new HostEntity.SessionClose("s1"));
    m.put(HostEntity.Action.class, new HostEntity.Action(HostEntity.ActionKind.DEBUGFS_WRITE, 2, "fw_update_status",
        "0", "init", ref.unsafeUpcast()));
    m.put(HostEntity.Devlink.class, new HostEntity.Devlink("init", dev.fabric.devlink.model.DevHandle.netdevsim(1),
        new dev.fabric.devlink.model.DevOp.EswitchGet(), ref.unsafeUpcast()));
    m.put(HostEntity.HostInfo.class, new HostEntity.HostInfo("h1", "m2", "pekko://f@127.0.0.1:1", 3, List.of(card),
        List.of("netdevsim/netdevsim3"), true));
    m.put(HostEntity.ExecResult.class, new HostEntity.ExecResult("out\n", "err\n", 1, null, "mon", null));
    m.put(HostEntity.MonitorLogs.class, new HostEntity.MonitorLogs("[dev,new] x\n", "{\"mon\":["));
    m.put(HostEntity.ActionReply.class, new HostEntity.ActionReply(false, "ENOSPC", "No space left on device", null,
        List.of("1", "2")));
    m.put(HostEntity.HostEvent.class, new HostEntity.HostEvent("h1", 2, 7, "init", "[dev,new] x\n", "{}", "m1",
        "9f1c", "port", "new", "netdevsim/netdevsim3", 1L, "{\"index\":1}"));
    m.put(HostEntity.MonitorFence.class, new HostEntity.MonitorFence("f1"));
    m.put(HostImage.class, new HostImage(new dev.fabric.devlink.model.HostInventory(List.of(card)), 2));
    return m;
  }

  @Test
  void everyPublicCommandIsMarkedAndHasASample() {
    Map<Class<?>, Object> samples = samples();
    List<String> missing = new ArrayList<>();
    for (Class<?> c : HostEntity.Command.class.getPermittedSubclasses()) {
      boolean local = java.lang.reflect.Modifier.isPrivate(c.getModifiers());
      if (local) {
        continue; // a message an entity sends itself: never leaves its member
      }
      if (!ClusterWire.class.isAssignableFrom(c) || !samples.containsKey(c)) {
        missing.add(c.getSimpleName());
      }
    }
    assertTrue(missing.isEmpty(), "commands without the wire marker or a sample: " + missing);
  }

  @Test
  void everySampleRoundTripsThroughJacksonCbor() throws Exception {
    Serialization serialization = SerializationExtension.get(Adapter.toClassic(system));
    for (Object sample : samples().values()) {
      var serializer = serialization.findSerializerFor(sample);
      assertTrue(serializer instanceof JacksonCborSerializer, sample.getClass() + " -> " + serializer);
      byte[] bytes = serialization.serialize(sample).get();
      String manifest = Serializers.manifestFor(serializer, sample);
      Object back = serialization.deserialize(bytes, serializer.identifier(), manifest).get();
      assertEquals(sample, back);
    }
  }

  @Test
  void javaSerializationIsOff() {
    Serialization serialization = SerializationExtension.get(Adapter.toClassic(system));
    assertTrue(serialization.serialize(new java.util.ArrayList<>(List.of(1))).isFailure()
        || !(serialization.findSerializerFor(new java.util.ArrayList<>()) instanceof
            org.apache.pekko.serialization.JavaSerializer));
  }
}
