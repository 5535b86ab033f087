package dev.fabric.devlink.model;

import dev.fabric.devlink.Wire;

/**
 * What the host resolved beside a request before routing it to the instance, from state the
 * registry owns: the reload's namespace target and whether the flash's firmware file exists in
 * /lib/firmware (request_firmware). The op itself is passed on unchanged.
 */
public record Resolution(NetnsTarget reloadTarget, boolean firmwareFound) implements Wire {
  /** For requests that need nothing resolved. */
  public static final Resolution NONE = new Resolution(NetnsTarget.STAY, true);
}
