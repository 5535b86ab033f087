package dev.fabric.devlink.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.fabric.devlink.Wire;

/**
 * A devlink request addressed to one instance, as a plain value: the same records drive the
 * instance actor, the lock-based baselines and the chaos checker's sequential specification.
 * Each object area keeps its requests in its own sealed sub-interface, and each request names the
 * type of what it answers: {@code R} (a snapshot, a list record, or {@link Ack}). Every leaf
 * record implements its area's interface with a concrete {@code R}; {@link ReplyTypes} reads it
 * back by reflection (the one place a reply value is cast) and OpReplyTypesTest checks every op.
 *
 * <p>On the wire an op is named by the {@code op} property ({@code "dev-get"}, ...), never by a
 * class name.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "op")
@JsonSubTypes({
    @JsonSubTypes.Type(value = DevOp.Get.class, name = "dev-get"),
    @JsonSubTypes.Type(value = DevOp.InfoGet.class, name = "dev-info"),
    @JsonSubTypes.Type(value = DevOp.Reload.class, name = "dev-reload"),
    @JsonSubTypes.Type(value = DevOp.EswitchGet.class, name = "eswitch-get"),
    @JsonSubTypes.Type(value = DevOp.EswitchSet.class, name = "eswitch-set"),
    @JsonSubTypes.Type(value = DevOp.Flash.class, name = "dev-flash"),
    @JsonSubTypes.Type(value = PortOp.Get.class, name = "port-get"),
    @JsonSubTypes.Type(value = PortOp.SetType.class, name = "port-set-type"),
    @JsonSubTypes.Type(value = PortOp.Split.class, name = "port-split"),
    @JsonSubTypes.Type(value = PortOp.Unsplit.class, name = "port-unsplit"),
    @JsonSubTypes.Type(value = PortOp.FunctionSet.class, name = "port-function-set"),
    @JsonSubTypes.Type(value = PortOp.Dump.class, name = "port-dump"),
    @JsonSubTypes.Type(value = ParamOp.Get.class, name = "param-get"),
    @JsonSubTypes.Type(value = ParamOp.Dump.class, name = "param-dump"),
    @JsonSubTypes.Type(value = ParamOp.Set.class, name = "param-set"),
    @JsonSubTypes.Type(value = HealthOp.Get.class, name = "health-get"),
    @JsonSubTypes.Type(value = HealthOp.Dump.class, name = "health-dump"),
    @JsonSubTypes.Type(value = HealthOp.Set.class, name = "health-set"),
    @JsonSubTypes.Type(value = HealthOp.Recover.class, name = "health-recover"),
    @JsonSubTypes.Type(value = HealthOp.Diagnose.class, name = "health-diagnose"),
    @JsonSubTypes.Type(value = HealthOp.DumpGet.class, name = "health-dump-get"),
    @JsonSubTypes.Type(value = HealthOp.DumpClear.class, name = "health-dump-clear"),
    @JsonSubTypes.Type(value = HealthOp.Test.class, name = "health-test"),
    @JsonSubTypes.Type(value = TrapOp.Get.class, name = "trap-get"),
    @JsonSubTypes.Type(value = TrapOp.Dump.class, name = "trap-dump"),
    @JsonSubTypes.Type(value = TrapOp.Set.class, name = "trap-set"),
    @JsonSubTypes.Type(value = TrapOp.GroupGet.class, name = "trap-group-get"),
    @JsonSubTypes.Type(value = TrapOp.GroupDump.class, name = "trap-group-dump"),
    @JsonSubTypes.Type(value = TrapOp.GroupSet.class, name = "trap-group-set"),
    @JsonSubTypes.Type(value = TrapOp.PolicerGet.class, name = "trap-policer-get"),
    @JsonSubTypes.Type(value = TrapOp.PolicerDump.class, name = "trap-policer-dump"),
    @JsonSubTypes.Type(value = TrapOp.PolicerSet.class, name = "trap-policer-set"),
    @JsonSubTypes.Type(value = RegionOp.Get.class, name = "region-get"),
    @JsonSubTypes.Type(value = RegionOp.Dump.class, name = "region-dump"),
    @JsonSubTypes.Type(value = RegionOp.New.class, name = "region-new"),
    @JsonSubTypes.Type(value = RegionOp.Del.class, name = "region-del"),
    @JsonSubTypes.Type(value = RegionOp.Read.class, name = "region-read"),
    @JsonSubTypes.Type(value = ResourceOp.Dump.class, name = "resource-dump"),
    @JsonSubTypes.Type(value = ResourceOp.Set.class, name = "resource-set"),
    @JsonSubTypes.Type(value = RateOp.Get.class, name = "rate-get"),
    @JsonSubTypes.Type(value = RateOp.Dump.class, name = "rate-dump"),
    @JsonSubTypes.Type(value = RateOp.Set.class, name = "rate-set"),
    @JsonSubTypes.Type(value = RateOp.New.class, name = "rate-new"),
    @JsonSubTypes.Type(value = RateOp.Del.class, name = "rate-del"),
    @JsonSubTypes.Type(value = DriverOp.SysfsRead.class, name = "sysfs-read"),
    @JsonSubTypes.Type(value = DriverOp.SysfsWrite.class, name = "sysfs-write"),
    @JsonSubTypes.Type(value = DriverOp.DebugfsRead.class, name = "debugfs-read"),
    @JsonSubTypes.Type(value = DriverOp.DebugfsWrite.class, name = "debugfs-write"),
    @JsonSubTypes.Type(value = DriverOp.DebugfsList.class, name = "debugfs-list")
})
public sealed interface Op<R extends ReplyValue> extends Wire
    permits DevOp, PortOp, ParamOp, HealthOp, TrapOp, RegionOp, ResourceOp, RateOp, DriverOp {

  /** True for requests that never change state (used by checkers and dump routing). */
  @JsonIgnore
  default boolean readOnly() {
    return false;
  }

  /** A success answer to this op, typed by what the op answers. */
  default Reply<R> ok(R value) {
    return Reply.ok(value);
  }
}
