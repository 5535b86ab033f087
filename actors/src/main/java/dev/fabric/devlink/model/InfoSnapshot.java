package dev.fabric.devlink.model;

import java.util.Map;

/** DEVLINK_CMD_INFO_GET: driver name and version lists (insertion-ordered maps). */
public record InfoSnapshot(DevHandle handle, String driver, String serial, Map<String, String> fixed,
    Map<String, String> running, Map<String, String> stored) implements ReplyValue {}
