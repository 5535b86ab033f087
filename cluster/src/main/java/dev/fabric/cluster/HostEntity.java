package dev.fabric.cluster;

import dev.fabric.cli.devlink.MonitorRenderer;
import dev.fabric.cli.run.JsonLines;
import dev.fabric.cli.run.ScriptRunner;
import dev.fabric.cli.script.Result;
import dev.fabric.cli.script.ScriptException;
import dev.fabric.cli.script.ScriptParser;
import dev.fabric.devices.LatencyProfile;
import dev.fabric.devlink.actor.Host;
import dev.fabric.devlink.actor.Registry;
import dev.fabric.devlink.client.Fabric;
import dev.fabric.devlink.model.DevHandle;
import dev.fabric.devlink.model.DriverOp;
import dev.fabric.devlink.model.Drivers;
import dev.fabric.devlink.model.HostInventory;
import dev.fabric.devlink.model.MonitorEvent;
import dev.fabric.devlink.model.Notification;
import dev.fabric.devlink.model.Reply;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.StashBuffer;
import org.apache.pekko.actor.typed.pubsub.Topic;
import org.apache.pekko.cluster.ddata.LWWRegister;
import org.apache.pekko.cluster.ddata.LWWRegisterKey;
import org.apache.pekko.cluster.ddata.SelfUniqueAddress;
import org.apache.pekko.cluster.ddata.typed.javadsl.DistributedData;
import org.apache.pekko.cluster.ddata.typed.javadsl.Replicator;
import org.apache.pekko.cluster.ddata.typed.javadsl.ReplicatorMessageAdapter;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;

/**
 * One emulated host as a Cluster Sharding entity: it owns a {@link Host} (registry, net stack,
 * monitor hub, instances, ports, hardware) and brings it up from the host's {@link HostImage} in
 * Distributed Data, as a machine powering on: the cards plugged in are probed again (runtime state
 * starts afresh), their NVM is what was stored. Whenever the cards change (new_device/del_device,
 * seen as device NEW/DEL events) the image is written back with a majority write. Its monitor
 * events go to the cluster-wide topic {@link #MONITOR_TOPIC}, each naming the host.
 *
 * <p>Scripts and CLI lines ({@link Exec}, {@link SessionLine}) run the cli's script runner
 * against the host on the script dispatcher (the runner waits on the host's answers; never on the
 * actors' threads), and the answer comes back to this actor with pipeToSelf.
 */
public final class HostEntity {
  public static final EntityTypeKey<Command> KEY = EntityTypeKey.create(Command.class, "host");
  public static final String MONITOR_TOPIC = "fabric-monitor";

  public sealed interface Command {}

  /** Starts the host (sharding starts an entity on its first message); no answer. */
  public record Wake() implements Command, ClusterWire {}

  public record Describe(ActorRef<HostInfo> replyTo) implements Command, ClusterWire {}

  /**
   * Power-cycles the host (the chaos fault {@code host-reboot}): the entity answers with what is
   * going down, then stops. Sharding starts it again (remember-entities, or its next message) and
   * it boots from its image as after any restart: cards and NVM kept, runtime state afresh.
   */
  public record PowerCycle(ActorRef<PoweredOff> replyTo) implements Command, ClusterWire {}

  /** The host's boot that a {@link PowerCycle} ended, and where it ran. */
  public record PoweredOff(String host, String member, long boots) implements ClusterWire {}

  /**
   * Where the host runs, how often it has started, its cards (with their NVM) and its registered
   * instances; {@code saved}: a majority of members has confirmed the image with these cards (a
   * card plugged in and not yet saved is lost if the member dies that instant, like a card
   * hot-plugged while the machine loses power).
   */
  public record HostInfo(String host, String member, String address, long boots,
      List<HostInventory.Card> cards, List<String> devices, boolean saved) implements ClusterWire {}

  /** Runs a script as `fabric run` does (the whole output once it is over). */
  public record Exec(String script, boolean transcript, boolean xtrace, boolean monitors,
      ActorRef<ExecResult> replyTo) implements Command, ClusterWire {
    public Exec(String script, boolean transcript, ActorRef<ExecResult> replyTo) {
      this(script, transcript, false, false, replyTo);
    }
  }

