package dev.fabric.netlink;

/**
 * An error as the kernel reports it in an NLMSG_ERROR: the negative errno, the extack message, the
 * offset of the offending attribute from the start of the request (or -1), the policy entry the
 * kernel's NL_SET_ERR_MSG_ATTR_POL attaches (or null) and the missing attribute type that
 * GENL_REQ_ATTR_CHECK reports (or 0).
 */
public record NlError(int errno, String message, int badAttrOffset, Policy.Entry policy, int missType) {
  public NlError(int errno, String message, int badAttrOffset, Policy.Entry policy) {
    this(errno, message, badAttrOffset, policy, 0);
  }

  public static NlError of(int errno) {
    return new NlError(errno, null, -1, null, 0);
  }

  public static NlError of(int errno, String message) {
    return new NlError(errno, message, -1, null, 0);
  }

  /** GENL_REQ_ATTR_CHECK: -EINVAL with NLMSGERR_ATTR_MISS_TYPE and no message. */
  public static NlError missing(int type) {
    return new NlError(-22, null, -1, null, type);
  }
}
