package dev.fabric.cluster;

import dev.fabric.devlink.model.DevHandle;
import dev.fabric.devlink.model.Op;
import dev.fabric.devlink.model.Reply;
import dev.fabric.devlink.client.DevlinkClient;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

/**
 * {@link DevlinkClient} over one host of a cluster: every call is one message to the host's
 * sharded entity ({@link HostEntity.Devlink} for devlink requests, {@link HostEntity.Action} for the
 * bus and namespaces, {@link HostEntity.Exec} for /lib/firmware), sent from whichever member {@code
 * via} names at that moment (a chaos run moves its client off a member before it kills it). What
 * the cluster has no message for fails as {@link RemoteHostClient} says.
 */
final class EntityClient extends RemoteHostClient {
  private final String host;
  private final Supplier<ActorSystem<?>> via;
  private final Duration timeout;

  EntityClient(String host, Supplier<ActorSystem<?>> via, Duration timeout) {
    this.host = host;
    this.via = via;
    this.timeout = timeout;
  }

  private <T> CompletionStage<T> ask(Function<ActorRef<T>, HostEntity.Command> message) {
    return ClusterSharding.get(via.get()).entityRefFor(HostEntity.KEY, host).ask(message::apply, timeout);
  }

  @Override
  protected CompletionStage<Reply<?>> devlink(String netns, DevHandle dev, Op<?> op) {
    return this.<Reply<?>>ask(r -> new HostEntity.Devlink(netns, dev, op, r));
  }

  @Override
  protected CompletionStage<HostEntity.ActionReply> action(HostEntity.ActionKind kind, String value, String netns) {
    return this.<HostEntity.ActionReply>ask(r -> new HostEntity.Action(kind, null, null, value, netns, r));
  }

  @Override
  protected CompletionStage<HostEntity.ExecResult> run(String script) {
    return this.<HostEntity.ExecResult>ask(r -> new HostEntity.Exec(script, false, r));
  }

  @Override
  protected String unsupportedReason() {
    return "no cluster message for it";
  }

  @Override
  protected String monitorEventsInstead() {
    return "the cluster publishes rendered events on a topic";
  }

  @Override
  public Executor executor() {
    return via.get().executionContext();
  }
}
