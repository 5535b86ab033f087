package dev.fabric.cli.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fabric.devices.LatencyProfile;
import dev.fabric.devlink.client.Fabric;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.ExternalTerminal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * `fabric shell` driven through a JLine terminal over pipes, as a user at a terminal: keystrokes
 * go through JLine's line discipline, so Ctrl-C (byte 3) raises SIGINT exactly as a tty does. The
 * fabric keeps netdevsim's real-time delays, so the flash is still running when Ctrl-C comes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InteractiveShellTest {
  private Fabric fabric;

  @BeforeAll
  void start() {
    fabric = Fabric.start("shell-test", LatencyProfile.NETDEVSIM);
  }

  @AfterAll
  void stop() {
    fabric.close();
  }

  /** The screen: everything the shell wrote, readable while it runs. */
  private static final class Screen extends OutputStream {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    @Override
    public synchronized void write(int b) {
      bytes.write(b);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
      bytes.write(b, off, len);
    }

    synchronized String text() {
      return bytes.toString(StandardCharsets.UTF_8);
    }
  }

  private static final class Session implements AutoCloseable {
    final Screen screen = new Screen();
    final PipedOutputStream keys = new PipedOutputStream();
    final Terminal terminal;
    final CompletableFuture<Integer> exit = new CompletableFuture<>();

    Session(ScriptRunner runner, Path history) throws IOException {
      PipedInputStream in = new PipedInputStream(keys, 1 << 16);
      // JLine's own line discipline (what it serves ssh sessions with), tty defaults included:
      // Ctrl-C typed here raises SIGINT for the shell as a kernel tty would. (TerminalBuilder
      // would open a real pty whose SIGINT reaches no process of ours.)
      terminal = new ExternalTerminal("test", "xterm", in, screen, StandardCharsets.UTF_8);
      terminal.setSize(new org.jline.terminal.Size(200, 50));
      Thread t = new Thread(() -> exit.complete(Shellish.interactive(runner, terminal, history)), "shell");
      t.setDaemon(true);
      t.start();
    }

    void type(String s) throws IOException {
      keys.write(s.getBytes(StandardCharsets.UTF_8));
      keys.flush();
    }

    private int markers;

    /**
     * Waits until the shell has finished everything typed so far: it reads the next line only
     * then, so the output of a marker echo typed now proves the previous command ended.
     */
    void settle(String what) throws IOException {
      String marker = "__done_" + (++markers) + "__";
      type("echo " + marker + "\r");
      java.util.regex.Pattern output = java.util.regex.Pattern.compile("(?<!echo )" + marker);
      await(() -> output.matcher(screen.text()).find(), what);
    }

    /** Types a line and waits until it has run. */
    void run(String line) throws IOException {
      type(line + "\r");
      settle("end of: " + line);
    }

    @Override
    public void close() throws IOException {
      terminal.close();
    }
  }

  private static String dump() {
    StringBuilder sb = new StringBuilder("\nthreads:\n");
    for (var e : Thread.getAllStackTraces().entrySet()) {
      if (e.getKey().getName().startsWith("fabric-shell") || e.getKey().getName().startsWith("shell")) {
        sb.append(e.getKey().getName()).append('\n');
        for (var f : e.getValue()) {
          sb.append("  ").append(f).append('\n');
        }
      }
    }
    return sb.toString();
  }

  private static void await(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what + dump());
      }
      Thread.onSpinWait();
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  @Test
  void ctrlCStopsAFlashAndAMonitorButNotTheShell(@TempDir Path tmp) throws Exception {
    try (Session s = new Session(new ScriptRunner(fabric), tmp.resolve("history"))) {
      await(() -> s.screen.text().contains("Type `help`"), "banner");
      s.run("echo '30 2' > /sys/bus/netdevsim/new_device");

      // A flash takes ~5 s of simulated hardware time: interrupt it while it shows progress.
      s.type("devlink dev flash netdevsim/netdevsim30 file nsim-fw.bin\r");
      await(() -> s.screen.text().contains("Flashing  "), "flash progress on the terminal");
      await(() -> s.screen.text().contains("\b\b\b\b\b"), "percentages rewritten in place, as iproute2 on a tty: "
          + s.screen.text().replace("\b", "\\b"));
      long started = System.nanoTime();
      s.type("\u0003");
      s.settle("the shell back after Ctrl-C of the flash");
      assertFalse(s.screen.text().contains("Flashing done"), "the flash was stopped, not waited for");
      assertFalse(s.exit.isDone(), "the shell is still running");

      // A monitor streams until Ctrl-C.
      s.type("devlink mon dev\r");
      // Events from another client of the same host (the shell is busy with the monitor). The
      // monitor joins the group asynchronously, like a real one: create devices until it shows one.
      int[] id = {31};
      await(() -> {
        fabric.newDeviceSync(id[0]++ + " 0", "init");
        return s.screen.text().contains("[dev,new] netdevsim/netdevsim");
      }, "monitor event");
      s.type("\u0003");
      s.settle("the shell back after Ctrl-C of the monitor");
      assertTrue(Duration.ofNanos(System.nanoTime() - started).toSeconds() < 25, "Ctrl-C ended the monitor");

      // Both devices are intact and the shell answers.
      int mark = s.screen.text().length();
      s.run("devlink dev show");
      String shown = s.screen.text().substring(mark);
      assertTrue(shown.contains("netdevsim/netdevsim30") && shown.contains("netdevsim/netdevsim31"), shown);
      assertTrue(shown.contains("netdevsim/netdevsim" + (id[0] - 1)), shown);

      // Ctrl-D on an empty line leaves.
      s.type("\u0004");
      assertEquals(0, s.exit.get(30, TimeUnit.SECONDS), "status of the last command");
    }
  }

  @Test
  void promptErrorsHaveNoLineNumberAndHelpListsTheLanguage(@TempDir Path tmp) throws Exception {
    try (Session s = new Session(new ScriptRunner(fabric), tmp.resolve("history"))) {
      await(() -> s.screen.text().contains("Type `help`"), "banner");
      s.run("devlink dev show | wc -l");
      assertTrue(s.screen.text().contains("fabric: pipes '|' are not supported: devlink dev show | wc -l"),
          s.screen.text());
      assertFalse(s.screen.text().contains("line 1"), s.screen.text());
      s.run("help");
      assertTrue(s.screen.text().contains("devlink mon [all | OBJECTS]"), s.screen.text());
      s.type("exit 3\r");
      assertEquals(3, s.exit.get(30, TimeUnit.SECONDS));
    }
  }
}
