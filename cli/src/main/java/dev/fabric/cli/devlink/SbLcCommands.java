package dev.fabric.cli.devlink;

import static dev.fabric.cli.devlink.Opts.Opt.HANDLE;
import static dev.fabric.cli.devlink.Opts.Opt.HANDLEP;
import static dev.fabric.cli.devlink.Opts.Opt.LINECARD;
import static dev.fabric.cli.devlink.Opts.Opt.LINECARD_TYPE;
import static dev.fabric.cli.devlink.Opts.Opt.SB;
import static dev.fabric.cli.devlink.Opts.Opt.SB_POOL;
import static dev.fabric.cli.devlink.Opts.Opt.SB_SIZE;
import static dev.fabric.cli.devlink.Opts.Opt.SB_TC;
import static dev.fabric.cli.devlink.Opts.Opt.SB_TH;
import static dev.fabric.cli.devlink.Opts.Opt.SB_THTYPE;
import static dev.fabric.cli.devlink.Opts.Opt.SB_TYPE;

import dev.fabric.devlink.model.Errno;
import java.util.EnumSet;
import java.util.Set;

/**
 * `devlink sb ...` (cmd_sb) and `devlink lc ...` (cmd_linecard) of iproute2 6.1, over netdevsim,
 * which registers neither shared buffers nor line cards. Dumps are therefore empty (the kernel's
 * dumpits skip instances without them). A doit first passes pre_doit (the instance, and the port
 * for the port-bound sb commands: ENODEV when gone); then every sb doit looks its shared buffer up
 * by the index iproute2 always sends (0 by default) and answers ENODEV
 * (devlink_sb_get_from_attrs); a line card doit is looked up in pre_doit
 * (DEVLINK_NL_FLAG_NEED_LINECARD): EINVAL without an index, ENODEV with one.
 */
final class SbLcCommands {
  private SbLcCommands() {}

  static final String SB_HELP = """
      Usage: devlink sb show [ DEV [ sb SB_INDEX ] ]
             devlink sb pool show [ DEV [ sb SB_INDEX ] pool POOL_INDEX ]
             devlink sb pool set DEV [ sb SB_INDEX ] pool POOL_INDEX
                                 size POOL_SIZE thtype { static | dynamic }
             devlink sb port pool show [ DEV/PORT_INDEX [ sb SB_INDEX ]
                                         pool POOL_INDEX ]
             devlink sb port pool set DEV/PORT_INDEX [ sb SB_INDEX ]
                                      pool POOL_INDEX th THRESHOLD
             devlink sb tc bind show [ DEV/PORT_INDEX [ sb SB_INDEX ] tc TC_INDEX
                                       type { ingress | egress } ]
             devlink sb tc bind set DEV/PORT_INDEX [ sb SB_INDEX ] tc TC_INDEX
                                    type { ingress | egress } pool POOL_INDEX
                                    th THRESHOLD
             devlink sb occupancy show { DEV | DEV/PORT_INDEX } [ sb SB_INDEX ]
             devlink sb occupancy snapshot DEV [ sb SB_INDEX ]
             devlink sb occupancy clearmax DEV [ sb SB_INDEX ]
      """;

  static final String LC_HELP = """
      Usage: devlink lc show [ DEV [ lc LC_INDEX ] ]
             devlink lc set DEV lc LC_INDEX [ { type LC_TYPE | notype } ]
      """;

  private static final Set<Opts.Opt> NONE = EnumSet.noneOf(Opts.Opt.class);

  private static DlError notFound(DlArgs a) {
    return new DlError("Command \"" + a.argv() + "\" not found\n");
  }

  /** cmd_sb. */
  static int sb(Dl dl, DlArgs a) throws DlError {
    if (a.match("help")) {
      dl.error(SB_HELP);
      return 0;
    } else if (a.match("show") || a.match("list") || a.noArg()) {
      a.inc();
      return show(dl, a, "sb", EnumSet.of(HANDLE), EnumSet.of(SB));
    } else if (a.match("pool")) {
      a.inc();
      return showSet(dl, a, "pool", EnumSet.of(HANDLE, SB_POOL), EnumSet.of(HANDLE, SB_POOL, SB_SIZE, SB_THTYPE));
    } else if (a.match("port")) {
      a.inc();
      if (a.match("help") || a.noArg()) {
        dl.error(SB_HELP);
        return 0;
      } else if (a.match("pool")) {
        a.inc();
        return showSet(dl, a, "port_pool", EnumSet.of(HANDLEP, SB_POOL), EnumSet.of(HANDLEP, SB_POOL, SB_TH));
      }
      throw notFound(a);
    } else if (a.match("tc")) {
      a.inc();
      if (a.match("help") || a.noArg()) {
        dl.error(SB_HELP);
        return 0;
      } else if (a.match("bind")) {
        a.inc();
        return showSet(dl, a, "tc_bind", EnumSet.of(HANDLEP, SB_TC, SB_TYPE),
            EnumSet.of(HANDLEP, SB_TC, SB_TYPE, SB_POOL, SB_TH));
      }
      throw notFound(a);
    } else if (a.match("occupancy")) {
      a.inc();
      return occupancy(dl, a);
    }
    throw notFound(a);
  }

