package dev.fabric.cli.run;

import dev.fabric.cli.devlink.MonitorRenderer;
import dev.fabric.devlink.client.Fabric;
import dev.fabric.devlink.model.MonitorEvent;
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
  /** Fence ids of all jobs (a job only sees its own). */
  private static final AtomicLong FENCES = new AtomicLong();
  /** The printer thread's stop marker (in its own queue, never sent to an actor). */
  private static final Object STOP = new Object();

  final int id;
  final String commandLine;
  private final Fabric fabric;
  /** MonitorEvents in arrival order, and STOP. */
  private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
  /** Fences asked by {@link #sync}, by id: completed once the printer reaches them. */
  private final java.util.Map<Long, CompletableFuture<Void>> fences = new java.util.concurrent.ConcurrentHashMap<>();
  /** The fence after which the tap stops (hub fences follow everything sent before). */
  private final long stopFence = FENCES.incrementAndGet();
  private final ActorRef<MonitorEvent> ref;
  private final Thread printer;
  private volatile boolean stopped;

  MonitorJob(Fabric fabric, String netns, int id, String commandLine, MonitorRenderer renderer,
      Consumer<String> print) {
    this.fabric = fabric;
    this.id = id;
    this.commandLine = commandLine;
    this.ref = fabric.system().systemActorOf(Behaviors.receive(MonitorEvent.class)
        .onMessage(MonitorEvent.class, e -> {
          if (e instanceof MonitorEvent.FenceReached f && f.id() == stopFence) {
            return Behaviors.stopped();
          }
          queue.add(e);
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
          if (item instanceof MonitorEvent.FenceReached f) {
            CompletableFuture<Void> printed = fences.remove(f.id());
            if (printed != null) {
              printed.complete(null);
            }
          } else if (item instanceof MonitorEvent.Note n) {
            fabric.consumed(ref, 1); // read: room again in this monitor's receive buffer
            String text = renderer.render(n.notification());
            if (!text.isEmpty()) {
              print.accept(text);
            }
          } else if (item instanceof MonitorEvent.Overrun) {
            fabric.consumed(ref, 1); // iproute2's monitor prints nothing for ENOBUFS
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
    long id = FENCES.incrementAndGet();
    CompletableFuture<Void> printed = new CompletableFuture<>();
    fences.put(id, printed);
    fabric.fence(ref, id);
    try {
      printed.get(60, TimeUnit.SECONDS);
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
    fabric.fence(ref, stopFence);
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
