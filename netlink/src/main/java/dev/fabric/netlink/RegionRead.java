package dev.fabric.netlink;

import static dev.fabric.netlink.DevlinkUapi.*;

import dev.fabric.devlink.model.DevHandle;
import dev.fabric.devlink.model.RegionData;
import dev.fabric.devlink.model.RegionOp;
import dev.fabric.devlink.model.Reply;

/**
 * devlink_nl_cmd_region_read_dumpit: one message per dump round, 256-byte chunks (data, then
 * address) while they fit; the snapshot bytes come from the fabric in one read.
 */
final class RegionRead {
  private RegionRead() {}

  static final int CHUNK = 256;

  static NlError dump(DevlinkFamily family, Attrs a, NlSock s, GenlHandler.Dump dump) {
    DevHandle dev = DevlinkFamily.handleOf(a);
    if (dev == null) {
      return NlError.of(-22);
    }
    if (!a.has(DEVLINK_ATTR_REGION_NAME) || !a.has(DEVLINK_ATTR_REGION_SNAPSHOT_ID)) {
      return NlError.of(-22);
    }
    Long addr = null;
    Long len = null;
    if (a.has(DEVLINK_ATTR_REGION_CHUNK_ADDR) && a.has(DEVLINK_ATTR_REGION_CHUNK_LEN)) {
      addr = a.u64(DEVLINK_ATTR_REGION_CHUNK_ADDR);
      len = a.u64(DEVLINK_ATTR_REGION_CHUNK_LEN);
    }
    String region = a.str(DEVLINK_ATTR_REGION_NAME);
    Reply<RegionData> r = family.request(s, dev, RegionOp.Read.of(region, a.u32(DEVLINK_ATTR_REGION_SNAPSHOT_ID), addr, len));
    if (r instanceof Reply.Err<RegionData> e) {
      return NlError.of(-e.errno().code);
    }
    RegionData d = r.orElseThrow();
    byte[] bytes = d.data().toArray8();
    long base = d.address();
    int at = 0;
    NlMessage m = dump.request();
    while (at < bytes.length) {
      NlWriter w = new NlWriter();
      w.begin(m.type(), NlUapi.NLM_F_ACK | NlUapi.NLM_F_MULTI, m.seq(), s.portid(), DEVLINK_CMD_REGION_READ,
          DEVLINK_GENL_VERSION);
      DevlinkEncoder.handle(w, dev);
      w.string(DEVLINK_ATTR_REGION_NAME, region);
      w.nestNoFlag(DEVLINK_ATTR_REGION_CHUNKS);
      int start = at;
      while (at < bytes.length) {
        int n = Math.min(CHUNK, bytes.length - at);
        int mark = w.length();
        w.nestNoFlag(DEVLINK_ATTR_REGION_CHUNK);
        w.binary(DEVLINK_ATTR_REGION_CHUNK_DATA, java.util.Arrays.copyOfRange(bytes, at, at + n));
        w.u64(DEVLINK_ATTR_REGION_CHUNK_ADDR, base + at, DEVLINK_ATTR_PAD);
        w.endNest();
        if (w.length() + 4 > dump.capacity()) {
          w.truncate(mark);
          break;
        }
        at += n;
      }
      if (at == start) {
        return NlError.of(-22);
      }
      w.endNest();
      w.end();
      dump.datagram(w.toBytes());
    }
    return null;
  }
}
