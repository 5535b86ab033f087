package dev.fabric.devices;

import java.util.Optional;

/**
 * Parsing of what user space writes to /sys/bus/netdevsim/{new,del}_device, with netdevsim's rules:
 * "ID [PORT_COUNT [NUM_QUEUES]]", ID at most INT_MAX, both counts u32 defaulting to 1.
 */
public final class BusRequest {
  private BusRequest() {}

  /** The counts are what sscanf("%u") read: u32s, bounded by whoever allocates for them. */
  public record NewDevice(int id, long portCount, long numQueues) {}

  /** Empty when the text is malformed (netdevsim answers EINVAL). */
  public static Optional<NewDevice> parseNewDevice(String text) {
    String[] words = text.trim().split("\\s+");
    if (words.length == 0 || words[0].isEmpty() || words.length > 3) {
      return Optional.empty();
    }
    Long id = parseUnsigned(words[0]);
    Long ports = words.length > 1 ? parseUnsigned(words[1]) : Long.valueOf(1);
    Long queues = words.length > 2 ? parseUnsigned(words[2]) : Long.valueOf(1);
    // new_device_store: only the id is range-checked (INT_MAX); the port count goes to the probe,
    // whose netdev allocations run out of memory (ENOMEM) for absurd counts.
    if (id == null || ports == null || queues == null || id > Integer.MAX_VALUE) {
      return Optional.empty();
    }
    return Optional.of(new NewDevice(id.intValue(), ports, queues));
  }

  /** Empty when malformed or above INT_MAX (EINVAL). */
  public static Optional<Integer> parseDelDevice(String text) {
    String[] words = text.trim().split("\\s+");
    if (words.length != 1) {
      return Optional.empty();
    }
    Long id = parseUnsigned(words[0]);
    return id == null || id > Integer.MAX_VALUE ? Optional.empty() : Optional.of(id.intValue());
  }

  /** sscanf("%u")-like: decimal digits only, at most u32. */
  public static Long parseUnsigned(String s) {
    if (s.isEmpty() || s.length() > 10) {
      return null;
    }
    for (int i = 0; i < s.length(); i++) {
      if (!Character.isDigit(s.charAt(i))) {
        return null;
      }
    }
    long v = Long.parseLong(s);
    return v > 0xFFFF_FFFFL ? null : v;
  }
}