  /**
   * What a script or a line printed and its status; {@code refused} is the message of a line
   * outside the script language (nothing ran), else null.
   */
  public record ExecResult(String stdout, String stderr, int status, String refused, String monitor,
      String monitorJson) implements ClusterWire {
    public ExecResult(String stdout, String stderr, int status, String refused) {
      this(stdout, stderr, status, refused, null, null);
    }
  }

  /** One line in a session: the session's script runner keeps its state (jobs, monitors) between lines. */
  public record SessionLine(String session, String line, ActorRef<ExecResult> replyTo)
      implements Command, ClusterWire {}

  /** Starts (on) or stops (off, answering the logs) the session's `devlink mon all` logs. */
  public record SessionMonitors(String session, boolean on, ActorRef<MonitorLogs> replyTo)
      implements Command, ClusterWire {}

  public record MonitorLogs(String text, String json) implements ClusterWire {}

  public record SessionClose(String session) implements Command, ClusterWire {}

  /**
   * One devlink request of the typed protocol, from a socket of namespace {@code netns} (null:
   * whatever namespace the instance is in); the host answers {@code replyTo} itself.
   */
  public record Devlink(String netns, DevHandle dev, dev.fabric.devlink.model.Op<?> op, ActorRef<Reply<?>> replyTo)
      implements Command, ClusterWire {}

  /** The netdevsim bus, sysfs/debugfs files and namespaces of the host. */
  public enum ActionKind {
    NEW_DEVICE, DEL_DEVICE, DEVICES, INSTANCES, SYSFS_READ, SYSFS_WRITE, DEBUGFS_READ, DEBUGFS_WRITE, DEBUGFS_LIST,
    NETNS_ADD, NETNS_DEL, NETNS_LIST
  }

  /** One bus, file or namespace action; {@code id} is the device's bus id where the action has one. */
  public record Action(ActionKind kind, Integer id, String path, String value, String netns,
      ActorRef<ActionReply> replyTo) implements Command, ClusterWire {}

  /** ok with a value (text) or values (names), or the errno's name and message. */
  public record ActionReply(boolean ok, String errno, String message, String value, List<String> values)
      implements ClusterWire {
    static ActionReply of(Reply<?> r) {
      if (r instanceof Reply.Err<?> e) {
        return new ActionReply(false, e.errno().name(), e.extack().orElse(e.errno().strerror), null, null);
      }
      Object v = ((Reply.Ok<?>) r).value();
      if (v instanceof dev.fabric.devlink.model.Ack) {
        return new ActionReply(true, null, null, null, null);
      }
      if (v instanceof DriverOp.FileData f) {
        return new ActionReply(true, null, null, f.text(), null);
      }
      if (v instanceof DriverOp.Listing l) {
        return new ActionReply(true, null, null, null,
            l.entries().stream().map(x -> x.name() + (x.dir() ? "/" : "")).toList());
      }
      return new ActionReply(true, null, null, v == null ? null : String.valueOf(v), null);
    }

    static ActionReply values(List<?> vs) {
      return new ActionReply(true, null, null, null, vs.stream().map(String::valueOf).toList());
    }

    static ActionReply failed(String message) {
      return new ActionReply(false, "ETIMEDOUT", message, null, null);
    }
  }

  /**
   * A monitor event of one host, in the order the host emitted them ({@code seq} from 1 per start,
   * on {@code member}; {@code incarnation} names that start: a start whose image write no majority
   * confirmed may start again with the same {@code boots}). {@code object}/{@code cmd}/{@code dev}/{@code port}/{@code payload} are the
   * typed notification (payload: the instance's or port's state as JSON, for instance and port
   * events only), which a chaos run's monitor checker replays; {@code object} "fence" is no
   * notification but the answer to a {@link MonitorFence} ({@code text} its id), published after
   * every event before it.
   */
  public record HostEvent(String host, long boots, long seq, String netns, String text, String json,
      String member, String incarnation, String object, String cmd, String dev, Long port, String payload)
      implements ClusterWire {
    public HostEvent(String host, long boots, long seq, String netns, String text, String json) {
      this(host, boots, seq, netns, text, json, null, null, null, null, null, null, null);
    }
  }

  /**
   * Publishes a {@link HostEvent} of object "fence" with {@code id} as its text on the monitor
   * topic: a subscriber that receives it has received every event the host published before (a
   * topic keeps the order of one publisher). No answer.
   */
  public record MonitorFence(String id) implements Command, ClusterWire {}

