package dev.fabric.devlink.actor;

import dev.fabric.devices.BusRequest;
import dev.fabric.devices.LatencyProfile;
import dev.fabric.devlink.model.DevHandle;
import dev.fabric.devlink.model.DevOp;
import dev.fabric.devlink.model.Errno;
import dev.fabric.devlink.model.NsimDevlink;
import dev.fabric.devlink.model.Op;
import dev.fabric.devlink.model.Reply;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * The devlink instances of one emulated host: the kernel's devlinks xarray (dumps in index, i.e.
 * creation, order), the netdevsim bus that creates and deletes devices, and the host's network
 * namespaces. Requests for an instance go through here and are forwarded (keeping replyTo) only
 * to registered instances; an unknown handle gets ENODEV from the registry itself.
 */
public final class Registry extends AbstractBehavior<Registry.Command> {

  public sealed interface Command {}

  /** {@code netns} is the caller's namespace, or null for driver-side (sysfs/debugfs) callers. */
  public record Route(String netns, DevHandle dev, Op op, ActorRef<Reply> replyTo) implements Command {}

  /** Reply: the registered handles visible from {@code netns}, in index order. */
  public record ListInstances(String netns, ActorRef<List<DevHandle>> replyTo) implements Command {}

  /** A write to /sys/bus/netdevsim/new_device (created in {@code netns}). */
  public record NewDevice(String text, String netns, ActorRef<Reply> replyTo) implements Command {}

  /** A write to /sys/bus/netdevsim/del_device. */
  public record DelDevice(String text, ActorRef<Reply> replyTo) implements Command {}

  /** Reply: the ids of the netdevsim devices (sysfs view, all namespaces), ascending. */
  public record ListDeviceIds(ActorRef<List<Integer>> replyTo) implements Command {}

  public record NetnsAdd(String name, ActorRef<Reply> replyTo) implements Command {}

  public record NetnsDel(String name, ActorRef<Reply> replyTo) implements Command {}

  public record NetnsList(ActorRef<List<String>> replyTo) implements Command {}

  public record SetLatency(LatencyProfile latency, ActorRef<Reply> replyTo) implements Command {}

  /**
   * A write to /lib/firmware/NAME (open with O_TRUNC, then the data): the host's firmware files,
   * which request_firmware finds for a flash. Content as ISO-8859-1 text (one char per byte).
   */
  public record FirmwareWrite(String name, String content, ActorRef<Reply> replyTo) implements Command {}

  /** Reply: /lib/firmware's files, oldest first, name to content (ISO-8859-1 text). */
  public record FirmwareList(ActorRef<java.util.Map<String, String>> replyTo) implements Command {}

  /** Changes the simulated timing of one device's hardware (netdevsim bus id). */
  public record DeviceLatency(int id, LatencyProfile latency, ActorRef<Reply> replyTo) implements Command {}

  record InstanceRegistered(Instance.Registered r) implements Command {}

  record NetnsChanged(DevHandle dev, String netns) implements Command {}

  public static final String INIT_NETNS = "init";

  public static Behavior<Command> create(ActorRef<NetStack.Command> netStack, ActorRef<MonitorHub.Command> monitor,
      LatencyProfile latency) {
    return Behaviors.setup(ctx -> new Registry(ctx, netStack, monitor, latency));
  }

  private record Entry(long index, DevHandle handle, ActorRef<Instance.Command> ref, String netns) {}

  private final ActorRef<NetStack.Command> netStack;
  /** /lib/firmware: the image the guest shipped (4096 bytes), then what users wrote. */
  private final java.util.Map<String, String> firmware =
      new java.util.LinkedHashMap<>(java.util.Map.of("nsim-fw.bin", "\u0000".repeat(4096)));
  private final ActorRef<MonitorHub.Command> monitor;
  private LatencyProfile latency;
  private final TreeMap<Long, Entry> byIndex = new TreeMap<>();
  private final Map<DevHandle, Entry> byHandle = new HashMap<>();
  /** Bus ids taken, from new_device until the device is gone (probing devices included). */
  private final Set<Integer> busIds = new java.util.TreeSet<>();
  private final Set<String> namespaces = new LinkedHashSet<>();
  private long nextIndex;

