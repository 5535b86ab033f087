package dev.fabric.cli.script;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Access to the reference transcripts. */
final class Ref {
  static final Path DIR = Path.of("../reference/kernel-6.1-netdevsim");

  private Ref() {}

  /** The first record of FILE whose command is exactly CMD. */
  static Transcript.Record record(String file, String cmd) throws IOException {
    for (Transcript.Record r : Transcript.records(Transcript.parse(DIR.resolve(file)))) {
      if (r.cmd().equals(cmd)) return r;
    }
    throw new AssertionError("no record " + cmd + " in " + file);
  }

  static List<Transcript.Record> records(String file) throws IOException {
    return Transcript.records(Transcript.parse(DIR.resolve(file)));
  }
}
