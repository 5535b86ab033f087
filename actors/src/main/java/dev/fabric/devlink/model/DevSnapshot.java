package dev.fabric.devlink.model;

/**
 * What DEVLINK_CMD_GET reports: the handle, the reload_failed bit and the reload statistics
 * (local: driver_reinit only, as netdevsim supports; remote: every valid action/limit pair).
 */
public record DevSnapshot(DevHandle handle, boolean reloadFailed, long reloadDriverReinit,
    long remoteDriverReinit, long remoteFwActivate, long remoteFwActivateNoReset) implements ReplyValue, Notification.Payload {}
