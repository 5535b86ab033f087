package dev.fabric.cluster;

/**
 * Marks the cluster module's messages and Distributed Data values that cross members: bound to
 * Jackson CBOR in fabric-cluster.conf. Each is a record of strings, numbers, lists of records and actor
 * refs (no Object fields), so nothing on the wire names a class.
 */
public interface ClusterWire {}
