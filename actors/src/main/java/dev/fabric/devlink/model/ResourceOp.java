package dev.fabric.devlink.model;

/** RESOURCE_DUMP (a doit returning the whole tree) and RESOURCE_SET. */
public sealed interface ResourceOp<R extends ReplyValue> extends Op<R> {

  record Dump() implements ResourceOp<ResourceDump> {
    @Override
    public boolean readOnly() {
      return true;
    }
  }

  record Set(long id, long size) implements ResourceOp<Ack> {}
}
