package dev.fabric.devlink.model;

import java.util.List;
import java.util.Optional;

/** RATE_GET/SET/NEW/DEL: leafs are named by port index, nodes by a non-numeric name. */
public sealed interface RateOp<R extends ReplyValue> extends Op<R> {

  record Get(String name) implements RateOp<RateSnapshot> {
    @Override
    public boolean readOnly() {
      return true;
    }
  }

  record Dump() implements RateOp<RateList> {
    @Override
    public boolean readOnly() {
      return true;
    }
  }

  /** Empty fields were not given; {@code parent} "" means noparent. */
  record Set(String name, Optional<Long> txShare, Optional<Long> txMax, Optional<String> parent)
      implements RateOp<Ack> {
    public Set {
      txShare = txShare == null ? Optional.empty() : txShare;
      txMax = txMax == null ? Optional.empty() : txMax;
      parent = parent == null ? Optional.empty() : parent;
    }

    public static Set of(String name, Long txShare, Long txMax, String parent) {
      return new Set(name, Optional.ofNullable(txShare), Optional.ofNullable(txMax), Optional.ofNullable(parent));
    }
  }

  record New(String name, Optional<Long> txShare, Optional<Long> txMax, Optional<String> parent)
      implements RateOp<Ack> {
    public New {
      txShare = txShare == null ? Optional.empty() : txShare;
      txMax = txMax == null ? Optional.empty() : txMax;
      parent = parent == null ? Optional.empty() : parent;
    }

    public static New of(String name, Long txShare, Long txMax, String parent) {
      return new New(name, Optional.ofNullable(txShare), Optional.ofNullable(txMax), Optional.ofNullable(parent));
    }
  }

  record Del(String name) implements RateOp<Ack> {}

  /** Reply value of {@link Dump}. */
  record RateList(List<RateSnapshot> rates) implements ReplyValue {
    public RateList {
      rates = List.copyOf(rates);
    }
  }
}
