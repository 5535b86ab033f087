package dev.fabric.testkit;

import dev.fabric.cli.devlink.MonitorRenderer;
import dev.fabric.devlink.client.DevlinkClient;
import dev.fabric.devlink.model.MonitorEvent;
import dev.fabric.devlink.model.Notification;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;

/**
 * A TestProbe subscribed to the devlink multicast group (what {@code devlink mon} listens to),
 * with expectations in devlink's terms. Events the probe is told to ignore, or events outside
 * {@link #only}, are skipped by every expectation. A failed expectation throws an AssertionError
 * whose message shows what arrived instead, in {@code devlink mon}'s own text.
 *
 * <p>Waiting is in real time (the probe's timeout); the fabric's simulated time is independent.
 */
public final class MonitorProbe implements AutoCloseable {
  private final TestProbe<MonitorEvent> probe;
  private final DevlinkClient client;
  private final Duration timeout;
  private final List<DevlinkEvent> ignored = new ArrayList<>();
  private List<DevlinkEvent> only = List.of();
  private final List<Notification> seen = new ArrayList<>();
  private long fences;

  MonitorProbe(ActorTestKit kit, DevlinkClient client, String netns, Duration timeout) {
    this.probe = kit.createTestProbe("devlink-mon");
    this.client = client;
    this.timeout = timeout;
    client.subscribe(netns, probe.ref());
    sync(); // the hub has the subscription once our own fence comes back
  }

  /** Skips events matching any of {@code patterns} from now on. */
  public MonitorProbe ignoring(DevlinkEvent... patterns) {
    ignored.addAll(Arrays.asList(patterns));
    return this;
  }

  /** Considers only events matching one of {@code patterns}: everything else is ignored. */
  public MonitorProbe only(DevlinkEvent... patterns) {
    only = List.of(patterns);
    return this;
  }

  /** Every notification the probe has taken so far, ignored ones included. */
  public List<Notification> received() {
    return List.copyOf(seen);
  }

  /** The next event that is not ignored must match {@code expected}; returns it. */
  public Notification expectNext(DevlinkEvent expected) {
    return expectNext(expected, timeout);
  }

  public Notification expectNext(DevlinkEvent expected, Duration within) {
    long deadline = System.nanoTime() + within.toNanos();
    List<Notification> skipped = new ArrayList<>();
    while (true) {
      Notification n = poll(deadline);
      if (n == null) {
        throw new AssertionError("expected next event " + expected + " within " + within.toMillis()
            + " ms, but none came" + arrived(" (ignored meanwhile, as devlink mon printed them)", skipped));
      }
      if (!considered(n)) {
        skipped.add(n);
        continue;
      }
      if (!expected.matches(n)) {
        throw new AssertionError("expected next event " + expected + ", but got " + describe(n)
            + arrived(", as devlink mon printed it", List.of(n)));
      }
      return n;
    }
  }

  /**
   * No event matching {@code unwanted} arrives within {@code within} (real time), nor among what
   * the fabric had published by then (a fence makes sure nothing is still on its way).
   */
  public void expectNoEvent(DevlinkEvent unwanted, Duration within) {
    long deadline = System.nanoTime() + within.toNanos();
    List<Notification> got = new ArrayList<>();
    Notification n;
    while ((n = poll(deadline)) != null) {
      got.add(n);
    }
    got.addAll(drainToFence());
    List<Notification> bad = got.stream().filter(x -> considered(x) && unwanted.matches(x)).toList();
    if (!bad.isEmpty()) {
      throw new AssertionError("expected no event " + unwanted + " within " + within.toMillis() + " ms, but got "
          + bad.size() + arrived(", as devlink mon printed them", bad));
    }
  }

  /**
   * Events matching {@code expected} arrive in this order: each named event must be the next one
   * among those the list names (events no pattern names are skipped). Returns the matched events.
   */
  public List<Notification> expectInOrder(DevlinkEvent... expected) {
    return expectInOrder(timeout, expected);
  }