  // ---------------------------------------------------------------- private messages

  private record Loaded(Optional<HostImage> image) implements Command {}

  private record Notified(MonitorEvent event) implements Command {}

  private record InventoryChanged(HostInventory inventory) implements Command {}

  private record CheckProbed(int attempt) implements Command {}

  private record Probed(int attempt, int registered) implements Command {}

  /** A write of the image answered: {@code failure} null when a majority confirmed {@code version}. */
  private record Stored(String failure, long version) implements Command {}

  /** A power cycle's stop, once every held answer is out. */
  private record PowerOff(ActorRef<PoweredOff> replyTo) implements Command {}

  /** Writes the image again after a write a majority did not confirm. */
  private record RetryStore(long version) implements Command {}

  /** The host's inventory read after an answer, before that answer is released. */
  private record Synced(HostInventory inventory, Runnable release) implements Command {}

  private record Done<T>(T value, ActorRef<T> replyTo) implements Command {}

  private record DescribeDevices(List<DevHandle> devices, ActorRef<HostInfo> replyTo) implements Command {}

  // ---------------------------------------------------------------- behaviour

  public static Behavior<Command> create(String name, FabricSpec.HostSpec spec, String memberName) {
    return Behaviors.withStash(10_000, stash -> Behaviors.setup(ctx ->
        DistributedData.withReplicatorMessageAdapter(
            (ReplicatorMessageAdapter<Command, LWWRegister<HostImage>> replicator) ->
                new HostEntity(ctx, stash, replicator, name, spec, memberName).load())));
  }

  private final ActorContext<Command> ctx;
  private final StashBuffer<Command> stash;
  private final ReplicatorMessageAdapter<Command, LWWRegister<HostImage>> replicator;
  private final String name;
  private final FabricSpec.HostSpec spec;
  private final String memberName;
  private final org.apache.pekko.cluster.ddata.Key<LWWRegister<HostImage>> key;
  private final SelfUniqueAddress self;
  private final Duration askTimeout;
  private final Duration ddataTimeout;
  private final Executor blocking;
  private final ActorRef<Topic.Command<HostEvent>> topic;
  private final MonitorRenderer textRenderer = MonitorRenderer.create(false);
  private final Map<String, Session> sessions = new HashMap<>();
  private HostImage image;
  /** Counts the changes of {@link #image}; {@link #savedVersion} is the newest a majority confirmed. */
  private long version;
  private long savedVersion;
  /**
   * Answers held until a majority has saved the image they may depend on (by version): a write
   * acknowledged before then dies with this member, as a card plugged in just before a power loss.
   */
  private final java.util.ArrayDeque<Parked> parked = new java.util.ArrayDeque<>();

  private record Parked(long needed, Runnable release) {}
  private ActorRef<Host.Command> host;
  private Fabric client;
  private ActorRef<MonitorEvent> notifications;
  private long seq;
  /** This start of the host, for monitor readers (seq counts from 1 again in each; see start()). */
  private String incarnation;

  /** A client's script runner and its monitor logs, its lines run one after another. */
  private static final class Session {
    ScriptRunner runner;
    StringWriter text;
    StringWriter json;
    CompletableFuture<?> tail = CompletableFuture.completedFuture(null);
  }

  private HostEntity(ActorContext<Command> ctx, StashBuffer<Command> stash,
      ReplicatorMessageAdapter<Command, LWWRegister<HostImage>> replicator, String name, FabricSpec.HostSpec spec,
      String memberName) {
    this.ctx = ctx;
    this.stash = stash;
    this.replicator = replicator;
    this.name = name;
    this.spec = spec;
    this.memberName = memberName;
    this.key = LWWRegisterKey.create("host-" + name);
    this.self = DistributedData.get(ctx.getSystem()).selfUniqueAddress();
    var config = ctx.getSystem().settings().config();
    this.askTimeout = config.getDuration("fabric-cluster.ask-timeout");
    this.ddataTimeout = config.getDuration("fabric-cluster.ddata-timeout");
    this.blocking = ctx.getSystem().dispatchers()
        .lookup(DispatcherSelector.fromConfig("fabric-cluster.script-dispatcher"));
    this.topic = ctx.spawn(Topic.create(HostEvent.class, MONITOR_TOPIC), "monitor-topic");
  }

