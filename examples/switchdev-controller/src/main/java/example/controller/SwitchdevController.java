package example.controller;

import dev.fabric.devlink.client.DevlinkResult;
import dev.fabric.devlink.client.TypedDevlink;
import dev.fabric.devlink.model.Ack;
import dev.fabric.devlink.model.DevHandle;
import dev.fabric.devlink.model.DevOp;
import dev.fabric.devlink.model.DevSnapshot;
import dev.fabric.devlink.model.Errno;
import dev.fabric.devlink.model.MonitorEvent;
import dev.fabric.devlink.model.Notification;
import dev.fabric.devlink.model.PortState;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * A small controller of the kind people test with the fabric: it watches the devlink monitor for
 * devices, puts each new one into switchdev mode and gives it {@code vfs} VFs, and applies its
 * settings again whenever the device announces itself again (a reload re-creates the driver, which
 * drops the VFs and the switchdev mode). It reports what it did to {@code reports}.
 */
public final class SwitchdevController extends AbstractBehavior<SwitchdevController.Command> {

  public sealed interface Command {}

  private record Event(MonitorEvent event) implements Command {}

  private record Reconciled(DevHandle dev, DevlinkResult<Status> result) implements Command {}

  /** The payload of the fence that confirms the subscription. */

  /** What the controller reports for a device after each piece of work. */
  public sealed interface Status {}

  /** Reported once (with a null device) when the controller sees every event from now on. */
  public record Watching() implements Status {}

  /** The device is in switchdev mode with the VFs asked for. */
  public record Configured(int vfs) implements Status {}

  /** The device went away (del_device) before or while it was configured: nothing to do. */
  public record Gone() implements Status {}

  /** The device's last reload failed: it has no driver objects until a reload succeeds. */
  public record ReloadFailed() implements Status {}

  /** The kernel refused a step: the errno and message, for a human. */
  public record Failed(Errno errno, String message) implements Status {}

  public record Report(DevHandle dev, Status status) {}

  public static Behavior<Command> create(TypedDevlink devlink, int vfs, ActorRef<Report> reports) {
    return Behaviors.setup(ctx -> new SwitchdevController(ctx, devlink, vfs, reports));
  }

  private final TypedDevlink devlink;
  private final int vfs;
  private final ActorRef<Report> reports;
  /** Devices with a reconciliation in flight. */
  private final Set<DevHandle> busy = new HashSet<>();
  /** Devices that announced themselves again while busy: reconcile once more afterwards. */
  private final Set<DevHandle> again = new HashSet<>();
  /** Devices deleted while a reconciliation was in flight: its result no longer matters. */
  private final Set<DevHandle> deleted = new HashSet<>();
  /** Where the fabric sends this controller's notifications. */
  private final ActorRef<MonitorEvent> events;

