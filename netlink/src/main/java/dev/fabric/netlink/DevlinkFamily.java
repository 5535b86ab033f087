package dev.fabric.netlink;

import static dev.fabric.netlink.DevlinkUapi.*;

import dev.fabric.devlink.client.Fabric;
import dev.fabric.devlink.model.DevHandle;
import dev.fabric.devlink.model.DevOp;
import dev.fabric.devlink.model.DevSnapshot;
import dev.fabric.devlink.model.Errno;
import dev.fabric.devlink.model.InfoSnapshot;
import dev.fabric.devlink.model.Op;
import dev.fabric.devlink.model.Param;
import dev.fabric.devlink.model.ParamOp;
import dev.fabric.devlink.model.PortOp;
import dev.fabric.devlink.model.PortState;
import dev.fabric.devlink.model.Fmsg;
import dev.fabric.devlink.model.HealthOp;
import dev.fabric.devlink.model.HealthReporterSnapshot;
import dev.fabric.devlink.model.RateOp;
import dev.fabric.devlink.model.RateSnapshot;
import dev.fabric.devlink.model.RegionEvent;
import dev.fabric.devlink.model.RegionOp;
import dev.fabric.devlink.model.RegionSnapshot;
import dev.fabric.devlink.model.ResourceDump;
import dev.fabric.devlink.model.ResourceOp;
import dev.fabric.devlink.model.ResourceSnapshot;
import dev.fabric.devlink.model.TrapGroupSnapshot;
import dev.fabric.devlink.model.TrapOp;
import dev.fabric.devlink.model.TrapPolicerSnapshot;
import dev.fabric.devlink.model.TrapSnapshot;
import dev.fabric.devlink.model.Ack;
import dev.fabric.devlink.model.ParamValue;
import dev.fabric.devlink.model.Reply;
import dev.fabric.devlink.model.ReplyValue;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * The devlink generic-netlink family of Linux 6.1 (net/devlink/leftover.c): requests decoded into
 * the fabric's typed ops, replies encoded as the kernel's fill functions encode them.
 */
final class DevlinkFamily implements GenlHandler.Family {
  static final String NAME = "devlink";
  static final String MCGRP_CONFIG_NAME = "config";

  /** devlink_nl_ops, in source order (flags: admin, doit, dumpit, strict doit, dump validated, dump strict). */
  static final List<GenlHandler.GenlOp> OPS = List.of(
      op(DEVLINK_CMD_GET, false, true, true, false, false, true, ""),
      op(DEVLINK_CMD_PORT_GET, false, true, true, false, false, true, "NEED_PORT"),
      op(DEVLINK_CMD_PORT_SET, true, true, false, false, false, true, "NEED_PORT"),
      op(DEVLINK_CMD_RATE_GET, false, true, true, true, true, true, "NEED_RATE"),
      op(DEVLINK_CMD_RATE_SET, true, true, false, true, true, true, "NEED_RATE"),
      op(DEVLINK_CMD_RATE_NEW, true, true, false, true, true, true, ""),
      op(DEVLINK_CMD_RATE_DEL, true, true, false, true, true, true, "NEED_RATE_NODE"),
      op(DEVLINK_CMD_PORT_SPLIT, true, true, false, false, false, true, "NEED_PORT"),
      op(DEVLINK_CMD_PORT_UNSPLIT, true, true, false, false, false, true, "NEED_PORT"),
      op(DEVLINK_CMD_PORT_NEW, true, true, false, true, true, true, ""),
      op(DEVLINK_CMD_PORT_DEL, true, true, false, true, true, true, ""),
      op(DEVLINK_CMD_LINECARD_GET, false, true, true, true, true, true, "NEED_LINECARD"),
      op(DEVLINK_CMD_LINECARD_SET, true, true, false, true, true, true, "NEED_LINECARD"),
      op(DEVLINK_CMD_SB_GET, false, true, true, false, false, true, ""),
      op(DEVLINK_CMD_SB_POOL_GET, false, true, true, false, false, true, ""),
      op(DEVLINK_CMD_SB_POOL_SET, true, true, false, false, false, true, ""),
      op(DEVLINK_CMD_SB_PORT_POOL_GET, false, true, true, false, false, true, "NEED_PORT"),
      op(DEVLINK_CMD_SB_PORT_POOL_SET, true, true, false, false, false, true, "NEED_PORT"),
      op(DEVLINK_CMD_SB_TC_POOL_BIND_GET, false, true, true, false, false, true, "NEED_PORT"),
      op(DEVLINK_CMD_SB_TC_POOL_BIND_SET, true, true, false, false, false, true, "NEED_PORT"),
      op(DEVLINK_CMD_SB_OCC_SNAPSHOT, true, true, false, false, false, true, ""),
      op(DEVLINK_CMD_SB_OCC_MAX_CLEAR, true, true, false, false, false, true, ""),
      op(DEVLINK_CMD_ESWITCH_GET, true, true, false, false, false, true, ""),
      op(DEVLINK_CMD_ESWITCH_SET, true, true, false, false, false, true, ""),
      op(DEVLINK_CMD_DPIPE_TABLE_GET, false, true, false, false, false, true, ""),
      op(DEVLINK_CMD_DPIPE_ENTRIES_GET, false, true, false, false, false, true, ""),
      op(DEVLINK_CMD_DPIPE_HEADERS_GET, false, true, false, false, false, true, ""),
      op(DEVLINK_CMD_DPIPE_TABLE_COUNTERS_SET, true, true, false, false, false, true, ""),
      op(DEVLINK_CMD_RESOURCE_SET, true, true, false, false, false, true, ""),
      op(DEVLINK_CMD_RESOURCE_DUMP, false, true, false, false, false, true, ""),
      op(DEVLINK_CMD_RELOAD, true, true, false, false, false, true, ""),
      op(DEVLINK_CMD_PARAM_GET, false, true, true, false, false, true, ""),
      op(DEVLINK_CMD_PARAM_SET, true, true, false, false, false, true, ""),
      op(DEVLINK_CMD_PORT_PARAM_GET, false, true, true, false, false, true, "NEED_PORT"),
      op(DEVLINK_CMD_PORT_PARAM_SET, true, true, false, false, false, true, "NEED_PORT"),
      op(DEVLINK_CMD_REGION_GET, true, true, true, false, false, true, ""),
      op(DEVLINK_CMD_REGION_NEW, true, true, false, false, false, true, ""),
      op(DEVLINK_CMD_REGION_DEL, true, true, false, false, false, true, ""),
      op(DEVLINK_CMD_REGION_READ, true, false, true, false, true, false, ""),
      op(DEVLINK_CMD_INFO_GET, false, true, true, false, false, true, ""),
      op(DEVLINK_CMD_HEALTH_REPORTER_GET, false, true, true, false, false, true, "NEED_DEVLINK_OR_PORT"),
      op(DEVLINK_CMD_HEALTH_REPORTER_SET, true, true, false, false, false, true, "NEED_DEVLINK_OR_PORT"),
      op(DEVLINK_CMD_HEALTH_REPORTER_RECOVER, true, true, false, false, false, true, "NEED_DEVLINK_OR_PORT"),
      op(DEVLINK_CMD_HEALTH_REPORTER_DIAGNOSE, true, true, false, false, false, true, "NEED_DEVLINK_OR_PORT"),
      op(DEVLINK_CMD_HEALTH_REPORTER_DUMP_GET, true, false, true, false, true, false, ""),
      op(DEVLINK_CMD_HEALTH_REPORTER_DUMP_CLEAR, true, true, false, false, false, true, "NEED_DEVLINK_OR_PORT"),
      op(DEVLINK_CMD_HEALTH_REPORTER_TEST, true, true, false, false, false, true, "NEED_DEVLINK_OR_PORT"),
      op(DEVLINK_CMD_FLASH_UPDATE, true, true, false, false, false, true, ""),
      op(DEVLINK_CMD_TRAP_GET, false, true, true, true, true, true, ""),
      op(DEVLINK_CMD_TRAP_SET, true, true, false, true, true, true, ""),
      op(DEVLINK_CMD_TRAP_GROUP_GET, false, true, true, true, true, true, ""),
      op(DEVLINK_CMD_TRAP_GROUP_SET, true, true, false, true, true, true, ""),
      op(DEVLINK_CMD_TRAP_POLICER_GET, false, true, true, true, true, true, ""),
      op(DEVLINK_CMD_TRAP_POLICER_SET, true, true, false, true, true, true, ""),
      op(DEVLINK_CMD_SELFTESTS_GET, false, true, true, true, true, true, ""),
      op(DEVLINK_CMD_SELFTESTS_RUN, true, true, false, true, true, true, ""));

