package dev.fabric.devlink.fuzz;

import dev.fabric.devlink.actor.MonitorHub;
import dev.fabric.devlink.model.Notification;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * A `devlink monitor` of every namespace for the fuzzer: records each notification in order and
 * acknowledges what it read (so the hub never drops for it). The fuzzer subscribes it itself,
 * before it sends anything (subscribing from the recorder's setup raced the first events: the
 * fuzzer caught that in its own harness). {@link #fenceTo} asks for everything
 * published up to now: the hub's fence marker comes after all of it.
 */
final class Recorder {
  private Recorder() {}

  /** Payload of the fence marker; the recorder answers the marker with what it recorded. */
  record Collect(ActorRef<List<Notification>> replyTo) {}

  static Notification fenceTo(ActorRef<List<Notification>> replyTo) {
    return new Notification(null, null, null, null, new Collect(replyTo));
  }

  static Behavior<Notification> create(ActorRef<MonitorHub.Command> hub) {
    return Behaviors.setup(ctx -> {
      List<Notification> seen = new ArrayList<>();
      int[] unacked = {0};
      return Behaviors.receive(Notification.class)
          .onMessage(Notification.class, n -> {
            if (n.payload() instanceof Collect c) {
              c.replyTo().tell(List.copyOf(seen));
              return Behaviors.same();
            }
            seen.add(n);
            if (++unacked[0] >= 256) {
              hub.tell(new MonitorHub.Consumed(ctx.getSelf(), unacked[0]));
              unacked[0] = 0;
            }
            return Behaviors.same();
          })
          .build();
    });
  }
}
