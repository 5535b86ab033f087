package dev.fabric.devlink.fuzz;

import dev.fabric.devlink.actor.MonitorHub;
import dev.fabric.devlink.model.MonitorEvent;
import dev.fabric.devlink.model.Notification;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * A `devlink monitor` of every namespace for the fuzzer: records each notification in order and
 * acknowledges what it read (so the hub never drops for it). The fuzzer subscribes it itself,
 * before it sends anything (subscribing from the recorder's setup raced the first events: the
 * fuzzer caught that in its own harness). {@link Collect} asks for everything published up to
 * now: the recorder answers when the hub's fence of that id arrives, after all of it.
 */
final class Recorder {
  private Recorder() {}

  /** Answer {@code replyTo} with what was recorded once fence {@code fence} arrives. */
  record Collect(long fence, ActorRef<Recorded> replyTo) {}

  /** The notifications recorded, and how many the hub dropped for the recorder (the replay needs 0). */
  record Recorded(List<Notification> notes, long overrun) {}

  /** Takes {@link MonitorEvent}s (its ref narrowed) and {@link Collect}. */
  static Behavior<Object> create(ActorRef<MonitorHub.Command> hub) {
    return Behaviors.setup(ctx -> {
      List<Notification> seen = new ArrayList<>();
      Map<Long, ActorRef<Recorded>> collects = new HashMap<>();
      long[] overrun = {0};
      int[] unacked = {0};
      ActorRef<MonitorEvent> self = ctx.getSelf().narrow();
      return Behaviors.receive(Object.class)
          .onMessage(Collect.class, c -> {
            collects.put(c.fence(), c.replyTo());
            return Behaviors.same();
          })
          .onMessage(MonitorEvent.FenceReached.class, f -> {
            ActorRef<Recorded> to = collects.remove(f.id());
            if (to != null) {
              to.tell(new Recorded(List.copyOf(seen), overrun[0]));
            }
            return Behaviors.same();
          })
          .onMessage(MonitorEvent.Overrun.class, o -> {
            overrun[0] += o.dropped();
            return Behaviors.same();
          })
          .onMessage(MonitorEvent.Note.class, n -> {
            seen.add(n.notification());
            if (++unacked[0] >= 256) {
              hub.tell(new MonitorHub.Consumed(self, unacked[0]));
              unacked[0] = 0;
            }
            return Behaviors.same();
          })
          .build();
    });
  }
}
