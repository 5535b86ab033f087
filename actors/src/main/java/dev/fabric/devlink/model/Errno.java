package dev.fabric.devlink.model;

/** The errno values devlink and netdevsim answer with, and glibc's strerror text for each. */
public enum Errno {
  EPERM(1, "Operation not permitted"),
  ENOENT(2, "No such file or directory"),
  EIO(5, "Input/output error"),
  EAGAIN(11, "Resource temporarily unavailable"),
  ENOMEM(12, "Cannot allocate memory"),
  EACCES(13, "Permission denied"),
  EBUSY(16, "Device or resource busy"),
  EEXIST(17, "File exists"),
  ENODEV(19, "No such device"),
  EINVAL(22, "Invalid argument"),
  ENOSPC(28, "No space left on device"),
  ERANGE(34, "Numerical result out of range"),
  EMSGSIZE(90, "Message too long"),
  EOPNOTSUPP(95, "Operation not supported"),
  ECANCELED(125, "Operation canceled");

  public final int code;
  public final String strerror;

  Errno(int code, String strerror) {
    this.code = code;
    this.strerror = strerror;
  }
}
