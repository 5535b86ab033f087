package dev.fabric.cli.script;

import java.util.List;

/** Runs programs the shell does not implement itself (devlink, ip other than `ip netns`, ...). */
public interface CommandRunner {
  /**
   * @param netns network namespace name the program runs in; null for the initial one
   * @param argv argv with argv[0] normalised ("/usr/sbin/ip" becomes "ip")
   * @return the result, or null when the program is unknown (the shell then prints
   *     "sh: NAME: not found", rc 127). Throw ScriptException to reject a command as out of language.
   */
  Result run(String netns, List<String> argv) throws ScriptException;

  /**
   * The same with the command's live output (may be null: collect only) and whether it was
   * started with '&'. Output written to io while running comes before the returned Result's.
   */
  default Result run(String netns, List<String> argv, Shell.Io io, boolean background) throws ScriptException {
    return run(netns, argv);
  }

  /**
   * The same for a command started as {@code timeout DURATION COMMAND} (timeout null: none);
   * a runner that honours it ends the command after DURATION with status 124, as timeout(1).
   */
  default Result run(String netns, List<String> argv, Shell.Io io, boolean background, String timeout)
      throws ScriptException {
    return run(netns, argv, io, background);
  }

  /** Called after each command of a line has finished (background jobs catch up here). */
  default void commandDone() {
  }

  /** Rejects (before the line runs) what the runner does not emulate of a program it runs. */
  default void validate(List<String> argv) throws ScriptException {
    if (argv.get(0).equals("ip")) throw new ScriptException("only `ip netns add|del|list|exec` is emulated");
  }

  /** Whether argv may run as a background job ('&'). */
  default boolean runsInBackground(List<String> argv) {
    return false;
  }
}
