package dev.fabric.cluster;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.cluster.Cluster;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.sharding.ShardCoordinator;
import scala.collection.immutable.IndexedSeq;
import scala.concurrent.Future;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Where the shard coordinator places a host: on the member with the fewest hosts (Pekko's
 * least-shard strategy decides), but never while that choice would leave a member out:
 *
 * <ul>
 *   <li>while a member is Up but its shard region has not registered with the coordinator yet (a
 *       region registers up to ~2 s after its member is Up, retrying every {@code retry-interval});
 *   <li>on a fabric that has placed no host yet, while fewer regions than the fabric file's members
 *       ({@value Member#EXPECTED_SETTING}) registered: a member slow to start still gets its share.
 * </ul>
 *
 * <p>Pekko's least-shard strategy only sees the regions registered at the moment a shard is
 * requested; any host request in that window (a wake, the API's {@code GET /api/hosts} that
 * {@code fabric up} polls as soon as every member is Up) placed the hosts on the others, and with
 * rebalancing off (a move is a reboot) they stayed there: 3/0/3. Pekko's own gate,
 * {@code min-nr-of-members}, cannot be used: a coordinator that moves after a member loss waits for
 * that many regions to register again, so it would never place a host with one member gone.
 *
 * <p>Holding a request is what the coordinator itself does below {@code min-nr-of-members}: the
 * request gets no answer (the future never completes; nothing else refers to it) and the requesting
 * region asks again at its next retry, or, for a remembered host, the coordinator asks again when a
 * region registers. The decision reads the coordinator's cluster view only: it never blocks.
 */
final class HostPlacement implements ShardCoordinator.ActorSystemDependentAllocationStrategy {
  private final int expectedMembers;
  /** Pekko's least-shard strategy (the one used without ours), started with the coordinator. */
  private final ShardCoordinator.ShardAllocationStrategy leastShards =
      ShardCoordinator.ShardAllocationStrategy$.MODULE$.leastShardAllocationStrategy(1, 0.1);
  private volatile Cluster cluster;
  private volatile ActorRef coordinatorOwnRequests;
  /** Set once this coordinator placed a host: from then on only the first rule holds requests. */
  private volatile boolean placedOnce;

  HostPlacement(int expectedMembers) {
    this.expectedMembers = expectedMembers;
  }

  @Override
  public void start(ActorSystem system) {
    cluster = Cluster.get(system);
    // The coordinator asks for the homes of remembered shards itself, with this sender.
    coordinatorOwnRequests = ((ExtendedActorSystem) system).provider().ignoreRef();
    if (leastShards instanceof ShardCoordinator.ActorSystemDependentAllocationStrategy s) {
      s.start(system);
    }
  }

  @Override
  public Future<ActorRef> allocateShard(ActorRef requester, String shardId,
      scala.collection.immutable.Map<ActorRef, IndexedSeq<String>> currentShardAllocations) {
    Map<ActorRef, IndexedSeq<String>> current = CollectionConverters.asJava(currentShardAllocations);
    Set<Address> registered = new HashSet<>();
    boolean anyPlaced = false;
    for (Map.Entry<ActorRef, IndexedSeq<String>> e : current.entrySet()) {
      Address a = e.getKey().path().address();
      registered.add(a.host().isEmpty() ? cluster.selfAddress() : a);
      anyPlaced |= !e.getValue().isEmpty();
    }
    List<Address> upMembers = new java.util.ArrayList<>();
    for (org.apache.pekko.cluster.Member m : cluster.state().getMembers()) {
      if (m.status() == MemberStatus.up()) {
        upMembers.add(m.address());
      }
    }
    // A remembered host has been placed before (remembered shards are not durable: a fresh fabric
    // has none), so the fabric is past its first placement even if this coordinator is new.
    boolean remembered = requester.equals(coordinatorOwnRequests);
    if (!mayPlace(registered, upMembers, anyPlaced || remembered || placedOnce, expectedMembers)) {
      return org.apache.pekko.dispatch.Futures.<ActorRef>promise().future();
    }
    placedOnce = true;
    return leastShards.allocateShard(requester, shardId, currentShardAllocations);
  }

  /**
   * Whether a host may be placed now: every Up member's region is registered, and, before the
   * fabric's first placement, as many regions as the fabric file has members.
   */
  static boolean mayPlace(Set<Address> registeredRegions, List<Address> upMembers, boolean placedBefore,
      int expectedMembers) {
    if (registeredRegions.isEmpty() || !registeredRegions.containsAll(upMembers)) {
      return false;
    }
    return placedBefore || registeredRegions.size() >= expectedMembers;
  }

  /** Hosts never move while their member runs (rebalance-interval is a day); delegated all the same. */
  @Override
  public Future<scala.collection.immutable.Set<String>> rebalance(
      scala.collection.immutable.Map<ActorRef, IndexedSeq<String>> currentShardAllocations,
      scala.collection.immutable.Set<String> rebalanceInProgress) {
    return leastShards.rebalance(currentShardAllocations, rebalanceInProgress);
  }
}
