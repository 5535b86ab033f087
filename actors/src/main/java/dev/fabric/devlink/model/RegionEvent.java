package dev.fabric.devlink.model;

/**
 * A REGION_NEW/REGION_DEL message. For the region itself (announce, create, destroy)
 * {@code snapshotId} is null and iproute2 prints {@code size N}; for one snapshot it carries the
 * id and iproute2 prints {@code snapshot N} (no size). Also the reply to REGION_NEW without a
 * requested id (text {@code DEV/dummy: snapshot 0}; JSON {"regions":{"DEV/dummy":{"snapshot":[0]}}}).
 */
public record RegionEvent(DevHandle dev, String region, long size, Long snapshotId) implements ReplyValue, Notification.Payload {}
