package dev.fabric.netlink;

import dev.fabric.devlink.client.Fabric;
import dev.fabric.devlink.model.Notification;
import java.util.Map;
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
  private final Map<String, ActorRef<Notification>> subscribers = new ConcurrentHashMap<>();

  Multicast(Fabric fabric, NetlinkEndpoint endpoint) {
    this.fabric = fabric;
    this.endpoint = endpoint;
  }

  void join(NlConnection c, int group) {
    if (group != GenlHandler.DEVLINK_MCGRP_CONFIG_ID) {
      return;
    }
    subscribers.computeIfAbsent(c.netns(), ns -> {
      ActorRef<Notification> ref = fabric.system().systemActorOf(
          Behaviors.receive(Notification.class).onMessage(Notification.class, n -> {
            deliver(ns, n);
            return Behaviors.same();
          }).build(), "netlink-multicast-" + NAMES.incrementAndGet(), Props.empty());
      fabric.subscribe(ns, ref);
      return ref;
    });
  }

  void leave(NlConnection c, int group) {
    // The namespace's subscription stays: other sockets may join again; delivery checks membership.
  }

  void leaveAll(NlConnection c) {
    // as leave
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
    for (ActorRef<Notification> ref : subscribers.values()) {
      fabric.unsubscribe(ref);
    }
  }
}
