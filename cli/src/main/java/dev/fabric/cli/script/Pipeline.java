package dev.fabric.cli.script;

import java.util.List;

/**
 * One simple command of a script line (the language has no real pipes).
 * @param connector how it joins the previous command (SEQ for the first one)
 * @param argv words after quote removal, "timeout N" prefix dropped
 * @param redirects its redirections, in the order written (sh applies them left to right)
 * @param timeout the dropped "timeout N" argument, or null
 * @param background ended by a single '&' (a background job)
 * @param globs per word of argv, its pathname pattern (quoted characters backslash-escaped) when it
 *     has an unquoted '*', '?' or '[', else null
 */
public record Pipeline(Connector connector, List<String> argv, List<Redirect> redirects, String timeout,
    boolean background, List<String> globs) {
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

  /**
   * {@code fd>target} (target is a path) or {@code fd>&dupFd} (target null).
   */
  public record Redirect(int fd, String target, int dupFd) {
    public static Redirect toFile(int fd, String target) {
      return new Redirect(fd, target, -1);
    }

    public static Redirect dup(int fd, int dupFd) {
      return new Redirect(fd, null, dupFd);
    }
  }

  public Pipeline {
    argv = List.copyOf(argv);
    redirects = List.copyOf(redirects);
    globs = globs == null ? java.util.Collections.nCopies(argv.size(), null)
        : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(globs));
  }

  public Pipeline(Connector connector, List<String> argv, List<Redirect> redirects, String timeout,
      boolean background) {
    this(connector, argv, redirects, timeout, background, null);
  }

  public Pipeline(Connector connector, List<String> argv, String redirect, String timeout) {
    this(connector, argv, redirect == null ? List.of() : List.of(Redirect.toFile(1, redirect)), timeout, false);
  }

  public Pipeline(Connector connector, List<String> argv, String redirect) {
    this(connector, argv, redirect, null);
  }

  /** The file standard output finally goes to ({@code > PATH}), or null. */
  public String redirect() {
    String target = null;
    for (Redirect r : redirects) {
      if (r.fd() == 1) target = r.target();
    }
    return target;
  }

  public String program() {
    return argv.get(0);
  }
}
