package dev.fabric.cli.devlink;

import dev.fabric.cli.out.DlOut;
import dev.fabric.devlink.model.Notification;

/** Placeholder until this object's commands land: answers with iproute2's "not found" error. */
final class RegionCommands {
  private RegionCommands() {}

  static int run(Dl dl, DlArgs a) throws DlError {
    throw new DlError("Command \"" + a.argv() + "\" not found\n");
  }

  /** The monitor's output for one notification of this area. */
  static void monitor(DlOut o, Notification n) {
    o.prOutHandleStart(n.dev().bus(), n.dev().name(), false, false);
    o.prOutHandleEnd();
  }
}
