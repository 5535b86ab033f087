package dev.fabric.cli.run;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fabric.devices.LatencyProfile;
import dev.fabric.devlink.client.Fabric;
import java.util.ArrayList;
import java.util.List;
import org.jline.reader.Candidate;
import org.jline.reader.ParsedLine;
import org.jline.reader.impl.DefaultParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Tab completion in `fabric shell`: commands, objects, sub-commands, live handles, paths. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ShellCompleterTest {
  private Fabric fabric;
  private ShellCompleter completer;

  @BeforeAll
  void start() {
    fabric = Fabric.start("completer", LatencyProfile.INSTANT);
    fabric.newDeviceSync("40 2", "init");
    completer = new ShellCompleter(new ScriptRunner(fabric));
  }

  @AfterAll
  void stop() {
    fabric.close();
  }

  private List<String> complete(String line) {
    ParsedLine parsed = new DefaultParser().parse(line, line.length());
    List<Candidate> out = new ArrayList<>();
    completer.complete(null, parsed, out);
    return out.stream().map(Candidate::value).toList();
  }

  @Test
  void completesWhatTheShellUnderstands() {
    assertTrue(complete("").containsAll(List.of("devlink", "echo", "cat", "ls", "ip", "help", "exit")));
    assertTrue(complete("devlink ").containsAll(List.of("dev", "port", "health", "monitor")));
    assertTrue(complete("devlink -").containsAll(List.of("-j", "-p")));
    assertTrue(complete("devlink dev ").containsAll(List.of("show", "reload", "flash", "eswitch")));
    assertTrue(complete("devlink dev reload ").contains("netdevsim/netdevsim40"), complete("devlink dev reload ").toString());
    assertTrue(complete("devlink port show ").containsAll(List.of("netdevsim/netdevsim40/0", "netdevsim/netdevsim40/1")));
    assertTrue(complete("devlink dev reload netdevsim/netdevsim40 ").containsAll(List.of("netns", "action")));
    assertTrue(complete("devlink mon ").containsAll(List.of("all", "dev", "port")));
    assertTrue(complete("cat /sys/bus/netdevsim/devices/").contains("/sys/bus/netdevsim/devices/netdevsim40/"));
    assertTrue(complete("ls /sys/class/net/").contains("/sys/class/net/eth0/"));
    assertTrue(complete("echo 1 > /sys/bus/netdevsim/").contains("/sys/bus/netdevsim/new_device"));
    assertTrue(complete("devlink dev show; devlink ").contains("port"));
  }
}
