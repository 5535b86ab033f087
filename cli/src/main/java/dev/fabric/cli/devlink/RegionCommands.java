package dev.fabric.cli.devlink;

import static dev.fabric.cli.devlink.Opts.Opt.HANDLE_REGION;
import static dev.fabric.cli.devlink.Opts.Opt.REGION_ADDRESS;
import static dev.fabric.cli.devlink.Opts.Opt.REGION_LENGTH;
import static dev.fabric.cli.devlink.Opts.Opt.REGION_SNAPSHOT_ID;

import dev.fabric.cli.out.DlOut;
import dev.fabric.devlink.model.ByteList;
import dev.fabric.devlink.model.Notification;
import dev.fabric.devlink.model.RegionData;
import dev.fabric.devlink.model.RegionEvent;
import dev.fabric.devlink.model.RegionOp;
import dev.fabric.devlink.model.RegionSnapshot;
import dev.fabric.devlink.model.Reply;
import java.util.EnumSet;
import java.util.List;

/**
 * `devlink region ...` of iproute2 6.1 (cmd_region): show, new, del, dump and read (both need a
 * snapshot id in 6.1), plus pr_out_region for the [region,new|del] monitor events.
 */
final class RegionCommands {
  private RegionCommands() {}

  static final String HELP = """
      Usage: devlink region show [ DEV/REGION ]
             devlink region del DEV/REGION snapshot SNAPSHOT_ID
             devlink region new DEV/REGION [ snapshot SNAPSHOT_ID ]
             devlink region dump DEV/REGION [ snapshot SNAPSHOT_ID ]
             devlink region read DEV/REGION [ snapshot SNAPSHOT_ID ] address ADDRESS length LENGTH
      """;

  /** DEVLINK_REGION_READ_CHUNK_SIZE: the kernel sends read data in chunks of this many bytes. */
  static final int READ_CHUNK = 256;

  /** cmd_region. */
  static int run(Dl dl, DlArgs a) throws DlError {
    if (a.noArg()) {
      return show(dl, a);
    } else if (a.match("help")) {
      dl.error(HELP);
      return 0;
    } else if (a.match("show")) {
      a.inc();
      return show(dl, a);
    } else if (a.match("del")) {
      a.inc();
      Opts o = Opts.parse(a, EnumSet.of(HANDLE_REGION, REGION_SNAPSHOT_ID), EnumSet.noneOf(Opts.Opt.class),
          dl);
      return dl.call(o.dev, new RegionOp.Del(o.regionName, o.regionSnapshotId)).isOk() ? 0 : 1;
    } else if (a.match("dump")) {
      a.inc();
      Opts o = Opts.parse(a, EnumSet.of(HANDLE_REGION, REGION_SNAPSHOT_ID), EnumSet.noneOf(Opts.Opt.class),
          dl);
      return read(dl, o, "dump", RegionOp.Read.of(o.regionName, o.regionSnapshotId, null, null));
    } else if (a.match("read")) {
      a.inc();
      Opts o = Opts.parse(a, EnumSet.of(HANDLE_REGION, REGION_SNAPSHOT_ID, REGION_ADDRESS, REGION_LENGTH),
          EnumSet.noneOf(Opts.Opt.class), dl);
      return read(dl, o, "read", RegionOp.Read.of(o.regionName, o.regionSnapshotId, o.regionAddress,
          o.regionLength));
    } else if (a.match("new")) {
      a.inc();
      return snapshotNew(dl, a);
    }
    throw new DlError("Command \"" + a.argv() + "\" not found\n");
  }

