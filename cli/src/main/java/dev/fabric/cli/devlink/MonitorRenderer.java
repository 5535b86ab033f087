package dev.fabric.cli.devlink;

import dev.fabric.cli.out.DlOut;
import dev.fabric.cli.out.Print;
import dev.fabric.devlink.model.DevSnapshot;
import dev.fabric.devlink.model.FlashStatus;
import dev.fabric.devlink.model.Notification;
import dev.fabric.devlink.model.Param;
import dev.fabric.devlink.model.PortState;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What `devlink monitor` prints for each notification (cmd_mon_show_cb): a "[object,cmd] " header
 * and the object's show output in text mode; one {"command":..,"object":{..}} element of a
 * never-closed {"mon":[ array in JSON mode. One renderer lives as long as one monitor process,
 * because iproute2's indentation state carries over between events (the text-mode artefacts).
 */
public final class MonitorRenderer {
  private final DlOut out;
  private final Set<Notification.Kind> kinds;
  private boolean started;
  /** dl->stats: set by -s, or by cmd_mon_show_cb when it prints a device event. */
  private boolean stats;

  private MonitorRenderer(boolean json, Set<Notification.Kind> kinds) {
    this(json, false, kinds);
  }

  private MonitorRenderer(boolean json, boolean pretty, Set<Notification.Kind> kinds) {
    // -p: iproute2's main() makes json_print's writer pretty for the whole run, the monitor's
    // never-closed {"mon":[ stream included (new_json_obj_plain, jsonw_pretty).
    this.out = new DlOut(json, pretty);
    this.kinds = kinds;
  }

  /** `devlink [-j] mon all`. */
  public static MonitorRenderer create(boolean json) {
    return new MonitorRenderer(json, Set.of(Notification.Kind.values()));
  }

  /** `devlink [-j] mon OBJECT...` (only the listed object groups). */
  public static MonitorRenderer create(boolean json, Set<Notification.Kind> kinds) {
    return new MonitorRenderer(json, kinds);
  }

  /** The words cmd_mon_show accepts (iproute2 6.1: exact names, no prefixes). */
  public static final List<String> OBJECTS =
      List.of("all", "dev", "port", "lc", "health", "trap", "trap-group", "trap-policer");

  /** The first word cmd_mon_show rejects ("Unknown object"), or null when all are objects. */
  public static String unknownObject(List<String> words) {
    for (String w : words) {
      if (!OBJECTS.contains(w)) {
        return w;
      }
    }
    return null;
  }

  /**
   * `devlink [-j] mon [ all | OBJECT-LIST ]` with its words as given (validate them first with
   * {@link #unknownObject}). cmd_filter_check: no words or "all" shows everything, otherwise an
   * event shows when its object name (cmd_obj) is one of the words.
   */
  public static MonitorRenderer create(boolean json, List<String> words) {
    return create(json, false, words);
  }

  /** As {@link #create(boolean, List)}, with -p (pretty JSON) as given. */
  public static MonitorRenderer create(boolean json, boolean pretty, List<String> words) {
    Set<Notification.Kind> kinds = EnumSet.noneOf(Notification.Kind.class);
    for (Notification.Kind k : Notification.Kind.values()) {
      if (words.isEmpty() || words.contains("all") || words.contains(k.label)) {
        kinds.add(k);
      }
    }
    return new MonitorRenderer(json, pretty, kinds);
  }

  /** Output before the first event (nothing: the JSON opener comes with the first event). */
  public String start() {
    return "";
  }

  /** The bytes the monitor prints for one notification (possibly none). */
  public String render(Notification n) {
    // cmd_mon_show_cb: iproute2 6.1 has no case for the rate commands (nor anything the model
    // does not name): such messages print nothing at all, not even a header.
    if (n.kind() == null || n.kind() == Notification.Kind.RATE || !kinds.contains(n.kind())) {
      return "";
    }
    if (out.jsonOutput() && !started) {
      out.openJsonObject(null);
      out.openJsonArray(Print.JSON, "mon");
    }
    started = true;
    header(n.kind().label, n.cmd().label);
    Notification.Payload p = n.payload();
    switch (n.kind()) {
      case DEV -> {
        stats = true;
        if (p instanceof DevSnapshot d) {
          Printers.dev(out, d, true);
        }
      }
      case TRAP, TRAP_GROUP, TRAP_POLICER -> TrapCommands.monitor(out, n, stats);
      case PORT -> {
        if (p instanceof PortState port) {
          Printers.port(out, port);
        }
      }
      case PARAM -> {
        if (p instanceof Param param) {
          Printers.param(out, param, false);
        }
      }
      case FLASH -> {
        if (p instanceof FlashStatus f) {
          flash(out, f, n.cmd() == Notification.Cmd.STATUS);
        }
      }
      default -> AreaPrinters.monitor(out, n);
    }
    // The trap-policer case of cmd_mon_show_cb lacks pr_out_mon_footer(): in JSON its two objects
    // stay open and the following events nest inside them.
    if (n.kind() != Notification.Kind.TRAP_POLICER) {
      footer();
    }
    return out.takeNew();
  }

  private void header(String obj, String cmd) {
    if (!out.isJsonContext()) {
      out.prOut("[%s,%s] ", obj, cmd);
    } else {
      out.openJsonObject(null);
      out.printString(Print.JSON, "command", null, cmd);
      out.openJsonObject(obj);
    }
  }

  private void footer() {
    if (out.isJsonContext()) {
      out.closeJsonObject();
      out.closeJsonObject();
    }
  }

  /**
   * pr_out_flash_update. The kernel (devlink_nl_flash_update_fill) puts msg and component only
   * when set, and done/total only into FLASH_UPDATE_STATUS messages; begin and end carry the
   * handle alone.
   */
  static void flash(DlOut o, FlashStatus f, boolean status) {
    o.prOutHandleStart(f.dev().bus(), f.dev().name(), true, false);
    if (status && f.message() != null) {
      o.checkIndentNewline();
      o.printString(Print.ANY, "msg", "msg %s", f.message());
    }
    if (status && f.component() != null) {
      o.checkIndentNewline();
      o.printString(Print.ANY, "component", "component %s", f.component());
    }
    if (status) {
      o.prOutU64("done", f.done());
      o.prOutU64("total", f.total());
    }
    o.prOutHandleEnd();
  }
}
