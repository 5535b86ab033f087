package dev.fabric.devlink.fuzz;

import dev.fabric.devlink.actor.MonitorHub;
import dev.fabric.devlink.model.MonitorEvent;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * A monitor that comes and goes: subscribes (maybe twice: it must be held once), reads a while,
 * then unsubscribes and stops once the hub's fence says nothing more is on its way (so nothing
 * sent to it ends as a dead letter). {@link #LEAVE_NOW} makes it leave at once.
 */
final class ChurningSubscriber {
  private ChurningSubscriber() {}

  /** Sent by the fuzzer itself (the subscriber takes MonitorEvents and this). */
  record LeaveNow() {}

  static final LeaveNow LEAVE_NOW = new LeaveNow();
  /** The id of the fence after which nothing more comes from the hub. */
  private static final long GONE = 1;

  static Behavior<Object> create(ActorRef<MonitorHub.Command> hub, boolean twice, int stayFor) {
    return Behaviors.setup(ctx -> {
      ActorRef<MonitorEvent> self = ctx.getSelf().narrow();
      hub.tell(new MonitorHub.Subscribe(java.util.Optional.empty(), self));
      if (twice) {
        hub.tell(new MonitorHub.Subscribe(java.util.Optional.of("init"), self));
      }
      int[] left = {stayFor};
      boolean[] leaving = {false};
      boolean[] gone = {false};
      boolean[] stopWhenGone = {false};
      Runnable leave = () -> {
        if (!leaving[0]) {
          leaving[0] = true;
          hub.tell(new MonitorHub.Unsubscribe(self));
          hub.tell(new MonitorHub.Fence(self, GONE));
        }
      };
      // It stays alive (idle) after leaving until LEAVE_NOW, so whoever holds its ref never
      // sends to a stopped actor.
      return Behaviors.receive(Object.class)
          .onMessage(MonitorEvent.FenceReached.class, f -> {
            gone[0] = true;
            return stopWhenGone[0] ? Behaviors.stopped() : Behaviors.same();
          })
          .onMessage(LeaveNow.class, l -> {
            if (gone[0]) {
              return Behaviors.stopped();
            }
            stopWhenGone[0] = true;
            leave.run();
            return Behaviors.same();
          })
          .onMessage(MonitorEvent.class, e -> {
            hub.tell(new MonitorHub.Consumed(self, 1));
            if (--left[0] <= 0) {
              leave.run();
            }
            return Behaviors.same();
          })
          .build();
    });
  }
}
