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
}
