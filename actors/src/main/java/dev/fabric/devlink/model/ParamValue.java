package dev.fabric.devlink.model;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.fabric.devlink.Wire;

/**
 * A devlink param value; the record type is the param's netlink type (DEVLINK_PARAM_TYPE_*), as
 * {@link Fmsg.Value} is for fmsg values. Unsigned values are held in a long.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({@JsonSubTypes.Type(value = ParamValue.U8.class, name = "u8"),
    @JsonSubTypes.Type(value = ParamValue.U16.class, name = "u16"),
    @JsonSubTypes.Type(value = ParamValue.U32.class, name = "u32"),
    @JsonSubTypes.Type(value = ParamValue.U64.class, name = "u64"),
    @JsonSubTypes.Type(value = ParamValue.Bool.class, name = "bool"),
    @JsonSubTypes.Type(value = ParamValue.Str.class, name = "string")})
public sealed interface ParamValue extends Wire {

  record U8(long value) implements ParamValue {}

  record U16(long value) implements ParamValue {}

  record U32(long value) implements ParamValue {}

  record U64(long value) implements ParamValue {}

  record Bool(boolean value) implements ParamValue {}

  record Str(String value) implements ParamValue {}

  /** A value of param type {@code type} holding {@code v} (a Long for the unsigned types). */
  static ParamValue of(Param.Type type, Object v) {
    return switch (type) {
      case U8 -> new U8((Long) v);
      case U16 -> new U16((Long) v);
      case U32 -> new U32((Long) v);
      case U64 -> new U64((Long) v);
      case BOOL -> new Bool((Boolean) v);
      case STRING -> new Str((String) v);
    };
  }

  /** The param type this value is of. */
  default Param.Type type() {
    if (this instanceof U8) {
      return Param.Type.U8;
    } else if (this instanceof U16) {
      return Param.Type.U16;
    } else if (this instanceof U32) {
      return Param.Type.U32;
    } else if (this instanceof U64) {
      return Param.Type.U64;
    } else if (this instanceof Bool) {
      return Param.Type.BOOL;
    }
    return Param.Type.STRING;
  }

  /** The number of an unsigned value (IllegalStateException for bool and string). */
  default long number() {
    if (this instanceof U8 u) {
      return u.value();
    } else if (this instanceof U16 u) {
      return u.value();
    } else if (this instanceof U32 u) {
      return u.value();
    } else if (this instanceof U64 u) {
      return u.value();
    }
    throw new IllegalStateException(this + " is not a number");
  }
}
