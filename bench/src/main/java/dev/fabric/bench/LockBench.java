package dev.fabric.bench;

import dev.fabric.devlink.model.DevHandle;
import dev.fabric.devlink.model.NsimDevlink;
import dev.fabric.devlink.model.Op;
import dev.fabric.devlink.model.Reply;
import dev.fabric.devlink.model.Result;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Variants (a) and (b): the sequential model guarded by one global non-fair ReentrantLock (the old
 * devlink_mutex) or by one lock per device, driven by closed-loop client threads. A reload holds
 * its lock for the whole 20 ms of simulated hardware time (a sleep while holding the lock, as a
 * kernel driver sleeps in reload_up).
 */
final class LockBench {
  private final NsimDevlink[] models;
  private final ReentrantLock global = new ReentrantLock();
  private final ReentrantLock[] perDevice;
  private final long reinitMs;

  LockBench(int devices, int ports, long reinitMs) {
    this.reinitMs = reinitMs;
    models = new NsimDevlink[devices];
    perDevice = new ReentrantLock[devices];
    for (int d = 0; d < devices; d++) {
      NsimDevlink m = new NsimDevlink(DevHandle.netdevsim(d), d, ports, "init");
      List<String> names = new ArrayList<>();
      for (int i = 0; i < ports; i++) {
        names.add("eth" + (d * ports + i));
      }
      m.probe(names);
      m.register();
      models[d] = m;
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
          Op op = mix.pick(rnd);
          boolean reload = op == Mix.RELOAD;
          if (reload) {
            reloading.incrementAndGet(d);
          }
          boolean idle = !reload && reloading.get(d) == 0;
          boolean recording = flags.recording;
          long t0 = System.nanoTime();
          ReentrantLock lock = globalLock ? global : perDevice[d];
          boolean ok;
          lock.lock();
          try {
            ok = reload ? reload(models[d]) : models[d].apply(op, List.of()).reply().isOk();
          } finally {
            lock.unlock();
          }
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

  /** The model's reload with the simulated hardware re-init in the middle, all under the lock. */
  private boolean reload(NsimDevlink m) {
    Reply<?> refusal = m.reloadRefusal(Mix.RELOAD, dev.fabric.devlink.model.NetnsTarget.STAY);
    if (refusal != null) {
      return false;
    }
    Result down = m.reloadDown(null);
    try {
      Thread.sleep(reinitMs);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    List<String> names = new ArrayList<>(down.releasedNetdevs());
    Collections.reverse(names);
    return m.reloadUp(Mix.RELOAD, names.subList(0, m.reloadUpNetdevs())).reply().isOk();
  }

  static final class Flags {
    volatile boolean recording;
    volatile boolean stop;
  }
}