  public List<Notification> expectInOrder(Duration within, DevlinkEvent... expected) {
    long deadline = System.nanoTime() + within.toNanos();
    List<Notification> matched = new ArrayList<>();
    List<Notification> named = new ArrayList<>();
    int next = 0;
    while (next < expected.length) {
      Notification n = poll(deadline);
      if (n == null) {
        throw new AssertionError("expected events in order " + Arrays.toString(expected) + "; still waiting for "
            + expected[next] + " after " + within.toMillis() + " ms"
            + arrived(", the named events that came, as devlink mon printed them", named));
      }
      if (!considered(n)) {
        continue;
      }
      if (expected[next].matches(n)) {
        named.add(n);
        matched.add(n);
        next++;
        continue;
      }
      for (int later = next + 1; later < expected.length; later++) {
        if (expected[later].matches(n)) {
          named.add(n);
          throw new AssertionError("expected events in order " + Arrays.toString(expected) + ", but "
              + describe(n) + " came before " + expected[next]
              + arrived(", the named events that came, as devlink mon printed them", named));
        }
      }
    }
    return matched;
  }

  /** Returns once every notification the fabric published before this call has reached the probe. */
  public List<Notification> sync() {
    return drainToFence();
  }

  private List<Notification> drainToFence() {
    long fence = ++fences;
    client.fence(probe.ref(), fence);
    List<Notification> got = new ArrayList<>();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      MonitorEvent e;
      try {
        e = probe.receiveMessage(remaining(deadline));
      } catch (AssertionError x) {
        throw new AssertionError("the monitor hub did not answer a fence within " + timeout.toMillis() + " ms", x);
      }
      if (e instanceof MonitorEvent.FenceReached f) {
        if (f.id() == fence) {
          return got;
        }
        continue; // an earlier fence whose wait was given up
      }
      if (e instanceof MonitorEvent.Rebooted) {
        continue; // not counted in the receive buffer
      }
      client.consumed(probe.ref(), 1); // room again in the probe's receive buffer
      if (e instanceof MonitorEvent.Note n) {
        seen.add(n.notification());
        got.add(n.notification());
      }
    }
  }

  /** The next devlink notification before {@code deadline}, or null. */
  private Notification poll(long deadline) {
    while (true) {
      Duration left = remaining(deadline);
      if (left.isZero()) {
        return null;
      }
      MonitorEvent e;
      try {
        e = probe.receiveMessage(left);
      } catch (AssertionError timeout) {
        return null;
      }
      if (!(e instanceof MonitorEvent.Note note)) {
        if (e instanceof MonitorEvent.Overrun) {
          client.consumed(probe.ref(), 1);
        }
        continue; // fences are the drain's; an overrun is no devlink message
      }
      client.consumed(probe.ref(), 1);
      Notification n = note.notification();
      seen.add(n);
      return n;
    }
  }

  private static Duration remaining(long deadline) {
    long left = deadline - System.nanoTime();
    return left <= 0 ? Duration.ZERO : Duration.ofNanos(left);
  }

  private boolean considered(Notification n) {
    if (ignored.stream().anyMatch(p -> p.matches(n))) {
      return false;
    }
    return only.isEmpty() || only.stream().anyMatch(p -> p.matches(n));
  }

  /** [port,del] netdevsim/netdevsim10/3 */
  static String describe(Notification n) {
    Long port = DevlinkEvent.portIndex(n);
    return "[" + n.kind().label + "," + n.cmd().label + "] " + n.dev() + (port == null ? "" : "/" + port);
  }

  /** What {@code devlink mon} prints for {@code notes} (one fresh monitor, as if started now). */
  public static String render(List<Notification> notes) {
    MonitorRenderer r = MonitorRenderer.create(false);
    StringBuilder sb = new StringBuilder();
    for (Notification n : notes) {
      String text = r.render(n);
      // iproute2 prints nothing for some events (rate): show that they came anyway.
      sb.append(text.isEmpty() ? describe(n) + " (devlink mon prints nothing for it)\n" : text);
    }
    return sb.toString();
  }

  private static String arrived(String what, List<Notification> notes) {
    if (notes.isEmpty()) {
      return "; nothing else arrived";
    }
    return what + ":\n" + render(notes).stripTrailing();
  }

  @Override
  public void close() {
    client.unsubscribe(probe.ref());
    probe.stop();
  }
}
