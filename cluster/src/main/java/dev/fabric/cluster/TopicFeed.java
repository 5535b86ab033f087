package dev.fabric.cluster;

import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.pubsub.Topic;

/**
 * Subscribes, on the member it runs on, to the cluster-wide monitor topic ({@link
 * HostEntity#MONITOR_TOPIC}) and hands every host's event to {@code sink} as it arrives (a chaos
 * run's {@link HostEventRecorder}), until told to stop.
 */
final class TopicFeed {
  private TopicFeed() {}

  sealed interface Command {}

  record Event(HostEntity.HostEvent event) implements Command {}

  record Stop() implements Command {}

  static Behavior<Command> create(Consumer<HostEntity.HostEvent> sink) {
    return Behaviors.setup(ctx -> {
      ActorRef<Topic.Command<HostEntity.HostEvent>> topic =
          ctx.spawn(Topic.create(HostEntity.HostEvent.class, HostEntity.MONITOR_TOPIC), "topic");
      topic.tell(Topic.subscribe(ctx.messageAdapter(HostEntity.HostEvent.class, Event::new)));
      return Behaviors.receive(Command.class)
          .onMessage(Event.class, e -> {
            sink.accept(e.event());
            return Behaviors.same();
          })
          .onMessage(Stop.class, s -> Behaviors.stopped())
          .build();
    });
  }
}
