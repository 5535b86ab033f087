package dev.fabric.devlink.model;

import java.util.List;

/**
 * What user space does to the driver rather than through devlink: netdevsim's per-device sysfs
 * files (new_port, del_port, sriov_numvfs) and its debugfs tree. Paths are relative to the
 * device's directory. Replies: {@link FileData} for reads, {@link Listing} for directories,
 * {@link Ack} for writes; errors are errno values as the file operations return them.
 */
public sealed interface DriverOp<R extends ReplyValue> extends Op<R> {

  record SysfsRead(String file) implements DriverOp<FileData> {}

  record SysfsWrite(String file, String value) implements DriverOp<Ack> {}

  record DebugfsRead(String path) implements DriverOp<FileData> {}

  record DebugfsWrite(String path, String value) implements DriverOp<Ack> {}

  record DebugfsList(String path) implements DriverOp<Listing> {}

  record FileData(String text) implements ReplyValue {}

  /** {@code dir} true for directories; {@code mode} as ls -l prints it. */
  record Entry(String name, boolean dir, String mode) {}

  record Listing(List<Entry> entries) implements ReplyValue {
    public Listing {
      entries = List.copyOf(entries);
    }
  }
}
