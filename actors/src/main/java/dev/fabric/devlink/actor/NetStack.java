package dev.fabric.devlink.actor;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import dev.fabric.devlink.model.NetdevNames;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * The host's network stack as far as devlink sees it: netdev names per namespace. The kernel names
 * a new netdev {@code eth%d} with the lowest number free in its namespace, so names are a host-wide
 * resource that instances ask for (the RTNL end of the device → instance → RTNL lock order).
 *
 * <p>It also keeps what `ip link` and /sys/class/net show of each netdev: its ifindex (6.1's
 * dev_new_index: per namespace, counting up from the last one given, lo being 1), its random MAC
 * (netdevsim's nsim_setup calls eth_hw_addr_random) and its device's phys_switch_id (nsim_dev_probe
 * draws 32 random bytes once per device: kept per owning instance actor, forgotten when it stops).
 */
public final class NetStack {
  private NetStack() {}

  public sealed interface Command extends dev.fabric.devlink.Wire {}

  /** Names for {@code count} new netdevs of {@code owner} (the instance; null: no switch id). */
  public record Alloc(String netns, int count, ActorRef<Names> replyTo, ActorRef<?> owner)
      implements Command, Answerable<Names> {
    public Alloc(String netns, int count, ActorRef<Names> replyTo) {
      this(netns, count, replyTo, null);
    }
  }

  /** Reply to {@link Alloc}: the names, in the order the ports get them. */
  public record Names(List<String> names) implements dev.fabric.devlink.Wire {}

  public record Release(String netns, List<String> names) implements Command {}

  /** Reply: the netdevs of {@code netns} (without lo), in ifindex order. */
  public record Links(String netns, ActorRef<LinkList> replyTo) implements Command, Answerable<LinkList> {}

  public record LinkList(List<Host.Link> links) implements dev.fabric.devlink.Wire {}

  private static final class Namespace {
    final Map<String, Host.Link> links = new LinkedHashMap<>();
    int lastIfindex = 1; // lo
  }
  /** Reply: the names taken in each namespace that has any (leak checks). */
  public record GetTaken(ActorRef<Taken> replyTo) implements Command, Answerable<Taken> {}

  /** Reply to {@link GetTaken}: namespace to the names taken there. */
  public record Taken(Map<String, java.util.Set<String>> byNetns) implements dev.fabric.devlink.Wire {}

  public static Behavior<Command> create() {
    return Behaviors.setup(ctx -> {
      Map<String, Namespace> spaces = new HashMap<>();
      NetdevNames names = new NetdevNames();
      Map<ActorRef<?>, String> switchIds = new HashMap<>();
      SplittableRandom random = new SplittableRandom();
      return Behaviors.receive(Command.class)
          .onMessage(Alloc.class, a -> {
            Namespace ns = spaces.computeIfAbsent(a.netns(), k -> new Namespace());
            String switchId = null;
            if (a.owner() != null) {
              switchId = switchIds.get(a.owner());
              if (switchId == null) {
                switchId = hex(random, 32, false);
                switchIds.put(a.owner(), switchId);
                ctx.watch(a.owner());
              }
            }
            List<String> given = names.alloc(a.netns(), a.count());
            for (String name : given) {
              ns.links.put(name, new Host.Link(name, ++ns.lastIfindex, hex(random, 6, true), switchId));
            }
            a.replyTo().tell(new Names(given));
            return Behaviors.same();
          })
          .onMessage(Release.class, r -> {
            Namespace ns = spaces.computeIfAbsent(r.netns(), k -> new Namespace());
            names.release(r.netns(), r.names());
            for (String name : r.names()) {
              ns.links.remove(name);
            }
            return Behaviors.same();
          })
          .onMessage(Links.class, l -> {
            Namespace ns = spaces.get(l.netns());
            l.replyTo().tell(new LinkList(ns == null ? List.of() : List.copyOf(ns.links.values())));
            return Behaviors.same();
          })
          .onMessage(GetTaken.class, g -> {
            g.replyTo().tell(new Taken(names.taken()));
            return Behaviors.same();
          })
          .onSignal(Terminated.class, t -> {
            switchIds.remove(t.getRef());
            return Behaviors.same();
          })
          .build();
    });
  }

  /** Random bytes as hex; a MAC is colon-separated, locally administered and unicast. */
  private static String hex(SplittableRandom random, int bytes, boolean mac) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < bytes; i++) {
      int b = random.nextInt(256);
      if (mac && i == 0) {
        b = (b & 0xfe) | 0x02; // eth_random_addr: clear multicast, set local assignment
      }
      if (mac && i > 0) {
        sb.append(':');
      }
      sb.append(String.format("%02x", b));
    }
    return sb.toString();
  }
}