  /** Reads the image with a majority read; without a majority, what this member has; else the fabric file's. */
  private Behavior<Command> load() {
    replicator.askGet(r -> new Replicator.Get<>(key, new Replicator.ReadMajority(ddataTimeout), r),
        rsp -> {
          if (rsp instanceof Replicator.GetSuccess<LWWRegister<HostImage>> ok) {
            return new Loaded(Optional.of(ok.get(key).getValue()));
          }
          if (rsp instanceof Replicator.NotFound) {
            return new Loaded(Optional.empty());
          }
          return new Loaded(null); // no majority answered in time: read locally
        });
    return Behaviors.receive(Command.class)
        .onMessage(Loaded.class, l -> {
          if (l.image() == null) {
            ctx.getLog().warn("host {}: no majority answered the read of its image; reading this member's copy", name);
            replicator.askGet(r -> new Replicator.Get<>(key, Replicator.readLocal(), r),
                rsp -> rsp instanceof Replicator.GetSuccess<LWWRegister<HostImage>> ok
                    ? new Loaded(Optional.of(ok.get(key).getValue())) : new Loaded(Optional.empty()));
            return Behaviors.same();
          }
          changeImage(l.image().orElseGet(() -> HostImage.of(spec)).booted(), "boot");
          return awaitMonitorTopic();
        })
        .onMessage(Command.class, this::stashOrRefuse)
        .build();
  }

  private Behavior<Command> stashOrRefuse(Command c) {
    if (stash.isFull()) {
      refuse(c, "host " + name + " is starting and its queue is full");
    } else {
      stash.stash(c);
    }
    return Behaviors.same();
  }

  /** How many topic instances the monitor topic knows (once its receptionist listing arrived, above 0). */
  private record TopicKnown(int instances) implements Command {}

  /**
   * At most this many checks (0.5 s) for the monitor topic's listing before the host boots anyway:
   * a topic instance is listed only while it has a subscriber, so with no monitor reader anywhere
   * the count stays 0 and the boot waits this long (and loses nothing: nobody reads).
   */
  private static final int TOPIC_CHECKS = 25;

  /**
   * Before the hardware powers on, waits until the monitor topic has learnt from the receptionist
   * which topic instances (every member's API, a chaos run's recorder) exist: the topic drops what
   * is published before, and the boot's events (each instance's NEW again, after a failover) would
   * never reach the cluster's monitor readers.
   */
  private Behavior<Command> awaitMonitorTopic() {
    ActorRef<Topic.TopicStats> stats = ctx.messageAdapter(Topic.TopicStats.class,
        t -> new TopicKnown(t.topicInstanceCount()));
    topic.tell(Topic.getTopicStats(stats));
    int[] checks = {0};
    return Behaviors.receive(Command.class)
        .onMessage(TopicKnown.class, k -> {
          if (k.instances() > 0 || ++checks[0] >= TOPIC_CHECKS) {
            return start();
          }
          ctx.scheduleOnce(PROBE_POLL, topic, Topic.getTopicStats(stats));
          return Behaviors.same();
        })
        .onMessage(Command.class, this::stashOrRefuse)
        .build();
  }

