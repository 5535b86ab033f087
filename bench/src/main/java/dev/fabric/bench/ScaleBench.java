package dev.fabric.bench;

import dev.fabric.devices.LatencyProfile;
import dev.fabric.devlink.actor.Host;
import dev.fabric.devlink.client.Fabric;
import dev.fabric.devlink.model.DevHandle;
import dev.fabric.devlink.model.PortOp;
import dev.fabric.devlink.model.Caller;
import dev.fabric.devlink.model.Reply;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * Scale: {@code devices} netdevsim devices of {@code ports} ports each, created through the bus
 * (new_device), then a full {@code port show} dump streamed per instance, then a reload storm
 * over every device. Heap is read after GC, in a JVM of its own.
 */
final class ScaleBench {

  /** What a pump saw: replies ok / failed, and the ports the ok replies listed. */
  record Pumped(long ok, long failed, long ports, double seconds) {}

  /**
   * Sends {@code n} requests keeping at most {@code window} outstanding; completes when every reply
   * is in. Runs as an actor so that no reply is consumed on a CompletionStage callback.
   */
  static final class Pump extends AbstractBehavior<Object> {
    private final int n;
    private final BiFunction<Integer, ActorRef<Reply<?>>, Object> request;
    private final ActorRef<Object> to;
    private final CompletableFuture<Pumped> result;
    private final ActorRef<Reply<?>> self;
    private final long start = System.nanoTime();
    private int sent;
    private long ok;
    private long failed;
    private long ports;

    Pump(ActorContext<Object> ctx, int n, int window, ActorRef<Object> to,
        BiFunction<Integer, ActorRef<Reply<?>>, Object> request, CompletableFuture<Pumped> result) {
      super(ctx);
      this.n = n;
      this.to = to;
      this.request = request;
      this.result = result;
      this.self = ctx.getSelf().narrow();
      while (sent < Math.min(window, n)) {
        to.tell(request.apply(sent++, self));
      }
    }

    @Override
    public Receive<Object> createReceive() {
      return newReceiveBuilder().onMessage(Reply.class, this::onReply).build();
    }

    private Behavior<Object> onReply(Reply r) {
      if (r instanceof Reply.Ok o) {
        ok++;
        if (o.value() instanceof PortOp.PortList l) {
          ports += l.ports().size();
        }
      } else {
        failed++;
      }
      if (sent < n) {
        to.tell(request.apply(sent++, self));
      }
      if (ok + failed == n) {
        result.complete(new Pumped(ok, failed, ports, (System.nanoTime() - start) / 1e9));
        return Behaviors.stopped();
      }
      return this;
    }
  }

  static long usedHeapAfterGc() throws InterruptedException {
    long best = Long.MAX_VALUE;
    for (int i = 0; i < 4; i++) {
      System.gc();
      Thread.sleep(300);
      best = Math.min(best, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }
    return best;
  }

  static Map<String, Object> run(int devices, int ports, long reinitMs) throws Exception {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("devices", devices);
    out.put("ports_per_device", ports);
    out.put("max_heap_mib", Runtime.getRuntime().maxMemory() >> 20);
    try (Fabric fabric = Fabric.start("scale", LatencyProfile.NETDEVSIM.withReinit(Duration.ofMillis(reinitMs)))) {
      @SuppressWarnings("unchecked")
      ActorRef<Object> host = (ActorRef<Object>) (ActorRef<?>) fabric.system();
      long before = usedHeapAfterGc();
      out.put("heap_before_mib", before >> 20);

      Pumped created = pump(fabric, "create", devices, 256, host,
          (i, r) -> new Host.NewDevice(i + " " + ports, Host.INIT_NETNS, r));
      out.put("create_s", created.seconds());
      out.put("create_failed", created.failed());
      System.out.printf("created %d devices x %d ports in %.2f s%n", created.ok(), ports, created.seconds());

      long after = usedHeapAfterGc();
      long total = (long) devices * ports;
      out.put("heap_after_mib", after >> 20);
      out.put("heap_delta_mib", (after - before) >> 20);
      out.put("bytes_per_port", (after - before) / (double) total);
      System.out.printf("heap %d MiB -> %d MiB: %.0f B per port (all included)%n", before >> 20, after >> 20,
          (after - before) / (double) total);
      if (System.getProperty("bench.histo") != null) {
        System.out.println("pid " + ProcessHandle.current().pid() + ": waiting 60 s for jcmd GC.class_histogram");
        Thread.sleep(60_000);
      }

      List<DevHandle> handles = fabric.listSync(Host.INIT_NETNS);
      Pumped dump = pump(fabric, "dump", handles.size(), 64, host,
          (i, r) -> new Host.Route(Caller.of(Host.INIT_NETNS), handles.get(i), new PortOp.Dump(), r));
      out.put("dump_s", dump.seconds());
      out.put("dump_ports", dump.ports());
      System.out.printf("dumped %d ports of %d instances in %.2f s%n", dump.ports(), dump.ok(), dump.seconds());

      Pumped storm = pump(fabric, "storm", handles.size(), handles.size(), host,
          (i, r) -> new Host.Route(Caller.of(Host.INIT_NETNS), handles.get(i), Mix.RELOAD, r));
      out.put("storm_s", storm.seconds());
      out.put("storm_failed", storm.failed());
      System.out.printf("reload storm over %d devices in %.2f s (%d failed)%n", storm.ok() + storm.failed(),
          storm.seconds(), storm.failed());

      Pumped dump2 = pump(fabric, "dump2", handles.size(), 64, host,
          (i, r) -> new Host.Route(Caller.of(Host.INIT_NETNS), handles.get(i), new PortOp.Dump(), r));
      out.put("dump_after_storm_ports", dump2.ports());
      out.put("dump_after_storm_s", dump2.seconds());
      long afterStorm = usedHeapAfterGc();
      out.put("heap_after_storm_mib", afterStorm >> 20);
      System.out.printf("after the storm: %d ports dumped in %.2f s, heap %d MiB%n", dump2.ports(), dump2.seconds(),
          afterStorm >> 20);
    }
    return out;
  }

  private static Pumped pump(Fabric fabric, String name, int n, int window, ActorRef<Object> to,
      BiFunction<Integer, ActorRef<Reply<?>>, Object> request) throws Exception {
    CompletableFuture<Pumped> result = new CompletableFuture<>();
    fabric.system().systemActorOf(Behaviors.setup(ctx -> new Pump(ctx, n, window, to, request, result)),
        "pump-" + name, Props.empty());
    return result.get();
  }
}