  private static GenlHandler.GenlOp op(int cmd, boolean admin, boolean doit, boolean dump, boolean strict,
      boolean dumpValidate, boolean dumpStrict, String internal) {
    return new GenlHandler.GenlOp(cmd, admin, doit, dump, strict, dumpValidate, dumpStrict, internal);
  }

  private final Fabric fabric;

  DevlinkFamily(Fabric fabric) {
    this.fabric = fabric;
  }

  @Override
  public int resvStartOp() {
    return DEVLINK_CMD_SELFTESTS_RUN + 1;
  }

  @Override
  public GenlHandler.GenlOp op(int cmd) {
    for (GenlHandler.GenlOp o : OPS) {
      if (o.cmd() == cmd) {
        return o;
      }
    }
    return null;
  }

  @Override
  public Policy policy() {
    return Policy.DEVLINK;
  }

  static NlError kernelError(Reply.Err<?> e) {
    return NlError.of(-e.errno().code, kernelText(e.extack().orElse(null)));
  }

  /**
   * The fabric keeps extack messages as iproute2 prints them, with a final period (iproute2 adds
   * one when the kernel's text has none). On the wire the kernel's own text goes: these are the
   * only devlink core and netdevsim messages of 6.1 that end with a period (grep NL_SET_ERR_MSG
   * in net/devlink/leftover.c and drivers/net/netdevsim/).
   */
  static final java.util.Set<String> KERNEL_MESSAGES_WITH_PERIOD = java.util.Set.of(
      "Rate object already has parent.", "Node is already a parent of parent node.",
      "Node has children. Cannot delete node.", "Rate node(s) exists.",
      "TX rate value not in link speed units of 1Mbps.", "TX rate value exceed link maximum speed 5000Mbps.",
      "Node creation allowed only in switchdev mode.");

  static String kernelText(String extack) {
    if (extack == null || !extack.endsWith(".")) {
      return extack;
    }
    int colon = extack.indexOf(": ");
    String bare = colon >= 0 ? extack.substring(colon + 2) : extack;
    return KERNEL_MESSAGES_WITH_PERIOD.contains(bare) ? extack : extack.substring(0, extack.length() - 1);
  }

  /** A doit's context: the request, its attributes, where the reply goes. */
  private record Req(NlMessage m, Attrs a, NlSock s, List<byte[]> out) {
    void reply(int cmd, java.util.function.Consumer<NlWriter> fill) {
      NlWriter w = new NlWriter();
      w.begin(m.type(), 0, m.seq(), s.portid(), cmd, DEVLINK_GENL_VERSION);
      fill.accept(w);
      w.end();
      out.add(w.toBytes());
    }
  }

  /** devlink_get_from_attrs: both handle attributes, or EINVAL. */
  private static DevHandle devHandle(Attrs a) {
    if (!a.has(DEVLINK_ATTR_BUS_NAME) || !a.has(DEVLINK_ATTR_DEV_NAME)) {
      return null;
    }
    return new DevHandle(a.str(DEVLINK_ATTR_BUS_NAME), a.str(DEVLINK_ATTR_DEV_NAME));
  }

  private <R extends ReplyValue> Reply<R> call(NlSock s, DevHandle dev, Op<R> op) {
    return fabric.requestSync(s.netns(), dev, op);
  }

  /** An error found in the attributes after pre_doit: a missing instance answers ENODEV first. */
  private NlError afterPreDoit(NlSock s, DevHandle dev, NlError e) {
    if (!fabric.listSync(s.netns()).contains(dev)) {
      return NlError.of(-Errno.ENODEV.code);
    }
    return e;
  }

