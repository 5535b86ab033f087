package dev.fabric.netlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every numeric constant of {@link DevlinkUapi} and {@link NlUapi} compiled by gcc against the
 * installed UAPI headers (linux-libc-dev: linux/netlink.h, genetlink.h, devlink.h): the program
 * prints each name's value as the C compiler sees it, and each must equal the Java one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UapiConstantsTest {
  @TempDir
  Path dir;

  static Map<String, Long> javaConstants(Class<?> c) throws IllegalAccessException {
    Map<String, Long> out = new LinkedHashMap<>();
    for (Field f : c.getDeclaredFields()) {
      int m = f.getModifiers();
      if (Modifier.isStatic(m) && Modifier.isFinal(m) && f.getType() == int.class) {
        out.put(f.getName(), (long) f.getInt(null));
      }
    }
    return out;
  }

  /** Compiles a program printing "NAME value" for each name and returns what it printed. */
  Map<String, Long> compiled(List<String> names) throws IOException, InterruptedException {
    // gcc and the kernel headers: .ci/run installs them; a machine with only Java and Maven skips
    // this check (in CI a missing compiler fails it).
    if (!java.nio.file.Files.isExecutable(Path.of("/usr/bin/gcc"))
        || !java.nio.file.Files.exists(Path.of("/usr/include/linux/devlink.h"))) {
      if (System.getenv("CI") != null) {
        org.junit.jupiter.api.Assertions.fail("gcc or linux-libc-dev missing (.ci/run installs them)");
      }
      org.junit.jupiter.api.Assumptions.assumeTrue(false, "gcc or linux-libc-dev missing (.ci/run installs them)");
    }
    StringBuilder c = new StringBuilder("""
        #include <stdio.h>
        #include <sys/socket.h>
        #include <linux/netlink.h>
        #include <linux/genetlink.h>
        #include <linux/devlink.h>
        #ifndef SOL_NETLINK
        #define SOL_NETLINK 270
        #endif
        int main(void) {
        """);
    for (String n : names) {
      c.append("  printf(\"%s %lld\\n\", \"").append(n).append("\", (long long)(").append(n).append("));\n");
    }
    c.append("  return 0;\n}\n");
    Path src = dir.resolve("uapi.c");
    Path bin = dir.resolve("uapi");
    Files.writeString(src, c.toString());
    Process gcc = new ProcessBuilder("gcc", "-o", bin.toString(), src.toString()).redirectErrorStream(true).start();
    String log = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, gcc.waitFor(), "gcc failed (a Java constant without a UAPI name?):\n" + log);
    Process run = new ProcessBuilder(bin.toString()).start();
    Map<String, Long> out = new LinkedHashMap<>();
    for (String line : new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
      String[] p = line.split(" ");
      out.put(p[0], Long.parseLong(p[1]));
    }
    assertEquals(0, run.waitFor());
    return out;
  }

  @Test
  void devlinkConstantsAreTheHeaders() throws Exception {
    Map<String, Long> java = javaConstants(DevlinkUapi.class);
    assertTrue(java.size() > 300, "the generated class lost its constants");
    assertEquals(java, compiled(new ArrayList<>(java.keySet())));
  }

  @Test
  void netlinkConstantsAreTheHeaders() throws Exception {
    Map<String, Long> java = javaConstants(NlUapi.class);
    java.remove("NLA_TYPE_MASK"); // a Java int mask: ~(NESTED|BYTEORDER) is negative in C's int too
    assertEquals(java, compiled(new ArrayList<>(java.keySet())));
  }

  @Test
  void aWrongConstantIsCaught() throws Exception {
    // the checker catches a planted defect: a value off by one
    Map<String, Long> planted = new LinkedHashMap<>(javaConstants(DevlinkUapi.class));
    planted.put("DEVLINK_ATTR_PORT_INDEX", planted.get("DEVLINK_ATTR_PORT_INDEX") + 1);
    assertTrue(!planted.equals(compiled(new ArrayList<>(planted.keySet()))));
  }
}
