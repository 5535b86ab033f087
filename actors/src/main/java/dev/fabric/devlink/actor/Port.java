package dev.fabric.devlink.actor;

import dev.fabric.devlink.model.PortLogic;
import dev.fabric.devlink.model.PortOp;
import dev.fabric.devlink.model.PortState;
import dev.fabric.devlink.model.Reply;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * One devlink port, a child of its instance. Port requests reach it through the instance (so they
 * are ordered against reload and port removal) and it answers them itself, so two ports of one
 * device proceed in parallel. The instance pushes state changes to it.
 */
public final class Port {
  private Port() {}

  /** All of a port's messages may cross members (the instance and its ports live together today). */
  public sealed interface Command extends dev.fabric.devlink.Wire {}

  public record Request(PortOp.OnePort<?> op, ActorRef<Reply<?>> replyTo) implements Command, Refusable {}

  public record Update(PortState state) implements Command {}

  /** Acknowledged once every request sent before it has been answered (reload's write barrier). */
  public record Quiesce(ActorRef<Quiesced> replyTo) implements Command, Answerable<Quiesced> {}

  public record Quiesced(long index) implements dev.fabric.devlink.Wire {}

  /**
   * The port is gone: stop after answering everything routed to it before. (A plain
   * context.stop would drop the requests still in the mailbox as dead letters.)
   */
  public record Retire() implements Command {}

  public static Behavior<Command> create(PortState initial) {
    return serving(initial);
  }

  /** As the instance does for its model steps: an exception is an error reply, never a dead port. */
  private static Reply<?> answer(PortState state, PortOp.OnePort<?> op) {
    try {
      return PortLogic.apply(state, op);
    } catch (RuntimeException e) {
      org.slf4j.LoggerFactory.getLogger(Port.class).error("port step {} failed; answered EIO", op, e);
      return Reply.err(dev.fabric.devlink.model.Errno.EIO);
    }
  }

  private static Behavior<Command> serving(PortState state) {
    return Behaviors.receive(Command.class)
        .onMessage(Request.class, r -> {
          r.replyTo().tell(answer(state, r.op()));
          return Behaviors.same();
        })
        .onMessage(Update.class, u -> serving(u.state()))
        .onMessage(Retire.class, r -> Behaviors.stopped())
        .onMessage(Quiesce.class, q -> {
          q.replyTo().tell(new Quiesced(state.index()));
          return Behaviors.same();
        })
        .build();
  }
}
