package dev.fabric.devlink.actor;

import dev.fabric.devlink.model.Errno;
import dev.fabric.devlink.model.Reply;

/**
 * A request answered with a devlink {@link Reply}: it can be refused in any state with the
 * kernel's errno and extack, through this one path (a state that does not serve it, a full
 * stash, an instance gone). Requests answered with a plain value (a list, statistics) are
 * {@link Answerable} only: the actors that receive them have a single state and always answer.
 */
public interface Refusable extends Answerable<Reply<?>> {

  /** Answers this request with {@code errno} and {@code extack} (null: no message). */
  default void refuse(Errno errno, String extack) {
    replyTo().tell(Reply.err(errno, extack));
  }
}
