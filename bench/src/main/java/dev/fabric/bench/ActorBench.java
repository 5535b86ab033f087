package dev.fabric.bench;

import dev.fabric.devlink.model.Caller;

import dev.fabric.devices.LatencyProfile;
import dev.fabric.devlink.actor.Host;
import dev.fabric.devlink.client.Fabric;
import dev.fabric.devlink.model.DevHandle;
import dev.fabric.devlink.model.Op;
import dev.fabric.devlink.model.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * Variant (c), the actor fabric through its real request path (Host.Route → Registry → Instance → Port
 * child for port ops → reply), driven by closed-loop client actors (reply-to between actors, no
 * blocking, no CompletionStage callbacks); and the platform limit measured side by side: a
 * round trip to a trivial actor, reply-to between actors and ask with the reply consumed on the
 * actor system's executor.
 */
final class ActorBench implements AutoCloseable {
  /** Sends one op to device {@code d}; the reply must reach {@code replyTo}. */
  interface Target {
    void send(int d, Op op, ActorRef<Reply<?>> replyTo);
  }

  record Ping(ActorRef<Reply<?>> replyTo) {}

  private static final Reply.Ok PONG = Reply.ok();
  private static final Object GO = new Object();

  final Fabric fabric;
  final ActorSystem<?> system;
  private final DevHandle[] handles;
  private final List<ActorRef<Ping>> echoes = new ArrayList<>();
  private int seq;

  ActorBench(int devices, int ports, long reinitMs) {
    fabric = Fabric.start("bench", LatencyProfile.NETDEVSIM.withReinit(Duration.ofMillis(reinitMs)));
    system = fabric.system();
    handles = new DevHandle[devices];
    for (int d = 0; d < devices; d++) {
      Reply r = fabric.newDeviceSync(d + " " + ports, Host.INIT_NETNS);
      if (!r.isOk()) {
        throw new IllegalStateException("new_device " + d + ": " + r);
      }
      handles[d] = DevHandle.netdevsim(d);
    }
    for (int d = 0; d < devices; d++) {
      echoes.add(system.systemActorOf(Behaviors.receiveMessage((Ping p) -> {
        p.replyTo().tell(PONG);
        return Behaviors.same();
      }), "echo-" + d, Props.empty()));
    }
  }

  Target fabricTarget() {
    ActorRef<Host.Command> host = fabric.system();
    return (d, op, replyTo) -> host.tell(new Host.Route(Caller.of(Host.INIT_NETNS), handles[d], op, replyTo));
  }

  Target echoTarget() {
    return (d, op, replyTo) -> echoes.get(d).tell(new Ping(replyTo));
  }

  /** 64 (clients) closed-loop client actors against {@code target}. */
  Stats runClients(String variant, Target target, Mix mix, int clients, long warmMs, long measureMs)
      throws InterruptedException {
    AtomicIntegerArray reloading = new AtomicIntegerArray(mix.devices);
    LockBench.Flags flags = new LockBench.Flags();
    CountDownLatch done = new CountDownLatch(clients);
    List<Recorder> recs = new ArrayList<>();
    List<ActorRef<Object>> refs = new ArrayList<>();
    int run = seq++;
    for (int c = 0; c < clients; c++) {
      Recorder rec = new Recorder();
      recs.add(rec);
      SplittableRandom rnd = new SplittableRandom(0x5eed + c);
      refs.add(system.systemActorOf(Behaviors.setup(ctx -> new Client(ctx, target, mix, rnd, reloading, flags, rec,
          done)), "client-" + run + "-" + c, Props.empty()));
    }
    refs.forEach(r -> r.tell(GO));
    Thread.sleep(warmMs);
    long start = System.nanoTime();
    flags.recording = true;
    Thread.sleep(measureMs);
    flags.recording = false;
    long end = System.nanoTime();
    flags.stop = true;
    done.await();
    return Stats.of(variant, mix, recs, (end - start) / 1e9);
  }

  /** One closed-loop client: issues the next op as soon as the previous reply arrives. */
  static final class Client extends AbstractBehavior<Object> {
    private final Target target;
    private final Mix mix;
    private final SplittableRandom rnd;
    private final AtomicIntegerArray reloading;
    private final LockBench.Flags flags;
    private final Recorder rec;
    private final CountDownLatch done;
    private final ActorRef<Reply<?>> self;
    private int dev;
    private boolean reload;
    private boolean idle;
    private boolean recording;
    private long issued;

    Client(ActorContext<Object> ctx, Target target, Mix mix, SplittableRandom rnd, AtomicIntegerArray reloading,
        LockBench.Flags flags, Recorder rec, CountDownLatch done) {
      super(ctx);
      this.target = target;
      this.mix = mix;
      this.rnd = rnd;
      this.reloading = reloading;
      this.flags = flags;
      this.rec = rec;
      this.done = done;
      this.self = ctx.getSelf().narrow();
    }

    @Override
    public Receive<Object> createReceive() {
      return newReceiveBuilder().onAnyMessage(this::on).build();
    }

    private Behavior<Object> on(Object m) {
      if (m instanceof Reply r) {
        long now = System.nanoTime();
        if (reload) {
          reloading.decrementAndGet(dev);
        }
        rec.done(recording && flags.recording, reload, idle, issued, now, r.isOk());
      }
      if (flags.stop) {
        done.countDown();
        return Behaviors.stopped();
      }
      dev = rnd.nextInt(mix.devices);
      Op op = mix.pick(rnd);
      reload = op == Mix.RELOAD;
      if (reload) {
        reloading.incrementAndGet(dev);
      }
      idle = !reload && reloading.get(dev) == 0;
      recording = flags.recording;
      issued = System.nanoTime();
      target.send(dev, op, self);
      return this;
    }
  }

  /** Raw ask to a trivial actor, the reply consumed on the actor system's executor (not the common pool). */
  Stats runAsk(Mix mix, int clients, long warmMs, long measureMs) throws InterruptedException {
    LockBench.Flags flags = new LockBench.Flags();
    CountDownLatch done = new CountDownLatch(clients);
    List<Recorder> recs = new ArrayList<>();
    Executor ec = system.executionContext();
    Duration timeout = Duration.ofSeconds(30);
    for (int c = 0; c < clients; c++) {
      Recorder rec = new Recorder();
      recs.add(rec);
      SplittableRandom rnd = new SplittableRandom(0x5eed + c);
      new Object() {
        void next() {
          if (flags.stop) {
            done.countDown();
            return;
          }
          int d = rnd.nextInt(mix.devices);
          boolean recording = flags.recording;
          long t0 = System.nanoTime();
          AskPattern.ask(echoes.get(d), (ActorRef<Reply<?>> r) -> new Ping(r), timeout, system.scheduler())
              .whenCompleteAsync((r, e) -> {
                rec.done(recording && flags.recording, false, true, t0, System.nanoTime(), r != null);
                next();
              }, ec);
        }
      }.next();
    }
    Thread.sleep(warmMs);
    long start = System.nanoTime();
    flags.recording = true;
    Thread.sleep(measureMs);
    flags.recording = false;
    long end = System.nanoTime();
    flags.stop = true;
    done.await();
    return Stats.of("RAW_ASK", mix, recs, (end - start) / 1e9);
  }

  @Override
  public void close() {
    fabric.close();
  }
}