  /** Powers the hardware on: the host's actors, then every card probed in order. */
  private Behavior<Command> start() {
    LatencyProfile latency = "instant".equals(spec.latency()) ? LatencyProfile.INSTANT : LatencyProfile.NETDEVSIM;
    // The host powers on with what its cards kept: each probes again with its NVM, everything
    // else starts fresh (Registry); the observer hears every new inventory (cards, NVM).
    ActorRef<HostInventory> observer = ctx.messageAdapter(HostInventory.class, InventoryChanged::new);
    // a new incarnation for monitor readers, its events numbered from 1
    incarnation = java.util.UUID.randomUUID().toString();
    seq = 0;
    // subscribed as the host starts, before its cards probe: the boot's events (each instance's NEW
    // again, after a failover) reach the monitor topic
    notifications = ctx.messageAdapter(MonitorEvent.class, Notified::new);
    host = ctx.spawn(Host.create(name, latency, Drivers.standard(), image.inventory(), observer, notifications),
        "host");
    client = Fabric.attach(ctx.getSystem(), host, askTimeout);
    if (image.inventory().cards().isEmpty()) {
      return stash.unstashAll(running());
    }
    ctx.getSelf().tell(new CheckProbed(0));
    return Behaviors.receive(Command.class)
        .onMessage(CheckProbed.class, c -> {
          ctx.pipeToSelf(client.list(null), (l, e) -> new Probed(c.attempt(), l == null ? 0 : l.size()));
          return Behaviors.same();
        })
        .onMessage(Probed.class, p -> {
          // Serve once every card is registered again (a machine answers once it has booted).
          if (p.registered() >= image.inventory().cards().size() || p.attempt() >= PROBE_CHECKS) {
            return booted();
          }
          ctx.scheduleOnce(PROBE_POLL, ctx.getSelf(), new CheckProbed(p.attempt() + 1));
          return Behaviors.same();
        })
        // While the cards probe again the registry reports the ones registered so far: not what
        // the host keeps (a host stopped mid-boot would lose the others). Read once booted.
        .onMessage(InventoryChanged.class, c -> Behaviors.same())
        .onMessage(Notified.class, this::onNotified)
        .onMessage(Stored.class, this::onStored)
        .onMessage(RetryStore.class, this::onRetryStore)
        .onMessage(Command.class, this::stashOrRefuse)
        .build();
  }

  /** Booted: what the host keeps now (every card that came back) is stored if it changed, then serve. */
  private Behavior<Command> booted() {
    ctx.ask(HostInventory.class, host, askTimeout, Host.GetInventory::new,
        (inv, e) -> inv != null ? new InventoryChanged(inv) : new Stored("inventory: " + e, -1));
    return stash.unstashAll(running());
  }

  private static final Duration PROBE_POLL = Duration.ofMillis(20);
  /** At most this many checks (10 s) before serving anyway: a card whose probe fails stays out. */
  private static final int PROBE_CHECKS = 500;

  private Behavior<Command> running() {
    return Behaviors.receive(Command.class)
        .onMessage(Wake.class, w -> Behaviors.same())
        .onMessage(Describe.class, d -> {
          ctx.pipeToSelf(client.list(null), (l, e) -> new DescribeDevices(l == null ? List.of() : l, d.replyTo()));
          return Behaviors.same();
        })
        .onMessage(DescribeDevices.class, d -> {
          d.replyTo().tell(new HostInfo(name, memberName, ctx.getSystem().address().toString(), image.boots(),
              image.inventory().cards(), d.devices().stream().map(Object::toString).toList(),
              savedVersion == version));
          return Behaviors.same();
        })
        .onMessage(PowerCycle.class, p -> {
          // An orderly power cycle: the answers held for an image write go out once it is saved,
          // then the host stops (an unsaved write is what a crash may lose, not a reboot).
          afterSaved(() -> ctx.getSelf().tell(new PowerOff(p.replyTo())));
          return Behaviors.same();
        })
        .onMessage(PowerOff.class, p -> {
          p.replyTo().tell(new PoweredOff(name, memberName, image.boots()));
          return Behaviors.stopped();
        })
        .onMessage(Exec.class, this::onExec)
        .onMessage(SessionLine.class, this::onSessionLine)
        .onMessage(SessionMonitors.class, this::onSessionMonitors)
        .onMessage(SessionClose.class, c -> {
          Session s = sessions.remove(c.session());
          if (s != null) {
            s.tail.whenCompleteAsync((v, e) -> s.runner.stopJobs(), blocking);
          }
          return Behaviors.same();
        })
        .onMessage(Action.class, this::onAction)
        .onMessage(Devlink.class, this::onDevlink)
        .onMessage(Synced.class, this::onSynced)
        .onMessage(RetryStore.class, this::onRetryStore)
        .onMessage(Done.class, this::onDone)
        .onMessage(Notified.class, this::onNotified)
        .onMessage(MonitorFence.class, this::onMonitorFence)
        .onMessage(InventoryChanged.class, this::onInventory)
        .onMessage(CheckProbed.class, c -> Behaviors.same())
        .onMessage(Probed.class, p -> Behaviors.same())
        .onMessage(Stored.class, this::onStored)
        .onMessage(Loaded.class, l -> Behaviors.same())
        .build();
  }


  // ---------------------------------------------------------------- monitor and inventory