  private SwitchdevController(ActorContext<Command> ctx, TypedDevlink devlink, int vfs, ActorRef<Report> reports) {
    super(ctx);
    this.devlink = devlink;
    this.vfs = vfs;
    this.reports = reports;
    this.events = ctx.messageAdapter(MonitorEvent.class, Event::new);
    devlink.client().subscribe(null, events);
    // The monitor hub answers this fence after the subscription: from then on nothing is missed.
    devlink.client().fence(events, SUBSCRIBED);
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Event.class, e -> onEvent(e.event()))
        .onMessage(Reconciled.class, this::onReconciled)
        .build();
  }

  /** The id of the fence that follows this controller's subscription. */
  private static final long SUBSCRIBED = 1;

  private Behavior<Command> onEvent(MonitorEvent e) {
    if (e instanceof MonitorEvent.FenceReached f) {
      if (f.id() == SUBSCRIBED) {
        reports.tell(new Report(null, new Watching()));
      }
      return this;
    }
    if (e instanceof MonitorEvent.Rebooted) {
      return this; // the host's cards announce themselves again: their NEW events follow
    }
    devlink.client().consumed(events, 1); // read: room again in this subscriber's receive buffer
    if (!(e instanceof MonitorEvent.Note note)) {
      return this; // an overrun: the VF counts are re-read on the next announcement anyway
    }
    Notification n = note.notification();
    if (n.kind() != Notification.Kind.DEV) {
      return this;
    }
    if (n.cmd() == Notification.Cmd.DEL) {
      again.remove(n.dev());
      if (busy.contains(n.dev())) {
        deleted.add(n.dev());
      } else {
        reports.tell(new Report(n.dev(), new Gone()));
      }
      return this;
    }
    if (n.cmd() == Notification.Cmd.NEW) {
      deleted.remove(n.dev());
      // A new device, or one that reloaded: (re)apply. Never two reconciliations of one device at once.
      if (busy.contains(n.dev())) {
        again.add(n.dev());
      } else {
        start(n.dev());
      }
    }
    return this;
  }

  private void start(DevHandle dev) {
    busy.add(dev);
    getContext().pipeToSelf(reconcile(devlink, dev, vfs),
        (result, failure) -> new Reconciled(dev, result != null ? result
            : new DevlinkResult.Failure<>(Errno.ECANCELED, "no answer: " + failure)));
  }

  private Behavior<Command> onReconciled(Reconciled r) {
    busy.remove(r.dev());
    Status status = deleted.remove(r.dev()) ? new Gone()
        : r.result().isOk() ? r.result().get() : classify(r.result());
    reports.tell(new Report(r.dev(), status));
    if (again.remove(r.dev()) && !(status instanceof Gone)) {
      start(r.dev());
    }
    return this;
  }

  /** ENODEV: the device went away under us (the race test found this case): not a failure. */
  private static Status classify(DevlinkResult<?> failed) {
    return failed.errno() == Errno.ENODEV ? new Gone() : new Failed(failed.errno(), failed.message());
  }

  /**
   * One reconciliation of {@code dev}, as plain asynchronous steps over the typed client: check the
   * device, switchdev mode, then the VF count. Its result is the final status, or the failing step's
   * errno. Public so tests can race it directly.
   */
  // tag::reconcile[]
  public static CompletionStage<DevlinkResult<Status>> reconcile(TypedDevlink devlink, DevHandle dev, int vfs) {
    var exec = devlink.client().executor();
    int id = Integer.parseInt(dev.name().substring("netdevsim".length()));
    return devlink.dev(dev).thenComposeAsync(info -> {
      if (!info.isOk()) {
        return done(fail(info));
      }
      DevSnapshot snapshot = info.get();
      if (snapshot.reloadFailed()) {
        return done(new DevlinkResult.Value<>(new ReloadFailed(), null));
      }
      return devlink.eswitchMode(dev).thenComposeAsync(mode -> {
        if (!mode.isOk()) {
          return done(fail(mode));
        }
        CompletionStage<DevlinkResult<Ack>> switchdev = mode.get() == DevOp.EswitchMode.SWITCHDEV
            ? done(new DevlinkResult.Value<>(Ack.ACK, null)) : devlink.setEswitchMode(dev, DevOp.EswitchMode.SWITCHDEV);
        return switchdev.thenComposeAsync(set -> {
          if (!set.isOk()) {
            return done(fail(set));
          }
          return devlink.ports(dev).thenComposeAsync(ports -> {
            if (!ports.isOk()) {
              return done(fail(ports));
            }
            long have = ports.get().stream().filter(p -> p.flavour() == PortState.Flavour.PCI_VF).count();
            if (have == vfs) {
              return done(new DevlinkResult.Value<>(new Configured(vfs), null));
            }
            // sriov_numvfs refuses to go from one non-zero count to another (EBUSY, found by
            // the race test): other VFs go first.
            return writeVfs(devlink, id, vfs, have != 0, OTHER_WRITERS_TOLERATED);
          }, exec);
        }, exec);
      }, exec);
    }, exec);
  }
  /** How many times another writer may slip a VF count in between our two writes. */
  private static final int OTHER_WRITERS_TOLERATED = 8;

  /**
   * Clears the VFs (when some may exist), then writes {@code vfs}. An EBUSY on the second write
   * means someone else wrote a count in between (the race helper found this one too): clear
   * again and retry, a bounded number of times.
   */
  private static CompletionStage<DevlinkResult<Status>> writeVfs(TypedDevlink devlink, int id, int vfs,
      boolean clearFirst, int retries) {
    var exec = devlink.client().executor();
    CompletionStage<DevlinkResult<Ack>> cleared = clearFirst
        ? devlink.setNumVfs(id, 0) : done(new DevlinkResult.Value<>(Ack.ACK, null));
    return cleared.thenComposeAsync(c -> !c.isOk() ? done(fail(c)) : devlink.setNumVfs(id, vfs).thenComposeAsync(w -> {
      if (w.isOk()) {
        return done(new DevlinkResult.Value<Status>(new Configured(vfs), null));
      }
      if (retries > 0 && w.errno() == Errno.EBUSY) {
        return writeVfs(devlink, id, vfs, true, retries - 1);
      }
      return done(fail(w));
    }, exec), exec);
  }

  // end::reconcile[]

  private static <T> CompletionStage<T> done(T value) {
    return CompletableFuture.completedFuture(value);
  }

  private static DevlinkResult<Status> fail(DevlinkResult<?> r) {
    return new DevlinkResult.Failure<>(r.errno(), r.message());
  }
}