  /** cmd_sb_pool, cmd_sb_port_pool, cmd_sb_tc_bind: help, show/list (or nothing), set. */
  private static int showSet(Dl dl, DlArgs a, String section, Set<Opts.Opt> showRequired, Set<Opts.Opt> setRequired)
      throws DlError {
    if (a.match("help")) {
      dl.error(SB_HELP);
      return 0;
    } else if (a.match("show") || a.match("list") || a.noArg()) {
      a.inc();
      int rc = show(dl, a, section, showRequired, EnumSet.of(SB));
      // cmd_sb_port_pool_show returns 0 whatever the kernel answered
      return section.equals("port_pool") ? 0 : rc;
    } else if (a.match("set")) {
      a.inc();
      Opts o = Opts.parse(a, setRequired, EnumSet.of(SB), dl);
      return dl.unsupported(o.dev, o.has(HANDLEP) ? o.portIndex : null, Errno.ENODEV, null);
    }
    throw notFound(a);
  }

  /** A show: a dump (empty on netdevsim) without arguments, else the doit's answer. */
  private static int show(Dl dl, DlArgs a, String section, Set<Opts.Opt> required, Set<Opts.Opt> optional)
      throws DlError {
    if (a.noArg()) {
      dl.out.prOutSectionStart(section);
      dl.out.prOutSectionEnd();
      return 0;
    }
    Opts o = Opts.parse(a, required, optional, dl);
    dl.out.prOutSectionStart(section);
    int rc = dl.unsupported(o.dev, o.has(HANDLEP) ? o.portIndex : null, Errno.ENODEV, null);
    dl.out.prOutSectionEnd();
    return rc;
  }

  /** cmd_sb_occ. */
  private static int occupancy(Dl dl, DlArgs a) throws DlError {
    if (a.match("help") || a.noArg()) {
      dl.error(SB_HELP);
      return 0;
    } else if (a.match("show") || a.match("list")) {
      a.inc();
      Opts.parse(a, EnumSet.of(HANDLE, HANDLEP), EnumSet.of(SB), dl);
      // cmd_sb_occ_show dumps every port pool and tc binding (no handle sent: nothing is checked)
      // and prints the ports found: none on netdevsim
      dl.out.prOutSectionStart("occupancy");
      dl.out.prOutSectionEnd();
      return 0;
    } else if (a.match("snapshot") || a.match("clearmax")) {
      a.inc();
      Opts o = Opts.parse(a, EnumSet.of(HANDLE), EnumSet.of(SB), dl);
      return dl.unsupported(o.dev, null, Errno.ENODEV, null);
    }
    throw notFound(a);
  }

  /** cmd_linecard. */
  static int lc(Dl dl, DlArgs a) throws DlError {
    if (a.match("help")) {
      dl.error(LC_HELP);
      return 0;
    } else if (a.match("show") || a.match("list") || a.noArg()) {
      a.inc();
      if (a.noArg()) {
        dl.out.prOutSectionStart("lc");
        dl.out.prOutSectionEnd();
        return 0;
      }
      Opts o = Opts.parse(a, EnumSet.of(HANDLE), EnumSet.of(LINECARD), dl);
      dl.out.prOutSectionStart("lc");
      int rc = dl.unsupported(o.dev, null, o.has(LINECARD) ? Errno.ENODEV : Errno.EINVAL, null);
      dl.out.prOutSectionEnd();
      return rc;
    } else if (a.match("set")) {
      a.inc();
      Opts o = Opts.parse(a, EnumSet.of(HANDLE, LINECARD, LINECARD_TYPE), NONE, dl);
      return dl.unsupported(o.dev, null, Errno.ENODEV, null);
    }
    throw notFound(a);
  }
}
