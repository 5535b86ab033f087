package dev.fabric.cli.run;

import dev.fabric.cli.fs.Netdevs;
import dev.fabric.cli.fs.Netdevs.Netdev;
import dev.fabric.cli.script.Result;
import dev.fabric.cli.script.ScriptException;
import dev.fabric.devlink.client.Fabric;
import java.util.List;

/**
 * `ip [-br] [-n NS] link [show [dev] NAME] [up]` of iproute2 6.1 (ip.c, iplink.c do_iplink,
 * ipaddress.c print_linkinfo / print_linkinfo_brief) over the emulated host's netdevs: lo and
 * netdevsim's port netdevs. Other ip objects and link commands are outside the language.
 */
final class IpLink {
  private final Fabric fabric;

  IpLink(Fabric fabric) {
    this.fabric = fabric;
  }

  private record Args(boolean brief, String netns, List<String> rest) {}

  /** ip.c's option loop (only what is emulated); rest starts at the object. */
  private static Args options(List<String> argv) throws ScriptException {
    boolean brief = false;
    String netns = null;
    int i = 1;
    for (; i < argv.size(); i++) {
      String o = argv.get(i);
      if (!o.startsWith("-") || o.equals("-")) {
        break;
      }
      if (o.startsWith("--")) {
        o = o.substring(1);
      }
      if (o.length() > 1 && "-brief".startsWith(o) && !"-batch".startsWith(o)) {
        brief = true;
      } else if (o.length() > 1 && "-netns".startsWith(o)) {
        if (i + 1 >= argv.size()) {
          throw new ScriptException("`ip -n` needs a namespace name");
        }
        netns = argv.get(++i);
      } else {
        throw new ScriptException("ip option " + argv.get(i) + " is not supported (only -br and -n NS)");
      }
    }
    return new Args(brief, netns, argv.subList(i, argv.size()));
  }

  /** Throws for what is outside the language (checked before a line runs). */
  static void validate(List<String> argv) throws ScriptException {
    Args a = options(argv);
    if (a.rest().isEmpty()) {
      return; // usage
    }
    String object = a.rest().get(0);
    if (object.equals("netns") && a.netns() == null) {
      return;
    }
    if (!"link".startsWith(object)) {
      if (isObject(object)) {
        throw new ScriptException("only `ip link show` and `ip netns add|del|list|exec` are emulated");
      }
      return; // unknown object: ip's own error
    }
    List<String> sub = a.rest().subList(1, a.rest().size());
    if (!sub.isEmpty() && !isShow(sub.get(0))) {
      throw new ScriptException("only `ip link show` is emulated (not `ip link " + sub.get(0) + "`)");
    }
    List<String> filter = sub.isEmpty() ? sub : sub.subList(1, sub.size());
    for (int k = 0; k < filter.size(); k++) {
      String w = filter.get(k);
      if (w.equals("dev")) {
        k++;
      } else if (!w.equals("up") && isKeyword(w)) {
        throw new ScriptException("`ip link show " + w + "` is not supported (only [dev] NAME and up)");
      }
    }
  }

  private static final List<String> OBJECTS = List.of("address", "addrlabel", "maddress", "route", "rule",
      "neighbor", "neighbour", "ntable", "ntbl", "link", "l2tp", "fou", "ila", "macsec", "tunnel", "tunl",
      "tuntap", "tap", "token", "tcpmetrics", "tcp_metrics", "monitor", "xfrm", "mroute", "mrule", "netns",
      "netconf", "vrf", "sr", "nexthop", "mptcp", "ioam", "amt", "help");

  private static boolean isObject(String w) {
    return OBJECTS.stream().anyMatch(o -> o.startsWith(w));
  }

  private static boolean isShow(String w) {
    return "show".startsWith(w) || "lst".startsWith(w) || "list".startsWith(w);
  }

  private static boolean isKeyword(String w) {
    return List.of("to", "scope", "master", "nomaster", "group", "vrf", "type", "label", "primary", "secondary",
        "dynamic", "permanent", "tentative", "deprecated", "dadfailed", "temporary").contains(w);
  }

