package dev.fabric.devlink.model;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Netdev names per namespace as the kernel gives them under RTNL: {@code eth%d} with the lowest
 * number free in that namespace. The host's one copy of the rule: the NetStack actor and the host
 * model each own one. Not thread-safe (the lock baselines guard it as RTNL would).
 */
public final class NetdevNames {
  /** A bit set scanned a word at a time: probing a TreeSet number by number made creating 10,000
   * devices of 100 ports quadratic (the benchmark's profile). */
  private final Map<String, BitSet> taken = new HashMap<>();

  public NetdevNames copy() {
    NetdevNames n = new NetdevNames();
    taken.forEach((ns, bits) -> n.taken.put(ns, (BitSet) bits.clone()));
    return n;
  }

  public List<String> alloc(String netns, int count) {
    BitSet ns = taken.computeIfAbsent(netns, k -> new BitSet());
    List<String> names = new ArrayList<>(count);
    for (int n = ns.nextClearBit(0); names.size() < count; n = ns.nextClearBit(n + 1)) {
      ns.set(n);
      names.add("eth" + n);
    }
    return names;
  }

  public void release(String netns, List<String> names) {
    BitSet ns = taken.computeIfAbsent(netns, k -> new BitSet());
    for (String name : names) {
      if (name.startsWith("eth")) {
        ns.clear(Integer.parseInt(name.substring(3)));
      }
    }
  }

  /** The names taken in each namespace that has any (leak checks). */
  public Map<String, Set<String>> taken() {
    Map<String, Set<String>> out = new TreeMap<>();
    taken.forEach((name, bits) -> {
      if (!bits.isEmpty()) {
        Set<String> names = new TreeSet<>();
        bits.stream().forEach(i -> names.add("eth" + i));
        out.put(name, names);
      }
    });
    return out;
  }
}
