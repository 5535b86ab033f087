package dev.fabric.devlink.model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * netdevsim's debugfs knobs of one device (drivers/net/netdevsim/dev.c), with its defaults. The
 * driver reads them under the instance lock, so they live with the instance's state.
 */
public final class Knobs {
  public boolean failReload;
  public boolean dontAllowReload;
  public boolean failTrapGroupSet;
  public boolean failTrapPolicerSet;
  public boolean failTrapPolicerCounterGet;
  public boolean failTrapDropCounterGet;
  public boolean fwUpdateStatus = true;
  public long fwUpdateOverwriteMask;
  public long maxVfs = 4;
  /** nsim_dev->fa_cookie as hex (bin2hex, lower case); null until one is written (a read gives EINVAL). */
  public String trapFlowActionCookie;
  public boolean healthFailRecover;
  public long healthBinaryLen = 16;
  /** Knobs that exist only to be listed, read and written (bpf_*, udp_ports_*): name to value. */
  public final Map<String, String> passive = new LinkedHashMap<>();

  public Knobs() {
    passive.put("bpf_bind_accept", "Y");
    passive.put("bpf_bind_verifier_accept", "Y");
    passive.put("bpf_bind_verifier_delay", "0");
    for (String n : new String[] {"udp_ports_ipv4_only", "udp_ports_open_only", "udp_ports_shared"}) {
      passive.put(n, "N");
    }
    passive.put("udp_ports_sleep", "0");
    passive.put("udp_ports_static_iana_vxlan", "N");
    passive.put("udp_ports_sync_all", "N");
  }

  public Knobs copy() {
    Knobs k = new Knobs();
    k.failReload = failReload;
    k.dontAllowReload = dontAllowReload;
    k.failTrapGroupSet = failTrapGroupSet;
    k.failTrapPolicerSet = failTrapPolicerSet;
    k.failTrapPolicerCounterGet = failTrapPolicerCounterGet;
    k.failTrapDropCounterGet = failTrapDropCounterGet;
    k.fwUpdateStatus = fwUpdateStatus;
    k.fwUpdateOverwriteMask = fwUpdateOverwriteMask;
    k.maxVfs = maxVfs;
    k.trapFlowActionCookie = trapFlowActionCookie;
    k.healthFailRecover = healthFailRecover;
    k.healthBinaryLen = healthBinaryLen;
    k.passive.putAll(passive);
    return k;
  }

  /** kstrtobool: y/Y/1/on → true, n/N/0/off → false; null when unparsable (EINVAL). */
  public static Boolean parseBool(String text) {
    String s = text.strip();
    if (s.isEmpty()) {
      return null;
    }
    char c = s.charAt(0);
    if (c == 'y' || c == 'Y' || c == '1') {
      return true;
    }
    if (c == 'n' || c == 'N' || c == '0') {
      return false;
    }
    if (s.length() >= 2 && (c == 'o' || c == 'O')) {
      char d = Character.toLowerCase(s.charAt(1));
      if (d == 'n') {
        return true;
      }
      if (d == 'f') {
        return false;
      }
    }
    return null;
  }

  /** kstrtou32 after trimming the trailing newline; null when unparsable or out of range. */
  public static Long parseU32(String text) {
    String s = text.strip();
    try {
      long v;
      if (s.startsWith("0x") || s.startsWith("0X")) {
        v = Long.parseLong(s.substring(2), 16);
      } else {
        if (s.isEmpty() || !s.chars().allMatch(Character::isDigit)) {
          return null;
        }
        v = Long.parseLong(s);
      }
      return v >= 0 && v <= 0xFFFF_FFFFL ? v : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  public static String yn(boolean b) {
    return b ? "Y" : "N";
  }
}
