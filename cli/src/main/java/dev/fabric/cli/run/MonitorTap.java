package dev.fabric.cli.run;

import dev.fabric.devlink.client.Fabric;
import dev.fabric.devlink.model.Notification;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * A `devlink monitor` listening on the host's notification group from outside the actor world:
 * a small actor forwards every notification into a queue the script runner drains after each
 * command, using a fence so it knows it has every event that command caused.
 */
final class MonitorTap {
  private final Fabric fabric;
  private final BlockingQueue<Notification> queue = new LinkedBlockingQueue<>();
  private final ActorRef<Notification> ref;
  private long fences;

  MonitorTap(Fabric fabric, String netns, String name) {
    this.fabric = fabric;
    this.ref = fabric.system().systemActorOf(Behaviors.receive(Notification.class)
        .onMessage(Notification.class, n -> {
          if (STOP.equals(n.payload())) {
            return Behaviors.stopped();
          }
          queue.add(n);
          return Behaviors.same();
        }).build(), name, Props.empty());
    fabric.subscribe(netns, ref);
  }

  /** The tap stops itself on this marker (it is not our child, so we cannot stop it directly). */
  private static final String STOP = "\u0000stop";

  void close() {
    fabric.unsubscribe(ref);
    ref.tell(new Notification(null, null, null, null, STOP));
  }

  /** Everything published before this call, in order. */
  List<Notification> drain() {
    String token = "fence-" + (++fences);
    Notification marker = new Notification(null, null, null, null, token);
    fabric.fence(ref, marker);
    List<Notification> out = new ArrayList<>();
    while (true) {
      Notification n;
      try {
        n = queue.poll(60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return out;
      }
      if (n == null || token.equals(n.payload())) {
        // Room again in the subscriber's receive buffer for what this drain took.
        fabric.consumed(ref, out.size());
        return out;
      }
      if (!(n.payload() instanceof dev.fabric.devlink.actor.MonitorHub.Overrun)) {
        out.add(n);
      }
    }
  }
}