  private Behavior<Command> onNotified(Notified n) {
    client.consumed(notifications, 1);
    if (!(n.event() instanceof MonitorEvent.Note ev)) {
      return Behaviors.same(); // an overrun (this reader never falls behind by 65536) or a fence (none asked)
    }
    Notification note = ev.notification();
    String json = JsonLines.event(note);
    String text = textRenderer.render(note);
    Long port = note.payload() instanceof dev.fabric.devlink.model.PortState p ? p.index() : null;
    // the state of instances and ports only, as a chaos run records it (the rest would be most of the stream)
    boolean typed = note.kind() == Notification.Kind.DEV || note.kind() == Notification.Kind.PORT;
    String payload = null;
    if (typed && note.payload() != null) {
      try {
        payload = dev.fabric.chaos.Json.JSON.writeValueAsString(note.payload());
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        ctx.getLog().warn("host {}: a {} event's state could not be written: {}", name, note.kind().label, e.getMessage());
      }
    }
    topic.tell(Topic.publish(new HostEvent(name, image.boots(), ++seq, note.netns(), text, json, memberName,
        incarnation, note.kind().label, note.cmd().label, String.valueOf(note.dev()), port, payload)));
    return Behaviors.same();
  }

  private Behavior<Command> onMonitorFence(MonitorFence f) {
    topic.tell(Topic.publish(new HostEvent(name, image.boots(), seq, null, f.id(), null, memberName, incarnation,
        "fence", null, null, null, null)));
    return Behaviors.same();
  }

  /** The cards or their NVM changed (new_device, del_device, a flash, a permanent param): keep it. */
  private Behavior<Command> onInventory(InventoryChanged changed) {
    keep(changed.inventory());
    return Behaviors.same();
  }

  /** Stores {@code inventory} as the image's when it differs from what the image holds. */
  private void keep(HostInventory inventory) {
    if (!inventory.equals(image.inventory())) {
      changeImage(image.with(inventory), "inventory");
    }
  }

  private void changeImage(HostImage next, String what) {
    image = next;
    version++;
    store(what);
  }

  /**
   * A devlink request: a read goes straight to the host, which answers the client itself; a write
   * is answered through this entity, once the image it may have changed (a flash, a permanent
   * param) is saved by a majority.
   */
  private Behavior<Command> onDevlink(Devlink d) {
    var caller = dev.fabric.devlink.model.Caller.of(d.netns());
    if (d.op().readOnly()) {
      host.tell(new Host.Route(caller, d.dev(), d.op(), d.replyTo()));
      return Behaviors.same();
    }
    @SuppressWarnings({"unchecked", "rawtypes"})
    Class<Reply<?>> type = (Class) Reply.class;
    ctx.ask(type, host, WRITE_LIMIT, r -> new Host.Route(caller, d.dev(), d.op(), r),
        (r, e) -> new Done<Reply<?>>(r != null ? r
            : Reply.err(dev.fabric.devlink.model.Errno.ETIMEDOUT, "host " + name + " did not answer in time"),
            d.replyTo()));
    return Behaviors.same();
  }

  /**
   * Releases {@code release} once the image holds everything the host has done so far and a
   * majority has confirmed it. The host's inventory is read again first: the registry heard every
   * change an answer depends on before that answer was sent (same JVM, so this read comes after it).
   */
  private void afterSaved(Runnable release) {
    ctx.ask(HostInventory.class, host, askTimeout, Host.GetInventory::new,
        (inv, e) -> new Synced(inv, release));
  }

  private Behavior<Command> onSynced(Synced s) {
    if (s.inventory() != null) {
      keep(s.inventory());
    }
    if (savedVersion >= version) {
      s.release().run();
    } else {
      parked.add(new Parked(version, s.release()));
    }
    return Behaviors.same();
  }

  private void releaseSaved() {
    // versions only grow, so the parked answers are in order of what they need
    while (!parked.isEmpty() && parked.peek().needed() <= savedVersion) {
      parked.poll().release().run();
    }
  }

  /**
   * Test hook, the planted defect "an NVM write that reaches only one member": the image is written
   * to the local replica only (gossip may spread it later, or never if the member dies first). Set
   * only by this package's tests; nothing in the fabric command reaches it.
   */
  static volatile boolean plantedLocalImageWrite;

