package dev.fabric.devlink.actor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * The host's network stack as far as devlink sees it: netdev names per namespace. The kernel names
 * a new netdev {@code eth%d} with the lowest number free in its namespace, so names are a host-wide
 * resource that instances ask for (the RTNL end of the device → instance → RTNL lock order).
 */
public final class NetStack {
  private NetStack() {}

  public sealed interface Command {}

  public record Alloc(String netns, int count, ActorRef<List<String>> replyTo) implements Command {}

  public record Release(String netns, List<String> names) implements Command {}

  public static Behavior<Command> create() {
    Map<String, TreeSet<Integer>> used = new HashMap<>();
    return Behaviors.receive(Command.class)
        .onMessage(Alloc.class, a -> {
          TreeSet<Integer> taken = used.computeIfAbsent(a.netns(), k -> new TreeSet<>());
          List<String> names = new ArrayList<>(a.count());
          int n = 0;
          while (names.size() < a.count()) {
            if (!taken.contains(n)) {
              taken.add(n);
              names.add("eth" + n);
            }
            n++;
          }
          a.replyTo().tell(names);
          return Behaviors.same();
        })
        .onMessage(Release.class, r -> {
          TreeSet<Integer> taken = used.computeIfAbsent(r.netns(), k -> new TreeSet<>());
          for (String name : r.names()) {
            if (name.startsWith("eth")) {
              taken.remove(Integer.parseInt(name.substring(3)));
            }
          }
          return Behaviors.same();
        })
        .build();
  }
}
