package dev.fabric.devlink.client;

import dev.fabric.devlink.model.Errno;
import dev.fabric.devlink.model.Reply;
import java.util.Objects;

/**
 * The answer to one typed client call: the value, or the errno with the kernel's extack message.
 * A devlink error is an ordinary value here, never an exception, so a test can assert on it.
 */
public sealed interface DevlinkResult<T> {

  /** Success; {@code warning} is the extack warning the kernel attached, or null. */
  record Value<T>(T value, String warning) implements DevlinkResult<T> {}

  /** Failure as the kernel answered it: {@code message} is the extack text, or null when none. */
  record Failure<T>(Errno errno, String message) implements DevlinkResult<T> {
    public Failure {
      Objects.requireNonNull(errno, "errno");
    }
  }

  default boolean isOk() {
    return this instanceof Value;
  }

  /** The value; an IllegalStateException naming the errno and message when the call failed. */
  default T get() {
    if (this instanceof Value<T> v) {
      return v.value();
    }
    throw new IllegalStateException("devlink call failed: " + describe());
  }

  /** The errno of a failure, null on success. */
  default Errno errno() {
    return this instanceof Failure<T> f ? f.errno() : null;
  }

  /** The extack message of a failure, null on success or when the kernel set none. */
  default String message() {
    return this instanceof Failure<T> f ? f.message() : null;
  }

  /**
   * How iproute2 would describe the failure ("kernel answers: Operation not supported (EOPNOTSUPP)
   * [Reload is not supported]") or the value.
   */
  default String describe() {
    if (this instanceof Failure<T> f) {
      return f.errno().strerror + " (" + f.errno() + ")" + (f.message() == null ? "" : " [" + f.message() + "]");
    }
    return "ok " + get();
  }

  /** The result a reply stands for. */
  static <T extends dev.fabric.devlink.model.ReplyValue> DevlinkResult<T> of(Reply<T> reply) {
    if (reply instanceof Reply.Ok<T> ok) {
      return new Value<>(ok.value(), ok.warning().orElse(null));
    }
    Reply.Err<T> err = (Reply.Err<T>) reply;
    return new Failure<>(err.errno(), err.extack().orElse(null));
  }

  /** The value read by {@code f}, or the same failure. */
  default <U> DevlinkResult<U> map(java.util.function.Function<T, U> f) {
    if (this instanceof Value<T> v) {
      return new Value<>(f.apply(v.value()), v.warning());
    }
    Failure<T> x = (Failure<T>) this;
    return new Failure<>(x.errno(), x.message());
  }
}
