package dev.fabric.cli.script;

/** What one command (or one script line) printed and its exit status. */
public record Result(String stdout, String stderr, int rc) {
  public Result {
    stdout = stdout == null ? "" : stdout;
    stderr = stderr == null ? "" : stderr;
  }

  public static Result ok(String stdout) {
    return new Result(stdout, "", 0);
  }

  public static Result err(String stderr, int rc) {
    return new Result("", stderr, rc);
  }
}
