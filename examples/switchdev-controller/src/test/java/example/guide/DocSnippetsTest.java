package example.guide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/TESTKIT.md shows only code that compiles and runs here: each ```java block follows a
 * {@code <!-- snippet: PATH#TAG -->} line and must equal the region between {@code // tag::TAG[]}
 * and {@code // end::TAG[]} of that file (dedented).
 */
class DocSnippetsTest {
  /** Surefire runs in the module's directory, examples/switchdev-controller. */
  private static final Path ROOT = Path.of("").toAbsolutePath().resolve("../..").normalize();

  private static final Pattern BLOCK = Pattern.compile("(?:<!-- snippet: (\\S+)#(\\S+) -->\\n)?```java\\n(.*?)```",
      Pattern.DOTALL);

  @Test
  void everyJavaSnippetInTheGuideIsATaggedRegionOfTheBuild() {
    String doc = read("docs/TESTKIT.md");
    List<String> problems = check(doc, DocSnippetsTest::read);
    assertEquals(List.of(), problems);
    assertTrue(BLOCK.matcher(doc).results().count() >= 8, "the guide shows its steps");
  }

  @Test
  void aSnippetThatDriftedFromItsSourceIsReported() {
    String doc = read("docs/TESTKIT.md");
    String drifted = doc.replaceFirst("device\\(10, 4\\)", "device(10, 5)");
    List<String> problems = check(drifted, DocSnippetsTest::read);
    assertEquals(1, problems.size(), problems.toString());
    assertTrue(problems.get(0).startsWith("snippet examples/switchdev-controller/src/test/java/example/guide/"
        + "FirstFabricTest.java#first-test differs from its source"), problems.get(0));
    List<String> unmarked = check("```java\nint x;\n```\n", DocSnippetsTest::read);
    assertEquals(List.of("a java block without a snippet marker: int x;"), unmarked);
  }

  static List<String> check(String doc, UnaryOperator<String> files) {
    List<String> problems = new ArrayList<>();
    Matcher m = BLOCK.matcher(doc);
    while (m.find()) {
      if (m.group(1) == null) {
        problems.add("a java block without a snippet marker: " + m.group(3).lines().findFirst().orElse(""));
        continue;
      }
      String region = region(files.apply(m.group(1)), m.group(2));
      if (region == null) {
        problems.add("snippet " + m.group(1) + "#" + m.group(2) + ": no such tagged region");
      } else if (!region.equals(m.group(3))) {
        problems.add("snippet " + m.group(1) + "#" + m.group(2) + " differs from its source:\n" + region);
      }
    }
    return problems;
  }

  /** The lines between the tag markers, with their common indentation removed. */
  static String region(String source, String tag) {
    List<String> lines = source.lines().toList();
    int start = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).strip().equals("// tag::" + tag + "[]")) {
        start = i + 1;
      } else if (start >= 0 && lines.get(i).strip().equals("// end::" + tag + "[]")) {
        List<String> body = lines.subList(start, i);
        int indent = body.stream().filter(l -> !l.isBlank()).mapToInt(l -> l.length() - l.stripLeading().length())
            .min().orElse(0);
        StringBuilder sb = new StringBuilder();
        for (String l : body) {
          sb.append(l.isBlank() ? "" : l.substring(indent)).append('\n');
        }
        return sb.toString();
      }
    }
    return null;
  }

  private static String read(String path) {
    try {
      return Files.readString(ROOT.resolve(path));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
