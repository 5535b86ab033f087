package dev.fabric.devlink.model;

/** PARAM_GET (one or all) and PARAM_SET. */
public sealed interface ParamOp extends Op {

  record Get(String name) implements ParamOp {
    @Override
    public boolean readOnly() {
      return true;
    }
  }

  record Dump() implements ParamOp {
    @Override
    public boolean readOnly() {
      return true;
    }
  }

  /** {@code value} is already typed by the client: Long for u8/u16/u32/u64, Boolean, or String. */
  record Set(String name, Param.Cmode cmode, Object value) implements ParamOp {}
}
