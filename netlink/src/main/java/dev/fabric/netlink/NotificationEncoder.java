package dev.fabric.netlink;

import static dev.fabric.netlink.DevlinkUapi.*;

import dev.fabric.devlink.model.DevSnapshot;
import dev.fabric.devlink.model.Notification;
import dev.fabric.devlink.model.Param;
import dev.fabric.devlink.model.PortState;

/** The devlink multicast message of a fabric notification (portid 0, seq 0, as the kernel sends them). */
final class NotificationEncoder {
  private NotificationEncoder() {}

  static byte[] encode(Notification n) {
    boolean del = n.cmd() == Notification.Cmd.DEL;
    NlWriter w = new NlWriter();
    switch (n.kind()) {
      case DEV -> {
        if (!(n.payload() instanceof DevSnapshot d)) {
          return null;
        }
        begin(w, del ? DEVLINK_CMD_DEL : DEVLINK_CMD_NEW);
        DevlinkEncoder.dev(w, d);
      }
      case PORT -> {
        if (!(n.payload() instanceof PortState p)) {
          return null;
        }
        begin(w, del ? DEVLINK_CMD_PORT_DEL : DEVLINK_CMD_PORT_NEW);
        DevlinkEncoder.port(w, p, null);
      }
      case PARAM -> {
        if (!(n.payload() instanceof Param p)) {
          return null;
        }
        begin(w, del ? DEVLINK_CMD_PARAM_DEL : DEVLINK_CMD_PARAM_NEW);
        DevlinkEncoder.param(w, p);
      }
      default -> {
        return null;
      }
    }
    w.end();
    return w.toBytes();
  }

  private static void begin(NlWriter w, int cmd) {
    w.begin(GenlHandler.DEVLINK_FAMILY_ID, 0, 0, 0, cmd, DEVLINK_GENL_VERSION);
  }
}
