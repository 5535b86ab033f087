package dev.fabric.devlink.model;

import java.util.List;
import java.util.Optional;

/** HEALTH_REPORTER_* requests for device-level reporters. */
public sealed interface HealthOp<R extends ReplyValue> extends Op<R> {

  record Get(String reporter) implements HealthOp<HealthReporterSnapshot> {
    @Override
    public boolean readOnly() {
      return true;
    }
  }

  record Dump() implements HealthOp<ReporterList> {
    @Override
    public boolean readOnly() {
      return true;
    }
  }

  /** Empty fields were not given. */
  record Set(String reporter, Optional<Long> gracePeriod, Optional<Boolean> autoRecover, Optional<Boolean> autoDump)
      implements HealthOp<Ack> {
    public Set {
      gracePeriod = gracePeriod == null ? Optional.empty() : gracePeriod;
      autoRecover = autoRecover == null ? Optional.empty() : autoRecover;
      autoDump = autoDump == null ? Optional.empty() : autoDump;
    }

    /** Nulls stand for "not given". */
    public static Set of(String reporter, Long gracePeriod, Boolean autoRecover, Boolean autoDump) {
      return new Set(reporter, Optional.ofNullable(gracePeriod), Optional.ofNullable(autoRecover),
          Optional.ofNullable(autoDump));
    }
  }

  record Recover(String reporter) implements HealthOp<Ack> {}

  record Diagnose(String reporter) implements HealthOp<Fmsg> {}

  record DumpGet(String reporter) implements HealthOp<Fmsg> {}

  record DumpClear(String reporter) implements HealthOp<Ack> {}

  record Test(String reporter) implements HealthOp<Ack> {}

  /** Reply value of {@link Dump}. */
  record ReporterList(List<HealthReporterSnapshot> reporters) implements ReplyValue {
    public ReporterList {
      reporters = List.copyOf(reporters);
    }
  }
}
