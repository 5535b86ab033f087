package dev.fabric.cli.devlink;

import dev.fabric.cli.out.DlOut;
import dev.fabric.devlink.model.Notification;

/** Monitor output of the object areas, each printed by its own commands class. */
final class AreaPrinters {
  private AreaPrinters() {}

  static void monitor(DlOut o, Notification n) {
    switch (n.kind()) {
      case TRAP, TRAP_GROUP, TRAP_POLICER -> TrapCommands.monitor(o, n);
      case HEALTH -> HealthCommands.monitor(o, n);
      case REGION -> RegionCommands.monitor(o, n);
      case RATE -> RateCommands.monitor(o, n);
      default -> {
        o.prOutHandleStart(n.dev().bus(), n.dev().name(), false, false);
        o.prOutHandleEnd();
      }
    }
  }
}
