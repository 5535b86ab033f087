package dev.fabric.chaos;

import dev.fabric.devlink.client.DevlinkClient;
import dev.fabric.devlink.model.MonitorEvent;
import dev.fabric.devlink.model.Notification;
import dev.fabric.devlink.model.PortState;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Subscribes to every namespace of one host's devlink monitor group and writes each notification
 * into the history as it arrives (acknowledging each, as a reading netlink socket frees its
 * buffer). A fence, once it comes back, tells the runner that everything published before it
 * has been recorded.
 */
public final class MonitorRecorder {
  private MonitorRecorder() {}

  /** Fences waiting to come back, by id. */
  public static final class Fences {
    final Map<Long, CompletableFuture<Void>> waiting = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    /** Completes once every notification the host published before this call is in the history. */
    public CompletableFuture<Void> fence(DevlinkClient client, ActorRef<MonitorEvent> recorder) {
      long id = ids.incrementAndGet();
      CompletableFuture<Void> done = new CompletableFuture<>();
      waiting.put(id, done);
      client.fence(recorder, id);
      return done;
    }
  }

  public static Behavior<MonitorEvent> create(String host, History history, DevlinkClient client, Fences fences) {
    return Behaviors.setup(ctx -> {
      client.subscribe(null, ctx.getSelf());
      return Behaviors.receive(MonitorEvent.class)
          .onMessage(MonitorEvent.FenceReached.class, f -> {
            CompletableFuture<Void> done = fences.waiting.remove(f.id());
            if (done != null) {
              done.complete(null);
            }
            return Behaviors.same();
          })
          .onMessage(MonitorEvent.Rebooted.class, r -> {
            // the host's replay starts afresh here: what came before belongs to the old boot
            history.monitor(host, null, dev.fabric.chaos.check.MonitorChecker.BOOT, "new", null, null,
                Json.JSON.createObjectNode().put("boots", r.boot()));
            return Behaviors.same();
          })
          .onMessage(MonitorEvent.Overrun.class, o -> {
            history.monitor(host, null, "overrun", null, null, null, Json.JSON.valueToTree(o));
            client.consumed(ctx.getSelf(), 1);
            return Behaviors.same();
          })
          .onMessage(MonitorEvent.Note.class, note -> {
            Notification n = note.notification();
            Long port = n.payload() instanceof PortState p ? p.index() : null;
            // payloads of instances and ports only: the checkers compare those with the dump (the
            // rest, traps above all, would make most of the file)
            boolean keep = n.kind() == Notification.Kind.DEV || n.kind() == Notification.Kind.PORT;
            history.monitor(host, n.netns(), n.kind().label, n.cmd().label, String.valueOf(n.dev()), port,
                keep && n.payload() != null ? Json.JSON.valueToTree(n.payload()) : null);
            client.consumed(ctx.getSelf(), 1);
            return Behaviors.same();
          })
          .build();
    });
  }
}
