package dev.fabric.cli.script;

import java.util.List;

/**
 * One simple command of a script line (the language has no real pipes).
 * @param connector how it joins the previous command (SEQ for the first one)
 * @param argv words after quote removal, "timeout N" prefix dropped
 * @param redirect target of "> PATH" (echo only), or null
 * @param timeout the dropped "timeout N" argument, or null
 */
public record Pipeline(Connector connector, List<String> argv, String redirect, String timeout) {
    public enum Connector {
        /** ";" (or first command): always runs. */
        SEQ(";"),
        /** "&&": runs only if the previous command exited 0. */
        AND("&&");

        private final String token;

        Connector(String token) {
            this.token = token;
        }

        public String token() {
            return token;
        }
    }

    public Pipeline {
        argv = List.copyOf(argv);
    }

    public Pipeline(Connector connector, List<String> argv, String redirect) {
        this(connector, argv, redirect, null);
    }

    public String program() {
        return argv.get(0);
    }
}
