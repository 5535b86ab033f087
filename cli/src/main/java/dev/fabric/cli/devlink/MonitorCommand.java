package dev.fabric.cli.devlink;

import java.util.ArrayList;
import java.util.List;

/**
 * `devlink monitor [ all | OBJECT-LIST ]` (cmd_mon / cmd_mon_show of iproute2 6.1): "help" prints
 * the usage, every word must be one of the object names (exact match) or the command fails with
 * "Unknown object". A valid monitor would then listen until it is killed; a script line runs to
 * completion before the next one starts, so nothing can happen while it listens: it prints
 * nothing here (a killed monitor that saw no event never flushed anything). The logging monitors
 * that run alongside a script are the runner's --monitor/--monitor-json options, which render
 * with {@link MonitorRenderer}.
 */
final class MonitorCommand {
  private MonitorCommand() {}

  static final String HELP = """
      Usage: devlink monitor [ all | OBJECT-LIST ]
      where  OBJECT-LIST := { dev | port | lc | health | trap | trap-group | trap-policer }
      """;

  static int run(Dl dl, DlArgs a) throws DlError {
    if (a.match("help")) {
      dl.error(HELP);
      return 0;
    }
    List<String> words = new ArrayList<>();
    while (!a.noArg()) {
      words.add(a.next());
    }
    String bad = MonitorRenderer.unknownObject(words);
    if (bad != null) {
      throw new DlError("Unknown object \"" + bad + "\"\n");
    }
    return 0;
  }
}