  Result run(String callerNetns, List<String> argv) throws ScriptException {
    validate(argv);
    Args a = options(argv);
    String netns = callerNetns == null ? "init" : callerNetns;
    if (a.netns() != null) {
      if (!fabric.netnsListSync().contains(a.netns())) {
        return Result.err("Cannot open network namespace \"" + a.netns() + "\": No such file or directory\n", 255);
      }
      netns = a.netns();
    }
    if (a.rest().isEmpty()) {
      return Result.err(USAGE, 255);
    }
    String object = a.rest().get(0);
    if (object.equals("netns")) {
      return null; // handled by the shell
    }
    if (!"link".startsWith(object)) {
      return Result.err("Object \"" + object + "\" is unknown, try \"ip help\".\n", 1);
    }
    List<String> sub = a.rest().subList(1, a.rest().size());
    List<String> filter = sub.isEmpty() ? sub : sub.subList(1, sub.size());
    String dev = null;
    boolean up = false;
    for (int k = 0; k < filter.size(); k++) {
      String w = filter.get(k);
      if (w.equals("up")) {
        up = true;
        continue;
      }
      if (w.equals("dev")) {
        if (k + 1 >= filter.size()) {
          return Result.err("Command line is not complete. Try option \"help\"\n", 255);
        }
        w = filter.get(++k);
      }
      if (dev != null) {
        return Result.err("Error: either \"dev\" is duplicate, or \"" + w + "\" is a garbage.\n", 255);
      }
      dev = w;
    }
    List<Netdev> links = Netdevs.of(fabric, netns);
    boolean loUp = Netdevs.loUp(netns);
    if (dev != null) {
      String name = dev;
      links = links.stream().filter(n -> n.name().equals(name)).toList();
      if (links.isEmpty()) {
        return Result.err("Device \"" + dev + "\" does not exist.\n", 1);
      }
    }
    StringBuilder out = new StringBuilder();
    for (Netdev n : links) {
      boolean isUp = n.loopback() && loUp;
      if (up && !isUp) {
        continue;
      }
      out.append(a.brief() ? brief(n, isUp) : full(n, isUp));
    }
    return Result.ok(out.toString());
  }

  /** print_link_flags: lo is LOOPBACK(,UP,LOWER_UP); netdevsim's are BROADCAST,NOARP and down. */
  private static String flags(Netdev n, boolean up) {
    if (n.loopback()) {
      return up ? "<LOOPBACK,UP,LOWER_UP>" : "<LOOPBACK>";
    }
    return "<BROADCAST,NOARP>";
  }

  /** print_linkinfo_brief: "%-16s " name, "%-14s " operstate, "%s " address, flags + " ". */
  private static String brief(Netdev n, boolean up) {
    String state = n.loopback() && up ? "UNKNOWN" : "DOWN";
    return String.format("%-16s %-14s %s %s \n", n.name(), state, n.mac(), flags(n, up));
  }

  /**
   * print_linkinfo: lo has mtu 65536, qdisc noqueue once up (noop while down) and
   * tx_queue_len 1000; netdevsim's nsim_setup keeps ether_setup's mtu 1500, has no qdisc while
   * down (noop) and sets tx_queue_len 0, so no "qlen" (print_queuelen skips 0).
   */
  private static String full(Netdev n, boolean up) {
    StringBuilder sb = new StringBuilder();
    sb.append(n.ifindex()).append(": ").append(n.name()).append(": ").append(flags(n, up)).append(' ');
    if (n.loopback()) {
      sb.append("mtu 65536 qdisc ").append(up ? "noqueue" : "noop").append(" state ")
          .append(up ? "UNKNOWN" : "DOWN").append(" mode DEFAULT group default qlen 1000")
          .append("\n    link/loopback ").append(n.mac()).append(" brd ").append(Netdevs.LO_MAC).append('\n');
    } else {
      sb.append("mtu 1500 qdisc noop state DOWN mode DEFAULT group default ")
          .append("\n    link/ether ").append(n.mac()).append(" brd ff:ff:ff:ff:ff:ff\n");
    }
    return sb.toString();
  }

  /** ip.c usage() (exit(-1): status 255). */
  static final String USAGE = """
      Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }
             ip [ -force ] -batch filename
      where  OBJECT := { address | addrlabel | amt | fou | help | ila | ioam | l2tp |
                         link | macsec | maddress | monitor | mptcp | mroute | mrule |
                         neighbor | neighbour | netconf | netns | nexthop | ntable |
                         ntbl | route | rule | sr | tap | tcpmetrics |
                         token | tunnel | tuntap | vrf | xfrm }
             OPTIONS := { -V[ersion] | -s[tatistics] | -d[etails] | -r[esolve] |
                          -h[uman-readable] | -iec | -j[son] | -p[retty] |
                          -f[amily] { inet | inet6 | mpls | bridge | link } |
                          -4 | -6 | -M | -B | -0 |
                          -l[oops] { maximum-addr-flush-attempts } | -br[ief] |
                          -o[neline] | -t[imestamp] | -ts[hort] | -b[atch] [filename] |
                          -rc[vbuf] [size] | -n[etns] name | -N[umeric] | -a[ll] |
                          -c[olor]}
      """;
}
