package dev.fabric.devlink.model;

import java.util.List;
import java.util.Optional;

/** Port requests (PORT_GET/SET/SPLIT/UNSPLIT, the port function) and the per-instance port dump. */
public sealed interface PortOp<R extends ReplyValue> extends Op<R> {

  /** Requests for one port: the instance routes them to that port's actor. */
  sealed interface OnePort<R extends ReplyValue> extends PortOp<R> {
    long index();
  }

  record Get(long index) implements OnePort<PortState> {
    @Override
    public boolean readOnly() {
      return true;
    }
  }

  record SetType(long index, PortState.Type type) implements OnePort<Ack> {}

  record Split(long index, int count) implements OnePort<Ack> {}

  record Unsplit(long index) implements OnePort<Ack> {}

  /** Empty fields were not given. */
  record FunctionSet(long index, Optional<String> hwAddr, Optional<String> state) implements OnePort<Ack> {
    public FunctionSet {
      hwAddr = hwAddr == null ? Optional.empty() : hwAddr;
      state = state == null ? Optional.empty() : state;
    }

    /** Nulls stand for "not given". */
    public static FunctionSet of(long index, String hwAddr, String state) {
      return new FunctionSet(index, Optional.ofNullable(hwAddr), Optional.ofNullable(state));
    }
  }

  /** All ports of the instance, in insertion order. */
  record Dump() implements PortOp<PortList> {
    @Override
    public boolean readOnly() {
      return true;
    }
  }

  /** Reply value of {@link Dump}. */
  record PortList(List<PortState> ports) implements ReplyValue {
    public PortList {
      ports = List.copyOf(ports);
    }
  }
}
