package dev.fabric.devlink.model;

/**
 * The answer to REGION_READ (read with address/length, or dump of the whole snapshot): the bytes
 * from {@code address} on. Empty data is a successful read of nothing (address at the end, or
 * length 0): iproute2 then prints an empty line.
 */
public record RegionData(DevHandle dev, String region, long snapshotId, long address, ByteList data) implements ReplyValue {}
