package dev.fabric.devlink.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The host model alone: a step stops at its hardware wait as a value, which resumes on the model
 * or on a copy of it (the checker's exploration) with the same result and no shared state;
 * refusals are Done values; netdev names are the host's; a flash reaches the inventory and a model
 * booted from it keeps the NVM and nothing else.
 */
class HostModelTest {
  private static final Caller INIT = Caller.of(HostModel.INIT_NETNS);
  private static final DevHandle N1 = DevHandle.netdevsim(1);
  private static final DevHandle T2 = new DevHandle("testdrv", "testdrv2");

  private static HostModel host() {
    HostModel h = new HostModel(Drivers.standard().with(TestDriver.INSTANCE), 65536);
    h.useHealthClock(() -> 1_000L);
    done(h.step(new HostModel.NewDevice("netdevsim", "1 2", HostModel.INIT_NETNS)));
    done(h.step(new HostModel.NewDevice("testdrv", "2 1", HostModel.INIT_NETNS)));
    return h;
  }

  private static HostModel.Done done(HostModel.Step s) {
    return assertInstanceOf(HostModel.Done.class, s);
  }

  private static List<String> netdevs(HostModel h, DevHandle dev) {
    HostModel.Done d = done(h.step(new HostModel.Route(INIT, dev, new PortOp.Dump())));
    return ((Reply.Ok<PortOp.PortList>) ReplyTypes.typed(new PortOp.Dump(), d.reply())).value().ports().stream()
        .map(PortState::netdev).toList();
  }

  @Test
  void aReloadStopsAtItsHardwareWaitAndResumesOnACopyAlike() {
    HostModel h = host();
    assertEquals(List.of("eth0", "eth1"), netdevs(h, N1));
    assertEquals(List.of("eth2"), netdevs(h, T2), "names are the host's, across drivers");
    HostModel.Step s = h.step(new HostModel.Route(INIT, N1, DevOp.Reload.of(null, null, null)));
    HostModel.Pending p = assertInstanceOf(HostModel.Pending.class, s);
    assertInstanceOf(HostModel.Reinit.class, p.hardware());
    assertTrue(p.notesSoFar().stream().anyMatch(n -> n.cmd() == Notification.Cmd.DEL), "reload_down's removals");
    HostModel copy = h.copy();
    HostModel.Done onCopy = copy.resume(p);
    HostModel.Done onOriginal = h.resume(p);
    assertEquals(onOriginal, onCopy);
    assertTrue(onOriginal.reply().isOk());
    assertEquals(List.of("eth0", "eth1"), netdevs(h, N1), "reload_up took the lowest free names again");
    // The copy is independent: a del_device on it leaves the original's device.
    assertTrue(done(copy.step(new HostModel.DelDevice("netdevsim", "1"))).reply().isOk());
    assertEquals(List.of(T2), copy.instances(null));
    assertEquals(List.of(N1, T2), h.instances(null));
  }

  @Test
  void refusalsAreValues() {
    HostModel h = host();
    HostModel.Done unknownNetns = done(h.step(new HostModel.Route(INIT, N1, DevOp.Reload.of(null, null, "nope"))));
    assertEquals(Reply.err(Errno.EINVAL, "leftover: Unknown network namespace."), unknownNetns.reply());
    assertEquals(Reply.err(Errno.ENODEV), done(h.step(new HostModel.Route(Caller.of("ns1"), N1, new DevOp.Get()))).reply());
    assertEquals(Reply.err(Errno.ENOSPC), done(h.step(new HostModel.NewDevice("netdevsim", "1", "init"))).reply());
    assertEquals(Reply.err(Errno.ENOENT), done(h.step(new HostModel.NewDevice("nobus", "1", "init"))).reply());
    assertEquals(Reply.err(Errno.ENOENT, "failed to locate the requested firmware file."),
        done(h.step(new HostModel.Route(INIT, N1, DevOp.Flash.of("missing.bin", null, null)))).reply());
  }

  @Test
  void aFlashReachesTheInventoryAndABootKeepsOnlyTheNvm() {
    HostModel h = host();
    done(h.step(new HostModel.FirmwareWrite("testdrv-3.0.bin", "image")));
    HostModel.Pending p = assertInstanceOf(HostModel.Pending.class,
        h.step(new HostModel.Route(INIT, T2, DevOp.Flash.of("testdrv-3.0.bin", null, null))));
    HostModel.FlashWrite w = assertInstanceOf(HostModel.FlashWrite.class, p.hardware());
    assertEquals(Map.of("fw.app", "3.0", "fw.undi", "3.0"), w.commit().firmware());
    assertNotEquals(w.commit(), h.inventory().card("testdrv", 2).orElseThrow().nvm(), "committed only after the chunks");
    assertTrue(h.resume(p).reply().isOk());
    HostInventory kept = h.inventory();
    assertEquals(w.commit(), kept.card("testdrv", 2).orElseThrow().nvm());
    done(h.step(new HostModel.Route(INIT, T2, new ParamOp.Set("enable_roce", Param.Cmode.DRIVERINIT, new ParamValue.Bool(true)))));

    HostModel booted = HostModel.boot(Drivers.standard().with(TestDriver.INSTANCE), 65536, kept);
    assertEquals(kept, booted.inventory());
    HostModel.Done info = done(booted.step(new HostModel.Route(INIT, T2, new DevOp.InfoGet())));
    InfoSnapshot snap = ((Reply.Ok<InfoSnapshot>) ReplyTypes.typed(new DevOp.InfoGet(), info.reply())).value();
    assertEquals("3.0", snap.running().get("fw.app"), "the card booted its flashed firmware");
    HostModel.Done param = done(booted.step(new HostModel.Route(INIT, T2, new ParamOp.Get("enable_roce"))));
    Param roce = ((Reply.Ok<Param>) ReplyTypes.typed(new ParamOp.Get("enable_roce"), param.reply())).value();
    assertEquals(new ParamValue.Bool(false), roce.values().get(Param.Cmode.DRIVERINIT), "driverinit is runtime state");
  }

  @Test
  void aPowerCycleKeepsTheInventoryAndResetsTheRest() {
    HostModel h = host();
    done(h.step(new HostModel.NetnsAdd("ns1")));
    done(h.step(new HostModel.FirmwareWrite("testdrv-3.0.bin", "image")));
    done(h.step(new HostModel.Route(Caller.DRIVER, N1, new DriverOp.SysfsWrite("new_port", "5"))));
    HostInventory kept = h.inventory();
    HostModel cycled = h.powerCycled();
    assertEquals(kept, cycled.inventory(), "the cards and their NVM come back, in order");
    assertEquals(Map.of("nsim-fw.bin", "\u0000".repeat(4096)), cycled.firmware(), "/lib/firmware is the shipped image again");
    assertEquals(Reply.err(Errno.EINVAL, "leftover: Unknown network namespace."),
        done(cycled.step(new HostModel.Route(INIT, N1, DevOp.Reload.of(null, null, "ns1")))).reply(), "namespaces are gone");
    assertTrue(h.instances(null).size() == cycled.instances(null).size());
    assertTrue(done(h.step(new HostModel.Route(INIT, N1, new PortOp.Get(5)))).reply().isOk(), "the model cycled is untouched");
    assertEquals(Reply.err(Errno.ENODEV), done(cycled.step(new HostModel.Route(INIT, N1, new PortOp.Get(5)))).reply(),
        "a port added with new_port is runtime state");
  }
}
