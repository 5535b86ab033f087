package dev.fabric.cli.script;

import java.util.List;

/** Named network namespaces, as /run/netns holds them for `ip netns`. */
public interface Netns {
  /** NETNS_RUN_DIR of Debian's iproute2 6.1 (it prints this path in its errors). */
  String RUN_DIR = "/run/netns";

  /** Creates NAME; EEXIST if it exists. */
  void add(String name) throws FsException;

  /** Deletes NAME; ENOENT if it does not exist. */
  void delete(String name) throws FsException;

  /** Names in readdir order of /run/netns. */
  List<String> list();

  boolean exists(String name);

  /** The netns id of NAME as seen from the caller (printed as " (id: N)" by list), or -1. */
  default int nsid(String name) {
    return -1;
  }
}
