package dev.fabric.cli;

import dev.fabric.netlink.Shim;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code fabric env [-H HOST]}: the shell lines that point every later netlink program of the shell
 * at the endpoint of HOST of a running fabric ({@code eval "$(./fabric env)"}).
 */
@Command(name = "env", description = "Print the variables to eval in a shell so that later `devlink` commands "
    + "talk to HOST of a running fabric.")
final class EnvCommand implements Callable<Integer> {
  @Option(names = "-H", paramLabel = "HOST", defaultValue = "host0")
  String host;

  @Override
  public Integer call() throws IOException {
    Path endpoint = Shim.endpointPath(host);
    Map<String, String> env = new HashMap<>();
    String pre = System.getenv("LD_PRELOAD");
    if (pre != null) {
      env.put("LD_PRELOAD", pre);
    }
    Shim.environment(env, endpoint, null);
    System.out.println("export LD_PRELOAD=" + quote(env.get("LD_PRELOAD")));
    System.out.println("export " + Shim.SOCKET_ENV + "=" + quote(env.get(Shim.SOCKET_ENV)));
    System.out.println("unset " + Shim.NETNS_ENV);
    if (!Files.exists(endpoint)) {
      System.err.println("fabric: no running fabric serves host " + host + " at " + endpoint
          + " (netlink programs will fail until one does)");
    }
    return 0;
  }

  static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }
}
