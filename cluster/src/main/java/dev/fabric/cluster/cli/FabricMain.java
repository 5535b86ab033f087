package dev.fabric.cluster.cli;

import dev.fabric.cli.Main;
import picocli.CommandLine;

/**
 * The `fabric` command with the cluster sub-commands: everything of the cli's command, plus
 * {@code up}, {@code status}, {@code down}, {@code devlink}, {@code monitor}, and {@code run -H
 * HOST} against a running fabric.
 */
public final class FabricMain {
  private FabricMain() {}

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  public static CommandLine commandLine() {
    CommandLine cl = Main.commandLine();
    cl.getCommandSpec().removeSubcommand("run");
    cl.addSubcommand("run", new RunCommand());
    cl.addSubcommand("up", new UpCommand());
    cl.addSubcommand("status", new StatusCommand());
    cl.addSubcommand("down", new DownCommand());
    cl.addSubcommand("devlink", new DevlinkCommand());
    // devlink's own options (-j, -p, -s, ...) pass through after -H.
    cl.getSubcommands().get("devlink").setUnmatchedOptionsArePositionalParams(true).setStopAtPositional(true);
    cl.addSubcommand("monitor", new MonitorCommand());
    return cl;
  }
}
