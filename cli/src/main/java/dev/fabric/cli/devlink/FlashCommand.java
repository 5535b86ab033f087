package dev.fabric.cli.devlink;

import static dev.fabric.cli.devlink.Opts.Opt.FLASH_COMPONENT;
import static dev.fabric.cli.devlink.Opts.Opt.FLASH_FILE_NAME;
import static dev.fabric.cli.devlink.Opts.Opt.FLASH_OVERWRITE;
import static dev.fabric.cli.devlink.Opts.Opt.HANDLE;

import dev.fabric.devlink.client.Fabric;
import dev.fabric.devlink.model.DevHandle;
import dev.fabric.devlink.model.DevOp;
import dev.fabric.devlink.model.FlashStatus;
import dev.fabric.devlink.model.Ack;
import dev.fabric.devlink.model.MonitorEvent;
import dev.fabric.devlink.model.Notification;
import dev.fabric.devlink.model.Reply;
import java.util.EnumSet;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * `devlink dev flash DEV file PATH [ component NAME ] [ overwrite SECTION ]` (cmd_dev_flash).
 *
 * <p>iproute2 joins the devlink multicast group on a second socket, forks a child that sends
 * FLASH_UPDATE (the kernel runs the whole flash inside that sendmsg) and writes the send result to
 * a pipe, and meanwhile feeds every notification to cmd_dev_flash_status_cb: one line per new
 * status message ("[component] msg"; the percentages and elapsed times are tty-only), a "\n" on
 * FLASH_UPDATE_END. It stops once the child is done, unless it has seen a status and still waits
 * for END; then it reads the kernel's ack, whose extack is printed as "Error: ..." with no
 * "kernel answers" line (cmd_dev_flash returns the error itself).
 *
 * <p>Here the notifications come from the host's MonitorHub through a small tap actor; the kernel
 * step that answers the request is the point where the pipe becomes readable. netdevsim refuses an
 * overwrite mask in the same step that sent FLASH_UPDATE (begin) and END, so the tool handles
 * begin, finds the child done with no status seen and leaves without reading END: no "\n". Every
 * other END comes after hardware time (the 500 chunk writes), by which point the tool has long
 * handled begin; it reads END before the pipe and prints the "\n" (also with fw_update_status=N).
 */
final class FlashCommand {
  private FlashCommand() {}

  private static final AtomicLong TAPS = new AtomicLong();
  private static final long WAIT_S = 120;

  static int run(Dl dl, DlArgs a) throws DlError {
    if (a.match("help") || a.noArg()) {
      dl.error(DevCommands.HELP);
      return 0;
    }
    Opts o = Opts.parse(a, EnumSet.of(HANDLE, FLASH_FILE_NAME), EnumSet.of(FLASH_COMPONENT, FLASH_OVERWRITE),
        dl);
    DevOp.Flash op = DevOp.Flash.of(o.flashFile, o.has(FLASH_COMPONENT) ? o.flashComponent : null,
        o.has(FLASH_OVERWRITE) ? o.overwriteMask : null);

    Tap tap = new Tap(dl.fabric, dl.netns);
    try {
      return flash(dl, o.dev, op, tap);
    } finally {
      tap.close();
    }
  }

  private static int flash(Dl dl, DevHandle dev, DevOp.Flash op, Tap tap) {
    StatusPrinter st = new StatusPrinter(dl, dev);
    CompletableFuture<Reply<Ack>> pending = dl.fabric.request(dl.netns, dev, op).toCompletableFuture();
    pending.whenComplete((r, t) -> tap.queue.add(Tap.ANSWERED));

    // Before the answer: handle notifications as they come, keeping this device's END until we
    // know whether the flash ended in the step that began it (see the class comment).
    Notification heldEnd = null;
    while (true) {
      // cmd_dev_flash_fds_process: select() for a tenth of a second, then the elapsed-time line.
      Object item = tap.poll(100);
      if (item == Tap.IDLE) {
        st.timeElapsed();
        dl.flushLive();
        if (System.nanoTime() - st.started < TimeUnit.SECONDS.toNanos(WAIT_S)) {
          continue;
        }
        item = null;
      }
      if (item == null && Thread.currentThread().isInterrupted()) {
        return 1; // Ctrl-C: the tool dies, the kernel finishes the flash on its own
      }
      if (item == Tap.ANSWERED || item == null) {
        break;
      }
      if (!(item instanceof Notification n)) {
        continue;
      }
      if (heldEnd == null && isOwnEnd(n, dev)) {
        heldEnd = n;
        continue;
      }
      if (heldEnd != null) {
        continue; // END already came; the tool stops reading there
      }
      if (!st.handle(n)) {
        return 1;
      }
      st.timeElapsed();
      dl.flushLive();
    }
    Reply<Ack> reply = pending.isDone() && !pending.isCompletedExceptionally() ? pending.join() : null;
    if (reply == null) {
      dl.err.append("devlink answers: Connection timed out\n");
      return 1;
    }
    // Everything the instance published before it answered (the kernel queues it before the ack).
    for (Notification n : tap.drain()) {
      if (heldEnd != null) {
        break;
      }
      if (isOwnEnd(n, dev)) {
        heldEnd = n;
        break;
      }
      if (!st.handle(n)) {
        return 1;
      }
    }
    boolean ok = reply instanceof Reply.Ok;
    if (heldEnd != null && (ok || st.notFirst)) {
      st.handle(heldEnd);
    }
    // _mnlg_socket_recv_run(dl->nlg): the ack, with its extack.
    if (reply instanceof Reply.Err<Ack> e) {
      e.extack().ifPresent(text -> dl.extack("Error", text));
      return 1;
    }
    ((Reply.Ok<Ack>) reply).warning().ifPresent(text -> dl.extack("Warning", text));
    return 0;
  }

