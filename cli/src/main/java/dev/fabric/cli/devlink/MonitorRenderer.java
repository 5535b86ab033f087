package dev.fabric.cli.devlink;

import dev.fabric.cli.out.DlOut;
import dev.fabric.cli.out.Print;
import dev.fabric.devlink.model.DevSnapshot;
import dev.fabric.devlink.model.FlashStatus;
import dev.fabric.devlink.model.Notification;
import dev.fabric.devlink.model.Param;
import dev.fabric.devlink.model.PortState;
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

  private MonitorRenderer(boolean json, Set<Notification.Kind> kinds) {
    this.out = new DlOut(json, false);
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

  /** Output before the first event (nothing: the JSON opener comes with the first event). */
  public String start() {
    return "";
  }

  /** The bytes the monitor prints for one notification (possibly none). */
  public String render(Notification n) {
    if (n.kind() == null || !kinds.contains(n.kind())) {
      return "";
    }
    if (out.jsonOutput() && !started) {
      out.openJsonObject(null);
      out.openJsonArray(Print.JSON, "mon");
    }
    started = true;
    header(n.kind().label, n.cmd().label);
    Object p = n.payload();
    switch (n.kind()) {
      case DEV -> Printers.dev(out, (DevSnapshot) p, true);
      case PORT -> Printers.port(out, (PortState) p);
      case PARAM -> Printers.param(out, (Param) p, false);
      case FLASH -> flash(out, (FlashStatus) p);
      default -> AreaPrinters.monitor(out, n);
    }
    if (TrapCommands.monitorFooter(n)) {
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

  /** pr_out_flash_update. */
  static void flash(DlOut o, FlashStatus f) {
    o.prOutHandleStart(f.dev().bus(), f.dev().name(), true, false);
    if (f.message() != null) {
      o.checkIndentNewline();
      o.printString(Print.ANY, "msg", "msg %s", f.message());
      if (f.component() != null) {
        o.checkIndentNewline();
        o.printString(Print.ANY, "component", "component %s", f.component());
      }
      o.prOutU64("done", f.done());
      o.prOutU64("total", f.total());
    }
    o.prOutHandleEnd();
  }
}
