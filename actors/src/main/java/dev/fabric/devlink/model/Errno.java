package dev.fabric.devlink.model;

import java.util.HashMap;
import java.util.Map;

/**
 * The Linux errno numbers the fabric uses (devlink and netdevsim answers, and the emulated sysfs,
 * debugfs and shell of the cli), with glibc's strerror() text for each.
 */
public enum Errno {
  EPERM(1, "Operation not permitted"),
  ENOENT(2, "No such file or directory"),
  ESRCH(3, "No such process"),
  EINTR(4, "Interrupted system call"),
  EIO(5, "Input/output error"),
  ENXIO(6, "No such device or address"),
  E2BIG(7, "Argument list too long"),
  EBADF(9, "Bad file descriptor"),
  EAGAIN(11, "Resource temporarily unavailable"),
  ENOMEM(12, "Cannot allocate memory"),
  EACCES(13, "Permission denied"),
  EFAULT(14, "Bad address"),
  EBUSY(16, "Device or resource busy"),
  EEXIST(17, "File exists"),
  ENODEV(19, "No such device"),
  ENOTDIR(20, "Not a directory"),
  EISDIR(21, "Is a directory"),
  EINVAL(22, "Invalid argument"),
  ENFILE(23, "Too many open files in system"),
  EMFILE(24, "Too many open files"),
  EFBIG(27, "File too large"),
  ENOSPC(28, "No space left on device"),
  ESPIPE(29, "Illegal seek"),
  EROFS(30, "Read-only file system"),
  ERANGE(34, "Numerical result out of range"),
  ENAMETOOLONG(36, "File name too long"),
  ENOSYS(38, "Function not implemented"),
  ENOTEMPTY(39, "Directory not empty"),
  ELOOP(40, "Too many levels of symbolic links"),
  ENODATA(61, "No data available"),
  EPROTO(71, "Protocol error"),
  EOVERFLOW(75, "Value too large for defined data type"),
  EMSGSIZE(90, "Message too long"),
  EOPNOTSUPP(95, "Operation not supported"),
  EADDRINUSE(98, "Address already in use"),
  ENOBUFS(105, "No buffer space available"),
  ETIMEDOUT(110, "Connection timed out"),
  EALREADY(114, "Operation already in progress"),
  ECANCELED(125, "Operation canceled");

  public final int code;
  public final String strerror;

  Errno(int code, String strerror) {
    this.code = code;
    this.strerror = strerror;
  }

  private static final Map<Integer, String> TEXT_BY_CODE = textByCode();

  private static Map<Integer, String> textByCode() {
    Map<Integer, String> texts = new HashMap<>();
    texts.put(0, "Success");
    for (Errno e : values()) {
      texts.put(e.code, e.strerror);
    }
    return Map.copyOf(texts);
  }

  /**
   * glibc strerror() for a plain or negated errno number; "Unknown error N" for a number not
   * listed here.
   */
  public static String strerror(int errno) {
    String text = TEXT_BY_CODE.get(Math.abs(errno));
    return text != null ? text : "Unknown error " + errno;
  }
}
