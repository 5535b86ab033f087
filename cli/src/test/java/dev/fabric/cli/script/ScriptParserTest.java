package dev.fabric.cli.script;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScriptParserTest {

  private static ScriptLine one(String line) throws ScriptException {
    List<ScriptLine> l = ScriptParser.parse(line);
    assertEquals(1, l.size());
    return l.get(0);
  }

  private static String reject(String script) {
    return assertThrows(ScriptException.class, () -> ScriptParser.parse(script)).getMessage();
  }

  @Test
  void skipsBlankAndComments() throws ScriptException {
    List<ScriptLine> l = ScriptParser.parse("\n# c\n   \ndevlink dev show # trailing\n  # x\n");
    assertEquals(1, l.size());
    assertEquals(List.of("devlink", "dev", "show"), l.get(0).pipelines().get(0).argv());
    assertEquals("devlink dev show # trailing", l.get(0).original());
  }

  @Test
  void quotingLikeSh() throws ScriptException {
    // busybox: echo a\ b 'c d' "e'f" g\\h "q\"r" "\\\$" 'a'b"c"  ->  a b c d e'f g\h q"r \$ abc
    ScriptLine l = one("echo a\\ b 'c d' \"e'f\" g\\\\h \"q\\\"r\" \"\\\\\\$\" 'a'b\"c\" '$x' \"a\\nb\"");
    assertEquals(List.of("echo", "a b", "c d", "e'f", "g\\h", "q\"r", "\\$", "abc", "$x", "a\\nb"),
        l.pipelines().get(0).argv());
    assertEquals(List.of("echo", "a#b", ""), one("echo a#b ''").pipelines().get(0).argv());
  }

  @Test
  void connectors() throws ScriptException {
    ScriptLine l = one("echo 0 > /sys/x/del_port && devlink port show ; devlink -j dev show;");
    List<Pipeline> p = l.pipelines();
    assertEquals(3, p.size());
    assertEquals(Pipeline.Connector.SEQ, p.get(0).connector());
    assertEquals("/sys/x/del_port", p.get(0).redirect());
    assertEquals(List.of("echo", "0"), p.get(0).argv());
    assertEquals(Pipeline.Connector.AND, p.get(1).connector());
    assertNull(p.get(1).redirect());
    assertEquals(Pipeline.Connector.SEQ, p.get(2).connector());
    assertEquals(List.of("devlink", "-j", "dev", "show"), p.get(2).argv());
  }

  @Test
  void redirectForms() throws ScriptException {
    for (String s : List.of("echo 'X' >/p/f", "echo X > /p/f", "echo X>/p/f", "echo > /p/f X")) {
      Pipeline p = one(s).pipelines().get(0);
      assertEquals("/p/f", p.redirect(), s);
      assertEquals(List.of("echo", "X"), p.argv(), s);
    }
    assertEquals(List.of("echo", "10 4"), one("echo '10 4' > /sys/bus/netdevsim/new_device").pipelines()
        .get(0).argv());
  }

  @Test
  void timeoutPrefixDropped() throws ScriptException {
    Pipeline p = one("timeout 3 devlink mon help").pipelines().get(0);
    assertEquals(List.of("devlink", "mon", "help"), p.argv());
    assertEquals("3", p.timeout());
  }

  @Test
  void rejectsOutOfLanguage() {
    assertEquals("line 2: pipes '|' are not supported: devlink port show | grep netdevsim13",
        reject("devlink dev show\ndevlink port show | grep netdevsim13"));
    assertTrue(reject("echo $x").startsWith("line 1: variable expansion"));
    assertTrue(reject("echo \"$x\"").startsWith("line 1: variable expansion"));
    assertTrue(reject("echo `id`").contains("command substitution"));
    assertTrue(reject("for f in a; do echo $f; done").contains("'for'"));
    assertTrue(reject("cat < /x").contains("input redirection"));
    assertTrue(reject("devlink dev show 3>&1").contains("file descriptor 3"));
    assertTrue(reject("devlink dev show 2>&3").contains(">&1 and >&2"));
    assertTrue(reject("echo a >> /x").contains("append"));
    assertTrue(reject("set -o pipefail").contains("set -e"));
    assertTrue(reject("exit now").contains("exit N"));
    assertTrue(reject("kill 1234").contains("kill %JOB"));
    assertTrue(reject("wait").contains("'wait'"));
    assertTrue(reject("false || true").contains("'||'"));
    assertTrue(reject("for f in /sys/*; do cat $f; done").contains("'for'"));
    assertTrue(reject("for f in /sys/*; do true; done").contains("'for'"));
    assertTrue(reject("P=1").contains("assignment"));
    assertTrue(reject("echo 'abc").contains("unterminated single quote"));
    assertTrue(reject("true &&").contains("missing command after '&&'"));
    assertTrue(reject("; true").contains("empty command"));
    assertTrue(reject("echo >").contains("missing redirection target"));
    assertTrue(reject("(true)").contains("subshells"));
  }

  @Test
  void engineersScripts() throws ScriptException {
    List<ScriptLine> l = ScriptParser.parse("devlink dev param set netdevsim/netdevsim10 \\\n"
        + "    name max_macs value 8 \\\n  cmode driverinit\nset -e\nexit 3\n");
    assertEquals(3, l.size());
    assertEquals(List.of("devlink", "dev", "param", "set", "netdevsim/netdevsim10", "name", "max_macs", "value",
        "8", "cmode", "driverinit"), l.get(0).pipelines().get(0).argv());
    assertEquals(List.of("set", "-e"), l.get(1).pipelines().get(0).argv());
    assertEquals(List.of("exit", "3"), l.get(2).pipelines().get(0).argv());
    // the continued line is one item, numbered by its first line
    List<ScriptParser.Item> items = ScriptParser.items("# a note\ntrue \\\n && false\n\necho 'x \\'\n");
    assertEquals("a note", items.get(0).note());
    assertEquals(2, items.get(1).lineNumber());
    assertEquals("true  && false", items.get(1).line().original());
    assertEquals(List.of("echo", "x \\"), items.get(2).line().pipelines().get(0).argv());
    assertEquals(5, items.get(2).lineNumber());
    // an error in a continued line names its first line
    assertTrue(reject("true\ndevlink dev show \\\n | head").startsWith("line 2: pipes"));
  }

  @Test
  void redirectionsAndBackground() throws ScriptException {
    Pipeline p = one("devlink dev show nosuch 2>/dev/null >/dev/null").pipelines().get(0);
    assertEquals(List.of(Pipeline.Redirect.toFile(2, "/dev/null"), Pipeline.Redirect.toFile(1, "/dev/null")),
        p.redirects());
    assertEquals(List.of("devlink", "dev", "show", "nosuch"), p.argv());
    p = one("devlink dev show 2>&1").pipelines().get(0);
    assertEquals(List.of(Pipeline.Redirect.dup(2, 1)), p.redirects());
    List<Pipeline> ps = one("devlink mon all & echo started; devlink -j mon dev &").pipelines();
    assertTrue(ps.get(0).background());
    assertEquals(List.of("devlink", "mon", "all"), ps.get(0).argv());
    assertEquals(false, ps.get(1).background());
    assertTrue(ps.get(2).background());
    assertEquals("/lib/firmware/my.bin", one("echo data > /lib/firmware/my.bin").pipelines().get(0).redirect());
  }

  @Test
  void globWordsCarryTheirPatternWithQuotedCharactersEscaped() throws ScriptException {
    Pipeline p = one("cat /sys/class/net/eth*/phys_port_name '/a*b' x\\?y \"/c\"[01]").pipelines().get(0);
    assertEquals(List.of("cat", "/sys/class/net/eth*/phys_port_name", "/a*b", "x?y", "/c[01]"), p.argv());
    assertEquals(java.util.Arrays.asList(null, "/sys/class/net/eth*/phys_port_name", null, null, "/c[01]"),
        p.globs());
  }
}
