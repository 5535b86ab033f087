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
        assertTrue(reject("sleep 30 &").contains("background"));
        assertTrue(reject("cat < /x").contains("input redirection"));
        assertTrue(reject("devlink dev show 2>&1").contains("file descriptor redirection"));
        assertTrue(reject("echo a >> /x").contains("append"));
        assertTrue(reject("cat /a > /b").contains("only supported for echo"));
        assertTrue(reject("false || true").contains("'||'"));
        assertTrue(reject("ls /sys/*").contains("glob"));
        assertTrue(reject("P=1").contains("assignment"));
        assertTrue(reject("echo 'abc").contains("unterminated single quote"));
        assertTrue(reject("true &&").contains("missing command after '&&'"));
        assertTrue(reject("; true").contains("empty command"));
        assertTrue(reject("echo >").contains("missing redirection target"));
        assertTrue(reject("(true)").contains("subshells"));
    }
}
