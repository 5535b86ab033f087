package dev.fabric.devlink.model;

/**
 * What user space does to the driver rather than through devlink: netdevsim's per-device sysfs
 * files (new_port, del_port, sriov_numvfs) and its debugfs tree. Paths are relative to the
 * device's directory. Replies: {@link FileData} for reads, {@link Listing} for directories, a bare
 * ack for writes; errors are errno values as the file operations return them.
 */
public sealed interface DriverOp extends Op {

  record SysfsRead(String file) implements DriverOp {}

  record SysfsWrite(String file, String value) implements DriverOp {}

  record DebugfsRead(String path) implements DriverOp {}

  record DebugfsWrite(String path, String value) implements DriverOp {}

  record DebugfsList(String path) implements DriverOp {}

  record FileData(String text) {}

  /** {@code dir} true for directories; {@code mode} as ls -l prints it. */
  record Entry(String name, boolean dir, String mode) {}

  record Listing(java.util.List<Entry> entries) {}
}