  /** cmd_region_show: a dump without arguments, else one DEV/REGION. */
  private static int show(Dl dl, DlArgs a) throws DlError {
    if (a.noArg()) {
      dl.out.prOutSectionStart("regions");
      Dl.Dumped<RegionSnapshot> d = dl.dumpEach(new RegionOp.Dump(), RegionOp.RegionList::regions);
      for (RegionSnapshot r : d.values()) {
        prOutRegion(dl.out, r);
      }
      dl.out.prOutSectionEnd();
      return d.failed() ? 1 : 0;
    }
    Opts o = Opts.parse(a, EnumSet.of(HANDLE_REGION), EnumSet.noneOf(Opts.Opt.class), dl);
    dl.out.prOutSectionStart("regions");
    Reply<RegionSnapshot> r = dl.call(o.dev, new RegionOp.Get(o.regionName));
    if (r instanceof Reply.Ok<RegionSnapshot> ok) {
      prOutRegion(dl.out, ok.value());
    }
    dl.out.prOutSectionEnd();
    return r.isOk() ? 0 : 1;
  }

  /**
   * cmd_region_snapshot_new: the kernel answers with the new snapshot's id only when it picked
   * the id itself; with a requested id there is no message, so only the section is printed.
   */
  private static int snapshotNew(Dl dl, DlArgs a) throws DlError {
    Opts o = Opts.parse(a, EnumSet.of(HANDLE_REGION), EnumSet.of(REGION_SNAPSHOT_ID), dl);
    dl.out.prOutSectionStart("regions");
    Reply<RegionOp.Taken> r = dl.call(o.dev, RegionOp.New.of(o.regionName, o.regionSnapshotId));
    if (r instanceof Reply.Ok<RegionOp.Taken> ok) {
      ok.value().message().ifPresent(e -> prOutRegion(dl.out, e));
    }
    dl.out.prOutSectionEnd();
    return r.isOk() ? 0 : 1;
  }

  /** cmd_region_dump / cmd_region_read: the chunks, then a newline in text mode (even on error). */
  private static int read(Dl dl, Opts o, String section, RegionOp.Read op) {
    dl.out.prOutSectionStart(section);
    Reply<RegionData> r = dl.call(o.dev, op);
    if (r instanceof Reply.Ok<RegionData> ok) {
      RegionData d = ok.value();
      ByteList data = d.data();
      for (int off = 0; off < data.size(); off += READ_CHUNK) {
        ByteList chunk = data.subList(off, Math.min(data.size(), off + READ_CHUNK));
        dl.out.prOutRegionChunk(chunk.toArray8(), d.address() + off);
      }
    }
    dl.out.prOutSectionEnd();
    if (!dl.json) {
      dl.out.prOut("\n");
    }
    return r.isOk() ? 0 : 1;
  }

  /** The monitor's output for one [region,new|del] notification. */
  static void monitor(DlOut o, Notification n) {
    if (n.payload() instanceof RegionEvent e) {
      prOutRegion(o, e);
    }
  }

  /** pr_out_region for a region (show): size, snapshot list, max. */
  static void prOutRegion(DlOut o, RegionSnapshot r) {
    o.prOutRegionHandleStart(r.dev().bus(), r.dev().name(), r.name());
    o.prOutU64("size", r.size());
    o.prOutRegionSnapshotsStart(true);
    for (int i = 0; i < r.snapshotIds().size(); i++) {
      o.prOutRegionSnapshotsId(r.snapshotIds().get(i), i);
    }
    o.prOutRegionSnapshotsEnd(true);
    o.prOutU64("max", r.maxSnapshots());
    o.prOutRegionHandleEnd();
  }

  /** pr_out_region for a REGION_NEW/DEL message: the size of a region, or the id of a snapshot. */
  static void prOutRegion(DlOut o, RegionEvent e) {
    o.prOutRegionHandleStart(e.dev().bus(), e.dev().name(), e.region());
    if (e.snapshotId() == null) {
      o.prOutU64("size", e.size());
    } else {
      o.prOutRegionSnapshotsStart(false);
      o.prOutRegionSnapshotsId(e.snapshotId(), 0);
      o.prOutRegionSnapshotsEnd(false);
    }
    o.prOutRegionHandleEnd();
  }
}
