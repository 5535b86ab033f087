package dev.fabric.testkit;

import dev.fabric.devices.HardwareClock;
import dev.fabric.devlink.model.DevHandle;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A hardware step waiting for simulated time: {@code step} is "reinit" (a reload's driver
 * re-initialisation) or "flash-chunk"; {@code dev} the device whose hardware waits.
 */
public record PendingDelay(DevHandle dev, String step, Duration delay) {

  // Instance actors are named netdevsimID-N by the registry, their hardware child "hw".
  private static final Pattern OWNER = Pattern.compile("/(netdevsim(\\d+))-\\d+/hw$");

  static PendingDelay of(HardwareClock.DelayStarted d) {
    Matcher m = OWNER.matcher(d.actorPath());
    DevHandle dev = m.find() ? DevHandle.netdevsim(Integer.parseInt(m.group(2))) : null;
    return new PendingDelay(dev, d.step(), d.delay());
  }
}
