package dev.fabric.cluster.cli;

import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "status", mixinStandardHelpOptions = true,
    description = "Print the members and hosts of the running fabric: member, address, status, hosts; host, "
        + "member, devices.")
final class StatusCommand implements Callable<Integer> {
  @Mixin
  Target target = new Target();

  @Override
  public Integer call() throws IOException {
    RemoteFabric f = target.connect();
    if (f == null) {
      return 1;
    }
    try {
      RemoteFabric.Answer members = f.get("/api/members");
      RemoteFabric.Answer hosts = f.get("/api/hosts");
      System.out.println("Fabric API: " + String.join(" ", f.endpoint().apis()));
      System.out.println();
      Table.print(System.out, members.body(), hosts.body());
      return 0;
    } catch (RemoteFabric.Unreachable e) {
      System.err.println("fabric: " + e.getMessage());
      return 1;
    }
  }
}
