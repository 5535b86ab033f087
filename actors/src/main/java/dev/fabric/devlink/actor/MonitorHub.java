package dev.fabric.devlink.actor;

import dev.fabric.devlink.model.Notification;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * The devlink "config" multicast group of one host: instances publish their notifications here in
 * the kernel's order, and each subscriber gets those of its namespace (or all, with a null
 * namespace), in publication order.
 */
public final class MonitorHub {
  private MonitorHub() {}

  public sealed interface Command {}

  public record Publish(List<Notification> notes) implements Command {}

  /** {@code netns} null subscribes to every namespace. */
  public record Subscribe(String netns, ActorRef<Notification> subscriber) implements Command {}

  public record Unsubscribe(ActorRef<Notification> subscriber) implements Command {}

  /**
   * Sends {@code marker} to {@code subscriber} after everything published before this message:
   * the way a client knows it has seen all events of a command it has finished.
   */
  public record Fence(ActorRef<Notification> subscriber, Notification marker) implements Command {}

  private record Sub(String netns, ActorRef<Notification> ref) {}

  public static Behavior<Command> create() {
    return Behaviors.setup(ctx -> {
      List<Sub> subs = new ArrayList<>();
      return Behaviors.receive(Command.class)
          .onMessage(Publish.class, p -> {
            for (Notification n : p.notes()) {
              for (Sub s : subs) {
                if (s.netns() == null || s.netns().equals(n.netns())) {
                  s.ref().tell(n);
                }
              }
            }
            return Behaviors.same();
          })
          .onMessage(Subscribe.class, s -> {
            subs.add(new Sub(s.netns(), s.subscriber()));
            ctx.watch(s.subscriber());
            return Behaviors.same();
          })
          .onMessage(Unsubscribe.class, u -> {
            subs.removeIf(s -> s.ref().equals(u.subscriber()));
            return Behaviors.same();
          })
          .onMessage(Fence.class, f -> {
            f.subscriber().tell(f.marker());
            return Behaviors.same();
          })
          .onSignal(Terminated.class, t -> {
            subs.removeIf(s -> s.ref().equals(t.getRef()));
            return Behaviors.same();
          })
          .build();
    });
  }
}
