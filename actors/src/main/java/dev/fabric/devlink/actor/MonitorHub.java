package dev.fabric.devlink.actor;

import dev.fabric.devlink.Wire;
import dev.fabric.devlink.model.MonitorEvent;
import dev.fabric.devlink.model.Notification;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * The devlink "config" multicast group of one host: instances publish their notifications here in
 * the kernel's order, and each subscriber gets those of its namespace (or all, with a null
 * namespace), in publication order.
 *
 * <p>Each subscriber has a receive buffer, as a netlink socket has: at most
 * {@code fabric.limits.subscriber-buffer} notifications sent and not yet acknowledged with
 * {@link Consumed}. Beyond it notifications are dropped (the kernel drops multicast for a full
 * socket) and, once the subscriber reads again, it gets one {@link MonitorEvent.Overrun} first (the
 * reader's ENOBUFS). Subscribers receive {@link MonitorEvent}s: notes, overruns, the fences they
 * asked for, by id, and the host's reboots. Subscribing is idempotent (a second Subscribe only changes the namespace);
 * a subscriber is unwatched on Unsubscribe and forgotten when it stops.
 */
public final class MonitorHub {
  private MonitorHub() {}

  public sealed interface Command extends Wire {}

  public record Publish(java.util.List<Notification> notes) implements Command {}

  /** {@code netns} empty subscribes to every namespace. */
  public record Subscribe(java.util.Optional<String> netns, ActorRef<MonitorEvent> subscriber) implements Command {
    public Subscribe {
      netns = netns == null ? java.util.Optional.empty() : netns;
    }
  }

  public record Unsubscribe(ActorRef<MonitorEvent> subscriber) implements Command {}

  /** The subscriber has read {@code count} notifications: room for as many more. */
  public record Consumed(ActorRef<MonitorEvent> subscriber, int count) implements Command {}

  /**
   * Sends {@link MonitorEvent.FenceReached}{@code (id)} to {@code subscriber} after everything
   * published before this message: the way a client knows it has seen all events of a command it
   * has finished. (Not counted in the receive buffer.)
   */
  public record Fence(ActorRef<MonitorEvent> subscriber, long id) implements Command {}

  /**
   * The host power-cycled (boot number {@code boot}): every subscriber gets
   * {@link MonitorEvent.Rebooted} after everything published before (an overrun still owed first,
   * as it counts notifications of the old boot). Not counted in the receive buffer.
   */
  public record Rebooted(int boot) implements Command {}

  public record GetStats(ActorRef<Stats> replyTo) implements Command {}

  /** @param subscribers subscribers held (each one watched) */
  public record Stats(int subscribers) implements Wire {}

  private static final class Sub {
    String netns;
    final ActorRef<MonitorEvent> ref;
    long inFlight;
    long dropped;

    Sub(String netns, ActorRef<MonitorEvent> ref) {
      this.netns = netns;
      this.ref = ref;
    }

    /** The reader's ENOBUFS for what was dropped (it takes a place in the receive buffer). */
    void sendOverrun() {
      inFlight++;
      ref.tell(new MonitorEvent.Overrun(dropped));
      dropped = 0;
    }
  }

  public static Behavior<Command> create() {
    return Behaviors.setup(ctx -> serve(ctx, Limits.from(ctx.getSystem().settings().config()).subscriberBuffer()));
  }

  /** With an explicit receive buffer per subscriber. */
  public static Behavior<Command> create(int subscriberBuffer) {
    return Behaviors.setup(ctx -> serve(ctx, subscriberBuffer));
  }

  private static Behavior<Command> serve(ActorContext<Command> ctx, int buffer) {
    Map<ActorRef<MonitorEvent>, Sub> subs = new LinkedHashMap<>();
    return Behaviors.receive(Command.class)
        .onMessage(Publish.class, p -> {
          for (Notification n : p.notes()) {
            for (Sub s : subs.values()) {
              if (s.netns == null || s.netns.equals(n.netns())) {
                if (s.inFlight < buffer) {
                  s.inFlight++;
                  s.ref.tell(new MonitorEvent.Note(n));
                } else {
                  s.dropped++;
                }
              }
            }
          }
          return Behaviors.same();
        })
        .onMessage(Subscribe.class, s -> {
          Sub known = subs.get(s.subscriber());
          if (known != null) {
            known.netns = s.netns().orElse(null);
          } else {
            subs.put(s.subscriber(), new Sub(s.netns().orElse(null), s.subscriber()));
            ctx.watch(s.subscriber());
          }
          return Behaviors.same();
        })
        .onMessage(Unsubscribe.class, u -> {
          if (subs.remove(u.subscriber()) != null) {
            ctx.unwatch(u.subscriber());
          }
          return Behaviors.same();
        })
        .onMessage(Consumed.class, c -> {
          Sub s = subs.get(c.subscriber());
          if (s != null) {
            s.inFlight = Math.max(0, s.inFlight - c.count());
            if (s.dropped > 0 && s.inFlight < buffer) {
              s.sendOverrun();
            }
          }
          return Behaviors.same();
        })
        .onMessage(Fence.class, f -> {
          f.subscriber().tell(new MonitorEvent.FenceReached(f.id()));
          return Behaviors.same();
        })
        .onMessage(Rebooted.class, r -> {
          for (Sub s : subs.values()) {
            if (s.dropped > 0) {
              s.sendOverrun();
            }
            s.ref.tell(new MonitorEvent.Rebooted(r.boot()));
          }
          return Behaviors.same();
        })
        .onMessage(GetStats.class, g -> {
          g.replyTo().tell(new Stats(subs.size()));
          return Behaviors.same();
        })
        .onSignal(Terminated.class, t -> {
          subs.remove(t.getRef().<MonitorEvent>unsafeUpcast());
          return Behaviors.same();
        })
        .build();
  }
}