  private static NlError ok(Reply<?> r) {
    if (r instanceof Reply.Err<?> e) {
      return kernelError(e);
    }
    return ((Reply.Ok<?>) r).warning().map(w -> new NlError(0, kernelText(w), -1, null)).orElse(null);
  }

  private static final String MOD = "leftover: ";

  /** A string attribute, or "" when absent (the kernel's lookups find nothing either way). */
  private static String name(Attrs a, int type) {
    return a.has(type) ? a.str(type) : "";
  }

  private static Long optU64(Attrs a, int type) {
    return a.has(type) ? a.u64(type) : null;
  }

  /** A doit whose value (when {@code fill} is given) is sent as one reply message of {@code cmd}. */
  private <R extends ReplyValue> NlError answer(Req q, DevHandle dev, Op<R> op, int cmd,
      java.util.function.BiConsumer<NlWriter, R> fill) {
    Reply<R> r = call(q.s(), dev, op);
    if (r instanceof Reply.Ok<R> ok && fill != null) {
      q.reply(cmd, w -> fill.accept(w, ok.value()));
    }
    return ok(r);
  }

  @Override
  public NlError doit(NlMessage m, GenlHandler.GenlOp op, Attrs a, NlSock s, List<byte[]> out) {
    DevHandle dev = devHandle(a);
    if (dev == null) {
      return NlError.of(-22);
    }
    Req q = new Req(m, a, s, out);
    String internal = op.internal();
    if (internal.equals("NEED_PORT") && !a.has(DEVLINK_ATTR_PORT_INDEX)) {
      return afterPreDoit(s, dev, NlError.of(-22));
    }
    long port = a.has(DEVLINK_ATTR_PORT_INDEX) ? a.u32(DEVLINK_ATTR_PORT_INDEX) : -1;
    if (internal.equals("NEED_DEVLINK_OR_PORT") && port >= 0) {
      // devlink_health_reporter_get_from_attrs: an existing port's reporters are searched (netdevsim
      // registers none: EINVAL); a port index that names no port falls back, surprisingly, to the
      // device's reporters (devlink_nl_pre_doit ignores the failed port lookup).
      Reply<PortState> r = call(s, dev, new PortOp.Get(port));
      if (r instanceof Reply.Ok) {
        return NlError.of(-22);
      }
      if (r instanceof Reply.Err<PortState> e && e.errno() != Errno.ENODEV) {
        return kernelError(e);
      }
    }
    switch (op.cmd()) {
      case DEVLINK_CMD_GET:
        return answer(q, dev, new DevOp.Get(), DEVLINK_CMD_NEW, DevlinkEncoder::dev);
      case DEVLINK_CMD_PORT_GET:
        return answer(q, dev, new PortOp.Get(port), DEVLINK_CMD_PORT_NEW,
            (w, v) -> DevlinkEncoder.port(w, v, null));
      case DEVLINK_CMD_PORT_SET:
        return portSet(q, dev, port);
      case DEVLINK_CMD_PORT_SPLIT:
        if (!a.has(DEVLINK_ATTR_PORT_SPLIT_COUNT)) {
          return afterPreDoit(s, dev, NlError.missing(DEVLINK_ATTR_PORT_SPLIT_COUNT));
        }
        return answer(q, dev, new PortOp.Split(port, (int) a.u32(DEVLINK_ATTR_PORT_SPLIT_COUNT)), 0, null);
      case DEVLINK_CMD_PORT_UNSPLIT:
        return answer(q, dev, new PortOp.Unsplit(port), 0, null);
      case DEVLINK_CMD_INFO_GET:
        return answer(q, dev, new DevOp.InfoGet(), DEVLINK_CMD_INFO_GET,
            DevlinkEncoder::info);
      case DEVLINK_CMD_ESWITCH_GET:
        return answer(q, dev, new DevOp.EswitchGet(), DEVLINK_CMD_ESWITCH_GET,
            DevlinkEncoder::eswitch);
      case DEVLINK_CMD_ESWITCH_SET:
        return eswitchSet(q, dev);
      case DEVLINK_CMD_RELOAD:
        return reload(q, dev);
      case DEVLINK_CMD_PARAM_GET:
        return answer(q, dev, new ParamOp.Get(name(a, DEVLINK_ATTR_PARAM_NAME)), DEVLINK_CMD_PARAM_GET,
            DevlinkEncoder::param);
      case DEVLINK_CMD_PARAM_SET:
        return paramSet(q, dev);
      case DEVLINK_CMD_FLASH_UPDATE:
        return flash(q, dev);
      case DEVLINK_CMD_RESOURCE_DUMP:
        return resourceDump(q, dev);
      case DEVLINK_CMD_RESOURCE_SET:
        if (!a.has(DEVLINK_ATTR_RESOURCE_ID)) {
          return afterPreDoit(s, dev, NlError.missing(DEVLINK_ATTR_RESOURCE_ID));
        }
        if (!a.has(DEVLINK_ATTR_RESOURCE_SIZE)) {
          return afterPreDoit(s, dev, NlError.missing(DEVLINK_ATTR_RESOURCE_SIZE));
        }
        return answer(q, dev, new ResourceOp.Set(a.u64(DEVLINK_ATTR_RESOURCE_ID), a.u64(DEVLINK_ATTR_RESOURCE_SIZE)), 0,
            null);
      case DEVLINK_CMD_REGION_GET:
        if (!a.has(DEVLINK_ATTR_REGION_NAME)) {
          return afterPreDoit(s, dev, NlError.missing(DEVLINK_ATTR_REGION_NAME));
        }
        return answer(q, dev, new RegionOp.Get(a.str(DEVLINK_ATTR_REGION_NAME)), DEVLINK_CMD_REGION_GET,
            DevlinkEncoder::region);
      case DEVLINK_CMD_REGION_NEW:
        if (!a.has(DEVLINK_ATTR_REGION_NAME)) {
          return afterPreDoit(s, dev, NlError.of(-22, "No region name provided"));
        }
      {
        Reply<RegionOp.Taken> taken = call(s, dev, RegionOp.New.of(a.str(DEVLINK_ATTR_REGION_NAME),
            a.has(DEVLINK_ATTR_REGION_SNAPSHOT_ID) ? a.u32(DEVLINK_ATTR_REGION_SNAPSHOT_ID) : null));
        if (taken instanceof Reply.Ok<RegionOp.Taken> ok) {
          ok.value().message().ifPresent(e -> q.reply(DEVLINK_CMD_REGION_NEW, w -> DevlinkEncoder.regionEvent(w, e)));
        }
        return ok(taken);
      }
      case DEVLINK_CMD_REGION_DEL:
        if (!a.has(DEVLINK_ATTR_REGION_NAME)) {
          return afterPreDoit(s, dev, NlError.missing(DEVLINK_ATTR_REGION_NAME));
        }
        if (!a.has(DEVLINK_ATTR_REGION_SNAPSHOT_ID)) {
          return afterPreDoit(s, dev, NlError.missing(DEVLINK_ATTR_REGION_SNAPSHOT_ID));
        }
        return answer(q, dev, new RegionOp.Del(a.str(DEVLINK_ATTR_REGION_NAME), a.u32(DEVLINK_ATTR_REGION_SNAPSHOT_ID)),
            0, null);
      case DEVLINK_CMD_HEALTH_REPORTER_GET:
        return answer(q, dev, new HealthOp.Get(name(a, DEVLINK_ATTR_HEALTH_REPORTER_NAME)),
            DEVLINK_CMD_HEALTH_REPORTER_GET, DevlinkEncoder::reporter);
      case DEVLINK_CMD_HEALTH_REPORTER_SET:
        return answer(q, dev, HealthOp.Set.of(name(a, DEVLINK_ATTR_HEALTH_REPORTER_NAME),
            optU64(a, DEVLINK_ATTR_HEALTH_REPORTER_GRACEFUL_PERIOD),
            a.has(DEVLINK_ATTR_HEALTH_REPORTER_AUTO_RECOVER) ? a.u8(DEVLINK_ATTR_HEALTH_REPORTER_AUTO_RECOVER) != 0 : null,
            a.has(DEVLINK_ATTR_HEALTH_REPORTER_AUTO_DUMP) ? a.u8(DEVLINK_ATTR_HEALTH_REPORTER_AUTO_DUMP) != 0 : null),
            0, null);
      case DEVLINK_CMD_HEALTH_REPORTER_RECOVER:
        return answer(q, dev, new HealthOp.Recover(name(a, DEVLINK_ATTR_HEALTH_REPORTER_NAME)), 0, null);
      case DEVLINK_CMD_HEALTH_REPORTER_TEST:
        return answer(q, dev, new HealthOp.Test(name(a, DEVLINK_ATTR_HEALTH_REPORTER_NAME)), 0, null);
      case DEVLINK_CMD_HEALTH_REPORTER_DUMP_CLEAR:
        return answer(q, dev, new HealthOp.DumpClear(name(a, DEVLINK_ATTR_HEALTH_REPORTER_NAME)), 0, null);
      case DEVLINK_CMD_HEALTH_REPORTER_DIAGNOSE:
        return diagnose(q, dev);
      case DEVLINK_CMD_TRAP_GET:
        return answer(q, dev, new TrapOp.Get(name(a, DEVLINK_ATTR_TRAP_NAME), true), DEVLINK_CMD_TRAP_NEW,
            DevlinkEncoder::trap);
      case DEVLINK_CMD_TRAP_GROUP_GET:
        return answer(q, dev, new TrapOp.GroupGet(name(a, DEVLINK_ATTR_TRAP_GROUP_NAME), true),
            DEVLINK_CMD_TRAP_GROUP_NEW, DevlinkEncoder::trapGroup);
      case DEVLINK_CMD_TRAP_POLICER_GET:
        return answer(q, dev, new TrapOp.PolicerGet(a.has(DEVLINK_ATTR_TRAP_POLICER_ID) ? a.u32(DEVLINK_ATTR_TRAP_POLICER_ID)
            : 0, true), DEVLINK_CMD_TRAP_POLICER_NEW, DevlinkEncoder::policer);
      case DEVLINK_CMD_TRAP_SET: {
        String action = null;
        if (a.has(DEVLINK_ATTR_TRAP_ACTION)) {
          action = DevlinkEncoder.trapActionName(a.u8(DEVLINK_ATTR_TRAP_ACTION));
          if (action == null) {
            return afterPreDoit(s, dev, NlError.of(-22, MOD + "Invalid trap action"));
          }
        }
        return answer(q, dev, TrapOp.Set.of(name(a, DEVLINK_ATTR_TRAP_NAME), action), 0, null);
      }
      case DEVLINK_CMD_TRAP_GROUP_SET: {
        String action = null;
        if (a.has(DEVLINK_ATTR_TRAP_ACTION)) {
          action = DevlinkEncoder.trapActionName(a.u8(DEVLINK_ATTR_TRAP_ACTION));
          if (action == null) {
            return afterPreDoit(s, dev, NlError.of(-22, MOD + "Invalid trap action"));
          }
        }
        return answer(q, dev, TrapOp.GroupSet.of(name(a, DEVLINK_ATTR_TRAP_GROUP_NAME), action,
            a.has(DEVLINK_ATTR_TRAP_POLICER_ID) ? a.u32(DEVLINK_ATTR_TRAP_POLICER_ID) : null), 0, null);
      }
      case DEVLINK_CMD_TRAP_POLICER_SET:
        return answer(q, dev, TrapOp.PolicerSet.of(a.has(DEVLINK_ATTR_TRAP_POLICER_ID) ? a.u32(DEVLINK_ATTR_TRAP_POLICER_ID)
            : 0, optU64(a, DEVLINK_ATTR_TRAP_POLICER_RATE), optU64(a, DEVLINK_ATTR_TRAP_POLICER_BURST)), 0, null);
      case DEVLINK_CMD_RATE_GET:
      case DEVLINK_CMD_RATE_SET:
      case DEVLINK_CMD_RATE_DEL:
        return rateDoit(q, dev, op.cmd());
      case DEVLINK_CMD_RATE_NEW:
        if (!a.has(DEVLINK_ATTR_RATE_NODE_NAME)) {
          return afterPreDoit(s, dev, NlError.missing(DEVLINK_ATTR_RATE_NODE_NAME));
        }
        return answer(q, dev, RateOp.New.of(a.str(DEVLINK_ATTR_RATE_NODE_NAME), optU64(a, DEVLINK_ATTR_RATE_TX_SHARE),
            optU64(a, DEVLINK_ATTR_RATE_TX_MAX), a.has(DEVLINK_ATTR_RATE_PARENT_NODE_NAME)
                ? a.str(DEVLINK_ATTR_RATE_PARENT_NODE_NAME) : null), 0, null);
      case DEVLINK_CMD_DPIPE_TABLE_GET: {
        // devlink_dpipe_tables_fill: netdevsim registers no dpipe table, so an empty list and NLMSG_DONE.
        if (!fabric.listSync(s.netns()).contains(dev)) {
          return NlError.of(-Errno.ENODEV.code);
        }
        NlWriter w = new NlWriter();
        w.begin(m.type(), NlUapi.NLM_F_MULTI, m.seq(), s.portid(), DEVLINK_CMD_DPIPE_TABLE_GET, DEVLINK_GENL_VERSION);
        DevlinkEncoder.handle(w, dev);
        w.nestNoFlag(DEVLINK_ATTR_DPIPE_TABLES);
        w.endNest();
        w.end();
        w.begin(NlUapi.NLMSG_DONE, NlUapi.NLM_F_MULTI, m.seq(), s.portid(), -1, 0);
        w.end();
        out.add(w.toBytes());
        return null;
      }
      case DEVLINK_CMD_SB_GET, DEVLINK_CMD_SB_POOL_GET, DEVLINK_CMD_SB_POOL_SET, DEVLINK_CMD_SB_PORT_POOL_GET,
          DEVLINK_CMD_SB_PORT_POOL_SET, DEVLINK_CMD_SB_TC_POOL_BIND_GET, DEVLINK_CMD_SB_TC_POOL_BIND_SET,
          DEVLINK_CMD_SB_OCC_SNAPSHOT, DEVLINK_CMD_SB_OCC_MAX_CLEAR:
        // devlink_sb_get_from_info: netdevsim registers no shared buffer, so no index finds one.
        return afterPreDoit(s, dev, NlError.of(-Errno.ENODEV.code));
      default:
        // Shared buffers, dpipe, linecards, selftests, port params, port new/del: netdevsim 6.1
        // implements none of their driver callbacks, so the core answers EOPNOTSUPP.
        return afterPreDoit(s, dev, NlError.of(-Errno.EOPNOTSUPP.code));
    }
  }

