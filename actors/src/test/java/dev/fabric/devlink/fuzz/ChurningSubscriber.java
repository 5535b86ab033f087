package dev.fabric.devlink.fuzz;

import dev.fabric.devlink.actor.MonitorHub;
import dev.fabric.devlink.model.Notification;
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

  static final Notification LEAVE_NOW = new Notification(null, null, null, null, "leave-now");
  private static final Object GONE = new Object();

  static Behavior<Notification> create(ActorRef<MonitorHub.Command> hub, boolean twice, int stayFor) {
    return Behaviors.setup(ctx -> {
      hub.tell(new MonitorHub.Subscribe(null, ctx.getSelf()));
      if (twice) {
        hub.tell(new MonitorHub.Subscribe("init", ctx.getSelf()));
      }
      int[] left = {stayFor};
      boolean[] leaving = {false};
      boolean[] gone = {false};
      boolean[] stopWhenGone = {false};
      Runnable leave = () -> {
        if (!leaving[0]) {
          leaving[0] = true;
          hub.tell(new MonitorHub.Unsubscribe(ctx.getSelf()));
          hub.tell(new MonitorHub.Fence(ctx.getSelf(), new Notification(null, null, null, null, GONE)));
        }
      };
      // It stays alive (idle) after leaving until LEAVE_NOW, so whoever holds its ref never
      // sends to a stopped actor.
      return Behaviors.receive(Notification.class)
          .onMessage(Notification.class, n -> {
            if (n.payload() == GONE) {
              gone[0] = true;
              return stopWhenGone[0] ? Behaviors.stopped() : Behaviors.same();
            }
            if (n == LEAVE_NOW) {
              if (gone[0]) {
                return Behaviors.stopped();
              }
              stopWhenGone[0] = true;
              leave.run();
              return Behaviors.same();
            }
            hub.tell(new MonitorHub.Consumed(ctx.getSelf(), 1));
            if (--left[0] <= 0) {
              leave.run();
            }
            return Behaviors.same();
          })
          .build();
    });
  }
}
