package dev.fabric.cluster;

import dev.fabric.devlink.model.HostInventory;

/**
 * What survives a power cycle of one emulated host, kept in Distributed Data under "host-NAME":
 * the host's {@link HostInventory} (the cards plugged into it — run-time ones included — each with
 * its NVM) and {@code boots}, how often the host has started (the first start is 1).
 */
public record HostImage(HostInventory inventory, long boots) implements ClusterWire {

  /** A host never started: the fabric file's cards, fresh from the factory (no NVM yet). */
  static HostImage of(FabricSpec.HostSpec spec) {
    return new HostImage(new HostInventory(spec.devices().stream().map(d -> new HostInventory.Card("netdevsim",
        d.id(), d.ports() == null ? 1 : d.ports(), d.queues() == null ? 1 : d.queues(), null)).toList()), 0);
  }

  HostImage with(HostInventory now) {
    return new HostImage(now, boots);
  }

  HostImage booted() {
    return new HostImage(inventory, boots + 1);
  }
}
