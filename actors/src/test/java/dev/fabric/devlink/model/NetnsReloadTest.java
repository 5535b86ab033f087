package dev.fabric.devlink.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * `devlink dev reload DEV netns NS` as 6.1's devlink_reload() does it: devlink_ns_change_notify
 * (new=false) in the namespace left (each PARAM_DEL, then DEL), reload_down's removals still there,
 * then write_pnet; reload_up's creations, devlink_ns_change_notify(new=true) (NEW, each PARAM_NEW)
 * and devlink_reload_stats_update's NEW in the namespace entered.
 */
class NetnsReloadTest {
  private NsimDevlink d;

  @BeforeEach
  void setUp() {
    d = new NsimDevlink(DevHandle.netdevsim(11), 11, 1, "init");
    d.probe(List.of("eth0"));
    d.register();
  }

  private static String line(Notification n) {
    String what = n.kind().label + "," + n.cmd().label;
    if (n.payload() instanceof Param p) {
      what += " " + p.name();
    } else if (n.payload() instanceof PortState p) {
      what += " " + p.index() + (p.netdev() == null ? "" : " " + p.netdev());
    }
    return n.netns() + " " + what;
  }

  private static List<String> lines(Result r) {
    return r.notes().stream().map(NetnsReloadTest::line).toList();
  }

  private static List<String> in(List<String> lines, String netns) {
    return lines.stream().filter(l -> l.startsWith(netns + " ")).toList();
  }

  @Test
  void leavingANamespaceAnnouncesTheInstanceGoneThereFirst() {
    List<String> down = lines(d.reloadDown("ns1"));
    assertTrue(down.stream().allMatch(l -> l.startsWith("init ")), down.toString());
    // params (registration order), the instance, then reload_down's removals
    assertEquals(List.of("init param,del max_macs", "init param,del test1", "init dev,del"), down.subList(0, 3));
    assertTrue(down.contains("init port,del 0"), down.toString());
    assertEquals("ns1", d.netns());
    List<String> up = lines(d.reloadUp(DevOp.Reload.of(null, null, "ns1"), List.of("eth0")));
    assertTrue(up.stream().allMatch(l -> l.startsWith("ns1 ")), up.toString());
    assertTrue(up.indexOf("ns1 port,new 0 eth0") < up.indexOf("ns1 dev,new"), up.toString());
    assertEquals(List.of("ns1 dev,new", "ns1 param,new max_macs", "ns1 param,new test1", "ns1 dev,new"),
        up.subList(up.size() - 4, up.size()));
  }

  @Test
  void backToTheInitialNamespaceTheSameWayRound() {
    d.reloadDown("ns1");
    d.reloadUp(DevOp.Reload.of(null, null, "ns1"), List.of("eth0"));
    List<String> down = lines(d.reloadDown("init"));
    assertEquals(List.of("ns1 param,del max_macs", "ns1 param,del test1", "ns1 dev,del"), down.subList(0, 3));
    assertEquals(List.of(), in(down, "init"));
    List<String> up = lines(d.reloadUp(DevOp.Reload.of(null, null, "init"), List.of("eth0")));
    assertEquals(List.of(), in(up, "ns1"));
    assertEquals(List.of("init dev,new", "init param,new max_macs", "init param,new test1", "init dev,new"),
        up.subList(up.size() - 4, up.size()));
  }

  @Test
  void aReloadThatStaysInPlaceHasNoNamespaceChangeMessages() {
    List<String> down = lines(d.reloadDown("init"));
    assertTrue(down.stream().noneMatch(l -> l.contains("param,") || l.contains("dev,del")), down.toString());
    List<String> up = lines(d.reloadUp(DevOp.Reload.of(null, null, "init"), List.of("eth0")));
    assertEquals(1, up.stream().filter(l -> l.equals("init dev,new")).count(), up.toString());
    assertTrue(up.stream().noneMatch(l -> l.contains("param,")), up.toString());
  }

  /**
   * dont_allow_reload: devlink_reload() has already sent the namespace change's DEL messages when
   * netdevsim's reload_down refuses; the instance stays where it was, unannounced.
   */
  @Test
  void aMoveRefusedByTheDriverHasAlreadyAnnouncedTheInstanceGone() {
    d.apply(new DriverOp.DebugfsWrite("dont_allow_reload", "Y\n"), List.of());
    Result refused = d.reloadRefused(DevOp.Reload.of(null, null, "ns1"), new NetnsTarget.Known("ns1"));
    assertEquals(Errno.EOPNOTSUPP, ((Reply.Err) refused.reply()).errno());
    assertEquals(List.of("init param,del max_macs", "init param,del test1", "init dev,del"), lines(refused));
    assertEquals("init", d.netns());
    // in place: nothing is sent before the refusal
    assertEquals(List.of(), lines(d.reloadRefused(DevOp.Reload.of(null, null, null), NetnsTarget.STAY)));
  }
}
