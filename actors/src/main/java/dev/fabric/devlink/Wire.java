package dev.fabric.devlink;

/**
 * Marks every message that may cross cluster members: actor commands of the host's actors, ops,
 * replies, reply values, notifications and monitor events. actors' reference.conf binds it to
 * Jackson CBOR (pekko-serialization-jackson); Java serialization stays off. Polymorphic fields are
 * declared as sealed interfaces carrying {@code @JsonTypeInfo(use = NAME)} with explicit
 * {@code @JsonSubTypes} names, so no class name is ever read from the wire and Jackson's default
 * typing is never needed. WireRoundTripTest walks every sealed hierarchy and round-trips each type.
 */
public interface Wire {}
