package dev.fabric.cli.script;

import dev.fabric.devlink.model.Errno;
import java.nio.charset.StandardCharsets;

/**
 * A failed file-system call. {@code atOpen} tells whether open() failed (busybox then says
 * "can't create"/"can't open") or the read()/write() itself ("read error"/"write error").
 * A failed read may carry the bytes that were read before the error.
 */
public class FsException extends Exception {
  private final int errno;
  private final boolean atOpen;
  private final byte[] partial;

  public FsException(int errno, boolean atOpen) {
    this(errno, atOpen, new byte[0]);
  }

  public FsException(int errno, boolean atOpen, byte[] partial) {
    super(Errno.strerror(errno));
    this.errno = errno;
    this.atOpen = atOpen;
    this.partial = partial == null ? new byte[0] : partial.clone();
  }

  /** open() failed. */
  public static FsException open(int errno) {
    return new FsException(errno, true);
  }

  /** read()/write() failed after a successful open(). */
  public static FsException io(int errno) {
    return new FsException(errno, false);
  }

  public int errno() {
    return errno;
  }

  public boolean atOpen() {
    return atOpen;
  }

  public String strerror() {
    return Errno.strerror(errno);
  }

  public byte[] partial() {
    return partial.clone();
  }

  String partialText() {
    return new String(partial, StandardCharsets.UTF_8);
  }
}
