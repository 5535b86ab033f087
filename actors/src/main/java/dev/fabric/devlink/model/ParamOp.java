package dev.fabric.devlink.model;

import java.util.List;

/** PARAM_GET (one or all) and PARAM_SET. */
public sealed interface ParamOp<R extends ReplyValue> extends Op<R> {

  record Get(String name) implements ParamOp<Param> {
    @Override
    public boolean readOnly() {
      return true;
    }
  }

  record Dump() implements ParamOp<ParamList> {
    @Override
    public boolean readOnly() {
      return true;
    }
  }

  /** {@code value} is already typed by the client from the param's type. */
  record Set(String name, Param.Cmode cmode, ParamValue value) implements ParamOp<Ack> {}

  /** Reply value of {@link Dump}, in the driver's registration order. */
  record ParamList(List<Param> params) implements ReplyValue {
    public ParamList {
      params = List.copyOf(params);
    }
  }
}
