package dev.fabric.cli.devlink;

/** A user-space error of the devlink tool: the message is already what it prints on stderr. */
public final class DlError extends Exception {
  public final int status;

  public DlError(String stderr) {
    this(stderr, 1);
  }

  public DlError(String stderr, int status) {
    super(stderr, null, false, false);
    this.status = status;
  }
}
