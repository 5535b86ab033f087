package dev.fabric.devlink.model;

import dev.fabric.devices.Nvm;
import dev.fabric.devlink.Wire;
import java.util.List;
import java.util.Optional;

/**
 * What a power cycle of one host keeps: the cards on its buses (each with its bus id, port count
 * and queue count, as new_device created it) and each card's NVM (stored firmware versions,
 * permanent param values). Everything else — params other than permanent, eswitch mode, VFs,
 * rates, health, snapshots, namespace placement, ports added with new_port — is runtime state,
 * reset when the host starts again from this value. Immutable; cards in the order they were
 * created (the order they probe again). Crosses members (the cluster keeps it): {@link Wire}; its
 * cards and NVM are plain records, written as JSON objects.
 */
public record HostInventory(List<Card> cards) implements Wire {

  public record Card(String bus, int id, long portCount, long numQueues, Nvm nvm) {
    /** The new_device text that creates this card again. */
    public String newDeviceText() {
      return id + " " + portCount + " " + numQueues;
    }
  }

  public static final HostInventory EMPTY = new HostInventory(List.of());

  public HostInventory {
    cards = List.copyOf(cards);
  }

  public Optional<Card> card(String bus, int id) {
    return cards.stream().filter(c -> c.bus().equals(bus) && c.id() == id).findFirst();
  }
}
