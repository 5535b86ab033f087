package dev.fabric.devlink.model;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/**
 * A health reporter's fmsg (diagnose output or a stored dump) as the kernel sends it: the pairs of
 * the top-level object in order. Values are a small tree: scalars, strings, binary (bytes as ints),
 * nested objects and arrays.
 *
 * <p>{@code strayEndAt}: netdevsim's dummy reporter emits a stray {@code arr_pair_nest_end} right
 * after {@code test_nest} (before {@code test_u32_array}). iproute2 6.1 then closes the top-level
 * object early, hits an empty nest stack at the second NEST_END, stops parsing and prints "kernel
 * answers: Success" on stderr (rc stays 0). So a printer renders {@code items[0, strayEndAt)}, closes
 * the object and adds that stderr line; the remaining items are never shown. -1: no stray end
 * (print everything, no stderr line; the empty reporter's fmsg has no items).
 */
public record Fmsg(List<Pair> items, int strayEndAt) implements ReplyValue {

  public Fmsg {
    items = List.copyOf(items);
  }

  public static final Fmsg EMPTY = new Fmsg(List.of(), -1);

  /** The items iproute2 6.1 prints. */
  public List<Pair> shown() {
    return strayEndAt < 0 ? items : items.subList(0, strayEndAt);
  }

  public record Pair(String name, Value value) {}

  /** One fmsg value; the record type is the netlink value type (FLAG, U8, U32, U64, NUL_STRING, BINARY). */
  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
  @JsonSubTypes({@JsonSubTypes.Type(value = Bool.class, name = "flag"), @JsonSubTypes.Type(value = U8.class, name = "u8"),
      @JsonSubTypes.Type(value = U32.class, name = "u32"), @JsonSubTypes.Type(value = U64.class, name = "u64"),
      @JsonSubTypes.Type(value = Str.class, name = "string"), @JsonSubTypes.Type(value = Binary.class, name = "binary"),
      @JsonSubTypes.Type(value = Obj.class, name = "object"), @JsonSubTypes.Type(value = Arr.class, name = "array")})
  public sealed interface Value extends dev.fabric.devlink.Wire permits Bool, U8, U32, U64, Str, Binary, Obj, Arr {}

  public record Bool(boolean value) implements Value {}

  public record U8(int value) implements Value {}

  public record U32(long value) implements Value {}

  public record U64(long value) implements Value {}

  public record Str(String value) implements Value {}

  /** Text: hex lines of 16 bytes under the name; JSON: an array of ints. */
  public record Binary(ByteList bytes) implements Value {}

  public record Obj(List<Pair> pairs) implements Value {
    public Obj {
      pairs = List.copyOf(pairs);
    }
  }

  public record Arr(List<Value> elements) implements Value {
    public Arr {
      elements = List.copyOf(elements);
    }
  }
}
