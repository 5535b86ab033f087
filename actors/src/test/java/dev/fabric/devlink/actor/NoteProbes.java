package dev.fabric.devlink.actor;

import dev.fabric.devlink.model.MonitorEvent;
import dev.fabric.devlink.model.Notification;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * For tests that only look at notifications: a monitor subscriber that hands each
 * {@link MonitorEvent.Note}'s notification to a probe, in order (fences and overruns are not what
 * these tests check). One forwarder per probe, so subscribe and unsubscribe name the same ref.
 */
public final class NoteProbes {
  private NoteProbes() {}

  private static final Map<ActorRef<Notification>, ActorRef<MonitorEvent>> FORWARDERS = new ConcurrentHashMap<>();

  public static ActorRef<MonitorEvent> notes(ActorTestKit kit, TestProbe<Notification> probe) {
    return FORWARDERS.computeIfAbsent(probe.getRef(), to -> kit.spawn(Behaviors.receive(MonitorEvent.class)
        .onMessage(MonitorEvent.Note.class, n -> {
          to.tell(n.notification());
          return Behaviors.same();
        })
        .onMessage(MonitorEvent.class, e -> Behaviors.same())
        .build()));
  }
}
