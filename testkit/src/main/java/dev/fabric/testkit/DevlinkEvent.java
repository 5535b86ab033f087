package dev.fabric.testkit;

import dev.fabric.devlink.model.DevHandle;
import dev.fabric.devlink.model.Notification;
import dev.fabric.devlink.model.Notification.Cmd;
import dev.fabric.devlink.model.Notification.Kind;
import dev.fabric.devlink.model.PortHandle;
import dev.fabric.devlink.model.PortState;
import dev.fabric.devlink.model.RateSnapshot;
import java.util.Objects;

/**
 * A pattern over devlink notifications: object group, command, device and (for port events) port
 * index; a null part matches anything. Reads as what {@code devlink mon} prints:
 * {@code [port,new] netdevsim/netdevsim10/3}.
 */
public record DevlinkEvent(Kind kind, Cmd cmd, DevHandle dev, Long port) {

  public static DevlinkEvent newDev(DevHandle dev) {
    return new DevlinkEvent(Kind.DEV, Cmd.NEW, dev, null);
  }

  public static DevlinkEvent delDev(DevHandle dev) {
    return new DevlinkEvent(Kind.DEV, Cmd.DEL, dev, null);
  }

  public static DevlinkEvent newPort(PortHandle port) {
    return new DevlinkEvent(Kind.PORT, Cmd.NEW, port.dev(), port.index());
  }

  public static DevlinkEvent delPort(PortHandle port) {
    return new DevlinkEvent(Kind.PORT, Cmd.DEL, port.dev(), port.index());
  }

  /** Any event of {@code kind} and {@code cmd} for {@code dev} (any port, any object). */
  public static DevlinkEvent of(Kind kind, Cmd cmd, DevHandle dev) {
    return new DevlinkEvent(kind, cmd, dev, null);
  }

  /** Every event of one device. */
  public static DevlinkEvent anyFor(DevHandle dev) {
    return new DevlinkEvent(null, null, dev, null);
  }

  /** Every event of this group and command, whatever the device. */
  public static DevlinkEvent any(Kind kind, Cmd cmd) {
    return new DevlinkEvent(kind, cmd, null, null);
  }

  public boolean matches(Notification n) {
    if (n.kind() == null) {
      return false; // a fence marker, not a devlink message
    }
    return (kind == null || kind == n.kind()) && (cmd == null || cmd == n.cmd())
        && (dev == null || dev.equals(n.dev())) && (port == null || Objects.equals(port, portIndex(n)));
  }

  /** The port a notification is about, when it is about one. */
  static Long portIndex(Notification n) {
    if (n.payload() instanceof PortState p) {
      return p.index();
    }
    if (n.payload() instanceof RateSnapshot r) {
      return r.portIndex();
    }
    return null;
  }

  @Override
  public String toString() {
    String obj = (kind == null ? "*" : kind.label) + "," + (cmd == null ? "*" : cmd.label);
    String where = dev == null ? "any device" : dev + (port == null ? "" : "/" + port);
    return "[" + obj + "] " + where;
  }
}
