package dev.fabric.devlink.model;

/**
 * The answer to every devlink request: {@link Ok} with a value (a snapshot record, or null for a
 * bare ack) and possibly an extack warning, or {@link Err} with the kernel's errno and extack text.
 */
public sealed interface Reply {

  record Ok(Object value, String warning) implements Reply {
    public Ok(Object value) {
      this(value, null);
    }
  }

  /** {@code extack} is the full message as the kernel sets it (with any "netdevsim: " prefix), or null. */
  record Err(Errno errno, String extack) implements Reply {
    public Err(Errno errno) {
      this(errno, null);
    }
  }

  static Ok ok() {
    return new Ok(null);
  }

  static Ok ok(Object value) {
    return new Ok(value);
  }

  static Err err(Errno errno) {
    return new Err(errno);
  }

  static Err err(Errno errno, String extack) {
    return new Err(errno, extack);
  }

  default boolean isOk() {
    return this instanceof Ok;
  }
}
