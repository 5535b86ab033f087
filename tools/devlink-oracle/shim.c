#define _GNU_SOURCE
#include <dlfcn.h>
#include <string.h>
#include <stdint.h>
#include <errno.h>
#include <sys/types.h>
#include <linux/netlink.h>
#include <linux/genetlink.h>
/* LD_PRELOAD over libmnl: answers the devlink family lookup, then every devlink request with
   EOPNOTSUPP, so the stock devlink 6.1 runs its whole argument parser on a machine without the
   devlink family. Only an oracle for parse errors; nothing else. */
static unsigned char last[65536];
static size_t lastlen;
ssize_t mnl_socket_sendto(void *nl, const void *buf, size_t len) {
  if (len > sizeof last) len = sizeof last;
  memcpy(last, buf, len); lastlen = len; return len;
}
static size_t put_attr(unsigned char *p, uint16_t type, const void *data, uint16_t dlen) {
  struct nlattr *a = (struct nlattr *)p; a->nla_type = type; a->nla_len = 4 + dlen;
  memcpy(p + 4, data, dlen); size_t tot = (4 + dlen + 3) & ~3u; memset(p + 4 + dlen, 0, tot - 4 - dlen); return tot;
}
ssize_t mnl_socket_recvfrom(void *nl, void *buf, size_t bufsiz) {
  const struct nlmsghdr *req = (const struct nlmsghdr *)last;
  unsigned char *p = buf; size_t off = 0;
  if (req->nlmsg_type == GENL_ID_CTRL) {
    struct nlmsghdr *h = (struct nlmsghdr *)p;
    memset(h, 0, sizeof *h); h->nlmsg_type = GENL_ID_CTRL; h->nlmsg_seq = req->nlmsg_seq;
    struct genlmsghdr *g = (struct genlmsghdr *)(p + NLMSG_HDRLEN); g->cmd = CTRL_CMD_NEWFAMILY; g->version = 2; g->reserved = 0;
    off = NLMSG_HDRLEN + GENL_HDRLEN;
    uint16_t id = 0x20; uint32_t max = 200;
    off += put_attr(p + off, CTRL_ATTR_FAMILY_ID, &id, 2);
    off += put_attr(p + off, CTRL_ATTR_MAXATTR, &max, 4);
    h->nlmsg_len = off;
  }
  struct nlmsghdr *e = (struct nlmsghdr *)(p + off);
  memset(e, 0, NLMSG_HDRLEN + sizeof(struct nlmsgerr));
  e->nlmsg_type = NLMSG_ERROR; e->nlmsg_seq = req->nlmsg_seq; e->nlmsg_flags = NLM_F_CAPPED;
  struct nlmsgerr *err = (struct nlmsgerr *)(p + off + NLMSG_HDRLEN);
  err->error = req->nlmsg_type == GENL_ID_CTRL ? 0 : -EOPNOTSUPP;
  memcpy(&err->msg, req, sizeof *req);
  e->nlmsg_len = NLMSG_HDRLEN + sizeof(struct nlmsgerr);
  off += e->nlmsg_len;
  return off;
}
