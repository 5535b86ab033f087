package dev.fabric.devlink.model;

/** RESOURCE_DUMP (a doit returning the whole tree) and RESOURCE_SET. */
public sealed interface ResourceOp extends Op {

  record Dump() implements ResourceOp {
    @Override
    public boolean readOnly() {
      return true;
    }
  }

  record Set(long id, long size) implements ResourceOp {}
}
