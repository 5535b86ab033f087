package dev.fabric.cli.fs;

import dev.fabric.devlink.actor.Host;
import dev.fabric.devlink.client.Fabric;
import dev.fabric.devlink.model.DevHandle;
import dev.fabric.devlink.model.PortOp;
import dev.fabric.devlink.model.PortState;
import dev.fabric.devlink.model.Reply;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The netdevs of one namespace as RTM_GETLINK and /sys/class/net show them: lo, then netdevsim's
 * port netdevs (name, ifindex and MAC from the host's NetStack; phys_port_name from the devlink
 * port that owns the netdev, as devlink's __devlink_port_phys_port_name_get builds it).
 */
public final class Netdevs {
  private Netdevs() {}

  /** One netdev. {@code dev} is the netdevsim device ("netdevsim10"), null for lo. */
  public record Netdev(String name, int ifindex, String mac, String switchId, String portName, String dev) {
    public boolean loopback() {
      return dev == null;
    }
  }

  public static final String LO_MAC = "00:00:00:00:00:00";

  /**
   * The namespace's netdevs in the order a link dump returns them: rtnl_dump_ifinfo walks the
   * namespace's 256 ifindex hash buckets in order, each bucket newest first (hlist_add_head).
   */
  public static List<Netdev> of(Fabric fabric, String netns) {
    Map<String, PortState> ports = new HashMap<>();
    for (DevHandle h : fabric.listSync(netns)) {
      Reply<PortOp.PortList> r = fabric.requestSync(netns, h, new PortOp.Dump());
      if (r instanceof Reply.Ok<PortOp.PortList> ok) {
        for (PortState p : ok.value().ports()) {
          if (p.netdev() != null) {
            ports.put(p.netdev(), p);
          }
        }
      }
    }
    List<Netdev> out = new ArrayList<>();
    out.add(new Netdev("lo", 1, LO_MAC, null, null, null));
    for (Host.Link l : fabric.linksSync(netns)) {
      PortState p = ports.get(l.name());
      out.add(new Netdev(l.name(), l.ifindex(), l.mac(), l.switchId(), p == null ? null : portName(p),
          p == null ? null : p.handle().dev().name()));
    }
    out.sort(Comparator.<Netdev>comparingInt(n -> n.ifindex() & 255).thenComparing(n -> -n.ifindex()));
    return out;
  }

  /** __devlink_port_phys_port_name_get (netdevsim has no line cards and no split ports). */
  static String portName(PortState p) {
    String ext = Boolean.TRUE.equals(p.external()) && p.controller() != null ? "c" + p.controller() : "";
    return switch (p.flavour()) {
      case PHYSICAL -> "p" + p.number();
      case PCI_PF -> ext + "pf" + p.pfnum();
      case PCI_VF -> ext + "pf" + p.pfnum() + "vf" + p.vfnum();
      default -> null;
    };
  }

  /** Whether lo is up: the initial namespace's is; a new namespace's lo starts down. */
  public static boolean loUp(String netns) {
    return netns == null || netns.equals("init");
  }
}
