package dev.fabric.cli.run;

import dev.fabric.cli.script.FsException;
import dev.fabric.cli.script.Netns;
import dev.fabric.devlink.client.Fabric;
import dev.fabric.devlink.model.Reply;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The emulated host's named network namespaces, as `ip netns` sees them. */
final class FabricNetns implements Netns {
  private final Fabric fabric;

  FabricNetns(Fabric fabric) {
    this.fabric = fabric;
  }

  @Override
  public void add(String name) throws FsException {
    if (fabric.netnsAddSync(name) instanceof Reply.Err e) {
      throw FsException.open(e.errno().code);
    }
  }

  @Override
  public void delete(String name) throws FsException {
    if (fabric.netnsDelSync(name) instanceof Reply.Err e) {
      throw FsException.open(e.errno().code);
    }
  }

  @Override
  public List<String> list() {
    // /run/netns is a tmpfs: readdir returns the newest entry first.
    List<String> names = new ArrayList<>(fabric.netnsListSync());
    Collections.reverse(names);
    return names;
  }

  @Override
  public boolean exists(String name) {
    return fabric.netnsListSync().contains(name);
  }
}
