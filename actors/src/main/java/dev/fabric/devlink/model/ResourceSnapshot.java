package dev.fabric.devlink.model;

import java.util.List;

/**
 * One node of the resource tree as RESOURCE_DUMP reports it. Sizes are u64 held in a long
 * ({@code -1L} is u64 max, which iproute2 prints as "unlimited"; compare with
 * {@link Long#compareUnsigned}). {@code occ} is null when no occupancy getter is registered (leaf
 * nodes while the driver is torn down, i.e. in reload_failed; parents always). The kernel sends
 * {@code sizeValid} for every node with children; iproute2 prints it only when the dump has a
 * pending change (see {@link ResourceDump#pendingChange()}).
 */
public record ResourceSnapshot(long id, String name, long size, long sizeNew, boolean sizeValid, long sizeMin,
    long sizeMax, long sizeGran, String unit, Long occ, List<ResourceSnapshot> children) {

  public ResourceSnapshot {
    children = List.copyOf(children);
  }

  /** size_new is printed only when it differs from size. */
  public boolean pending() {
    return size != sizeNew;
  }
}
