package dev.fabric.devlink.actor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fabric.devices.LatencyProfile;
import dev.fabric.devlink.model.Caller;
import dev.fabric.devlink.model.DevHandle;
import dev.fabric.devlink.model.ParamValue;
import dev.fabric.devlink.model.ReplyTypes;
import dev.fabric.devlink.model.ReplyValue;
import dev.fabric.devlink.model.DevOp;
import dev.fabric.devlink.model.Drivers;
import dev.fabric.devlink.model.Errno;
import dev.fabric.devlink.model.HostInventory;
import dev.fabric.devlink.model.InfoSnapshot;
import dev.fabric.devlink.model.Op;
import dev.fabric.devlink.model.Param;
import dev.fabric.devlink.model.ParamOp;
import dev.fabric.devlink.model.Reply;
import dev.fabric.devlink.model.TestDriver;
import dev.fabric.devlink.model.TrapSnapshot;
import dev.fabric.devlink.model.TrapOp;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The devlink core serves a second driver described by data ({@link TestDriver}, bus "testdrv",
 * test scope only) beside netdevsim, chosen by bus name; the NVM is real (a flash stores what the
 * driver writes, a permanent param set is written at once); the host's inventory — what a power
 * cycle keeps — is told to an observer at every change and a host started from it brings its cards
 * back with their NVM and fresh runtime state.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DriverInterfaceTest {
  private final ActorTestKit kit = ActorTestKit.create();
  private static final Duration WAIT = Duration.ofSeconds(5);
  private static final DevHandle TESTDRV3 = new DevHandle("testdrv", "testdrv3");
  private static final DevHandle NSIM10 = DevHandle.netdevsim(10);

  @AfterAll
  void shutdown() {
    kit.shutdownTestKit();
  }

  private ActorRef<Registry.Command> host(HostInventory boot, ActorRef<HostInventory> observer) {
    ActorRef<NetStack.Command> ns = kit.spawn(NetStack.create());
    ActorRef<MonitorHub.Command> mon = kit.spawn(MonitorHub.create());
    return kit.spawn(Registry.create(ns, mon, LatencyProfile.INSTANT, Instance.Faults.NONE,
        Drivers.standard().with(TestDriver.INSTANCE), boot, observer));
  }

  private <R extends ReplyValue> Reply<R> ask(ActorRef<Registry.Command> reg, DevHandle dev, Op<R> op) {
    TestProbe<Reply<?>> p = kit.createTestProbe();
    reg.tell(new Registry.Route(Caller.of("init"), dev, op, p.getRef()));
    return ReplyTypes.typed(op, p.receiveMessage(WAIT));
  }

  private static <R extends ReplyValue> R value(Reply<R> r) {
    assertTrue(r.isOk(), () -> "expected ok, got " + r);
    return ((Reply.Ok<R>) r).value();
  }

  private static Errno errno(Reply<?> r) {
    return ((Reply.Err<?>) r).errno();
  }

  private Reply<?> bus(ActorRef<Registry.Command> reg, String bus, String text, boolean create) {
    TestProbe<Reply<?>> p = kit.createTestProbe();
    reg.tell(create ? new Registry.NewDevice(text, "init", p.getRef(), bus) : new Registry.DelDevice(text, p.getRef(), bus));
    return p.receiveMessage(WAIT);
  }

  private static HostInventory awaitInventory(TestProbe<HostInventory> observer, Predicate<HostInventory> done) {
    for (;;) {
      HostInventory inv = observer.receiveMessage(WAIT);
      if (done.test(inv)) {
        return inv;
      }
    }
  }

  /** The cluster keeps the inventory across members: it goes through Pekko's serialization (CBOR), not Java's. */
  @Test
  void theInventoryCrossesMembersAsCbor() {
    HostInventory inv = new HostInventory(List.of(
        new HostInventory.Card("netdevsim", 10, 2, 1, dev.fabric.devices.Nvm.factory(Map.of("fw.mgmt", "10.20.30"))),
        new HostInventory.Card("testdrv", 3, 1, 4, new dev.fabric.devices.Nvm(
            Map.of("fw.app", "2.1", "fw.undi", "0.9.1"), Map.of("enable_roce", "true")))));
    org.apache.pekko.serialization.Serialization ser = org.apache.pekko.serialization.SerializationExtension.get(
        org.apache.pekko.actor.typed.javadsl.Adapter.toClassic(kit.system()));
    org.apache.pekko.serialization.Serializer serializer = ser.findSerializerFor(inv);
    assertTrue(serializer.getClass().getName().contains("Jackson"), serializer.getClass().getName());
    byte[] bytes = ser.serialize(inv).get();
    String manifest = org.apache.pekko.serialization.Serializers.manifestFor(serializer, inv);
    assertEquals(inv, ser.deserialize(bytes, serializer.identifier(), manifest).get());
  }

  @Test
  void theCoreServesASecondDriverFromItsCatalogue() {
    ActorRef<Registry.Command> reg = host(HostInventory.EMPTY, null);
    assertEquals(Reply.ok(), bus(reg, "testdrv", "3 2", true));
    assertEquals(Reply.ok(), bus(reg, "netdevsim", "3 1", true));
    assertEquals(Errno.ENOENT, errno(bus(reg, "nosuchbus", "1", true)));

    InfoSnapshot info = value(ask(reg, TESTDRV3, new DevOp.InfoGet()));
    assertEquals("testdrv", info.driver());
    assertEquals(Map.of("board.id", "TD-1"), info.fixed());
    assertEquals(List.of("fw.app", "fw.undi"), List.copyOf(info.running().keySet()));
    List<Param> params = value(ask(reg, TESTDRV3, new ParamOp.Dump())).params();
    assertEquals(List.of("enable_roce", "msix_vec_per_pf_max"), params.stream().map(Param::name).toList());
    List<TrapSnapshot> traps = value(ask(reg, TESTDRV3, new TrapOp.Dump(false))).traps();
    assertEquals(List.of("blackhole_route", "unresolved_neigh"), traps.stream().map(TrapSnapshot::name).toList());
    // The core's rules, with this driver's data: its components, its single reload action.
    assertEquals(Errno.EINVAL, errno(ask(reg, TESTDRV3, DevOp.Flash.of("testdrv-2.0.bin", "fw.mgmt", null))));
    assertEquals(Errno.EOPNOTSUPP, errno(ask(reg, TESTDRV3, DevOp.Reload.of(DevOp.Action.FW_ACTIVATE, null, null))));
    // No netdevsim files on this bus; netdevsim's own device beside it keeps them.
    assertEquals(Errno.ENOENT, errno(ask(reg, TESTDRV3, new dev.fabric.devlink.model.DriverOp.DebugfsList(""))));
    InfoSnapshot nsim = value(ask(reg, DevHandle.netdevsim(3), new DevOp.InfoGet()));
    assertEquals(Map.of("fw.mgmt", "10.20.30"), nsim.stored());
  }

  @Test
  void flashAndPermanentParamsReachTheNvmAndAPowerCycleKeepsOnlyThem() {
    TestProbe<HostInventory> observer = kit.createTestProbe();
    ActorRef<Registry.Command> reg = host(HostInventory.EMPTY, observer.getRef());
    assertEquals(Reply.ok(), bus(reg, "netdevsim", "10 2", true));
    assertEquals(Reply.ok(), bus(reg, "testdrv", "3 1", true));
    awaitInventory(observer, inv -> inv.cards().size() == 2);

    TestProbe<Reply<?>> fw = kit.createTestProbe();
    reg.tell(new Registry.FirmwareWrite("testdrv-2.1.bin", "image", fw.getRef()));
    fw.receiveMessage(WAIT);
    assertTrue(ask(reg, TESTDRV3, DevOp.Flash.of("testdrv-2.1.bin", "fw.app", null)).isOk());
    InfoSnapshot flashed = value(ask(reg, TESTDRV3, new DevOp.InfoGet()));
    assertEquals(Map.of("fw.app", "2.1", "fw.undi", "0.9.1"), flashed.stored());
    assertEquals("1.0.0", flashed.running().get("fw.app"), "running changes only when the card boots again");
    awaitInventory(observer, inv -> "2.1".equals(inv.card("testdrv", 3).orElseThrow().nvm().firmware().get("fw.app")));

    // netdevsim's info reports 10.20.30 whatever was flashed (nsim_dev_info_get): its NVM stores that.
    assertTrue(ask(reg, NSIM10, DevOp.Flash.of("nsim-fw.bin", null, null)).isOk());
    InfoSnapshot nsim = value(ask(reg, NSIM10, new DevOp.InfoGet()));
    assertEquals(Map.of("fw.mgmt", "10.20.30"), nsim.stored());

    assertTrue(ask(reg, TESTDRV3, new ParamOp.Set("enable_roce", Param.Cmode.PERMANENT, new ParamValue.Bool(true))).isOk());
    assertTrue(ask(reg, TESTDRV3, new ParamOp.Set("enable_roce", Param.Cmode.DRIVERINIT, new ParamValue.Bool(true))).isOk());
    assertTrue(ask(reg, TESTDRV3, new TrapOp.Set("blackhole_route", java.util.Optional.of("trap"))).isOk());
    HostInventory kept = awaitInventory(observer,
        inv -> "true".equals(inv.card("testdrv", 3).orElseThrow().nvm().permanentParams().get("enable_roce")));
    assertEquals(List.of("netdevsim", "testdrv"), kept.cards().stream().map(HostInventory.Card::bus).toList());
    assertEquals(2, kept.card("netdevsim", 10).orElseThrow().portCount());

    // Power cycle: a new host from the kept value.
    TestProbe<HostInventory> observer2 = kit.createTestProbe();
    ActorRef<Registry.Command> again = host(kept, observer2.getRef());
    awaitInventory(observer2, inv -> inv.equals(kept));
    InfoSnapshot booted = value(ask(again, TESTDRV3, new DevOp.InfoGet()));
    assertEquals("2.1", booted.stored().get("fw.app"));
    assertEquals("2.1", booted.running().get("fw.app"), "the card booted what its NVM stored");
    Param roce = value(ask(again, TESTDRV3, new ParamOp.Get("enable_roce")));
    assertEquals(new ParamValue.Bool(true), roce.values().get(Param.Cmode.PERMANENT));
    assertEquals(new ParamValue.Bool(false), roce.values().get(Param.Cmode.DRIVERINIT), "driverinit values are runtime state");
    TrapSnapshot trap = value(ask(again, TESTDRV3, new TrapOp.Get("blackhole_route", false)));
    assertEquals("drop", trap.action(), "trap actions are runtime state");
    List<?> ports = value(ask(again, NSIM10, new dev.fabric.devlink.model.PortOp.Dump())).ports();
    assertEquals(2, ports.size());

    // del_device: the card leaves the inventory.
    assertEquals(Reply.ok(), bus(again, "testdrv", "3", false));
    awaitInventory(observer2, inv -> inv.card("testdrv", 3).isEmpty());
  }
}
