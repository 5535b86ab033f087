package dev.fabric.devlink.model;

/** RATE_GET/SET/NEW/DEL: leafs are named by port index, nodes by a non-numeric name. */
public sealed interface RateOp extends Op {

  record Get(String name) implements RateOp {
    @Override
    public boolean readOnly() {
      return true;
    }
  }

  record Dump() implements RateOp {
    @Override
    public boolean readOnly() {
      return true;
    }
  }

  /** Null fields were not given; {@code parent} "" means noparent. */
  record Set(String name, Long txShare, Long txMax, String parent) implements RateOp {}

  record New(String name, Long txShare, Long txMax, String parent) implements RateOp {}

  record Del(String name) implements RateOp {}
}
