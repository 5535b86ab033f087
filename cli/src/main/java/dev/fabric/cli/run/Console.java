package dev.fabric.cli.run;

import dev.fabric.cli.script.Shell;
import java.io.PrintStream;

/**
 * The script's standard output and error, shared by the foreground command and the background
 * jobs (`devlink mon ... &`): every write is whole and flushed at once, so the two interleave in
 * the order things happened, as two processes writing to one terminal do.
 */
public class Console implements Shell.Io {
  private final PrintStream out;
  private final PrintStream err;
  private final boolean outIsTerminal;

  public Console(PrintStream out, PrintStream err, boolean outIsTerminal) {
    this.out = out;
    this.err = err;
    this.outIsTerminal = outIsTerminal;
  }

  @Override
  public synchronized void out(String text) {
    if (!text.isEmpty()) {
      out.print(text);
      out.flush();
    }
  }

  @Override
  public synchronized void err(String text) {
    if (!text.isEmpty()) {
      out.flush();
      err.print(text);
      err.flush();
    }
  }

  /** What a background job prints (the shell prints it above its prompt). */
  public void job(String text) {
    out(text);
  }

  @Override
  public boolean outIsTerminal() {
    return outIsTerminal;
  }
}
