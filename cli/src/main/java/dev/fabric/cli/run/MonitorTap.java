package dev.fabric.cli.run;

import dev.fabric.devlink.client.Fabric;
import dev.fabric.devlink.model.MonitorEvent;
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
  private final BlockingQueue<MonitorEvent> queue = new LinkedBlockingQueue<>();
  private final ActorRef<MonitorEvent> ref;
  /** Fence ids: 0 is the one after which the tap stops, drains count up from 1. */
  private static final long STOP_FENCE = 0;
  private long fences;

  MonitorTap(Fabric fabric, String netns, String name) {
    this.fabric = fabric;
    this.ref = fabric.system().systemActorOf(Behaviors.receive(MonitorEvent.class)
        .onMessage(MonitorEvent.class, e -> {
          if (e instanceof MonitorEvent.FenceReached f && f.id() == STOP_FENCE) {
            return Behaviors.stopped();
          }
          queue.add(e);
          return Behaviors.same();
        }).build(), name, Props.empty());
    fabric.subscribe(netns, ref);
  }

  /**
   * Unsubscribes, then stops the tap after everything the hub sent it (it is not our child, so we
   * cannot stop it directly).
   */
  void close() {
    fabric.unsubscribe(ref);
    fabric.fence(ref, STOP_FENCE);
  }

  /** Everything published before this call, in order. */
  List<Notification> drain() {
    long fence = ++fences;
    fabric.fence(ref, fence);
    List<Notification> out = new ArrayList<>();
    int taken = 0;
    while (true) {
      MonitorEvent e;
      try {
        e = queue.poll(60, TimeUnit.SECONDS);
      } catch (InterruptedException x) {
        Thread.currentThread().interrupt();
        return out;
      }
      if (e == null || e instanceof MonitorEvent.FenceReached f && f.id() == fence) {
        // Room again in the subscriber's receive buffer for what this drain took.
        fabric.consumed(ref, taken);
        return out;
      }
      if (e instanceof MonitorEvent.Note n) {
        taken++;
        out.add(n.notification());
      } else if (e instanceof MonitorEvent.Overrun) {
        taken++;
      }
    }
  }
}
