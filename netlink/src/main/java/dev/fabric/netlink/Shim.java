package dev.fabric.netlink;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * The LD_PRELOAD socket shim (src/main/c/fabricnl.c, built by gcc during the Maven build into the
 * classes): where it is on disk, and the environment that points a program at an endpoint.
 */
public final class Shim {
  private Shim() {}

  public static final String SOCKET_ENV = "FABRIC_NETLINK_SOCKET";
  public static final String NETNS_ENV = "FABRIC_NETNS";

  /** Per-user runtime directory of the fabric (endpoint sockets, the extracted shim). */
  public static Path runtimeDir() throws IOException {
    String user = System.getProperty("user.name", "user");
    Path dir = Path.of(System.getProperty("java.io.tmpdir"), "devlink-fabric-" + user);
    Files.createDirectories(dir);
    return dir;
  }

  /** The well-known endpoint path of host {@code host} of a running fabric. */
  public static Path endpointPath(String host) throws IOException {
    return runtimeDir().resolve(host + ".sock");
  }

  /** Whether the build compiled the shim (it does when gcc is installed: profile "shim"). */
  public static boolean built() {
    return Shim.class.getResource("libfabricnl.so") != null;
  }

  /** The shim as a file: the build's own copy, or one extracted from the jar (named by its hash). */
  public static Path library() throws IOException {
    var url = Shim.class.getResource("libfabricnl.so");
    if (url == null) {
      throw new IOException("the socket shim libfabricnl.so is not built (gcc missing during the build?)");
    }
    if ("file".equals(url.getProtocol())) {
      try {
        return Path.of(url.toURI());
      } catch (java.net.URISyntaxException e) {
        throw new IOException(e);
      }
    }
    byte[] bytes;
    try (InputStream in = url.openStream()) {
      bytes = in.readAllBytes();
    }
    String hash;
    try {
      hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IOException(e);
    }
    Path target = runtimeDir().resolve("libfabricnl-" + hash + ".so");
    if (!Files.exists(target)) {
      Path tmp = Files.createTempFile(runtimeDir(), "libfabricnl", ".tmp");
      Files.write(tmp, bytes);
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
    return target;
  }

  /** LD_PRELOAD (the shim in front of what the environment already preloads) and the endpoint. */
  public static void environment(Map<String, String> env, Path endpoint, String netns) throws IOException {
    String lib = library().toString();
    String pre = env.get("LD_PRELOAD");
    env.put("LD_PRELOAD", pre == null || pre.isBlank() ? lib : lib + " " + pre);
    env.put(SOCKET_ENV, endpoint.toString());
    if (netns != null && !netns.equals("init")) {
      env.put(NETNS_ENV, netns);
    } else {
      env.remove(NETNS_ENV);
    }
  }
}
