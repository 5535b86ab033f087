package dev.fabric.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fabric.cli.run.ScriptRunner;
import dev.fabric.devices.LatencyProfile;
import dev.fabric.devlink.client.Fabric;
import dev.fabric.netlink.NetlinkEndpoint;
import dev.fabric.netlink.Shim;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Another real client: Debian's python3-pyroute2 (installed by .ci/run) lists devices and ports,
 * reads a param, gets the kernel's errors and follows a notification, through the shim.
 */
class Pyroute2Test {

  @Test
  void pyroute2TalksToTheFabric() throws Exception {
    NativePrereqs.requirePyroute2();
    try (Fabric fabric = Fabric.start("pyroute2", LatencyProfile.INSTANT)) {
      ByteArrayOutputStream sink = new ByteArrayOutputStream();
      PrintStream ps = new PrintStream(sink, true, StandardCharsets.UTF_8);
      assertEquals(0, new ScriptRunner(fabric).runScript("echo '10 4' > /sys/bus/netdevsim/new_device\n"
          + "echo '11 2' > /sys/bus/netdevsim/new_device\n", ps, ps, false));
      Path sock = Shim.runtimeDir().resolve("pyroute2-" + ProcessHandle.current().pid() + ".sock");
      try (NetlinkEndpoint endpoint = NetlinkEndpoint.start(fabric, sock)) {
        ProcessBuilder pb = new ProcessBuilder("/usr/bin/python3",
            Path.of("src/test/resources/pyroute2/devlink_client.py").toAbsolutePath().toString())
            .redirectErrorStream(true);
        Shim.environment(pb.environment(), endpoint.path(), null);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertEquals(List.of(
            "dev netdevsim/netdevsim10",
            "dev netdevsim/netdevsim11",
            "port netdevsim/netdevsim10/0 eth0",
            "port netdevsim/netdevsim10/1 eth1",
            "port netdevsim/netdevsim10/2 eth2",
            "port netdevsim/netdevsim10/3 eth3",
            "port netdevsim/netdevsim11/0 eth4",
            "port netdevsim/netdevsim11/1 eth5",
            "param-reply cmd 38 len 108",
            "error 19",
            "u32-empty error 22",
            "notification DEVLINK_CMD_PARAM_NEW netdevsim/netdevsim10"), out.lines().toList());
      }
    }
  }
}
