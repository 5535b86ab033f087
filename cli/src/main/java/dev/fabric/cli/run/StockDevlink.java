package dev.fabric.cli.run;

import dev.fabric.cli.script.CommandRunner;
import dev.fabric.cli.script.Result;
import dev.fabric.netlink.Shim;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Runs `devlink` lines with a real binary (iproute2's, /usr/sbin/devlink by default) under the
 * netlink socket shim against a host endpoint: the stock program as a second oracle.
 */
public final class StockDevlink implements CommandRunner {
  public static final String DEFAULT_BINARY = "/usr/sbin/devlink";

  private final String binary;
  private final Path endpoint;

  private final java.util.Map<String, String> extraEnv;

  public StockDevlink(String binary, Path endpoint) {
    this(binary, endpoint, java.util.Map.of());
  }

  /** {@code extraEnv}: more variables for the program (e.g. FABRIC_NETLINK_WIRELOG). */
  public StockDevlink(String binary, Path endpoint, java.util.Map<String, String> extraEnv) {
    this.binary = binary;
    this.endpoint = endpoint;
    this.extraEnv = extraEnv;
  }

  @Override
  public Result run(String netns, List<String> argv) {
    // argv[0] must be "devlink" (getopt prints it): the binary is found through PATH, which
    // ProcessBuilder searches while passing the name unchanged.
    Path bin = Path.of(binary);
    List<String> cmd = new ArrayList<>();
    cmd.add(bin.getFileName().toString());
    cmd.addAll(argv.subList(1, argv.size()));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    try {
      String path = pb.environment().getOrDefault("PATH", "/usr/bin:/bin");
      pb.environment().put("PATH", bin.getParent() + ":" + path);
      Shim.environment(pb.environment(), endpoint, netns);
      pb.environment().putAll(extraEnv);
      Process p = pb.start();
      p.getOutputStream().close();
      CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> slurp(p.getErrorStream()));
      String out = slurp(p.getInputStream());
      int rc = p.waitFor();
      return new Result(out, err.join(), rc);
    } catch (IOException e) {
      return new Result("", "sh: 1: " + binary + ": not found\n", 127);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result("", "interrupted\n", 130);
    }
  }

  private static String slurp(InputStream in) {
    try {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }
}
