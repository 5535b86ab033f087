package dev.fabric.devlink.model;

/** Port requests (PORT_GET/SET/SPLIT/UNSPLIT, the port function) and the per-instance port dump. */
public sealed interface PortOp extends Op {

  /** Requests for one port: the instance routes them to that port's actor. */
  sealed interface OnePort extends PortOp {
    long index();
  }

  record Get(long index) implements OnePort {
    @Override
    public boolean readOnly() {
      return true;
    }
  }

  record SetType(long index, PortState.Type type) implements OnePort {}

  record Split(long index, int count) implements OnePort {}

  record Unsplit(long index) implements OnePort {}

  /** Null fields were not given. */
  record FunctionSet(long index, String hwAddr, String state) implements OnePort {}

  /** All ports of the instance, in insertion order (reply: List of PortState). */
  record Dump() implements PortOp {
    @Override
    public boolean readOnly() {
      return true;
    }
  }
}