  /** devlink_nl_cmd_port_set_doit: the type, then the port function. */
  private NlError portSet(Req q, DevHandle dev, long port) {
    Attrs a = q.a();
    NlError e = null;
    if (a.has(DEVLINK_ATTR_PORT_TYPE)) {
      int t = a.u16(DEVLINK_ATTR_PORT_TYPE);
      PortState.Type type = t == DEVLINK_PORT_TYPE_AUTO ? PortState.Type.AUTO
          : t == DEVLINK_PORT_TYPE_ETH ? PortState.Type.ETH : PortState.Type.IB;
      e = answer(q, dev, new PortOp.SetType(port, type), 0, null);
      if (e != null && e.errno() != 0) {
        return e;
      }
    }
    if (a.has(DEVLINK_ATTR_PORT_FUNCTION)) {
      int at = a.at[DEVLINK_ATTR_PORT_FUNCTION];
      int len = NlMessage.u16(a.d, at) - 4;
      int[] fn = new int[DEVLINK_PORT_FUNCTION_ATTR_MAX + 1];
      NlError pe = Policy.PORT_FUNCTION.parse(a.d, at + 4, len, a.base, Policy.STRICT, fn);
      if (pe != null) {
        return new NlError(pe.errno(), MOD + "Fail to parse port function attributes", pe.badAttrOffset(), pe.policy());
      }
      Attrs f = new Attrs(a.d, fn, a.base);
      String hw = null;
      if (f.has(DEVLINK_PORT_FUNCTION_ATTR_HW_ADDR)) {
        StringBuilder b = new StringBuilder();
        int off = fn[DEVLINK_PORT_FUNCTION_ATTR_HW_ADDR] + 4;
        for (int i = 0; i < f.len(DEVLINK_PORT_FUNCTION_ATTR_HW_ADDR); i++) {
          b.append(i == 0 ? "" : ":").append(String.format("%02x", a.d[off + i] & 0xff));
        }
        hw = b.toString();
      }
      String state = null;
      if (f.has(DEVLINK_PORT_FN_ATTR_STATE)) {
        state = f.u8(DEVLINK_PORT_FN_ATTR_STATE) == DEVLINK_PORT_FN_STATE_ACTIVE ? "active" : "inactive";
      }
      e = answer(q, dev, PortOp.FunctionSet.of(port, hw, state), 0, null);
    }
    return e;
  }

