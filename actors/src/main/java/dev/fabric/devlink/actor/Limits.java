package dev.fabric.devlink.actor;

import com.typesafe.config.Config;

/**
 * Protective bounds of one host (config {@code fabric.limits}, documented in reference.conf and
 * the README). Each is far beyond legitimate use and answered with the errno the kernel gives
 * when it runs out, before anything is allocated.
 *
 * @param maxQueuedRequests requests waiting on one instance during a slow step (else EBUSY)
 * @param maxPortsPerDevice ports of one device (else ENOMEM)
 * @param subscriberBuffer unacknowledged notifications per monitor subscriber (else dropped, overrun marker)
 */
public record Limits(int maxQueuedRequests, int maxPortsPerDevice, int subscriberBuffer) {

  public Limits {
    if (maxQueuedRequests < 1 || maxPortsPerDevice < 1 || subscriberBuffer < 1) {
      throw new IllegalArgumentException("limits must be positive: " + maxQueuedRequests + ", "
          + maxPortsPerDevice + ", " + subscriberBuffer);
    }
  }

  public static Limits from(Config config) {
    Config c = config.getConfig("fabric.limits");
    return new Limits(c.getInt("max-queued-requests"), c.getInt("max-ports-per-device"),
        c.getInt("subscriber-buffer"));
  }
}
