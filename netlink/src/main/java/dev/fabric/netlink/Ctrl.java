package dev.fabric.netlink;

import static dev.fabric.netlink.NlUapi.*;

import java.util.List;

/**
 * nlctrl (net/netlink/genetlink.c): family resolution by name or id, and the family dump. The
 * emulated kernel registers two families, nlctrl and devlink.
 */
final class Ctrl implements GenlHandler.Family {
  static final Ctrl FAMILY = new Ctrl();

  /** A registered family as ctrl_fill_info reports it. */
  record Info(String name, int id, int version, int hdrsize, int maxattr, List<GenlHandler.GenlOp> ops,
      boolean hasPolicy, String group, int groupId) {}

  static final GenlHandler.GenlOp GETFAMILY =
      new GenlHandler.GenlOp(CTRL_CMD_GETFAMILY, false, true, true, false, false, true, "");

  static final Info NLCTRL = new Info("nlctrl", GENL_ID_CTRL, 2, 0, 0, List.of(GETFAMILY), true, "notify",
      GenlHandler.NLCTRL_MCGRP_NOTIFY_ID);
  static final Info DEVLINK = new Info(DevlinkFamily.NAME, GenlHandler.DEVLINK_FAMILY_ID, DevlinkUapi.DEVLINK_GENL_VERSION, 0,
      DevlinkUapi.DEVLINK_ATTR_MAX, DevlinkFamily.OPS, true, DevlinkFamily.MCGRP_CONFIG_NAME,
      GenlHandler.DEVLINK_MCGRP_CONFIG_ID);
  static final List<Info> FAMILIES = List.of(NLCTRL, DEVLINK);

  @Override
  public int resvStartOp() {
    return CTRL_CMD_GETPOLICY + 1;
  }

  @Override
  public GenlHandler.GenlOp op(int cmd) {
    return cmd == CTRL_CMD_GETFAMILY ? GETFAMILY : null;
  }

  @Override
  public Policy policy() {
    return Policy.CTRL_FAMILY;
  }

  /** ctrl_fill_info. */
  static void fill(NlWriter w, Info f) {
    w.string(CTRL_ATTR_FAMILY_NAME, f.name());
    w.u16(CTRL_ATTR_FAMILY_ID, f.id());
    w.u32(CTRL_ATTR_VERSION, f.version());
    w.u32(CTRL_ATTR_HDRSIZE, f.hdrsize());
    w.u32(CTRL_ATTR_MAXATTR, f.maxattr());
    w.nestNoFlag(CTRL_ATTR_OPS);
    int i = 1;
    for (GenlHandler.GenlOp op : f.ops()) {
      w.nestNoFlag(i++);
      w.u32(CTRL_ATTR_OP_ID, op.cmd());
      w.u32(CTRL_ATTR_OP_FLAGS, op.capFlags(f.hasPolicy()));
      w.endNest();
    }
    w.endNest();
    w.nestNoFlag(CTRL_ATTR_MCAST_GROUPS);
    w.nestNoFlag(1);
    w.u32(CTRL_ATTR_MCAST_GRP_ID, f.groupId());
    w.string(CTRL_ATTR_MCAST_GRP_NAME, f.group());
    w.endNest();
    w.endNest();
  }

  static Info byId(int id) {
    return FAMILIES.stream().filter(f -> f.id() == id).findFirst().orElse(null);
  }

  /** ctrl_getfamily: the id is looked up first, the name (when given too) wins. */
  @Override
  public NlError doit(NlMessage m, GenlHandler.GenlOp op, Attrs a, NlSock s, List<byte[]> out) {
    Info res = null;
    int err = -22;
    if (a.has(CTRL_ATTR_FAMILY_ID)) {
      res = byId(a.u16(CTRL_ATTR_FAMILY_ID));
      err = -2;
    }
    if (a.has(CTRL_ATTR_FAMILY_NAME)) {
      String name = a.str(CTRL_ATTR_FAMILY_NAME);
      res = FAMILIES.stream().filter(f -> f.name().equals(name)).findFirst().orElse(null);
      err = -2;
    }
    if (res == null) {
      return NlError.of(err);
    }
    NlWriter w = new NlWriter();
    w.begin(GENL_ID_CTRL, 0, m.seq(), s.portid(), CTRL_CMD_NEWFAMILY, NLCTRL.version());
    fill(w, res);
    w.end();
    out.add(w.toBytes());
    return null;
  }

  /** ctrl_dumpfamily: every family, in id order. */
  @Override
  public NlError dumpit(NlMessage m, GenlHandler.GenlOp op, Attrs a, NlSock s, GenlHandler.Dump dump) {
    for (Info f : FAMILIES) {
      dump.add(GENL_ID_CTRL, CTRL_CMD_NEWFAMILY, NLCTRL.version(), w -> fill(w, f));
    }
    return null;
  }
}
