package dev.fabric.cli.script;

import dev.fabric.devlink.model.Errno;
import java.util.ArrayList;
import java.util.LinkedList;
import java.util.List;

/**
 * Netns kept in memory. list() is newest first, the readdir order of /run/netns (tmpfs) on
 * Linux 6.1.
 */
public class InMemoryNetns implements Netns {
  private final LinkedList<String> names = new LinkedList<>();

  @Override
  public synchronized void add(String name) throws FsException {
    if (names.contains(name)) throw FsException.open(Errno.EEXIST.code);
    names.addFirst(name);
  }

  @Override
  public synchronized void delete(String name) throws FsException {
    if (!names.remove(name)) throw FsException.open(Errno.ENOENT.code);
  }

  @Override
  public synchronized List<String> list() {
    return new ArrayList<>(names);
  }

  @Override
  public synchronized boolean exists(String name) {
    return names.contains(name);
  }
}