  private static boolean isOwnEnd(Notification n, DevHandle dev) {
    return n.kind() == Notification.Kind.FLASH && n.cmd() == Notification.Cmd.END && dev.equals(n.dev());
  }

  /** cmd_dev_flash_status_cb and its ctx. */
  private static final class StatusPrinter {
    private final Dl dl;
    private final DevHandle dev;
    private String lastMsg;
    private String lastComponent;
    boolean notFirst;
    private boolean lastPc;
    final long started = System.nanoTime();
    private long timeOfLastStatus = started;
    private int elapsedTimeMsgLen;

    StatusPrinter(Dl dl, DevHandle dev) {
      this.dl = dl;
      this.dev = dev;
    }

    /** cmd_dev_flash_clear_elapsed_time: rub out the last elapsed-time text (tty only). */
    private void clearElapsedTime() {
      for (int i = 0; i < elapsedTimeMsgLen; i++) {
        dl.out.prOutTty("\b \b");
      }
      elapsedTimeMsgLen = 0;
    }

    /**
     * cmd_dev_flash_time_elapsed: after more than 2 s without a new status message (netdevsim
     * sends no timeout), " ( Xm Ys )" on a terminal, rewritten on every pass of the loop.
     */
    void timeElapsed() {
      long secs = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - timeOfLastStatus);
      if (secs > 2) {
        clearElapsedTime();
        String msg = " ( " + secs / 60 + "m " + secs % 60 + "s )";
        elapsedTimeMsgLen = msg.length();
        dl.out.prOutTty("%s", msg);
      }
    }

    /** False when the callback fails (MNL_CB_ERROR: a flash message of another device). */
    boolean handle(Notification n) {
      clearElapsedTime();
      if (n.kind() != Notification.Kind.FLASH
          || (n.cmd() != Notification.Cmd.STATUS && n.cmd() != Notification.Cmd.END)) {
        return true; // MNL_CB_STOP: other messages are skipped
      }
      if (!dev.equals(n.dev())) {
        return false;
      }
      if (n.cmd() == Notification.Cmd.END) {
        dl.out.prOut("\n");
        return true;
      }
      if (!(n.payload() instanceof FlashStatus f)) {
        return true;
      }
      String msg = f.message();
      String component = f.component();
      if (Objects.equals(msg, lastMsg) && Objects.equals(component, lastComponent) && lastPc && notFirst) {
        dl.out.prOutTty("\b\b\b\b\b");
      } else {
        // only update the last status timestamp if the message changed
        timeOfLastStatus = System.nanoTime();
        if (notFirst) {
          dl.out.prOut("\n");
        }
        if (component != null) {
          dl.out.prOut("[%s] ", component);
          lastComponent = component;
        }
        if (msg != null) {
          dl.out.prOut("%s", msg);
          lastMsg = msg;
        }
      }
      if (f.total() != 0) {
        dl.out.prOutTty(" %3lu%%", (f.done() * 100) / f.total());
        lastPc = true;
      } else {
        lastPc = false;
      }
      notFirst = true;
      return true;
    }
  }

  /**
   * The second netlink socket, joined to the "config" group of the tool's namespace: an actor that
   * queues what the MonitorHub sends it, read from this (non-actor) thread.
   */
  private static final class Tap {
    static final Object ANSWERED = new Object();
    /** Fence ids: the one after which the tap stops, and the drains'. */
    private static final long STOP_FENCE = 0;
    private long fences;

    /** Notifications, reached fences (MonitorEvent.FenceReached) and ANSWERED, in arrival order. */
    final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final Fabric fabric;
    private final ActorRef<MonitorEvent> ref;

    Tap(Fabric fabric, String netns) {
      this.fabric = fabric;
      this.ref = fabric.system().systemActorOf(Behaviors.receive(MonitorEvent.class)
          .onMessage(MonitorEvent.Note.class, n -> {
            queue.add(n.notification());
            return Behaviors.same();
          })
          .onMessage(MonitorEvent.FenceReached.class, f -> {
            if (f.id() == STOP_FENCE) {
              return Behaviors.stopped();
            }
            queue.add(f);
            return Behaviors.same();
          })
          .onMessage(MonitorEvent.Overrun.class, o -> Behaviors.same())
          .onMessage(MonitorEvent.Rebooted.class, r -> Behaviors.same())
          .build(), "devlink-flash-" + TAPS.incrementAndGet(), Props.empty());
      fabric.subscribe(netns, ref);
    }

    /** A poll that found nothing within its time. */
    static final Object IDLE = new Object();

    /** The next item, or IDLE after millis without one (null when interrupted). */
    Object poll(long millis) {
      try {
        Object item = queue.poll(millis, TimeUnit.MILLISECONDS);
        return item == null ? IDLE : item;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
    }

    Object take() {
      try {
        Object item = queue.poll(WAIT_S, TimeUnit.SECONDS);
        if (item instanceof Notification) {
          fabric.consumed(ref, 1); // room again in the subscriber's receive buffer
        }
        return item;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
    }

    /** The notifications published before this call and not yet taken, in order. */
    java.util.List<Notification> drain() {
      long fence = ++fences;
      fabric.fence(ref, fence);
      java.util.List<Notification> out = new java.util.ArrayList<>();
      while (true) {
        Object item = take();
        if (item == null || item instanceof MonitorEvent.FenceReached f && f.id() == fence) {
          return out;
        }
        if (item instanceof Notification n) {
          out.add(n);
        }
      }
    }

    void close() {
      fabric.unsubscribe(ref);
      fabric.fence(ref, STOP_FENCE);
    }
  }
}
