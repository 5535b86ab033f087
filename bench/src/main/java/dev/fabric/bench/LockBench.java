package dev.fabric.bench;

import dev.fabric.devlink.model.Caller;
import dev.fabric.devlink.model.DevHandle;
import dev.fabric.devlink.model.Resolution;
import dev.fabric.devlink.model.Drivers;
import dev.fabric.devlink.model.HostModel;
import dev.fabric.devlink.model.InstanceRun;
import dev.fabric.devlink.model.NetdevNames;
import dev.fabric.devlink.model.Op;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Variants (a) and (b): the sequential model guarded by one global non-fair ReentrantLock (the old
 * devlink_mutex) or by one lock per device, driven by closed-loop client threads. Both run the
 * host model's steps, netdev names included: (a) {@link HostModel#step} under the global lock,
 * (b) each device's {@link InstanceRun} under its own lock, with the host's netdev names under a
 * lock of their own (RTNL) around the steps that name netdevs. A reload holds its lock across its
 * hardware wait — 20 ms of simulated re-init, a sleep while holding the lock, as a kernel driver
 * sleeps in reload_up.
 */
final class LockBench {
  private final HostModel host;
  private final DevHandle[] handles;
  private final InstanceRun[] instances;
  private final ReentrantLock global = new ReentrantLock();
  private final ReentrantLock[] perDevice;
  /** RTNL: the host's netdev names, shared by every device. */
  private final ReentrantLock rtnl = new ReentrantLock();
  private final long reinitMs;
  /** The clients are devlink sockets of the initial namespace. */
  private static final Caller INIT = Caller.of(HostModel.INIT_NETNS);

  LockBench(int devices, int ports, long reinitMs) {
    this.reinitMs = reinitMs;
    host = new HostModel(Drivers.standard(), 65536);
    handles = new DevHandle[devices];
    instances = new InstanceRun[devices];
    perDevice = new ReentrantLock[devices];
    for (int d = 0; d < devices; d++) {
      HostModel.Step s = host.step(new HostModel.NewDevice("netdevsim", d + " " + ports, HostModel.INIT_NETNS));
      if (!(s instanceof HostModel.Done done) || !done.reply().isOk()) {
        throw new IllegalStateException("new_device " + d + ": " + s);
      }
      handles[d] = DevHandle.netdevsim(d);
      instances[d] = host.instance(handles[d]);
      perDevice[d] = new ReentrantLock();
    }
  }

  Stats run(boolean globalLock, Mix mix, int clients, long warmMs, long measureMs) throws InterruptedException {
    AtomicIntegerArray reloading = new AtomicIntegerArray(mix.devices);
    List<Recorder> recs = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    Flags flags = new Flags();
    for (int c = 0; c < clients; c++) {
      Recorder rec = new Recorder();
      recs.add(rec);
      SplittableRandom rnd = new SplittableRandom(0x5eed + c);
      Thread t = new Thread(() -> {
        while (!flags.stop) {
          int d = rnd.nextInt(mix.devices);
          Op<?> op = mix.pick(rnd);
          boolean reload = op == Mix.RELOAD;
          if (reload) {
            reloading.incrementAndGet(d);
          }
          boolean idle = !reload && reloading.get(d) == 0;
          boolean recording = flags.recording;
          long t0 = System.nanoTime();
          boolean ok = globalLock ? underGlobalLock(d, op) : underDeviceLock(d, op, reload);
          long t1 = System.nanoTime();
          if (reload) {
            reloading.decrementAndGet(d);
          }
          rec.done(recording && flags.recording, reload, idle, t0, t1, ok);
        }
      }, (globalLock ? "global-" : "perdev-") + c);
      threads.add(t);
    }
    threads.forEach(Thread::start);
    Thread.sleep(warmMs);
    long start = System.nanoTime();
    flags.recording = true;
    Thread.sleep(measureMs);
    flags.recording = false;
    long end = System.nanoTime();
    flags.stop = true;
    for (Thread t : threads) {
      t.join();
    }
    return Stats.of(globalLock ? "GLOBAL_LOCK" : "DEVICE_LOCK", mix, recs, (end - start) / 1e9);
  }

  /** (a) The host model's step, the hardware wait included, all under the one lock. */
  private boolean underGlobalLock(int d, Op<?> op) {
    global.lock();
    try {
      HostModel.Step s = host.step(new HostModel.Route(INIT, handles[d], op));
      if (s instanceof HostModel.Pending p) {
        hardwareWait();
        return host.resume(p).reply().isOk();
      }
      return ((HostModel.Done) s).reply().isOk();
    } finally {
      global.unlock();
    }
  }

  /**
   * (b) The device's own step under its lock; a reload also takes RTNL around its two steps that
   * release and name netdevs (not across the re-init), as the kernel's reload does.
   */
  private boolean underDeviceLock(int d, Op<?> op, boolean namesNetdevs) {
    ReentrantLock lock = perDevice[d];
    InstanceRun run = instances[d];
    NetdevNames names = host.names();
    lock.lock();
    try {
      HostModel.Step s;
      if (namesNetdevs) {
        rtnl.lock();
        try {
          s = run.request(INIT, op, Resolution.NONE, names);
        } finally {
          rtnl.unlock();
        }
      } else {
        s = run.request(INIT, op, Resolution.NONE, names);
      }
      if (s instanceof HostModel.Pending p) {
        hardwareWait();
        rtnl.lock();
        try {
          return run.resume(p, names).reply().isOk();
        } finally {
          rtnl.unlock();
        }
      }
      return ((HostModel.Done) s).reply().isOk();
    } finally {
      lock.unlock();
    }
  }

  private void hardwareWait() {
    try {
      Thread.sleep(reinitMs);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static final class Flags {
    volatile boolean recording;
    volatile boolean stop;
  }
}
