package dev.fabric.netlink;

import static dev.fabric.netlink.DevlinkUapi.*;

import dev.fabric.devlink.model.DevSnapshot;
import dev.fabric.devlink.model.FlashStatus;
import dev.fabric.devlink.model.HealthReporterSnapshot;
import dev.fabric.devlink.model.Notification;
import dev.fabric.devlink.model.Param;
import dev.fabric.devlink.model.PortState;
import dev.fabric.devlink.model.RegionEvent;
import dev.fabric.devlink.model.TrapGroupSnapshot;
import dev.fabric.devlink.model.TrapPolicerSnapshot;
import dev.fabric.devlink.model.TrapSnapshot;
import java.util.function.Consumer;

/**
 * The devlink multicast message of a fabric notification (portid 0, seq 0, flags 0, as
 * genlmsg_multicast_netns sends them), with the command the kernel's *_notify function uses.
 */
final class NotificationEncoder {
  private NotificationEncoder() {}

  static byte[] encode(Notification n) {
    boolean del = n.cmd() == Notification.Cmd.DEL;
    Notification.Payload p = n.payload();
    return switch (n.kind()) {
      case DEV -> p instanceof DevSnapshot d ? build(del ? DEVLINK_CMD_DEL : DEVLINK_CMD_NEW, w -> DevlinkEncoder.dev(w, d)) : null;
      case PORT -> p instanceof PortState s
          ? build(del ? DEVLINK_CMD_PORT_DEL : DEVLINK_CMD_PORT_NEW, w -> DevlinkEncoder.port(w, s, null)) : null;
      case PARAM -> p instanceof Param s
          ? build(del ? DEVLINK_CMD_PARAM_DEL : DEVLINK_CMD_PARAM_NEW, w -> DevlinkEncoder.param(w, s)) : null;
      case REGION -> p instanceof RegionEvent e
          ? build(del ? DEVLINK_CMD_REGION_DEL : DEVLINK_CMD_REGION_NEW, w -> DevlinkEncoder.regionEvent(w, e)) : null;
      case HEALTH -> p instanceof HealthReporterSnapshot r
          ? build(DEVLINK_CMD_HEALTH_REPORTER_RECOVER, w -> DevlinkEncoder.reporter(w, r)) : null;
      case TRAP -> p instanceof TrapSnapshot t
          ? build(del ? DEVLINK_CMD_TRAP_DEL : DEVLINK_CMD_TRAP_NEW, w -> DevlinkEncoder.trap(w, t)) : null;
      case TRAP_GROUP -> p instanceof TrapGroupSnapshot g
          ? build(del ? DEVLINK_CMD_TRAP_GROUP_DEL : DEVLINK_CMD_TRAP_GROUP_NEW, w -> DevlinkEncoder.trapGroup(w, g)) : null;
      case TRAP_POLICER -> p instanceof TrapPolicerSnapshot t
          ? build(del ? DEVLINK_CMD_TRAP_POLICER_DEL : DEVLINK_CMD_TRAP_POLICER_NEW, w -> DevlinkEncoder.policer(w, t))
          : null;
      case FLASH -> p instanceof FlashStatus f ? build(switch (n.cmd()) {
        case BEGIN -> DEVLINK_CMD_FLASH_UPDATE;
        case END -> DEVLINK_CMD_FLASH_UPDATE_END;
        default -> DEVLINK_CMD_FLASH_UPDATE_STATUS;
      }, w -> DevlinkEncoder.flash(w, f, n.cmd() == Notification.Cmd.STATUS)) : null;
      default -> null;
    };
  }

  private static byte[] build(int cmd, Consumer<NlWriter> fill) {
    NlWriter w = new NlWriter();
    w.begin(GenlHandler.DEVLINK_FAMILY_ID, 0, 0, 0, cmd, DEVLINK_GENL_VERSION);
    fill.accept(w);
    w.end();
    return w.toBytes();
  }
}