  private NlError eswitchSet(Req q, DevHandle dev) {
    Attrs a = q.a();
    DevOp.EswitchMode mode = a.has(DEVLINK_ATTR_ESWITCH_MODE)
        ? (a.u16(DEVLINK_ATTR_ESWITCH_MODE) == DEVLINK_ESWITCH_MODE_SWITCHDEV ? DevOp.EswitchMode.SWITCHDEV
            : DevOp.EswitchMode.LEGACY) : null;
    DevOp.InlineMode inline = null;
    if (a.has(DEVLINK_ATTR_ESWITCH_INLINE_MODE)) {
      inline = switch (a.u8(DEVLINK_ATTR_ESWITCH_INLINE_MODE)) {
        case DEVLINK_ESWITCH_INLINE_MODE_NONE -> DevOp.InlineMode.NONE;
        case DEVLINK_ESWITCH_INLINE_MODE_LINK -> DevOp.InlineMode.LINK;
        case DEVLINK_ESWITCH_INLINE_MODE_NETWORK -> DevOp.InlineMode.NETWORK;
        default -> DevOp.InlineMode.TRANSPORT;
      };
    }
    DevOp.EncapMode encap = null;
    if (a.has(DEVLINK_ATTR_ESWITCH_ENCAP_MODE)) {
      encap = a.u8(DEVLINK_ATTR_ESWITCH_ENCAP_MODE) == DEVLINK_ESWITCH_ENCAP_MODE_NONE ? DevOp.EncapMode.NONE
          : DevOp.EncapMode.BASIC;
    }
    return answer(q, dev, DevOp.EswitchSet.of(mode, inline, encap), 0, null);
  }

