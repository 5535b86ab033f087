package dev.fabric.devlink.model;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which namespace each of one instance's netdev names lives in, so that names go back to the
 * right namespace: a port's netdev stays in the namespace it was created in (nsim_create), and
 * ports added while a reload had failed survive a reload into another namespace
 * (nsim_dev_reload_destroy returns early on reload_failed). The instance actor and the host model
 * keep one each, beside their {@link NsimDevlink}. (The fuzzer found both leaks this prevents:
 * names released in the wrong namespace, and names released twice.)
 */
public final class NetdevLedger {
  private final Map<Long, PortState> portStates = new HashMap<>();
  /** The namespace each port's netdev was created in, by port index. */
  private final Map<Long, String> netdevNetns = new HashMap<>();
  /** "netns\0name" of the names the last published step gave back (so none goes back twice). */
  private final Set<String> releasedNow = new HashSet<>();

  public NetdevLedger copy() {
    NetdevLedger l = new NetdevLedger();
    l.portStates.putAll(portStates);
    l.netdevNetns.putAll(netdevNetns);
    l.releasedNow.addAll(releasedNow);
    return l;
  }

  /** A new step is published: forget what the previous one released. */
  public void newStep() {
    releasedNow.clear();
  }

  /**
   * The namespaces {@code names} go back to, each name to where its port's netdev lives, the rest
   * (names allocated for this step and not bound) to {@code fallback}. Call before {@link #sync},
   * so the ports the step removed are still known.
   */
  public Map<String, List<String>> release(String fallback, List<String> names) {
    if (names.isEmpty()) {
      return Map.of(); // the common case (every read): nothing allocated
    }
    Map<String, List<String>> byNetns = new LinkedHashMap<>();
    Map<String, ArrayDeque<String>> homes = new HashMap<>();
    for (Map.Entry<Long, PortState> e : portStates.entrySet()) {
      String netdev = e.getValue().netdev();
      if (netdev != null) {
        homes.computeIfAbsent(netdev, k -> new ArrayDeque<>()).add(netdevNetns.getOrDefault(e.getKey(), fallback));
      }
    }
    for (String name : names) {
      ArrayDeque<String> home = homes.get(name);
      String ns = home == null || home.isEmpty() ? fallback : home.poll();
      byNetns.computeIfAbsent(ns, k -> new ArrayList<>()).add(name);
      releasedNow.add(ns + "\u0000" + name);
    }
    return byNetns;
  }

  /** What changed in the port list since the last sync: removed indexes, and new or changed ports. */
  public record PortChanges(List<Long> removed, List<PortState> changed) {}

  /** Brings the ledger to the model's port list (the instance now in {@code netns}). */
  public PortChanges sync(List<PortState> ports, String netns) {
    Map<Long, PortState> now = new HashMap<>();
    for (PortState p : ports) {
      now.put(p.index(), p);
    }
    List<Long> removed = new ArrayList<>();
    for (Long idx : List.copyOf(portStates.keySet())) {
      if (!now.containsKey(idx)) {
        removed.add(idx);
        portStates.remove(idx);
        netdevNetns.remove(idx);
      }
    }
    List<PortState> changed = new ArrayList<>();
    for (Map.Entry<Long, PortState> e : now.entrySet()) {
      PortState before = portStates.put(e.getKey(), e.getValue());
      if (!e.getValue().equals(before)) {
        changed.add(e.getValue());
      }
      String netdev = e.getValue().netdev();
      if (netdev == null) {
        netdevNetns.remove(e.getKey());
      } else if (before == null || !netdev.equals(before.netdev())) {
        netdevNetns.put(e.getKey(), netns);
      }
    }
    return new PortChanges(removed, changed);
  }

  /**
   * Names allocated for a step that did not bind them (the step failed after all) and that the
   * step's result did not release already: a second release could free a name the net stack has
   * handed to another device in between. Names are per namespace: only a port whose netdev lives
   * in the instance's namespace binds one of these.
   */
  public List<String> unused(List<String> allocated, NsimDevlink model) {
    if (allocated.isEmpty()) {
      return List.of();
    }
    String ns = model.netns();
    Set<String> bound = new HashSet<>();
    for (PortState p : model.ports()) {
      if (p.netdev() != null && ns.equals(netdevNetns.get(p.index()))) {
        bound.add(p.netdev());
      }
    }
    return allocated.stream().filter(n -> !bound.contains(n) && !releasedNow.contains(ns + "\u0000" + n)).toList();
  }
}
