package dev.fabric.cluster;

import java.util.List;
import java.util.Map;

/**
 * What survives a power cycle of one emulated host, kept in Distributed Data under "host-NAME":
 * the cards plugged into it (each new_device that created a device, run-time ones included) and
 * their NVM (per device id: the stored values a reload or a restart keeps). {@code boots} counts
 * the host's starts (the first start is 1).
 */
public record HostImage(List<Card> cards, Map<String, Map<String, String>> nvm, long boots) implements ClusterWire {

  /** A netdevsim card: what new_device was given. */
  public record Card(int id, long ports, long queues) implements ClusterWire {
    public String newDeviceText() {
      return id + " " + ports + " " + queues;
    }
  }

  public HostImage {
    cards = List.copyOf(cards);
    nvm = Map.copyOf(nvm);
  }

  static HostImage of(FabricSpec.HostSpec spec) {
    return new HostImage(spec.devices().stream().map(d -> new Card(d.id(), d.ports() == null ? 1 : d.ports(),
        d.queues() == null ? 1 : d.queues())).toList(), Map.of(), 0);
  }

  HostImage withCards(List<Card> c) {
    return new HostImage(c, nvm, boots);
  }

  HostImage booted() {
    return new HostImage(cards, nvm, boots + 1);
  }
}