  /** devlink_nl_cmd_reload: the attribute checks of the core, then the fabric's reload. */
  private NlError reload(Req q, DevHandle dev) {
    Attrs a = q.a();
    DevOp.Action action = null;
    if (a.has(DEVLINK_ATTR_RELOAD_ACTION)) {
      action = a.u8(DEVLINK_ATTR_RELOAD_ACTION) == DEVLINK_RELOAD_ACTION_FW_ACTIVATE ? DevOp.Action.FW_ACTIVATE
          : DevOp.Action.DRIVER_REINIT;
    }
    DevOp.Limit limit = null;
    if (a.has(DEVLINK_ATTR_RELOAD_LIMITS)) {
      int selected = a.bitValue(DEVLINK_ATTR_RELOAD_LIMITS) & a.bitSelector(DEVLINK_ATTR_RELOAD_LIMITS);
      if (selected == 0) {
        return afterPreDoit(q.s(), dev, NlError.of(-22, MOD + "Invalid limit selected"));
      }
      int l = Integer.numberOfTrailingZeros(selected);
      if (selected != (1 << l)) {
        return afterPreDoit(q.s(), dev, NlError.of(-95, MOD + "Multiselection of limit is not supported"));
      }
      if (l == DEVLINK_RELOAD_LIMIT_NO_RESET) {
        limit = DevOp.Limit.NO_RESET;
      }
    }
    String netns = null;
    if (a.has(DEVLINK_ATTR_NETNS_PID)) {
      netns = Long.toString(a.u32(DEVLINK_ATTR_NETNS_PID));
    } else if (a.has(DEVLINK_ATTR_NETNS_FD)) {
      netns = q.s().netnsOfFd((int) a.u32(DEVLINK_ATTR_NETNS_FD));
      if (netns == null) {
        return afterPreDoit(q.s(), dev, NlError.of(-22, MOD + "Unknown network namespace"));
      }
    } else if (a.has(DEVLINK_ATTR_NETNS_ID)) {
      // An nsid names a kernel namespace id the emulator does not assign (devlink_netns_get).
      return afterPreDoit(q.s(), dev, NlError.of(-22, MOD + "Unknown network namespace"));
    }
    final boolean replyWanted = a.has(DEVLINK_ATTR_RELOAD_ACTION) || a.has(DEVLINK_ATTR_RELOAD_LIMITS);
    Reply<DevOp.ReloadPerformed> r = call(q.s(), dev, DevOp.Reload.of(action, limit, netns));
    if (r instanceof Reply.Ok<DevOp.ReloadPerformed> ok && replyWanted) {
      // the model reports only when the op named an action: a limit alone was refused before
      DevOp.ReloadPerformed p = ok.value().reported() ? ok.value()
          : new DevOp.ReloadPerformed(List.of(action == null ? DevOp.Action.DRIVER_REINIT : action), true);
      q.reply(DEVLINK_CMD_RELOAD, w -> DevlinkEncoder.reloadPerformed(w, dev, p));
    }
    return ok(r);
  }

  /** __devlink_nl_cmd_param_set_doit: the param, its type attribute, the value, the cmode. */
  private NlError paramSet(Req q, DevHandle dev) {
    Attrs a = q.a();
    Reply<Param> got = call(q.s(), dev, new ParamOp.Get(name(a, DEVLINK_ATTR_PARAM_NAME)));
    if (got instanceof Reply.Err<Param> e) {
      return kernelError(e);
    }
    Param p = got.orElseThrow();
    if (!a.has(DEVLINK_ATTR_PARAM_TYPE)) {
      return NlError.missing(DEVLINK_ATTR_PARAM_TYPE);
    }
    Param.Type type = switch (a.u8(DEVLINK_ATTR_PARAM_TYPE)) {
      case 1 -> Param.Type.U8;
      case 2 -> Param.Type.U16;
      case 3 -> Param.Type.U32;
      case 5 -> Param.Type.STRING;
      case 6 -> Param.Type.BOOL;
      default -> null;
    };
    if (type == null || type != p.type()) {
      return NlError.of(-22);
    }
    boolean has = a.has(DEVLINK_ATTR_PARAM_VALUE_DATA);
    if (type != Param.Type.BOOL && !has) {
      return NlError.of(-22);
    }
    ParamValue value;
    int len = has ? a.len(DEVLINK_ATTR_PARAM_VALUE_DATA) : 0;
    switch (type) {
      case U8 -> {
        if (len != 1) {
          return NlError.of(-22);
        }
        value = new ParamValue.U8(a.u8(DEVLINK_ATTR_PARAM_VALUE_DATA));
      }
      case U16 -> {
        if (len != 2) {
          return NlError.of(-22);
        }
        value = new ParamValue.U16(a.u16(DEVLINK_ATTR_PARAM_VALUE_DATA));
      }
      case U32 -> {
        if (len != 4) {
          return NlError.of(-22);
        }
        value = new ParamValue.U32(a.u32(DEVLINK_ATTR_PARAM_VALUE_DATA));
      }
      case STRING -> {
        String v = a.str(DEVLINK_ATTR_PARAM_VALUE_DATA);
        if (v.getBytes(java.nio.charset.StandardCharsets.UTF_8).length >= len || v.length() >= 32) {
          return NlError.of(-22);
        }
        value = new ParamValue.Str(v);
      }
      default -> {
        if (len != 0) {
          return NlError.of(-22);
        }
        value = new ParamValue.Bool(has);
      }
    }
    if (!a.has(DEVLINK_ATTR_PARAM_VALUE_CMODE)) {
      return NlError.missing(DEVLINK_ATTR_PARAM_VALUE_CMODE);
    }
    Param.Cmode cmode = switch (a.u8(DEVLINK_ATTR_PARAM_VALUE_CMODE)) {
      case DEVLINK_PARAM_CMODE_RUNTIME -> Param.Cmode.RUNTIME;
      case DEVLINK_PARAM_CMODE_DRIVERINIT -> Param.Cmode.DRIVERINIT;
      case DEVLINK_PARAM_CMODE_PERMANENT -> Param.Cmode.PERMANENT;
      default -> null;
    };
    if (cmode == null || !p.values().containsKey(cmode)) {
      return NlError.of(-95);
    }
    return ok(call(q.s(), dev, new ParamOp.Set(p.name(), cmode, value)));
  }

