package dev.fabric.devlink.model;

/**
 * A FLASH_UPDATE_STATUS message (or begin/end, where only the handle matters). {@code message} and
 * {@code component} may be null; {@code timeout} is in seconds, 0 when absent.
 */
public record FlashStatus(DevHandle dev, String message, String component, long done, long total, long timeout) implements Notification.Payload {}
