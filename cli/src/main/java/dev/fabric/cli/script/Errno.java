package dev.fabric.cli.script;

import java.util.Map;

/** Linux errno numbers with glibc strerror() texts. */
public final class Errno {
  private Errno() {}

  public static final int EPERM = 1, ENOENT = 2, ESRCH = 3, EINTR = 4, EIO = 5, ENXIO = 6, E2BIG = 7,
      EBADF = 9, EAGAIN = 11, ENOMEM = 12, EACCES = 13, EFAULT = 14, EBUSY = 16, EEXIST = 17,
      ENODEV = 19, ENOTDIR = 20, EISDIR = 21, EINVAL = 22, ENFILE = 23, EMFILE = 24, EFBIG = 27,
      ENOSPC = 28, ESPIPE = 29, EROFS = 30, ERANGE = 34, ENAMETOOLONG = 36, ENOSYS = 38,
      ENOTEMPTY = 39, ELOOP = 40, ENODATA = 61, EPROTO = 71, EOVERFLOW = 75, EMSGSIZE = 90,
      EOPNOTSUPP = 95, EADDRINUSE = 98, ENOBUFS = 105, ETIMEDOUT = 110, EALREADY = 114,
      ECANCELED = 125;

  private static final Map<Integer, String> TEXT = Map.ofEntries(
      Map.entry(0, "Success"),
      Map.entry(EPERM, "Operation not permitted"),
      Map.entry(ENOENT, "No such file or directory"),
      Map.entry(ESRCH, "No such process"),
      Map.entry(EINTR, "Interrupted system call"),
      Map.entry(EIO, "Input/output error"),
      Map.entry(ENXIO, "No such device or address"),
      Map.entry(E2BIG, "Argument list too long"),
      Map.entry(EBADF, "Bad file descriptor"),
      Map.entry(EAGAIN, "Resource temporarily unavailable"),
      Map.entry(ENOMEM, "Cannot allocate memory"),
      Map.entry(EACCES, "Permission denied"),
      Map.entry(EFAULT, "Bad address"),
      Map.entry(EBUSY, "Device or resource busy"),
      Map.entry(EEXIST, "File exists"),
      Map.entry(ENODEV, "No such device"),
      Map.entry(ENOTDIR, "Not a directory"),
      Map.entry(EISDIR, "Is a directory"),
      Map.entry(EINVAL, "Invalid argument"),
      Map.entry(ENFILE, "Too many open files in system"),
      Map.entry(EMFILE, "Too many open files"),
      Map.entry(EFBIG, "File too large"),
      Map.entry(ENOSPC, "No space left on device"),
      Map.entry(ESPIPE, "Illegal seek"),
      Map.entry(EROFS, "Read-only file system"),
      Map.entry(ERANGE, "Numerical result out of range"),
      Map.entry(ENAMETOOLONG, "File name too long"),
      Map.entry(ENOSYS, "Function not implemented"),
      Map.entry(ENOTEMPTY, "Directory not empty"),
      Map.entry(ELOOP, "Too many levels of symbolic links"),
      Map.entry(ENODATA, "No data available"),
      Map.entry(EPROTO, "Protocol error"),
      Map.entry(EOVERFLOW, "Value too large for defined data type"),
      Map.entry(EMSGSIZE, "Message too long"),
      Map.entry(EOPNOTSUPP, "Operation not supported"),
      Map.entry(EADDRINUSE, "Address already in use"),
      Map.entry(ENOBUFS, "No buffer space available"),
      Map.entry(ETIMEDOUT, "Connection timed out"),
      Map.entry(EALREADY, "Operation already in progress"),
      Map.entry(ECANCELED, "Operation canceled"));

  /** glibc strerror() text; "Unknown error N" for numbers not in the table. */
  public static String strerror(int errno) {
    String s = TEXT.get(Math.abs(errno));
    return s != null ? s : "Unknown error " + errno;
  }
}