  /** Writes the image with a majority write (the last writer is this entity: one host lives once). */
  private void store(String what) {
    HostImage value = image;
    long v = version;
    Replicator.WriteConsistency consistency = plantedLocalImageWrite ? Replicator.writeLocal()
        : new Replicator.WriteMajority(ddataTimeout);
    replicator.askUpdate(r -> new Replicator.Update<>(key, LWWRegister.create(self, value),
            consistency, r, cur -> cur.withValue(self, value)),
        rsp -> new Stored(rsp instanceof Replicator.UpdateSuccess ? null : what + ": " + rsp, v));
  }

  private Behavior<Command> onStored(Stored s) {
    if (s.failure() == null) {
      savedVersion = Math.max(savedVersion, s.version());
      releaseSaved();
    } else if (s.version() == version) {
      // A majority did not confirm in time (the local copy has it and gossip spreads it): the
      // answers waiting for it stay held, and the newest image is written again shortly.
      ctx.getLog().warn("host {}: image write not confirmed by a majority ({}); writing it again", name, s.failure());
      ctx.scheduleOnce(STORE_RETRY, ctx.getSelf(), new RetryStore(version));
    }
    return Behaviors.same();
  }

  private Behavior<Command> onRetryStore(RetryStore r) {
    if (r.version() == version && savedVersion < version) {
      store("retry");
    }
    return Behaviors.same();
  }

  private static final Duration STORE_RETRY = Duration.ofMillis(200);

  /**
   * The host always answers a write (NoRequestLostInAnyStateTest), so this only bounds a bug; it is
   * above the slowest step a latency profile allows (a whole flash at the slowest chunk, ~8 min), so
   * the client's own deadline, not this one, decides when a slow write is given up on.
   */
  private static final Duration WRITE_LIMIT = Duration.ofMinutes(10);

  // ---------------------------------------------------------------- scripts and lines