  private Registry(ActorContext<Command> ctx, ActorRef<NetStack.Command> netStack,
      ActorRef<MonitorHub.Command> monitor, LatencyProfile latency) {
    super(ctx);
    this.netStack = netStack;
    this.monitor = monitor;
    this.latency = latency;
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Route.class, this::onRoute)
        .onMessage(FirmwareWrite.class, w -> {
          firmware.remove(w.name());
          firmware.put(w.name(), w.content());
          w.replyTo().tell(Reply.ok(null));
          return this;
        })
        .onMessage(FirmwareList.class, l -> {
          l.replyTo().tell(java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(firmware)));
          return this;
        })
        .onMessage(ListInstances.class, this::onList)
        .onMessage(NewDevice.class, this::onNewDevice)
        .onMessage(DelDevice.class, this::onDelDevice)
        .onMessage(ListDeviceIds.class, l -> {
          l.replyTo().tell(List.copyOf(busIds));
          return this;
        })
        .onMessage(InstanceRegistered.class, this::onRegistered)
        .onMessage(NetnsChanged.class, this::onNetnsChanged)
        .onMessage(NetnsAdd.class, this::onNetnsAdd)
        .onMessage(NetnsDel.class, this::onNetnsDel)
        .onMessage(NetnsList.class, l -> {
          l.replyTo().tell(List.copyOf(namespaces));
          return this;
        })
        .onMessage(DeviceLatency.class, d -> {
          Entry e = byHandle.get(DevHandle.netdevsim(d.id()));
          if (e == null) {
            d.replyTo().tell(Reply.err(Errno.ENODEV));
          } else {
            e.ref().tell(new Instance.SetLatency(d.latency(), d.replyTo()));
          }
          return this;
        })
        .onMessage(SetLatency.class, s -> {
          latency = s.latency();
          s.replyTo().tell(Reply.ok());
          return this;
        })
        .build();
  }

  private Behavior<Command> onRoute(Route r) {
    Entry e = byHandle.get(r.dev());
    if (e == null || (r.netns() != null && !r.netns().equals(e.netns()))) {
      r.replyTo().tell(Reply.err(Errno.ENODEV));
      return this;
    }
    Op op = r.op();
    if (op instanceof DevOp.Flash flash && !firmware.containsKey(flash.file())) {
      op = new DevOp.Flash(Instance.MISSING_FIRMWARE, flash.component(), flash.overwriteMask());
    }
    if (op instanceof DevOp.Reload reload && reload.netns() != null) {
      op = new DevOp.Reload(reload.action(), reload.limit(), resolveNetns(reload.netns()));
    }
    e.ref().tell(new Instance.Request(r.netns(), op, r.replyTo()));
    return this;
  }

  /** A pid (only 1, init's, exists here) or a namespace name; unknown ones get a marker. */
  private String resolveNetns(String spec) {
    if (spec.chars().allMatch(Character::isDigit)) {
      return "1".equals(spec) ? INIT_NETNS : Instance.UNKNOWN_NETNS;
    }
    return namespaces.contains(spec) || INIT_NETNS.equals(spec) ? spec : Instance.UNKNOWN_NETNS;
  }

  private Behavior<Command> onList(ListInstances l) {
    List<DevHandle> out = new ArrayList<>();
    for (Entry e : byIndex.values()) {
      if (l.netns() == null || l.netns().equals(e.netns())) {
        out.add(e.handle());
      }
    }
    l.replyTo().tell(out);
    return this;
  }

  private Behavior<Command> onNewDevice(NewDevice n) {
    Optional<BusRequest.NewDevice> req = BusRequest.parseNewDevice(n.text());
    if (req.isEmpty()) {
      n.replyTo().tell(Reply.err(Errno.EINVAL));
      return this;
    }
    int id = req.get().id();
    if (!busIds.add(id)) {
      n.replyTo().tell(Reply.err(Errno.ENOSPC));
      return this;
    }
    DevHandle handle = DevHandle.netdevsim(id);
    NsimDevlink model = new NsimDevlink(handle, id, req.get().portCount(), n.netns());
    pendingNetns.put(handle, n.netns());
    Instance.Env env = new Instance.Env(netStack, monitor, getContext().getSelf(), latency);
    getContext().spawn(Instance.create(model, env, n.replyTo()), "netdevsim" + id + "-" + nextIndex);
    return this;
  }

  private Behavior<Command> onRegistered(InstanceRegistered m) {
    Instance.Registered r = m.r();
    long index = nextIndex++;
    Entry e = new Entry(index, r.handle(), r.instance(), namespaceOf(r));
    byIndex.put(index, e);
    byHandle.put(r.handle(), e);
    if (!r.announce().isEmpty()) {
      monitor.tell(new MonitorHub.Publish(r.announce()));
    }
    r.replyTo().tell(Reply.ok());
    return this;
  }

  private String namespaceOf(Instance.Registered r) {
    return pendingNetns.getOrDefault(r.handle(), INIT_NETNS);
  }

  private final Map<DevHandle, String> pendingNetns = new HashMap<>();

  private Behavior<Command> onDelDevice(DelDevice d) {
    Optional<Integer> id = BusRequest.parseDelDevice(d.text());
    if (id.isEmpty()) {
      d.replyTo().tell(Reply.err(Errno.EINVAL));
      return this;
    }
    Entry e = byHandle.remove(DevHandle.netdevsim(id.get()));
    if (e == null) {
      d.replyTo().tell(Reply.err(Errno.ENOENT));
      return this;
    }
    // Stop routing first, then tell the instance: every request forwarded earlier reaches it first.
    byIndex.remove(e.index());
    busIds.remove(id.get());
    e.ref().tell(new Instance.Unregister(d.replyTo()));
    return this;
  }

  private Behavior<Command> onNetnsChanged(NetnsChanged c) {
    Entry e = byHandle.get(c.dev());
    if (e != null) {
      Entry moved = new Entry(e.index(), e.handle(), e.ref(), c.netns());
      byHandle.put(c.dev(), moved);
      byIndex.put(e.index(), moved);
    }
    return this;
  }

  private Behavior<Command> onNetnsAdd(NetnsAdd a) {
    if (INIT_NETNS.equals(a.name()) || !namespaces.add(a.name())) {
      a.replyTo().tell(Reply.err(Errno.EEXIST));
    } else {
      a.replyTo().tell(Reply.ok());
    }
    return this;
  }

  private Behavior<Command> onNetnsDel(NetnsDel d) {
    if (!namespaces.remove(d.name())) {
      d.replyTo().tell(Reply.err(Errno.ENOENT));
      return this;
    }
    // A dying namespace reloads its devlink instances back into init_net (failures only logged).
    for (Entry e : byIndex.values()) {
      if (d.name().equals(e.netns())) {
        ActorRef<Reply> ignore = getContext().getSystem().ignoreRef();
        e.ref().tell(new Instance.Request(null, new DevOp.Reload(null, null, INIT_NETNS), ignore));
      }
    }
    d.replyTo().tell(Reply.ok());
    return this;
  }
}
