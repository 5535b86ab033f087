package dev.fabric.devlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dev.fabric.devlink.actor.Host;
import dev.fabric.devlink.actor.Instance;
import dev.fabric.devlink.actor.MonitorHub;
import dev.fabric.devlink.actor.NetStack;
import dev.fabric.devlink.actor.Port;
import dev.fabric.devlink.actor.Registry;
import dev.fabric.devlink.model.ByteList;
import dev.fabric.devlink.model.Caller;
import dev.fabric.devlink.model.Fmsg;
import dev.fabric.devlink.model.MonitorEvent;
import dev.fabric.devlink.model.NetnsTarget;
import dev.fabric.devlink.model.Notification;
import dev.fabric.devlink.model.Op;
import dev.fabric.devlink.model.ParamValue;
import dev.fabric.devlink.model.Reply;
import dev.fabric.devlink.model.ReplyValue;
import dev.fabric.devlink.model.Resolution;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializer;
import org.apache.pekko.serialization.Serializers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The wire format (issue 7 point 3): every type that may cross members round-trips through
 * Pekko's serialization as actors' reference.conf binds it (Jackson CBOR on {@link Wire}, Java
 * serialization off), found by walking each sealed hierarchy's permitted subclasses, so a new
 * message, op, reply value, notification payload or event without a binding or a subtype name
 * fails here. Polymorphic fields are checked in place too: each op inside a Route, each reply
 * value inside an Ok, each payload inside a Note.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WireRoundTripTest {
  private final ActorTestKit kit = ActorTestKit.create("wire", ConfigFactory.parseString("""
      pekko.actor.serialize-messages = on
      pekko.actor.allow-java-serialization = off
      """).withFallback(ConfigFactory.load()));
  private final Serialization serialization = SerializationExtension.get(Adapter.toClassic(kit.system()));
  private final ActorRef<Object> someRef = kit.<Object>createTestProbe().getRef();

  /** Every sealed root whose types may cross members. */
  private static final List<Class<?>> ROOTS = List.of(Op.class, Reply.class, ReplyValue.class,
      Notification.Payload.class, MonitorEvent.class, Caller.class, NetnsTarget.class, ParamValue.class,
      Fmsg.Value.class, Registry.Command.class, Instance.Command.class, Port.Command.class,
      MonitorHub.Command.class, NetStack.Command.class, Host.Command.class);

  /**
   * Every class of the actors module (its compiled classes, found on the class path) that
   * implements Wire: so a Wire record outside the sealed roots (a reply record such as
   * Registry.Instances) is round-tripped too.
   */
  private static List<Class<?>> wireClasses() {
    List<Class<?>> out = new ArrayList<>();
    try {
      java.net.URL root = Wire.class.getProtectionDomain().getCodeSource().getLocation();
      java.nio.file.Path base = java.nio.file.Path.of(root.toURI());
      try (var files = java.nio.file.Files.walk(base)) {
        for (java.nio.file.Path f : files.filter(x -> x.toString().endsWith(".class")).toList()) {
          String name = base.relativize(f).toString().replace(java.io.File.separatorChar, '.');
          Class<?> c = Class.forName(name.substring(0, name.length() - ".class".length()), false,
              Wire.class.getClassLoader());
          if (Wire.class.isAssignableFrom(c) && !c.isInterface() && !c.isAnonymousClass()) {
            out.add(c);
          }
        }
      }
    } catch (Exception e) {
      throw new IllegalStateException("cannot list the actors module's classes", e);
    }
    return out;
  }

  @AfterAll
  void stop() {
    kit.shutdownTestKit();
  }

  @Test
  void everyTypeThatMayCrossMembersRoundTripsThroughJacksonCbor() {
    List<String> failures = new ArrayList<>();
    Set<Class<?>> local = new LinkedHashSet<>();
    int checked = 0;
    for (Class<?> leaf : leaves()) {
      if (!Wire.class.isAssignableFrom(leaf)) {
        // an actor's own continuation (declared private or package-private beside it): never sent
        // across members, so it stays unbound
        if (Modifier.isPublic(leaf.getModifiers())) {
          failures.add(leaf.getName() + " is public but does not implement Wire");
        }
        local.add(leaf);
        continue;
      }
      checked++;
      roundTrip(sample(leaf, 0), failures);
    }
    assertEquals(List.of(), failures);
    assertTrue(checked > 100, "checked " + checked);
    assertFalse(local.isEmpty(), "the instance's private continuations are found and left local");
  }

  @Test
  void polymorphicFieldsCarryTheirSubtypeNames() {
    List<String> failures = new ArrayList<>();
    DevHandleSample dev = new DevHandleSample();
    for (Class<?> op : leavesOf(Op.class)) {
      roundTrip(new Registry.Route(new Caller.InNetns("ns1"), dev.handle, (Op<?>) sample(op, 0), someRef.narrow()),
          failures);
    }
    for (Class<?> value : leavesOf(ReplyValue.class)) {
      roundTrip(new Reply.Ok<>((ReplyValue) sample(value, 0), Optional.of("warning")), failures);
    }
    for (Class<?> payload : leavesOf(Notification.Payload.class)) {
      roundTrip(new MonitorEvent.Note(new Notification("init", Notification.Kind.DEV, Notification.Cmd.NEW,
          dev.handle, (Notification.Payload) sample(payload, 0))), failures);
    }
    assertEquals(List.of(), failures);
  }

  @Test
  void aTypeWithoutABindingIsRefused() {
    // Java serialization is off: a message outside Wire cannot be serialized at all.
    record Unbound(String text) implements java.io.Serializable {}
    assertThrows(Exception.class, () -> serialization.serialize(new Unbound("x")).get());
  }

  @Test
  void noClassNameIsReadFromAPolymorphicField() throws Exception {
    byte[] bytes = serialization.serialize(new Reply.Ok<>(new dev.fabric.devlink.model.DriverOp.FileData("x"),
        Optional.empty())).get();
    com.fasterxml.jackson.databind.JsonNode tree = new com.fasterxml.jackson.databind.ObjectMapper(
        new com.fasterxml.jackson.dataformat.cbor.CBORFactory()).readTree(bytes);
    assertEquals("file-data", tree.get("value").get("value").asText(), tree.toString());
    assertFalse(tree.toString().contains("dev.fabric"), tree.toString());
  }

  private void roundTrip(Object message, List<String> failures) {
    try {
      Serializer serializer = serialization.findSerializerFor(message);
      if (!serializer.getClass().getName().contains("Jackson")) {
        failures.add(message.getClass().getName() + " is bound to " + serializer.getClass().getName());
        return;
      }
      byte[] bytes = serialization.serialize(message).get();
      Object back = serialization.deserialize(bytes, serializer.identifier(),
          Serializers.manifestFor(serializer, message)).get();
      if (!message.equals(back)) {
        failures.add(message.getClass().getName() + ": " + message + " came back as " + back);
      }
    } catch (Throwable e) {
      failures.add(message.getClass().getName() + ": " + e);
    }
  }

  private static final class DevHandleSample {
    final dev.fabric.devlink.model.DevHandle handle = dev.fabric.devlink.model.DevHandle.netdevsim(3);
  }

  // ---------------------------------------------------------------- enumeration and samples

  static List<Class<?>> leaves() {
    Set<Class<?>> out = new LinkedHashSet<>();
    ROOTS.forEach(r -> out.addAll(leavesOf(r)));
    out.addAll(wireClasses());
    return List.copyOf(out);
  }

  @Test
  void theClassPathScanFindsWireRecordsOutsideTheSealedRoots() {
    List<Class<?>> all = wireClasses();
    assertTrue(all.contains(Registry.Instances.class), all.toString());
    assertTrue(all.contains(Notification.class), all.toString());
    assertTrue(all.contains(Resolution.class), all.toString());
  }

  static List<Class<?>> leavesOf(Class<?> root) {
    List<Class<?>> out = new ArrayList<>();
    collect(root, out);
    return out;
  }

  private static void collect(Class<?> c, List<Class<?>> out) {
    if (c.isSealed()) {
      for (Class<?> p : c.getPermittedSubclasses()) {
        collect(p, out);
      }
    } else if (!out.contains(c)) {
      out.add(c);
    }
  }

  private Object sample(Type type, int depth) {
    if (type instanceof ParameterizedType p) {
      Class<?> raw = (Class<?>) p.getRawType();
      Type[] args = p.getActualTypeArguments();
      if (raw == Optional.class) {
        return Optional.of(sample(args[0], depth + 1));
      } else if (raw == List.class) {
        return depth > 3 ? List.of() : List.of(sample(args[0], depth + 1));
      } else if (raw == Set.class) {
        return Set.of(sample(args[0], depth + 1));
      } else if (raw == Map.class) {
        return Map.of(sample(args[0], depth + 1), sample(args[1], depth + 1));
      } else if (raw == ActorRef.class) {
        return someRef;
      }
      return sample(raw, depth);
    }
    if (type instanceof WildcardType w) {
      return sample(w.getUpperBounds()[0], depth);
    }
    if (type instanceof TypeVariable<?> v) {
      return sample(v.getBounds()[0], depth);
    }
    Class<?> c = (Class<?>) type;
    if (c == int.class || c == Integer.class) {
      return 7;
    } else if (c == long.class || c == Long.class) {
      return 4_294_967_296L;
    } else if (c == boolean.class || c == Boolean.class) {
      return true;
    } else if (c == String.class) {
      return "s";
    } else if (c == Duration.class) {
      return Duration.ofMillis(5);
    } else if (c == ByteList.class) {
      return ByteList.copyOf(new byte[] {1, (byte) 0xff});
    } else if (c == ActorRef.class) {
      return someRef;
    } else if (c.isEnum()) {
      Object[] values = c.getEnumConstants();
      return values[values.length - 1];
    } else if (c.isSealed()) {
      return sample(c.getPermittedSubclasses()[0], depth + 1);
    } else if (c.isRecord()) {
      RecordComponent[] parts = c.getRecordComponents();
      Object[] args = new Object[parts.length];
      Class<?>[] types = new Class<?>[parts.length];
      for (int i = 0; i < parts.length; i++) {
        args[i] = sample(parts[i].getGenericType(), depth + 1);
        types[i] = parts[i].getType();
      }
      try {
        Constructor<?> k = c.getDeclaredConstructor(types);
        k.setAccessible(true);
        return k.newInstance(args);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot build a sample " + c.getName(), e);
      }
    }
    throw new IllegalStateException("no sample for " + type);
  }
}
