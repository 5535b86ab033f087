package dev.fabric.cli.script;

/** `exit N`, or a failure under `set -e`: the script (or the shell) ends with this status. */
public final class ExitRequest extends RuntimeException {
  private final int status;

  public ExitRequest(int status) {
    super("exit " + status, null, false, false);
    this.status = status;
  }

  public int status() {
    return status;
  }
}
