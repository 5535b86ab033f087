package dev.fabric.devices;

import java.time.Duration;

/**
 * How long the simulated hardware takes for its slow steps. netdevsim itself re-initialises almost
 * instantly and sleeps 10 ms per 1000-byte flash chunk; real NICs take seconds, so the profile is
 * per device and a chaos run can stretch it.
 */
public record LatencyProfile(Duration reinit, Duration flashChunk) {

  /** The slowest driver re-init a profile may ask for (real NICs take seconds to a few minutes). */
  public static final Duration MAX_REINIT = Duration.ofMinutes(10);

  /** The slowest flash chunk (a flash is 500 chunks: at most about 8 minutes). */
  public static final Duration MAX_FLASH_CHUNK = Duration.ofSeconds(1);

  /** How many chunks a flash writes (netdevsim: 500 chunks of 1000 bytes). */
  public static final int FLASH_CHUNKS = 500;
  // (declared before the profiles below: the constructor reads them during class initialisation)

  /** netdevsim's own timing (flash: 500 chunks of 10 ms, about 5 s). */
  public static final LatencyProfile NETDEVSIM = new LatencyProfile(Duration.ofMillis(2), Duration.ofMillis(10));

  /** No simulated delay at all: for golden replays and unit tests. */
  public static final LatencyProfile INSTANT = new LatencyProfile(Duration.ZERO, Duration.ZERO);

  public LatencyProfile {
    if (reinit == null || flashChunk == null || reinit.isNegative() || flashChunk.isNegative()) {
      throw new IllegalArgumentException("latencies must be given and not negative");
    }
    if (reinit.compareTo(MAX_REINIT) > 0 || flashChunk.compareTo(MAX_FLASH_CHUNK) > 0) {
      throw new IllegalArgumentException("latencies are bounded: re-init at most " + MAX_REINIT
          + ", flash chunk at most " + MAX_FLASH_CHUNK);
    }
  }

  /** The longest single slow step of this profile: a re-init or a whole flash. */
  public Duration slowestStep() {
    Duration flash = flashChunk.multipliedBy(FLASH_CHUNKS);
    return flash.compareTo(reinit) > 0 ? flash : reinit;
  }

  public LatencyProfile withReinit(Duration d) {
    return new LatencyProfile(d, flashChunk);
  }
}
