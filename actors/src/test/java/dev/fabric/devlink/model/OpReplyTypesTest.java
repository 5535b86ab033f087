package dev.fabric.devlink.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import dev.fabric.devices.LatencyProfile;
import dev.fabric.devlink.client.Fabric;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 11 point 1: every op declares the type of what it answers. The table below is read by
 * reflection from the sealed hierarchy (a new op record without {@code implements XxxOp<Value>}
 * fails), every op has a wire name, and every op is sent once to a real device: the client checks
 * each success against the declared type ({@link ReplyTypes#typed}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpReplyTypesTest {
  private final Fabric fabric = Fabric.start("op-reply-types", LatencyProfile.INSTANT);
  private final DevHandle dev = DevHandle.netdevsim(1);

  @AfterAll
  void stop() {
    fabric.close();
  }

  static List<Class<?>> ops() {
    List<Class<?>> out = new ArrayList<>();
    collect(Op.class, out);
    return out;
  }

  private static void collect(Class<?> c, List<Class<?>> out) {
    if (c.isSealed()) {
      for (Class<?> p : c.getPermittedSubclasses()) {
        collect(p, out);
      }
    } else {
      out.add(c);
    }
  }

  @Test
  void everyOpDeclaresAConcreteReplyType() {
    Map<String, String> table = new LinkedHashMap<>();
    for (Class<?> op : ops()) {
      Class<? extends ReplyValue> reply = ReplyTypes.of(op);
      assertTrue(ReplyValue.class.isAssignableFrom(reply) && !reply.isInterface(), op.getName());
      table.put(op.getName().substring(op.getPackageName().length() + 1), reply.getSimpleName());
    }
    assertEquals(ops().size(), table.size(), table.toString());
    assertTrue(table.size() > 40, table.toString());
    assertEquals("DevSnapshot", table.get("DevOp$Get"));
    assertEquals("PortList", table.get("PortOp$Dump"));
    assertEquals("ReloadPerformed", table.get("DevOp$Reload"));
    assertEquals("Ack", table.get("ParamOp$Set"));
    assertEquals("Taken", table.get("RegionOp$New"));
  }

  @Test
  void everyOpAndEveryReplyValueHasAWireName() {
    Set<Class<?>> named = Stream.of(Op.class.getAnnotation(JsonSubTypes.class).value())
        .map(JsonSubTypes.Type::value).collect(Collectors.toSet());
    assertEquals(Set.copyOf(ops()), named);
    List<Class<?>> values = new ArrayList<>();
    collect(ReplyValue.class, values);
    Set<Class<?>> valueNames = Stream.of(ReplyValue.class.getAnnotation(JsonSubTypes.class).value())
        .map(JsonSubTypes.Type::value).collect(Collectors.toSet());
    assertEquals(Set.copyOf(values), valueNames);
  }

  @Test
  void aClassWithoutADeclaredReplyTypeAndAMismatchedValueAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> ReplyTypes.of(String.class));
    assertThrows(ClassCastException.class, () -> ReplyTypes.typed(new DevOp.Get(), Reply.ok()));
    assertThrows(ClassCastException.class, () -> ReplyTypes.acked(Reply.ok(new DriverOp.FileData("x"))));
  }

  /** One instance of every op, in an order that makes most of them succeed on netdevsim1. */
  private List<Op<?>> everyOp() {
    return List.of(
        new DevOp.Get(), new DevOp.InfoGet(), new DevOp.EswitchGet(),
        DevOp.EswitchSet.mode(DevOp.EswitchMode.LEGACY),
        DevOp.Reload.of(DevOp.Action.DRIVER_REINIT, null, null),
        DevOp.Flash.of("op-types.bin", null, null),
        new PortOp.Get(0), new PortOp.Dump(), new PortOp.SetType(0, PortState.Type.ETH), new PortOp.Split(0, 2),
        new PortOp.Unsplit(0), PortOp.FunctionSet.of(0, null, "active"),
        new ParamOp.Get("max_macs"), new ParamOp.Dump(),
        new ParamOp.Set("max_macs", Param.Cmode.DRIVERINIT, new ParamValue.U32(32)),
        new HealthOp.Get("dummy"), new HealthOp.Dump(), HealthOp.Set.of("dummy", 10L, null, null),
        new HealthOp.Recover("dummy"), new HealthOp.Diagnose("dummy"), new HealthOp.DumpGet("dummy"),
        new HealthOp.DumpClear("dummy"), new HealthOp.Test("dummy"),
        new TrapOp.Get("source_mac_is_multicast", true), new TrapOp.Dump(true),
        TrapOp.Set.of("source_mac_is_multicast", "drop"), new TrapOp.GroupGet("l2_drops", true),
        new TrapOp.GroupDump(true), TrapOp.GroupSet.of("l2_drops", "drop", null), new TrapOp.PolicerGet(1, true),
        new TrapOp.PolicerDump(true), TrapOp.PolicerSet.of(1, null, null),
        new RegionOp.Get("dummy"), new RegionOp.Dump(), RegionOp.New.of("dummy", null), RegionOp.New.of("dummy", 7L),
        RegionOp.Read.of("dummy", 7, null, null), new RegionOp.Del("dummy", 7),
        new ResourceOp.Dump(), new ResourceOp.Set(1, 64),
        new RateOp.Get("0"), new RateOp.Dump(), RateOp.New.of("node1", null, null, null),
        RateOp.Set.of("node1", 10L, null, null), new RateOp.Del("node1"),
        new DriverOp.SysfsRead("sriov_numvfs"), new DriverOp.SysfsWrite("sriov_numvfs", "0"),
        new DriverOp.DebugfsRead("fail_reload"), new DriverOp.DebugfsWrite("fail_reload", "N"),
        new DriverOp.DebugfsList("."));
  }

  @Test
  void everyOpAnswersItsDeclaredTypeOnARealDevice() {
    assertTrue(fabric.newDeviceSync("1 2", "init").isOk());
    assertTrue(fabric.firmwareWriteSync("op-types.bin", "firmware").isOk());
    Set<String> covered = new TreeSet<>();
    int ok = 0;
    for (Op<?> op : everyOp()) {
      // requestSync applies ReplyTypes.typed: a value of another type fails the call
      Reply<?> r = fabric.requestSync("init", dev, op);
      covered.add(op.getClass().getName());
      if (r instanceof Reply.Ok<?> k) {
        assertTrue(ReplyTypes.of(op.getClass()).isInstance(k.value()), op + " -> " + k.value());
        ok++;
      }
    }
    assertEquals(ops().stream().map(Class::getName).collect(Collectors.toCollection(TreeSet::new)), covered,
        "every op is exercised");
    assertTrue(ok >= 30, "successes: " + ok);
  }
}
