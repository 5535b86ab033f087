package dev.fabric.devlink.model;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.fabric.devlink.Wire;

/**
 * Who sends a request to an instance: the driver side (sysfs/debugfs writes, which see every
 * namespace) or a devlink socket of namespace {@code name} (which sees only that namespace's
 * instances: another one answers ENODEV).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "caller")
@JsonSubTypes({@JsonSubTypes.Type(value = Caller.Driver.class, name = "driver"),
    @JsonSubTypes.Type(value = Caller.InNetns.class, name = "netns")})
public sealed interface Caller extends Wire {

  record Driver() implements Caller {}

  record InNetns(String name) implements Caller {
    public InNetns {
      java.util.Objects.requireNonNull(name, "name");
    }
  }

  Driver DRIVER = new Driver();

  /** The caller of a devlink socket in {@code netns}, or the driver side when {@code netns} is null. */
  static Caller of(String netns) {
    return netns == null ? DRIVER : new InNetns(netns);
  }

  /** Whether this caller may reach an instance that lives in {@code netns}. */
  default boolean sees(String netns) {
    return this instanceof Driver || ((InNetns) this).name().equals(netns);
  }
}
