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
import dev.fabric.devlink.model.Reply;
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

  static NlError kernelError(Reply.Err e) {
    return NlError.of(-e.errno().code, e.extack());
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

  private Reply call(NlSock s, DevHandle dev, Op op) {
    return fabric.requestSync(s.netns(), dev, op);
  }

  /** An error found in the attributes after pre_doit: a missing instance answers ENODEV first. */
  private NlError afterPreDoit(NlSock s, DevHandle dev, NlError e) {
    if (!fabric.listSync(s.netns()).contains(dev)) {
      return NlError.of(-Errno.ENODEV.code);
    }
    return e;
  }

  private static NlError ok(Reply r) {
    if (r instanceof Reply.Err e) {
      return kernelError(e);
    }
    String warning = ((Reply.Ok) r).warning();
    return warning == null ? null : new NlError(0, warning, -1, null);
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
    switch (op.cmd()) {
      case DEVLINK_CMD_GET: {
        Reply r = call(s, dev, new DevOp.Get());
        if (r instanceof Reply.Ok ok) {
          q.reply(DEVLINK_CMD_NEW, w -> DevlinkEncoder.dev(w, (DevSnapshot) ok.value()));
        }
        return ok(r);
      }
      case DEVLINK_CMD_PORT_GET: {
        Reply r = call(s, dev, new PortOp.Get(a.u32(DEVLINK_ATTR_PORT_INDEX)));
        if (r instanceof Reply.Ok ok) {
          q.reply(DEVLINK_CMD_PORT_NEW, w -> DevlinkEncoder.port(w, (PortState) ok.value(), null));
        }
        return ok(r);
      }
      case DEVLINK_CMD_INFO_GET: {
        Reply r = call(s, dev, new DevOp.InfoGet());
        if (r instanceof Reply.Ok ok) {
          q.reply(DEVLINK_CMD_INFO_GET, w -> DevlinkEncoder.info(w, (InfoSnapshot) ok.value()));
        }
        return ok(r);
      }
      case DEVLINK_CMD_ESWITCH_GET: {
        Reply r = call(s, dev, new DevOp.EswitchGet());
        if (r instanceof Reply.Ok ok) {
          q.reply(DEVLINK_CMD_ESWITCH_GET, w -> DevlinkEncoder.eswitch(w, (DevOp.EswitchSnapshot) ok.value()));
        }
        return ok(r);
      }
      case DEVLINK_CMD_PARAM_GET: {
        // devlink_param_get_from_info: no name or an unknown one is EINVAL.
        if (!a.has(DEVLINK_ATTR_PARAM_NAME)) {
          return afterPreDoit(s, dev, NlError.of(-22));
        }
        Reply r = call(s, dev, new ParamOp.Get(a.str(DEVLINK_ATTR_PARAM_NAME)));
        if (r instanceof Reply.Ok ok) {
          q.reply(DEVLINK_CMD_PARAM_GET, w -> DevlinkEncoder.param(w, (Param) ok.value()));
        }
        return ok(r);
      }
      default:
        return NlError.of(-Errno.EOPNOTSUPP.code);
    }
  }

  /** The instances of the socket's namespace, each asked {@code op}; ENODEV (gone meanwhile) is skipped. */
  private NlError eachInstance(NlSock s, Op op, BiConsumer<DevHandle, Object> each) {
    for (DevHandle h : fabric.listSync(s.netns())) {
      Reply r = call(s, h, op);
      if (r instanceof Reply.Ok ok) {
        each.accept(h, ok.value());
      } else if (r instanceof Reply.Err e && e.errno() != Errno.ENODEV && e.errno() != Errno.EOPNOTSUPP) {
        return kernelError(e);
      }
    }
    return null;
  }

  @Override
  public NlError dumpit(NlMessage m, GenlHandler.GenlOp op, Attrs a, NlSock s, GenlHandler.Dump dump) {
    switch (op.cmd()) {
      case DEVLINK_CMD_GET:
        return eachInstance(s, new DevOp.Get(), (h, v) -> {
          NlWriter w = dump.begin(DEVLINK_CMD_NEW);
          DevlinkEncoder.dev(w, (DevSnapshot) v);
          dump.add(w);
        });
      case DEVLINK_CMD_PORT_GET:
        return eachInstance(s, new PortOp.Dump(), (h, v) -> {
          for (Object p : (List<?>) v) {
            NlWriter w = dump.begin(DEVLINK_CMD_NEW);
            DevlinkEncoder.port(w, (PortState) p, null);
            dump.add(w);
          }
        });
      case DEVLINK_CMD_INFO_GET:
        return eachInstance(s, new DevOp.InfoGet(), (h, v) -> {
          NlWriter w = dump.begin(DEVLINK_CMD_INFO_GET);
          DevlinkEncoder.info(w, (InfoSnapshot) v);
          dump.add(w);
        });
      case DEVLINK_CMD_PARAM_GET:
        return eachInstance(s, new ParamOp.Dump(), (h, v) -> {
          for (Object p : (List<?>) v) {
            NlWriter w = dump.begin(DEVLINK_CMD_PARAM_GET);
            DevlinkEncoder.param(w, (Param) p);
            dump.add(w);
          }
        });
      default:
        return null;
    }
  }
}
