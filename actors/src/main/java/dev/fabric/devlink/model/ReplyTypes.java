package dev.fabric.devlink.model;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;

/**
 * What each op answers, read from its declaration ({@code record Get() implements DevOp<DevSnapshot>}),
 * and the one generic helper that turns an untyped reply (as an actor passes it along) into the reply
 * type of the op it answers, checking the value's class on the way.
 */
public final class ReplyTypes {
  private ReplyTypes() {}

  private static final ClassValue<Class<? extends ReplyValue>> REPLY_TYPE = new ClassValue<>() {
    @Override
    protected Class<? extends ReplyValue> computeValue(Class<?> type) {
      return resolve(type);
    }
  };

  /** The reply value type {@code opClass} declares; IllegalArgumentException when it declares none. */
  public static Class<? extends ReplyValue> of(Class<?> opClass) {
    return REPLY_TYPE.get(opClass);
  }

  private static Class<? extends ReplyValue> resolve(Class<?> opClass) {
    if (!Op.class.isAssignableFrom(opClass) || opClass.isInterface()) {
      throw new IllegalArgumentException(opClass + " is not an op record");
    }
    for (Type t : opClass.getGenericInterfaces()) {
      if (t instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw && Op.class.isAssignableFrom(raw)
          && p.getActualTypeArguments()[0] instanceof Class<?> value && ReplyValue.class.isAssignableFrom(value)
          && !value.isInterface()) {
        return value.asSubclass(ReplyValue.class);
      }
    }
    throw new IllegalArgumentException(opClass.getName() + " declares no concrete reply type (implement XxxOp<Value>)");
  }

  /**
   * {@code reply} as the answer to {@code op}: an error as it is, a success after checking that its
   * value is of the type {@code op} declares (ClassCastException naming both otherwise).
   */
  @SuppressWarnings("unchecked")
  public static <R extends ReplyValue> Reply<R> typed(Op<R> op, Reply<?> reply) {
    if (reply instanceof Reply.Ok<?> ok) {
      Class<? extends ReplyValue> expected = of(op.getClass());
      if (!expected.isInstance(ok.value())) {
        throw new ClassCastException(op + " answers " + expected.getSimpleName() + ", got "
            + ok.value().getClass().getName());
      }
    }
    return (Reply<R>) reply;
  }

  /** {@code reply} as the answer to a host-level write (bus, namespace, latency): an ack or an error. */
  @SuppressWarnings("unchecked")
  public static Reply<Ack> acked(Reply<?> reply) {
    if (reply instanceof Reply.Ok<?> ok && !(ok.value() instanceof Ack)) {
      throw new ClassCastException("a host-level write answers Ack, got " + ok.value().getClass().getName());
    }
    return (Reply<Ack>) reply;
  }
}
