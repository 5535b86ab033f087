package dev.fabric.devices;

import java.time.Duration;

/**
 * How long the simulated hardware takes for its slow steps. netdevsim itself re-initialises almost
 * instantly and sleeps 10 ms per 1000-byte flash chunk; real NICs take seconds, so the profile is
 * per device and a chaos run can stretch it.
 */
public record LatencyProfile(Duration reinit, Duration flashChunk) {

  /** netdevsim's own timing (flash: 500 chunks of 10 ms, about 5 s). */
  public static final LatencyProfile NETDEVSIM = new LatencyProfile(Duration.ofMillis(2), Duration.ofMillis(10));

  /** No simulated delay at all: for golden replays and unit tests. */
  public static final LatencyProfile INSTANT = new LatencyProfile(Duration.ZERO, Duration.ZERO);

  public LatencyProfile {
    if (reinit.isNegative() || flashChunk.isNegative()) {
      throw new IllegalArgumentException("latencies must not be negative");
    }
  }

  public LatencyProfile withReinit(Duration d) {
    return new LatencyProfile(d, flashChunk);
  }
}
