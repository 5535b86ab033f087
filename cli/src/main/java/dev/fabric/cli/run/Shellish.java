package dev.fabric.cli.run;

import dev.fabric.cli.script.ExitRequest;
import dev.fabric.cli.script.ScriptException;
import dev.fabric.cli.script.ScriptLine;
import dev.fabric.cli.script.ScriptParser;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * The interactive `fabric shell`: one script line per prompt, with history, line editing and Tab
 * completion. Each line runs on a worker thread while this one waits; Ctrl-C (SIGINT from the
 * terminal) interrupts only that worker, as bash's SIGINT reaches only the foreground job, so a
 * flash or a monitor stops and the emulated host keeps every device. Ctrl-D leaves.
 */
public final class Shellish {
  private Shellish() {}

  static final String BANNER =
      "devlink-fabric shell: an emulated Linux 6.1 host with netdevsim. Type `help` for what it understands.";

  public static int interactive(ScriptRunner runner) throws IOException {
    try (Terminal terminal = TerminalBuilder.builder().system(true).dumb(true).build()) {
      return interactive(runner, terminal, Path.of(System.getProperty("user.home"), ".fabric_history"));
    }
  }

  /** The shell on any JLine terminal (tests pass an external terminal over pipes). */
  public static int interactive(ScriptRunner runner, Terminal terminal, Path history) {
    LineReader reader = LineReaderBuilder.builder().terminal(terminal)
        .completer(new ShellCompleter(runner))
        .variable(LineReader.HISTORY_FILE, history)
        .build();
    PrintStream stream = new PrintStream(terminal.output(), true, StandardCharsets.UTF_8);
    boolean tty = !Terminal.TYPE_DUMB.equals(terminal.getType()) && !Terminal.TYPE_DUMB_COLOR.equals(terminal.getType());
    Console console = new Console(stream, stream, tty) {
      @Override
      public void job(String text) {
        // A background monitor's event while the prompt is shown goes above the prompt line.
        if (reader.isReading()) {
          String t = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
          reader.printAbove(t);
        } else {
          out(text);
        }
      }
    };
    runner.interactive(console);
    stream.println(BANNER);
    int status = 0;
    try {
      while (true) {
        String line;
        try {
          line = reader.readLine("fabric$ ");
          while (ScriptParser.continues(line)) {
            line = line.substring(0, line.length() - 1) + reader.readLine("> ");
          }
        } catch (UserInterruptException e) {
          continue;
        } catch (EndOfFileException e) {
          stream.println(); // leave the terminal on a fresh line, as a shell does on Ctrl-D
          return status;
        }
        ScriptLine parsed;
        try {
          // Line number 0: errors at the prompt name no line.
          parsed = ScriptParser.parseLine(line, 0);
          if (parsed == null) {
            continue;
          }
          runner.shell().validate(parsed);
        } catch (ScriptException e) {
          console.err("fabric: " + e.getMessage() + "\n");
          status = 2;
          continue;
        }
        Foreground fg = new Foreground(runner, parsed, console);
        Terminal.SignalHandler previous = terminal.handle(Terminal.Signal.INT, s -> fg.interrupt());
        try {
          fg.start();
          fg.join();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return status;
        } finally {
          terminal.handle(Terminal.Signal.INT, previous);
        }
        status = fg.status;
        if (fg.exit) {
          return status;
        }
      }
    } finally {
      runner.stopJobs();
      stream.flush();
    }
  }

  /** One line running on its own thread, interruptible by Ctrl-C. */
  private static final class Foreground extends Thread {
    private final ScriptRunner runner;
    private final ScriptLine line;
    private final Console console;
    private volatile boolean interrupted;
    volatile int status;
    volatile boolean exit;

    Foreground(ScriptRunner runner, ScriptLine line, Console console) {
      super("fabric-shell-command");
      this.runner = runner;
      this.line = line;
      this.console = console;
      setDaemon(true);
    }

    @Override
    public void interrupt() {
      interrupted = true;
      runner.interruptForeground();
      super.interrupt();
    }

    @Override
    public void run() {
      try {
        status = runner.runLine(line, console);
      } catch (ExitRequest x) {
        status = x.status();
        exit = true;
      } catch (ScriptException e) {
        console.err("fabric: " + e.at(0, e.line()).getMessage() + "\n");
        status = 2;
      } catch (IOException | RuntimeException e) {
        if (!interrupted) {
          console.err("fabric: " + e + "\n");
          status = 1;
        }
      }
      if (interrupted) {
        // What bash shows: the terminal echoed ^C; the prompt comes back on a new line.
        console.out("\n");
        status = 130;
      }
    }
  }
}
