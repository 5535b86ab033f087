package dev.fabric.devlink.model;

/**
 * A health reporter as HEALTH_REPORTER_GET and the [health,status] notification report it, in
 * iproute2's print order: reporter, state, error, recover, last_dump_date/time, grace_period,
 * auto_recover, auto_dump.
 *
 * <p>Null means the attribute is absent: {@code gracePeriod}/{@code autoRecover} without a recover
 * op (reporter {@code empty}), {@code autoDump} without a dump op, {@code lastDumpMillis} while no
 * dump is stored. {@code lastDumpMillis} is wall-clock epoch milliseconds (the kernel's
 * DUMP_TS_NS / 1e6); iproute2 prints it as local "%Y-%m-%d" / "%H:%M:%S". {@code port} is null
 * for device-level reporters (all of netdevsim's).
 */
public record HealthReporterSnapshot(
    DevHandle dev,
    Integer port,
    String name,
    State state,
    long errorCount,
    long recoverCount,
    Long lastDumpMillis,
    Long gracePeriod,
    Boolean autoRecover,
    Boolean autoDump) implements ReplyValue, Notification.Payload {

  public enum State {
    HEALTHY("healthy"), ERROR("error");

    public final String label;

    State(String label) {
      this.label = label;
    }
  }
}
