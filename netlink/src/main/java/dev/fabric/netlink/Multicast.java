package dev.fabric.netlink;

import dev.fabric.devlink.client.Fabric;
import dev.fabric.devlink.model.MonitorEvent;
import dev.fabric.devlink.model.Notification;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * devlink's "config" multicast group: one monitor subscription per namespace that has a listening
 * socket; each notification is encoded once and copied to every socket of that namespace that
 * joined the group (genlmsg_multicast_netns), in the order the fabric's monitor hub emits them.
 */
final class Multicast {
  private static final AtomicInteger NAMES = new AtomicInteger();
  private final Fabric fabric;
  private final NetlinkEndpoint endpoint;
  private final Map<String, ActorRef<MonitorEvent>> subscribers = new ConcurrentHashMap<>();
  /** Fences asked for and not reached yet, by id: completed when the subscriber has delivered all before. */
  private final Map<Long, CompletableFuture<Void>> fences = new ConcurrentHashMap<>();
  private final java.util.concurrent.atomic.AtomicLong fenceIds = new java.util.concurrent.atomic.AtomicLong();

  Multicast(Fabric fabric, NetlinkEndpoint endpoint) {
    this.fabric = fabric;
    this.endpoint = endpoint;
  }

  void join(NlConnection c, int group) {
    if (group != GenlHandler.DEVLINK_MCGRP_CONFIG_ID) {
      return;
    }
    subscribers.computeIfAbsent(c.netns(), ns -> {
      ActorRef<MonitorEvent> ref = fabric.system().systemActorOf(
          Behaviors.<MonitorEvent>setup(ctx -> Behaviors.receive(MonitorEvent.class)
              .onMessage(MonitorEvent.FenceReached.class, f -> {
                CompletableFuture<Void> done = fences.remove(f.id());
                if (done != null) {
                  done.complete(null);
                }
                return Behaviors.same();
              })
              .onMessage(MonitorEvent.Note.class, n -> {
                // Copied to the sockets' own queues: room again in the hub's buffer for this group.
                fabric.consumed(ctx.getSelf(), 1);
                deliver(ns, n.notification());
                return Behaviors.same();
              })
              .onMessage(MonitorEvent.Overrun.class, o -> {
                fabric.consumed(ctx.getSelf(), 1);
                return Behaviors.same();
              })
              // a kernel's sockets die with the machine; these live on and simply hear the NEWs
              .onMessage(MonitorEvent.Rebooted.class, r -> Behaviors.same())
              .build()), "netlink-multicast-" + NAMES.incrementAndGet(), Props.empty());
      fabric.subscribe(ns, ref);
      return ref;
    });
  }

  /**
   * After a request: waits (on the connection's own thread, never in an actor) until every
   * notification published so far has been copied to the listening sockets and written to their
   * data channels, and the requester's replies too. A socket that does not read delays this at
   * most SYNC_MS, once per request.
   */
  void settle(NlConnection requester) {
    // (requester null: only the listeners)
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(NlConnection.SYNC_MS);
    List<Long> asked = new ArrayList<>();
    List<CompletableFuture<Void>> waiting = new ArrayList<>();
    for (ActorRef<MonitorEvent> ref : subscribers.values()) {
      long id = fenceIds.incrementAndGet();
      CompletableFuture<Void> f = new CompletableFuture<>();
      fences.put(id, f);
      asked.add(id);
      fabric.fence(ref, id);
      waiting.add(f);
    }
    for (CompletableFuture<Void> f : waiting) {
      try {
        f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (Exception e) {
        break;
      }
    }
    asked.forEach(fences::remove);
    List<Map.Entry<NlConnection, CountDownLatch>> latches = new ArrayList<>();
    if (requester != null) {
      latches.add(Map.entry(requester, requester.barrier()));
    }
    for (NlConnection c : endpoint.connections()) {
      if (c != requester && c.inGroup(GenlHandler.DEVLINK_MCGRP_CONFIG_ID) && !c.stalled()) {
        latches.add(Map.entry(c, c.barrier()));
      }
    }
    for (Map.Entry<NlConnection, CountDownLatch> e : latches) {
      try {
        // short waits, so a program that stops reading meanwhile is noticed and not waited for
        while (!e.getValue().await(10, TimeUnit.MILLISECONDS)) {
          if (System.nanoTime() > deadline || e.getKey() != requester && e.getKey().stalled()) {
            break;
          }
        }
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** A socket closed: the namespace's subscription stays for the others (delivery checks membership). */
  void leaveAll(NlConnection c) {
    // nothing held per socket
  }

  /** Runs inside the subscriber actor: encodes and enqueues (never blocks). */
  private void deliver(String ns, Notification n) {
    byte[] msg = NotificationEncoder.encode(n);
    if (msg == null) {
      return;
    }
    for (NlConnection c : endpoint.connections()) {
      if (ns.equals(c.netns()) && c.inGroup(GenlHandler.DEVLINK_MCGRP_CONFIG_ID)) {
        c.multicast(msg, GenlHandler.DEVLINK_MCGRP_CONFIG_ID);
      }
    }
  }

  void close() {
    for (ActorRef<MonitorEvent> ref : subscribers.values()) {
      fabric.unsubscribe(ref);
    }
  }
}