  /** devlink_nl_cmd_flash_update: file name required, overwrite mask checked against the driver's. */
  private NlError flash(Req q, DevHandle dev) {
    Attrs a = q.a();
    if (!a.has(DEVLINK_ATTR_FLASH_UPDATE_FILE_NAME)) {
      return afterPreDoit(q.s(), dev, NlError.missing(DEVLINK_ATTR_FLASH_UPDATE_FILE_NAME));
    }
    Integer mask = null;
    if (a.has(DEVLINK_ATTR_FLASH_UPDATE_OVERWRITE_MASK)) {
      mask = a.bitValue(DEVLINK_ATTR_FLASH_UPDATE_OVERWRITE_MASK)
          & a.bitSelector(DEVLINK_ATTR_FLASH_UPDATE_OVERWRITE_MASK);
    }
    String component = a.has(DEVLINK_ATTR_FLASH_UPDATE_COMPONENT) ? a.str(DEVLINK_ATTR_FLASH_UPDATE_COMPONENT) : null;
    Reply<Ack> r = call(q.s(), dev, DevOp.Flash.of(a.str(DEVLINK_ATTR_FLASH_UPDATE_FILE_NAME), component, mask));
    NlError e = ok(r);
    if (e != null && e.errno() != 0 && e.message() != null && e.message().contains("firmware file")) {
      return new NlError(e.errno(), e.message(), a.offset(DEVLINK_ATTR_FLASH_UPDATE_FILE_NAME), null);
    }
    if (e != null && e.errno() != 0 && e.message() != null && e.message().contains("overwrite")) {
      return new NlError(e.errno(), e.message(), a.offset(DEVLINK_ATTR_FLASH_UPDATE_OVERWRITE_MASK), null);
    }
    if (e != null && e.errno() != 0 && e.message() != null && e.message().contains("component")) {
      return new NlError(e.errno(), e.message(), a.offset(DEVLINK_ATTR_FLASH_UPDATE_COMPONENT), null);
    }
    return e;
  }

  /**
   * devlink_resource_fill: the whole tree in NLM_F_MULTI messages of one reply skb, NLMSG_DONE
   * after them in the same datagram, then the ACK.
   */
  private NlError resourceDump(Req q, DevHandle dev) {
    Reply<ResourceDump> r = call(q.s(), dev, new ResourceOp.Dump());
    if (r instanceof Reply.Err<ResourceDump> e) {
      return kernelError(e);
    }
    ResourceDump d = r.orElseThrow();
    if (d.resources().isEmpty()) {
      return NlError.of(-95);
    }
    NlWriter w = new NlWriter();
    w.begin(q.m().type(), NlUapi.NLM_F_MULTI, q.m().seq(), q.s().portid(), DEVLINK_CMD_RESOURCE_DUMP,
        DEVLINK_GENL_VERSION);
    DevlinkEncoder.handle(w, d.dev());
    w.nestNoFlag(DEVLINK_ATTR_RESOURCE_LIST);
    for (ResourceSnapshot res : d.resources()) {
      DevlinkEncoder.resource(w, res);
    }
    w.endNest();
    w.end();
    w.begin(NlUapi.NLMSG_DONE, NlUapi.NLM_F_MULTI, q.m().seq(), q.s().portid(), -1, 0);
    w.end();
    q.out().add(w.toBytes());
    return null;
  }

  /** devlink_nl_cmd_health_reporter_diagnose_doit: the fmsg as a multi-part reply (devlink_fmsg_snd). */
  private NlError diagnose(Req q, DevHandle dev) {
    Reply<Fmsg> r = call(q.s(), dev, new HealthOp.Diagnose(name(q.a(), DEVLINK_ATTR_HEALTH_REPORTER_NAME)));
    if (r instanceof Reply.Err<Fmsg> e) {
      return kernelError(e);
    }
    Fmsg f = r.orElseThrow();
    FmsgEncoder.send(q.m(), q.s(), f, DEVLINK_CMD_HEALTH_REPORTER_DIAGNOSE, q.out());
    return null;
  }

  /** devlink_rate_get_from_info: a leaf by port index, a node by name. */
  private NlError rateDoit(Req q, DevHandle dev, int cmd) {
    Attrs a = q.a();
    String name;
    if (a.has(DEVLINK_ATTR_PORT_INDEX)) {
      if (cmd == DEVLINK_CMD_RATE_DEL) {
        return afterPreDoit(q.s(), dev, NlError.of(-22));
      }
      name = Long.toString(a.u32(DEVLINK_ATTR_PORT_INDEX));
    } else if (a.has(DEVLINK_ATTR_RATE_NODE_NAME)) {
      name = a.str(DEVLINK_ATTR_RATE_NODE_NAME);
    } else {
      return afterPreDoit(q.s(), dev, NlError.of(-22));
    }
    return switch (cmd) {
      case DEVLINK_CMD_RATE_GET -> answer(q, dev, new RateOp.Get(name), DEVLINK_CMD_RATE_NEW,
          DevlinkEncoder::rate);
      case DEVLINK_CMD_RATE_SET -> answer(q, dev, RateOp.Set.of(name, optU64(a, DEVLINK_ATTR_RATE_TX_SHARE),
          optU64(a, DEVLINK_ATTR_RATE_TX_MAX), a.has(DEVLINK_ATTR_RATE_PARENT_NODE_NAME)
              ? a.str(DEVLINK_ATTR_RATE_PARENT_NODE_NAME) : null), 0, null);
      default -> answer(q, dev, new RateOp.Del(name), 0, null);
    };
  }

