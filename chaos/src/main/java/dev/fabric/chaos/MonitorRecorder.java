package dev.fabric.chaos;

import dev.fabric.devlink.actor.MonitorHub;
import dev.fabric.devlink.client.DevlinkClient;
import dev.fabric.devlink.model.Notification;
import dev.fabric.devlink.model.PortState;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Subscribes to every namespace of one host's devlink monitor group and writes each notification
 * into the history as it arrives (acknowledging each, as a reading netlink socket frees its
 * buffer). A fence marker, once it arrives, tells the runner that everything published before it
 * has been recorded.
 */
public final class MonitorRecorder {
  private MonitorRecorder() {}

  /** Fence markers waiting to come back, by their payload. */
  public static final class Fences {
    final Map<String, CompletableFuture<Void>> waiting = new ConcurrentHashMap<>();

    /** Completes once every notification the host published before this call is in the history. */
    public CompletableFuture<Void> fence(DevlinkClient client, ActorRef<Notification> recorder, String id) {
      CompletableFuture<Void> done = new CompletableFuture<>();
      waiting.put(id, done);
      client.fence(recorder, new Notification(null, null, null, null, new FenceMarker(id)));
      return done;
    }
  }

  record FenceMarker(String id) {}

  public static Behavior<Notification> create(String host, History history, DevlinkClient client, Fences fences) {
    return Behaviors.setup(ctx -> {
      client.subscribe(null, ctx.getSelf());
      return Behaviors.receive(Notification.class)
          .onAnyMessage(n -> {
            if (n.payload() instanceof FenceMarker f) {
              CompletableFuture<Void> done = fences.waiting.remove(f.id());
              if (done != null) {
                done.complete(null);
              }
              return Behaviors.same();
            }
            if (n.payload() instanceof MonitorHub.Overrun o) {
              history.monitor(host, n.netns(), "overrun", null, null, null, Json.JSON.valueToTree(o));
            } else {
              Long port = n.payload() instanceof PortState p ? p.index() : null;
              // payloads of instances and ports only: the checkers compare those with the dump (the
              // rest, traps above all, would make most of the file)
              boolean keep = n.kind() == Notification.Kind.DEV || n.kind() == Notification.Kind.PORT;
              history.monitor(host, n.netns(), n.kind().label, n.cmd().label, String.valueOf(n.dev()), port,
                  keep && n.payload() != null ? Json.JSON.valueToTree(n.payload()) : null);
            }
            client.consumed(ctx.getSelf(), 1);
            return Behaviors.same();
          })
          .build();
    });
  }
}
