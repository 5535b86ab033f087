package dev.fabric.cli.run;

import dev.fabric.cli.script.Result;
import dev.fabric.cli.script.ScriptException;
import dev.fabric.cli.script.ScriptLine;
import dev.fabric.cli.script.ScriptParser;
import java.io.IOException;
import java.nio.file.Path;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/** The interactive `fabric shell`: one script line per prompt, with history and line editing. */
public final class Shellish {
  private Shellish() {}

  public static int interactive(ScriptRunner runner) throws IOException {
    try (Terminal terminal = TerminalBuilder.builder().system(true).dumb(true).build()) {
      LineReader reader = LineReaderBuilder.builder().terminal(terminal)
          .variable(LineReader.HISTORY_FILE, Path.of(System.getProperty("user.home"), ".fabric_history"))
          .build();
      int status = 0;
      int n = 0;
      while (true) {
        String line;
        try {
          line = reader.readLine("fabric$ ");
        } catch (UserInterruptException e) {
          continue;
        } catch (EndOfFileException e) {
          return status;
        }
        if (line.strip().equals("exit")) {
          return status;
        }
        try {
          ScriptLine parsed = ScriptParser.parseLine(line, ++n);
          if (parsed == null) {
            continue;
          }
          Result r = runner.runLine(parsed);
          terminal.writer().print(r.stdout());
          terminal.writer().print(r.stderr());
          terminal.writer().flush();
          status = r.rc();
        } catch (ScriptException e) {
          terminal.writer().println("fabric: " + e.getMessage());
          terminal.writer().flush();
          status = 2;
        }
      }
    }
  }
}