  /** The instances of the socket's namespace, each asked {@code op}; ENODEV (gone meanwhile) is skipped. */
  private <R extends ReplyValue> NlError eachInstance(NlSock s, Op<R> op, BiConsumer<DevHandle, R> each) {
    for (DevHandle h : fabric.listSync(s.netns())) {
      Reply<R> r = call(s, h, op);
      if (r instanceof Reply.Ok<R> ok) {
        each.accept(h, ok.value());
      } else if (r instanceof Reply.Err<R> e && e.errno() != Errno.ENODEV && e.errno() != Errno.EOPNOTSUPP) {
        return kernelError(e);
      }
    }
    return null;
  }

  /** Each instance's value as one message of {@code cmd}. */
  private static <T> BiConsumer<DevHandle, T> eachOf(GenlHandler.Dump dump, int cmd,
      java.util.function.BiConsumer<NlWriter, T> fill) {
    return (h, v) -> dump.add(cmd, w -> fill.accept(w, v));
  }

  /** Each element of each instance's list record ({@code items}) as one message of {@code cmd}. */
  private static <L, T> BiConsumer<DevHandle, L> eachOf(GenlHandler.Dump dump, int cmd,
      java.util.function.Function<L, List<T>> items, java.util.function.BiConsumer<NlWriter, T> fill) {
    return (h, v) -> {
      for (T t : items.apply(v)) {
        dump.add(cmd, w -> fill.accept(w, t));
      }
    };
  }

  /**
   * Dumpits that end with {@code if (err != -EMSGSIZE) return err;} (rate, param, info, sb pool,
   * selftests) return 0 from the round that finishes, so NLMSG_DONE joins that round's datagram;
   * the others return msg->len and DONE comes alone in one more round.
   */
  static boolean doneJoinsLastRound(int cmd) {
    return cmd == DEVLINK_CMD_RATE_GET || cmd == DEVLINK_CMD_PARAM_GET || cmd == DEVLINK_CMD_INFO_GET
        || cmd == DEVLINK_CMD_SB_POOL_GET || cmd == DEVLINK_CMD_SB_PORT_POOL_GET || cmd == DEVLINK_CMD_SELFTESTS_GET;
  }

  @Override
  public NlError dumpit(NlMessage m, GenlHandler.GenlOp op, Attrs a, NlSock s, GenlHandler.Dump dump) {
    dump.doneJoins(doneJoinsLastRound(op.cmd()));
    return switch (op.cmd()) {
      case DEVLINK_CMD_GET -> eachInstance(s, new DevOp.Get(), eachOf(dump, DEVLINK_CMD_NEW, DevlinkEncoder::dev));
      case DEVLINK_CMD_PORT_GET -> eachInstance(s, new PortOp.Dump(),
          eachOf(dump, DEVLINK_CMD_NEW, PortOp.PortList::ports, (NlWriter w, PortState p) -> DevlinkEncoder.port(w, p, null)));
      case DEVLINK_CMD_INFO_GET -> eachInstance(s, new DevOp.InfoGet(),
          eachOf(dump, DEVLINK_CMD_INFO_GET, DevlinkEncoder::info));
      case DEVLINK_CMD_PARAM_GET -> eachInstance(s, new ParamOp.Dump(),
          eachOf(dump, DEVLINK_CMD_PARAM_GET, ParamOp.ParamList::params, DevlinkEncoder::param));
      case DEVLINK_CMD_HEALTH_REPORTER_GET -> eachInstance(s, new HealthOp.Dump(),
          eachOf(dump, DEVLINK_CMD_HEALTH_REPORTER_GET, HealthOp.ReporterList::reporters, DevlinkEncoder::reporter));
      case DEVLINK_CMD_TRAP_GET -> eachInstance(s, new TrapOp.Dump(true),
          eachOf(dump, DEVLINK_CMD_TRAP_NEW, TrapOp.TrapList::traps, DevlinkEncoder::trap));
      case DEVLINK_CMD_TRAP_GROUP_GET -> eachInstance(s, new TrapOp.GroupDump(true),
          eachOf(dump, DEVLINK_CMD_TRAP_GROUP_NEW, TrapOp.GroupList::groups, DevlinkEncoder::trapGroup));
      case DEVLINK_CMD_TRAP_POLICER_GET -> eachInstance(s, new TrapOp.PolicerDump(true),
          eachOf(dump, DEVLINK_CMD_TRAP_POLICER_NEW, TrapOp.PolicerList::policers, DevlinkEncoder::policer));
      case DEVLINK_CMD_REGION_GET -> eachInstance(s, new RegionOp.Dump(),
          eachOf(dump, DEVLINK_CMD_REGION_GET, RegionOp.RegionList::regions, DevlinkEncoder::region));
      case DEVLINK_CMD_RATE_GET -> eachInstance(s, new RateOp.Dump(),
          eachOf(dump, DEVLINK_CMD_RATE_NEW, RateOp.RateList::rates, DevlinkEncoder::rate));
      case DEVLINK_CMD_REGION_READ -> RegionRead.dump(this, a, s, dump);
      case DEVLINK_CMD_HEALTH_REPORTER_DUMP_GET -> FmsgEncoder.healthDump(this, a, s, dump);
      default -> null; // shared buffers, linecards, selftests, port params: netdevsim has none (empty dump)
    };
  }

  <R extends ReplyValue> Reply<R> request(NlSock s, DevHandle dev, Op<R> op) {
    return call(s, dev, op);
  }

  static DevHandle handleOf(Attrs a) {
    return devHandle(a);
  }
}
