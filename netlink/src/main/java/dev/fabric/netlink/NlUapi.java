package dev.fabric.netlink;

/**
 * The netlink and generic-netlink constants of linux/netlink.h and linux/genetlink.h that the codec
 * uses. DevlinkUapiTest checks every one against the installed UAPI headers with gcc.
 */
public final class NlUapi {
  private NlUapi() {}

  public static final int NETLINK_GENERIC = 16;
  public static final int SOL_NETLINK = 270;
  public static final int NETLINK_ADD_MEMBERSHIP = 1;
  public static final int NETLINK_DROP_MEMBERSHIP = 2;
  public static final int NETLINK_CAP_ACK = 10;
  public static final int NETLINK_EXT_ACK = 11;
  public static final int NETLINK_GET_STRICT_CHK = 12;

  public static final int NLMSG_HDRLEN = 16;
  public static final int NLMSG_NOOP = 1;
  public static final int NLMSG_ERROR = 2;
  public static final int NLMSG_DONE = 3;
  public static final int NLMSG_OVERRUN = 4;
  public static final int NLMSG_MIN_TYPE = 16;

  public static final int NLM_F_REQUEST = 1;
  public static final int NLM_F_MULTI = 2;
  public static final int NLM_F_ACK = 4;
  public static final int NLM_F_ECHO = 8;
  public static final int NLM_F_DUMP_INTR = 16;
  public static final int NLM_F_DUMP_FILTERED = 32;
  public static final int NLM_F_ROOT = 0x100;
  public static final int NLM_F_MATCH = 0x200;
  public static final int NLM_F_DUMP = 0x300;
  public static final int NLM_F_CAPPED = 0x100;
  public static final int NLM_F_ACK_TLVS = 0x200;

  public static final int NLMSGERR_ATTR_MSG = 1;
  public static final int NLMSGERR_ATTR_OFFS = 2;
  public static final int NLMSGERR_ATTR_COOKIE = 3;
  public static final int NLMSGERR_ATTR_POLICY = 4;
  public static final int NLMSGERR_ATTR_MISS_TYPE = 5;
  public static final int NLMSGERR_ATTR_MISS_NEST = 6;

  public static final int NLA_F_NESTED = 1 << 15;
  public static final int NLA_F_NET_BYTEORDER = 1 << 14;
  public static final int NLA_TYPE_MASK = ~(NLA_F_NESTED | NLA_F_NET_BYTEORDER);
  public static final int NLA_HDRLEN = 4;

  public static final int GENL_HDRLEN = 4;
  public static final int GENL_ID_CTRL = 16;
  public static final int GENL_ADMIN_PERM = 1;
  public static final int GENL_CMD_CAP_DO = 2;
  public static final int GENL_CMD_CAP_DUMP = 4;
  public static final int GENL_CMD_CAP_HASPOL = 8;

  public static final int CTRL_CMD_NEWFAMILY = 1;
  public static final int CTRL_CMD_DELFAMILY = 2;
  public static final int CTRL_CMD_GETFAMILY = 3;
  public static final int CTRL_CMD_GETPOLICY = 10;
  public static final int CTRL_ATTR_FAMILY_ID = 1;
  public static final int CTRL_ATTR_FAMILY_NAME = 2;
  public static final int CTRL_ATTR_VERSION = 3;
  public static final int CTRL_ATTR_HDRSIZE = 4;
  public static final int CTRL_ATTR_MAXATTR = 5;
  public static final int CTRL_ATTR_OPS = 6;
  public static final int CTRL_ATTR_MCAST_GROUPS = 7;
  public static final int CTRL_ATTR_OP_ID = 1;
  public static final int CTRL_ATTR_OP_FLAGS = 2;
  public static final int CTRL_ATTR_MCAST_GRP_NAME = 1;
  public static final int CTRL_ATTR_MCAST_GRP_ID = 2;


  public static final int NL_ATTR_TYPE_FLAG = 1;
  public static final int NL_ATTR_TYPE_U8 = 2;
  public static final int NL_ATTR_TYPE_U16 = 3;
  public static final int NL_ATTR_TYPE_U32 = 4;
  public static final int NL_ATTR_TYPE_U64 = 5;
  public static final int NL_ATTR_TYPE_BINARY = 10;
  public static final int NL_ATTR_TYPE_NUL_STRING = 12;
  public static final int NL_ATTR_TYPE_NESTED = 13;
  public static final int NL_ATTR_TYPE_BITFIELD32 = 15;
  public static final int NL_POLICY_TYPE_ATTR_TYPE = 1;
  public static final int NL_POLICY_TYPE_ATTR_MIN_VALUE_U = 4;
  public static final int NL_POLICY_TYPE_ATTR_MAX_VALUE_U = 5;
  public static final int NL_POLICY_TYPE_ATTR_MAX_LENGTH = 7;
  public static final int NL_POLICY_TYPE_ATTR_BITFIELD32_MASK = 10;
  public static final int NL_POLICY_TYPE_ATTR_PAD = 11;
}
