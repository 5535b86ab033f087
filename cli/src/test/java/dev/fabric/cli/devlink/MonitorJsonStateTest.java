package dev.fabric.cli.devlink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fabric.devlink.model.DevHandle;
import dev.fabric.devlink.model.HealthReporterSnapshot;
import dev.fabric.devlink.model.HealthReporterSnapshot.State;
import dev.fabric.devlink.model.Notification;
import dev.fabric.devlink.model.TrapPolicerSnapshot;
import org.junit.jupiter.api.Test;

/**
 * `devlink -j mon` keeps its JSON writer and its arr_last handle from one event to the next.
 * Expected strings are traced by hand through cmd_mon_show_cb, pr_out_mon_header/footer,
 * pr_out_health (pr_out_handle_start_arr: a per-handle array opened when the handle differs from
 * arr_last, after closing the previous one) and lib/json_writer.c (jsonw_begin: separator, char,
 * depth+1, sep='\0'; jsonw_end: depth-1, the char, sep=','; jsonw_name: separator then "key":).
 */
class MonitorJsonStateTest {
  private static final DevHandle A = DevHandle.netdevsim(10);
  private static final DevHandle B = DevHandle.netdevsim(11);

  private static Notification health(DevHandle dev, State state, long errors, long recovers) {
    return new Notification("init", Notification.Kind.HEALTH, Notification.Cmd.STATUS, dev,
        new HealthReporterSnapshot(dev, null, "dummy", state, errors, recovers, null, 0L, true, true));
  }

  private static String body(State s, long e, long r) {
    return "{\"reporter\":\"dummy\",\"state\":\"" + s.label + "\",\"error\":" + e + ",\"recover\":" + r
        + ",\"grace_period\":0,\"auto_recover\":true,\"auto_dump\":true}";
  }

  @Test
  void healthEventsAcrossHandles() {
    MonitorRenderer m = MonitorRenderer.create(true);
    // first event: {"mon":[ then the header object, "health":{, a new array for A, its entry;
    // handle_end closes the entry, the footer's two closes end the array (with '}') and "health"
    assertEquals("{\"mon\":[{\"command\":\"status\",\"health\":{\"netdevsim/netdevsim10\":[" + body(State.ERROR, 1, 0)
        + "}}", m.render(health(A, State.ERROR, 1, 0)));
    // same handle: no array start, the entry straight after "health":{
    assertEquals(",{\"command\":\"status\",\"health\":{" + body(State.HEALTHY, 1, 1) + "}}",
        m.render(health(A, State.HEALTHY, 1, 1)));
    // another handle: close_json_array right after "health":{ prints ']' (sep was '\0'), then the
    // new array's name comes after a ','
    assertEquals(",{\"command\":\"status\",\"health\":{],\"netdevsim/netdevsim11\":[" + body(State.ERROR, 1, 0) + "}}",
        m.render(health(B, State.ERROR, 1, 0)));
    assertEquals(",{\"command\":\"status\",\"health\":{],\"netdevsim/netdevsim10\":[" + body(State.ERROR, 2, 1) + "}}",
        m.render(health(A, State.ERROR, 2, 1)));
  }

  @Test
  void trapEventsCarryStatsOnlyOnceADeviceEventSetDlStats() {
    MonitorRenderer m = MonitorRenderer.create(true);
    Notification policer = new Notification("init", Notification.Kind.TRAP_POLICER, Notification.Cmd.NEW, A,
        new TrapPolicerSnapshot(A, 1, 1000, 128, new TrapPolicerSnapshot.Stats(0)));
    // before any device event dl->stats is false: pr_out_stats prints nothing (and the policer
    // case has no footer: its two objects stay open)
    assertEquals("{\"mon\":[{\"command\":\"new\",\"trap-policer\":{\"netdevsim/netdevsim10\":{\"policer\":1,\"rate\":1000,"
        + "\"burst\":128}", m.render(policer));
  }
}
