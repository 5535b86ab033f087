package dev.fabric.devlink.model;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.fabric.devlink.Wire;
import java.util.Optional;

/**
 * The answer to every devlink request: {@link Ok} with the value of the type the op declares
 * ({@link Op}{@code <R>}: a snapshot, a list record, or {@link Ack} for a bare ack) and possibly an
 * extack warning, or {@link Err} with the kernel's errno and extack text.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "reply")
@JsonSubTypes({@JsonSubTypes.Type(value = Reply.Ok.class, name = "ok"),
    @JsonSubTypes.Type(value = Reply.Err.class, name = "err")})
public sealed interface Reply<R extends ReplyValue> extends Wire {

  record Ok<R extends ReplyValue>(R value, Optional<String> warning) implements Reply<R> {
    public Ok {
      java.util.Objects.requireNonNull(value, "value (an ack is Ack.ACK)");
      warning = warning == null ? Optional.empty() : warning;
    }

    public Ok(R value) {
      this(value, Optional.empty());
    }
  }

  /** {@code extack} is the full message as the kernel sets it (with any "netdevsim: " prefix), if any. */
  record Err<R extends ReplyValue>(Errno errno, Optional<String> extack) implements Reply<R> {
    public Err {
      extack = extack == null ? Optional.empty() : extack;
    }

    public Err(Errno errno) {
      this(errno, Optional.empty());
    }

    /** The same error as the answer to another op (an error carries no value). */
    public <T extends ReplyValue> Err<T> retype() {
      return new Err<>(errno, extack);
    }
  }

  static Ok<Ack> ok() {
    return new Ok<>(Ack.ACK);
  }

  static <R extends ReplyValue> Ok<R> ok(R value) {
    return new Ok<>(value);
  }

  static Ok<Ack> okWarning(String warning) {
    return new Ok<>(Ack.ACK, Optional.ofNullable(warning));
  }

  static <R extends ReplyValue> Err<R> err(Errno errno) {
    return new Err<>(errno);
  }

  static <R extends ReplyValue> Err<R> err(Errno errno, String extack) {
    return new Err<>(errno, Optional.ofNullable(extack));
  }

  default boolean isOk() {
    return this instanceof Ok;
  }

  /** The value of a success; for an error an IllegalStateException naming the errno and extack. */
  default R orElseThrow() {
    if (this instanceof Ok<R> ok) {
      return ok.value();
    }
    throw new IllegalStateException("devlink request failed: " + this);
  }
}
