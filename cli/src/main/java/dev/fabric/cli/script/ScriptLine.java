package dev.fabric.cli.script;

import java.util.List;

/** One script line: its original text and its commands in order. */
public record ScriptLine(String original, List<Pipeline> pipelines) {
  public ScriptLine {
    pipelines = List.copyOf(pipelines);
  }
}
