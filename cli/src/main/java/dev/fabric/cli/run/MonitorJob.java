package dev.fabric.cli.run;

import dev.fabric.cli.devlink.MonitorRenderer;
import dev.fabric.devlink.client.Fabric;
import dev.fabric.devlink.model.Notification;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * A running `devlink [-j] mon [OBJECTS]`: a tap actor joined to the namespace's notification group
 * queues every event; a printer thread renders each one as iproute2 does and writes it as it
 * arrives. {@link #sync} waits until every event published before the call is printed, so a
 * script's next command starts after the monitor has shown what the previous one caused.
 */
final class MonitorJob {
  private static final AtomicLong TAPS = new AtomicLong();
  private static final Object STOP = new Object();

  private record Fence(CompletableFuture<Void> printed) {}

  final int id;
  final String commandLine;
  private final Fabric fabric;
  private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
  private final ActorRef<Notification> ref;
  private final Thread printer;
  private volatile boolean stopped;

  MonitorJob(Fabric fabric, String netns, int id, String commandLine, MonitorRenderer renderer,
      Consumer<String> print) {
    this.fabric = fabric;
    this.id = id;
    this.commandLine = commandLine;
    this.ref = fabric.system().systemActorOf(Behaviors.receive(Notification.class)
        .onMessage(Notification.class, n -> {
          if (n.payload() == STOP) {
            return Behaviors.stopped();
          }
          queue.add(n.payload() instanceof Fence f ? f : n);
          return Behaviors.same();
        }).build(), "devlink-mon-" + TAPS.incrementAndGet(), Props.empty());
    fabric.subscribe(netns, ref);
    this.printer = new Thread(() -> {
      try {
        while (true) {
          Object item = queue.take();
          if (item == STOP) {
            return;
          }
          if (item instanceof Fence f) {
            f.printed().complete(null);
          } else {
            fabric.consumed(ref, 1); // read: room again in this monitor's receive buffer
            Notification n = (Notification) item;
            String text = n.payload() instanceof dev.fabric.devlink.actor.MonitorHub.Overrun ? "" : renderer.render(n);
            if (!text.isEmpty()) {
              print.accept(text);
            }
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "devlink-mon-" + id);
    printer.setDaemon(true);
    printer.start();
  }

  /** Returns once everything published before this call has been printed. */
  void sync() {
    if (stopped) {
      return;
    }
    Fence f = new Fence(new CompletableFuture<>());
    fabric.fence(ref, new Notification(null, null, null, null, f));
    try {
      f.printed().get(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      // a monitor that cannot keep up is not worth failing the script for
    }
  }

  /** Killed: stops listening at once (what it has not printed yet is lost, as with SIGTERM). */
  void stop() {
    if (stopped) {
      return;
    }
    stopped = true;
    fabric.unsubscribe(ref);
    ref.tell(new Notification(null, null, null, null, STOP));
    queue.add(STOP);
  }

  boolean stopped() {
    return stopped;
  }

  /** Waits until the printer has finished after {@link #stop} (or the timeout). */
  void join(long millis) throws InterruptedException {
    printer.join(millis);
  }
}
