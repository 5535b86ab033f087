package dev.fabric.devlink.model;

/** HEALTH_REPORTER_* requests for device-level reporters. */
public sealed interface HealthOp extends Op {

  record Get(String reporter) implements HealthOp {
    @Override
    public boolean readOnly() {
      return true;
    }
  }

  record Dump() implements HealthOp {
    @Override
    public boolean readOnly() {
      return true;
    }
  }

  /** Null fields were not given. */
  record Set(String reporter, Long gracePeriod, Boolean autoRecover, Boolean autoDump) implements HealthOp {}

  record Recover(String reporter) implements HealthOp {}

  record Diagnose(String reporter) implements HealthOp {}

  record DumpGet(String reporter) implements HealthOp {}

  record DumpClear(String reporter) implements HealthOp {}

  record Test(String reporter) implements HealthOp {}
}
