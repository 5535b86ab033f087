package dev.fabric.devlink.actor;

import dev.fabric.devices.LatencyProfile;
import dev.fabric.devlink.model.Drivers;
import dev.fabric.devlink.model.HostInventory;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * One emulated host: its devlink registry (with the netdevsim bus and namespaces), its net stack
 * and its monitor group. The unit a cluster shards and a script runs against.
 */
public final class Host {
  private Host() {}

  public sealed interface Command extends dev.fabric.devlink.Wire {}

  public record GetParts(ActorRef<Parts> replyTo) implements Command {}

  public record Parts(ActorRef<Registry.Command> registry, ActorRef<MonitorHub.Command> monitor,
      ActorRef<NetStack.Command> netStack) implements dev.fabric.devlink.Wire {}

  public static Behavior<Command> create(LatencyProfile latency) {
    return create(latency, Drivers.standard(), HostInventory.EMPTY, null);
  }

  /**
   * A host serving the buses of {@code drivers}, powered on with what {@code boot} kept (its cards
   * probe again with their NVM; everything else starts fresh), telling {@code inventoryObserver}
   * (may be null) each new value of what a power cycle keeps.
   */
  public static Behavior<Command> create(LatencyProfile latency, Drivers drivers, HostInventory boot,
      ActorRef<HostInventory> inventoryObserver) {
    return Behaviors.setup(ctx -> {
      ActorRef<NetStack.Command> netStack = ctx.spawn(NetStack.create(), "netstack");
      ActorRef<MonitorHub.Command> monitor = ctx.spawn(MonitorHub.create(), "monitor");
      ActorRef<Registry.Command> registry = ctx.spawn(Registry.create(netStack, monitor, latency,
          Instance.Faults.NONE, drivers, boot, inventoryObserver), "registry");
      Parts parts = new Parts(registry, monitor, netStack);
      return Behaviors.receive(Command.class)
          .onMessage(GetParts.class, g -> {
            g.replyTo().tell(parts);
            return Behaviors.same();
          })
          .build();
    });
  }
}
