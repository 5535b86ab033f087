package dev.fabric.devlink.model;

/**
 * A devlink request addressed to one instance, as a plain value: the same records drive the
 * instance actor, the lock-based baselines and the chaos checker's sequential specification.
 * Each object area keeps its requests in its own sealed sub-interface.
 */
public sealed interface Op
    permits DevOp, PortOp, ParamOp, HealthOp, TrapOp, RegionOp, ResourceOp, RateOp, DriverOp {

  /** True for requests that never change state (used by checkers and dump routing). */
  default boolean readOnly() {
    return false;
  }
}
