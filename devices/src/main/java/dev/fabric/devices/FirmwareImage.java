package dev.fabric.devices;

/** What netdevsim's flash sees of a firmware file: its name as given to request_firmware and its size. */
public record FirmwareImage(String name, long size) {}
