package dev.fabric.cli.devlink;

/** Placeholder until this object's commands land: answers with iproute2's "not found" error. */
final class MonitorCommand {
  private MonitorCommand() {}

  static int run(Dl dl, DlArgs a) throws DlError {
    throw new DlError("Command \"" + a.argv() + "\" not found\n");
  }
}
