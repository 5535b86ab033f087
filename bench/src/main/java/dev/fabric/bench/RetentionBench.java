package dev.fabric.bench;

import dev.fabric.devices.LatencyProfile;
import dev.fabric.devlink.actor.Host;
import dev.fabric.devlink.client.Fabric;
import dev.fabric.devlink.model.MonitorEvent;
import dev.fabric.devlink.model.Reply;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Heap retained per cycle of long create/delete and subscribe/unsubscribe loops (issue 13): the
 * heap used after a full GC is sampled after warm-up and after each block of cycles; a leak shows
 * as bytes per cycle growing with the cycle count, a clean loop as about zero.
 */
final class RetentionBench {
  private RetentionBench() {}

  record Sample(long cycles, long heapAfterGc) {}

  static void run(boolean quick, Path out) throws Exception {
    int block = quick ? 2_000 : 20_000;
    int blocks = quick ? 3 : 5;
    StringBuilder report = new StringBuilder();
    try (Fabric fabric = Fabric.start("retention", LatencyProfile.INSTANT)) {
      report.append(loop("create/delete (new_device \"N 4\", del_device N, a new N each cycle)", block, blocks,
          () -> createDelete(fabric)));
      report.append(loop("subscribe/unsubscribe (a monitor that subscribes, reads a notification, leaves)",
          block, blocks, () -> subscribeUnsubscribe(fabric)));
    }
    System.out.print(report);
    Files.writeString(out.resolve("retention.txt"), report.toString());
  }

  interface Cycle {
    void run() throws Exception;
  }

  private static String loop(String name, int block, int blocks, Cycle cycle) throws Exception {
    for (int i = 0; i < block; i++) {
      cycle.run(); // warm-up: classes, JIT, pools, dispatcher threads
    }
    List<Sample> samples = new ArrayList<>();
    samples.add(new Sample(0, heapAfterGc()));
    long start = System.nanoTime();
    for (int b = 1; b <= blocks; b++) {
      for (int i = 0; i < block; i++) {
        cycle.run();
      }
      samples.add(new Sample((long) b * block, heapAfterGc()));
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    StringBuilder sb = new StringBuilder(String.format("%s: %,d cycles in %.1f s%n", name, (long) block * blocks, seconds));
    for (Sample s : samples) {
      sb.append(String.format("  after %,9d cycles: heap after GC %,12d bytes%n", s.cycles(), s.heapAfterGc()));
    }
    Sample first = samples.get(0);
    Sample last = samples.get(samples.size() - 1);
    double perCycle = (double) (last.heapAfterGc() - first.heapAfterGc()) / last.cycles();
    sb.append(String.format("  retained per cycle: %.2f bytes%n", perCycle));
    return sb.toString();
  }

  private static int nextId;

  /** A fresh bus id each cycle: a leak per handle (like the registry's old pendingNetns) shows too. */
  private static void createDelete(Fabric fabric) {
    int id = ++nextId;
    Reply created = fabric.newDeviceSync(id + " 4", Host.INIT_NETNS);
    Reply deleted = fabric.delDeviceSync(Integer.toString(id));
    if (!created.isOk() || !deleted.isOk()) {
      throw new IllegalStateException("create/delete failed: " + created + " " + deleted);
    }
  }

  private static long seq;

  private static void subscribeUnsubscribe(Fabric fabric) throws Exception {
    CompletableFuture<Boolean> left = new CompletableFuture<>();
    long fence = ++seq;
    ActorRef<MonitorEvent> sub = fabric.system().systemActorOf(Behaviors.receive(MonitorEvent.class)
        .onMessage(MonitorEvent.class, e -> {
          if (e instanceof MonitorEvent.FenceReached f && f.id() == fence) {
            left.complete(true);
            return Behaviors.stopped();
          }
          return Behaviors.same();
        }).build(), "retention-sub-" + fence, Props.empty());
    fabric.subscribe(null, sub);
    fabric.subscribe(null, sub); // idempotent
    fabric.unsubscribe(sub);
    fabric.fence(sub, fence);
    left.get(10, TimeUnit.SECONDS);
  }

  private static long heapAfterGc() throws InterruptedException {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 4; i++) {
      System.gc();
      Thread.sleep(100);
      used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }
    return used;
  }
}