  private Behavior<Command> onExec(Exec x) {
    onBlocking(() -> {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      ScriptRunner runner = new ScriptRunner(client);
      runner.xtrace(x.xtrace());
      StringWriter text = x.monitors() ? new StringWriter() : null;
      StringWriter json = x.monitors() ? new StringWriter() : null;
      runner.monitors(text, json);
      try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
          PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
        int status = runner.runScript(x.script(), o, e, x.transcript());
        runner.stopMonitors();
        return new ExecResult(capped(out), capped(err), status, null, text == null ? null : text.toString(),
            json == null ? null : json.toString());
      } finally {
        runner.stopJobs();
      }
    }, x.replyTo(), ExecResult.class);
    return Behaviors.same();
  }

  private Behavior<Command> onSessionLine(SessionLine l) {
    Session s = session(l.session());
    s.tail = s.tail.handleAsync((v, e) -> null, blocking).thenApplyAsync(v -> {
      try {
        Result r = s.runner.runLine(ScriptParser.parseLine(l.line(), 1));
        return new ExecResult(r.stdout(), r.stderr(), r.rc(), null);
      } catch (ScriptException e) {
        return new ExecResult("", "", 2, e.getMessage());
      } catch (Exception e) {
        return new ExecResult("", "fabric: " + e.getMessage() + "\n", 1, null);
      }
    }, blocking).whenComplete((r, e) -> ctx.getSelf().tell(new Done<>(
        r != null ? r : new ExecResult("", "fabric: " + e + "\n", 1, null), l.replyTo())));
    return Behaviors.same();
  }

  private Behavior<Command> onSessionMonitors(SessionMonitors m) {
    Session s = session(m.session());
    s.tail = s.tail.handleAsync((v, e) -> null, blocking).thenApplyAsync(v -> {
      try {
        if (m.on()) {
          s.text = new StringWriter();
          s.json = new StringWriter();
          s.runner.monitors(s.text, s.json);
          return new MonitorLogs("", "");
        }
        s.runner.stopMonitors();
        MonitorLogs logs = new MonitorLogs(s.text == null ? "" : s.text.toString(),
            s.json == null ? "" : s.json.toString());
        s.text = null;
        s.json = null;
        return logs;
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }, blocking).whenComplete((r, e) -> ctx.getSelf().tell(new Done<>(
        r != null ? r : new MonitorLogs("", "fabric: " + e), m.replyTo())));
    return Behaviors.same();
  }

  private Session session(String id) {
    return sessions.computeIfAbsent(id, k -> {
      Session s = new Session();
      s.runner = new ScriptRunner(client);
      return s;
    });
  }

  /** Output beyond what one remote message carries is cut, saying so. */
  private static String capped(ByteArrayOutputStream b) {
    String s = b.toString(StandardCharsets.UTF_8);
    int max = 2_000_000;
    return s.length() <= max ? s : s.substring(0, max) + "\n[fabric: output cut at " + max + " characters]\n";
  }

  /** Runs {@code work} on the script dispatcher; its value (or a failure as stderr) goes to replyTo. */
  private <T> void onBlocking(java.util.concurrent.Callable<T> work, ActorRef<T> replyTo, Class<T> type) {
    CompletableFuture<T> f = CompletableFuture.supplyAsync(() -> {
      try {
        return work.call();
      } catch (Exception e) {
        throw new java.util.concurrent.CompletionException(e);
      }
    }, blocking);
    ctx.pipeToSelf(f, (v, e) -> {
      if (v != null) {
        return new Done<>(v, replyTo);
      }
      @SuppressWarnings("unchecked")
      T failed = (T) new ExecResult("", "fabric: " + e.getMessage() + "\n", 1, null);
      return new Done<>(failed, replyTo);
    });
  }

  /** A script, line or action answered: released once what it may have changed is saved. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private Behavior<Command> onDone(Done d) {
    afterSaved(() -> d.replyTo().tell(d.value()));
    return Behaviors.same();
  }

  // ---------------------------------------------------------------- bus, files, namespaces

  private Behavior<Command> onAction(Action a) {
    Supplier<java.util.concurrent.CompletionStage<ActionReply>> call = switch (a.kind()) {
      case NEW_DEVICE -> () -> client.newDevice(a.value(), a.netns() == null ? Host.INIT_NETNS : a.netns())
          .thenApply(ActionReply::of);
      case DEL_DEVICE -> () -> client.delDevice(a.value()).thenApply(ActionReply::of);
      case DEVICES -> () -> client.deviceIds().thenApply(ActionReply::values);
      case INSTANCES -> () -> client.list(a.netns()).thenApply(ActionReply::values);
      case SYSFS_READ -> () -> client.driver(id(a), new DriverOp.SysfsRead(a.path())).thenApply(ActionReply::of);
      case SYSFS_WRITE -> () -> client.driver(id(a), new DriverOp.SysfsWrite(a.path(), a.value()))
          .thenApply(ActionReply::of);
      case DEBUGFS_READ -> () -> client.driver(id(a), new DriverOp.DebugfsRead(a.path())).thenApply(ActionReply::of);
      case DEBUGFS_WRITE -> () -> client.driver(id(a), new DriverOp.DebugfsWrite(a.path(), a.value()))
          .thenApply(ActionReply::of);
      case DEBUGFS_LIST -> () -> client.driver(id(a), new DriverOp.DebugfsList(a.path() == null ? "" : a.path()))
          .thenApply(ActionReply::of);
      case NETNS_ADD -> () -> client.netnsAdd(a.value()).thenApply(ActionReply::of);
      case NETNS_DEL -> () -> client.netnsDel(a.value()).thenApply(ActionReply::of);
      case NETNS_LIST -> () -> client.netnsList().thenApply(ActionReply::values);
    };
    ctx.pipeToSelf(call.get(), (v, e) -> new Done<>(v != null ? v : ActionReply.failed(String.valueOf(e)),
        a.replyTo()));
    return Behaviors.same();
  }

  private static int id(Action a) {
    return a.id() == null ? -1 : a.id();
  }

  /** A request the host cannot take now gets an answer saying so (never silence). */
  private void refuse(Command c, String why) {
    ActionReply busy = new ActionReply(false, "EBUSY", why, null, null);
    ExecResult refused = new ExecResult("", "fabric: " + why + "\n", 1, null);
    if (c instanceof Action a) {
      a.replyTo().tell(busy);
    } else if (c instanceof Exec x) {
      x.replyTo().tell(refused);
    } else if (c instanceof SessionLine l) {
      l.replyTo().tell(refused);
    } else if (c instanceof Devlink d) {
      d.replyTo().tell(Reply.err(dev.fabric.devlink.model.Errno.EBUSY, why));
    } else if (c instanceof SessionMonitors m) {
      m.replyTo().tell(new MonitorLogs("", why));
    }
  }

}
