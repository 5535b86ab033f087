package dev.fabric.devlink.model;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.fabric.devlink.Wire;

/**
 * Everything a devlink request may answer: the closed set of reply value types, each named on the
 * wire by the {@code value} property. An op declares which one it answers ({@link Op}{@code <R>}).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "value")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Ack.class, name = "ack"),
    @JsonSubTypes.Type(value = DevSnapshot.class, name = "dev"),
    @JsonSubTypes.Type(value = InfoSnapshot.class, name = "info"),
    @JsonSubTypes.Type(value = DevOp.ReloadPerformed.class, name = "reload-performed"),
    @JsonSubTypes.Type(value = DevOp.EswitchSnapshot.class, name = "eswitch"),
    @JsonSubTypes.Type(value = PortState.class, name = "port"),
    @JsonSubTypes.Type(value = PortOp.PortList.class, name = "port-list"),
    @JsonSubTypes.Type(value = Param.class, name = "param"),
    @JsonSubTypes.Type(value = ParamOp.ParamList.class, name = "param-list"),
    @JsonSubTypes.Type(value = HealthReporterSnapshot.class, name = "health-reporter"),
    @JsonSubTypes.Type(value = HealthOp.ReporterList.class, name = "health-reporter-list"),
    @JsonSubTypes.Type(value = Fmsg.class, name = "fmsg"),
    @JsonSubTypes.Type(value = TrapSnapshot.class, name = "trap"),
    @JsonSubTypes.Type(value = TrapOp.TrapList.class, name = "trap-list"),
    @JsonSubTypes.Type(value = TrapGroupSnapshot.class, name = "trap-group"),
    @JsonSubTypes.Type(value = TrapOp.GroupList.class, name = "trap-group-list"),
    @JsonSubTypes.Type(value = TrapPolicerSnapshot.class, name = "trap-policer"),
    @JsonSubTypes.Type(value = TrapOp.PolicerList.class, name = "trap-policer-list"),
    @JsonSubTypes.Type(value = RegionSnapshot.class, name = "region"),
    @JsonSubTypes.Type(value = RegionOp.RegionList.class, name = "region-list"),
    @JsonSubTypes.Type(value = RegionEvent.class, name = "region-event"),
    @JsonSubTypes.Type(value = RegionOp.Taken.class, name = "region-taken"),
    @JsonSubTypes.Type(value = RegionData.class, name = "region-data"),
    @JsonSubTypes.Type(value = ResourceDump.class, name = "resource-dump"),
    @JsonSubTypes.Type(value = RateSnapshot.class, name = "rate"),
    @JsonSubTypes.Type(value = RateOp.RateList.class, name = "rate-list"),
    @JsonSubTypes.Type(value = DriverOp.FileData.class, name = "file-data"),
    @JsonSubTypes.Type(value = DriverOp.Listing.class, name = "listing")})
public sealed interface ReplyValue extends Wire
    permits Ack, DevSnapshot, InfoSnapshot, DevOp.ReloadPerformed, DevOp.EswitchSnapshot, PortState,
        PortOp.PortList, Param, ParamOp.ParamList, HealthReporterSnapshot, HealthOp.ReporterList, Fmsg,
        TrapSnapshot, TrapOp.TrapList, TrapGroupSnapshot, TrapOp.GroupList, TrapPolicerSnapshot,
        TrapOp.PolicerList, RegionSnapshot, RegionOp.RegionList, RegionEvent, RegionOp.Taken, RegionData, ResourceDump,
        RateSnapshot, RateOp.RateList, DriverOp.FileData, DriverOp.Listing {}
