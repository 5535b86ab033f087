package dev.fabric.cli.script;

import java.util.List;

/** The file-system backend seen by the shell's echo/cat/ls. Paths are absolute ("/sys/..."). */
public interface FileSystem {

  enum Type { FILE, DIR, SYMLINK }

  /**
   * Result of stat()/lstat().
   * @param mode permission bits incl. setuid/setgid/sticky (e.g. 0755), without the type bits
   * @param mtime modification time, seconds since the epoch
   * @param blocks st_blocks in 512-byte units (busybox "total" = (1 + sum) / 2)
   * @param linkTarget readlink() text for SYMLINK, else null
   */
  record Stat(Type type, int mode, int nlink, String owner, String group, long size, long mtime,
        long blocks, String linkTarget) {
    public boolean isDir() {
      return type == Type.DIR;
    }
  }

  /** stat() when follow is true, lstat() otherwise. Throws ENOENT/ENOTDIR/ELOOP (atOpen=true). */
  Stat stat(String path, boolean follow) throws FsException;

  /** Directory entry names without "." and "..", in the directory's own order. */
  List<String> list(String dir) throws FsException;

  /** open(O_RDONLY)+read to EOF. Open errors have atOpen=true, read errors atOpen=false. */
  byte[] read(String path) throws FsException;

  /**
   * open(O_WRONLY|O_CREAT|O_TRUNC) then one write(data). Empty data means open only (busybox echo
   * -n does not call write()). Open errors have atOpen=true, write errors atOpen=false.
   */
  void write(String path, byte[] data) throws FsException;

  /** The view of the file system from inside network namespace netns (null = init). */
  default FileSystem inNetns(String netns) {
    return this;
  }
}
