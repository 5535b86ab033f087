package dev.fabric.devlink.actor;

import org.apache.pekko.actor.typed.ActorRef;

/**
 * A message that must be answered: exactly one message goes to {@link #replyTo()}, whatever the
 * state of the actor it reaches (issue 11 point 6). Every request of Host, Registry, Instance and
 * Port implements it, so that a state, a full stash or a forwarding step can find the reply
 * address of any request without knowing its type (NoRequestLostTest enumerates them).
 *
 * @param <R> what the request is answered with
 */
public interface Answerable<R> {

  ActorRef<R> replyTo();
}
