package dev.fabric.cli.devlink;

import dev.fabric.devlink.model.DevHandle;
import dev.fabric.devlink.model.DevOp;
import dev.fabric.devlink.model.Param;
import dev.fabric.devlink.model.PortState;
import java.util.EnumSet;
import java.util.Set;

/**
 * iproute2's dl_opts and dl_argv_parse: a handle first (if wanted), then keyword/value pairs in
 * any order, then the check that every required option is present, each with its exact message.
 */
public final class Opts {

  /** The options, with the message dl_args_finding_required_validate prints when one is missing. */
  public enum Opt {
    HANDLE(null), HANDLEP(null), HANDLE_REGION(null),
    PORT_TYPE("Port type not set."),
    PORT_COUNT("Port split count option expected."),
    ESWITCH_MODE("E-Switch mode option expected."),
    ESWITCH_INLINE_MODE("E-Switch inline-mode option expected."),
    ESWITCH_ENCAP_MODE("E-Switch encapsulation option expected."),
    RESOURCE_PATH("Resource path expected."),
    RESOURCE_SIZE("Resource size expected."),
    PARAM_NAME("Parameter name expected."),
    PARAM_VALUE("Value to set expected."),
    PARAM_CMODE("Configuration mode expected."),
    REGION_SNAPSHOT_ID("Region snapshot id expected."),
    REGION_ADDRESS("Region address value expected."),
    REGION_LENGTH("Region length value expected."),
    FLASH_FILE_NAME("Flash file name expected."),
    FLASH_COMPONENT(null),
    FLASH_OVERWRITE(null),
    HEALTH_REPORTER_NAME("Reporter's name is expected."),
    HEALTH_REPORTER_GRACEFUL_PERIOD(null),
    HEALTH_REPORTER_AUTO_RECOVER(null),
    HEALTH_REPORTER_AUTO_DUMP(null),
    TRAP_NAME("Trap's name is expected."),
    TRAP_GROUP_NAME("Trap group's name is expected."),
    TRAP_ACTION(null),
    TRAP_POLICER_ID("Trap policer's id is expected."),
    TRAP_POLICER_RATE(null),
    TRAP_POLICER_BURST(null),
    NETNS(null),
    RELOAD_ACTION(null),
    RELOAD_LIMIT(null),
    PORT_FUNCTION_HW_ADDR("Port function's hardware address is expected."),
    PORT_FUNCTION_STATE(null);

    final String missing;

    Opt(String missing) {
      this.missing = missing;
    }
  }

  public final Set<Opt> present = EnumSet.noneOf(Opt.class);
  public DevHandle dev;
  public Long portIndex;
  /** For handles given as a netdev name: resolved by the caller through a port dump. */
  public String regionName;
  public PortState.Type portType;
  public Long portCount;
  public String eswitchMode;
  public String eswitchInlineMode;
  public String eswitchEncapMode;
  public String resourcePath;
  public Long resourceSize;
  public String paramName;
  public String paramValue;
  public Param.Cmode cmode;
  public Long regionSnapshotId;
  public Long regionAddress;
  public Long regionLength;
  public String flashFile;
  public String flashComponent;
  public int overwriteMask;
  public String reporterName;
  public Long reporterGracePeriod;
  public Boolean reporterAutoRecover;
  public Boolean reporterAutoDump;
  public String trapName;
  public String trapGroupName;
  public String trapAction;
  public Long policerId;
  public Long policerRate;
  public Long policerBurst;
  public String netns;
  public DevOp.Action reloadAction;
  public DevOp.Limit reloadLimit;
  public String hwAddr;
  public String functionState;

  public boolean has(Opt o) {
    return present.contains(o);
  }

  /** Resolves a netdev name to its port handle (iproute2's ifname map), or null. */
  public interface IfnameResolver {
    dev.fabric.devlink.model.PortHandle resolve(String ifname);
  }

  /** dl_argv_parse(dl, required, optional). */
  public static Opts parse(DlArgs a, Set<Opt> required, Set<Opt> optional, IfnameResolver ifnames) throws DlError {
    Opts o = new Opts();
    Set<Opt> all = EnumSet.noneOf(Opt.class);
    all.addAll(required);
    all.addAll(optional);
    if (required.contains(Opt.HANDLE) && required.contains(Opt.HANDLEP)) {
      o.parseHandleOrPort(a, ifnames);
    } else if (required.contains(Opt.HANDLE)) {
      o.parseDevHandle(a);
    } else if (required.contains(Opt.HANDLEP)) {
      o.parsePortHandle(a, ifnames);
    } else if (required.contains(Opt.HANDLE_REGION)) {
      o.parseRegionHandle(a);
    }
    while (!a.noArg()) {
      o.parseKeyword(a, all);
    }
    for (Opt r : required) {
      if (r.missing != null && !o.present.contains(r)) {
        throw new DlError(r.missing + "\n");
      }
    }
    return o;
  }

  void parseDevHandle(DlArgs a) throws DlError {
    String s = a.next();
    if (s == null) {
      throw new DlError("Devlink identification (\"bus_name/dev_name\") expected\n");
    }
    if (DlArgs.count(s, '/') != 1) {
      throw new DlError("Wrong identification string format.\nDevlink identification (\"bus_name/dev_name\") expected\n");
    }
    int slash = s.indexOf('/');
    dev = new DevHandle(s.substring(0, slash), s.substring(slash + 1));
    present.add(Opt.HANDLE);
  }

  void parsePortHandle(DlArgs a, IfnameResolver ifnames) throws DlError {
    String s = a.next();
    if (s == null) {
      throw new DlError("Port identification (\"bus_name/dev_name/port_index\" or \"netdev ifname\") expected.\n");
    }
    long slashes = DlArgs.count(s, '/');
    if (slashes == 0) {
      dev.fabric.devlink.model.PortHandle p = ifnames.resolve(s);
      if (p == null) {
        throw new DlError("Netdevice \"" + s + "\" not found\n");
      }
      dev = p.dev();
      portIndex = p.index();
    } else if (slashes == 2) {
      int last = s.lastIndexOf('/');
      int first = s.indexOf('/');
      String idx = s.substring(last + 1);
      Long v = DlArgs.u32(idx);
      if (v == null) {
        throw new DlError("Port index \"" + idx + "\" is not a number or not within range\n");
      }
      dev = new DevHandle(s.substring(0, first), s.substring(first + 1, last));
      portIndex = v;
    } else {
      throw new DlError("Wrong port identification string format.\nExpected \"bus_name/dev_name/port_index\" or \"netdev_ifname\".\n");
    }
    present.add(Opt.HANDLEP);
  }

  void parseHandleOrPort(DlArgs a, IfnameResolver ifnames) throws DlError {
    String s = a.argv();
    if (s == null) {
      throw new DlError("One of following identifications expected:\nDevlink identification (\"bus_name/dev_name\")\n"
          + "Port identification (\"bus_name/dev_name/port_index\" or \"netdev ifname\")\n");
    }
    long slashes = DlArgs.count(s, '/');
    if (slashes == 1) {
      parseDevHandle(a);
    } else if (slashes == 0 || slashes == 2) {
      parsePortHandle(a, ifnames);
    } else {
      a.inc();
      throw new DlError("Wrong identification string format.\nDevlink identification (\"bus_name/dev_name\") expected\n"
          + "or\nPort identification (\"bus_name/dev_name/port_index\" or \"netdev ifname\") expected.\n");
    }
  }

  void parseRegionHandle(DlArgs a) throws DlError {
    String s = a.next();
    if (s == null) {
      throw new DlError("Expected \"bus_name/dev_name/region\" identification.\n");
    }
    if (DlArgs.count(s, '/') != 2) {
      throw new DlError("Wrong identification string format.\nExpected \"bus_name/dev_name/region\" identification.\n");
    }
    int first = s.indexOf('/');
    int last = s.lastIndexOf('/');
    dev = new DevHandle(s.substring(0, first), s.substring(first + 1, last));
    regionName = s.substring(last + 1);
    present.add(Opt.HANDLE_REGION);
  }

  private String value(DlArgs a) throws DlError {
    String v = a.next();
    if (v == null) {
      throw new DlError("Value expected\n");
    }
    return v;
  }

  private String strValue(DlArgs a) throws DlError {
    String v = a.next();
    if (v == null) {
      throw new DlError("String parameter expected\n");
    }
    return v;
  }

  private Long numValue(DlArgs a, boolean u64) throws DlError {
    String v = a.next();
    if (v == null) {
      throw new DlError("Numeric parameter expected\n");
    }
    Long n = u64 ? DlArgs.u64(v) : DlArgs.u32(v);
    if (n == null) {
      throw new DlError("\"" + v + "\" is not a number or not within range\n");
    }
    return n;
  }

  private Boolean boolValue(DlArgs a) throws DlError {
    String v = a.next();
    if (v == null) {
      throw new DlError("Boolean argument expected\n");
    }
    if (v.equals("true")) {
      return true;
    }
    if (v.equals("false")) {
      return false;
    }
    throw new DlError("Unknown boolean value \"" + v + "\"\n");
  }

  private void parseKeyword(DlArgs a, Set<Opt> all) throws DlError {
    if (a.match("type") && all.contains(Opt.PORT_TYPE)) {
      a.inc();
      String t = strValue(a);
      portType = switch (t) {
        case "eth" -> PortState.Type.ETH;
        case "ib" -> PortState.Type.IB;
        case "auto" -> PortState.Type.AUTO;
        default -> throw new DlError("Unknown port type \"" + t + "\"\n");
      };
      present.add(Opt.PORT_TYPE);
    } else if (a.match("count") && all.contains(Opt.PORT_COUNT)) {
      a.inc();
      portCount = numValue(a, false);
      present.add(Opt.PORT_COUNT);
    } else if (a.match("mode") && all.contains(Opt.ESWITCH_MODE)) {
      a.inc();
      String m = strValue(a);
      if (!m.equals("legacy") && !m.equals("switchdev")) {
        throw new DlError("Unknown eswitch mode \"" + m + "\"\n");
      }
      eswitchMode = m;
      present.add(Opt.ESWITCH_MODE);
    } else if (a.match("inline-mode") && all.contains(Opt.ESWITCH_INLINE_MODE)) {
      a.inc();
      String m = strValue(a);
      if (!java.util.List.of("none", "link", "network", "transport").contains(m)) {
        throw new DlError("Unknown eswitch inline mode \"" + m + "\"\n");
      }
      eswitchInlineMode = m;
      present.add(Opt.ESWITCH_INLINE_MODE);
    } else if (a.match("encap-mode") && all.contains(Opt.ESWITCH_ENCAP_MODE)) {
      a.inc();
      String m = strValue(a);
      if (!m.equals("none") && !m.equals("basic")) {
        throw new DlError("Unknown eswitch encap mode \"" + m + "\"\n");
      }
      eswitchEncapMode = m;
      present.add(Opt.ESWITCH_ENCAP_MODE);
    } else if (a.match("path") && all.contains(Opt.RESOURCE_PATH)) {
      a.inc();
      resourcePath = strValue(a);
      present.add(Opt.RESOURCE_PATH);
    } else if (a.match("size") && all.contains(Opt.RESOURCE_SIZE)) {
      a.inc();
      resourceSize = numValue(a, true);
      present.add(Opt.RESOURCE_SIZE);
    } else if (a.match("name") && all.contains(Opt.PARAM_NAME)) {
      a.inc();
      paramName = strValue(a);
      present.add(Opt.PARAM_NAME);
    } else if (a.match("value") && all.contains(Opt.PARAM_VALUE)) {
      a.inc();
      paramValue = strValue(a);
      present.add(Opt.PARAM_VALUE);
    } else if (a.match("cmode") && all.contains(Opt.PARAM_CMODE)) {
      a.inc();
      String m = strValue(a);
      cmode = switch (m) {
        case "runtime" -> Param.Cmode.RUNTIME;
        case "driverinit" -> Param.Cmode.DRIVERINIT;
        case "permanent" -> Param.Cmode.PERMANENT;
        default -> throw new DlError("Unknown configuration mode \"" + m + "\"\n");
      };
      present.add(Opt.PARAM_CMODE);
    } else if (a.match("snapshot") && all.contains(Opt.REGION_SNAPSHOT_ID)) {
      a.inc();
      regionSnapshotId = numValue(a, false);
      present.add(Opt.REGION_SNAPSHOT_ID);
    } else if (a.match("address") && all.contains(Opt.REGION_ADDRESS)) {
      a.inc();
      regionAddress = numValue(a, true);
      present.add(Opt.REGION_ADDRESS);
    } else if (a.match("length") && all.contains(Opt.REGION_LENGTH)) {
      a.inc();
      regionLength = numValue(a, true);
      present.add(Opt.REGION_LENGTH);
    } else if (a.match("file") && all.contains(Opt.FLASH_FILE_NAME)) {
      a.inc();
      flashFile = strValue(a);
      present.add(Opt.FLASH_FILE_NAME);
    } else if (a.match("component") && all.contains(Opt.FLASH_COMPONENT)) {
      a.inc();
      flashComponent = strValue(a);
      present.add(Opt.FLASH_COMPONENT);
    } else if (a.match("overwrite") && all.contains(Opt.FLASH_OVERWRITE)) {
      a.inc();
      String s = strValue(a);
      switch (s) {
        case "settings" -> overwriteMask |= 1;
        case "identifiers" -> overwriteMask |= 2;
        default -> throw new DlError("Unknown overwrite section \"" + s + "\"\n");
      }
      present.add(Opt.FLASH_OVERWRITE);
    } else if (a.match("reporter") && all.contains(Opt.HEALTH_REPORTER_NAME)) {
      a.inc();
      reporterName = strValue(a);
      present.add(Opt.HEALTH_REPORTER_NAME);
    } else if (a.match("grace_period") && all.contains(Opt.HEALTH_REPORTER_GRACEFUL_PERIOD)) {
      a.inc();
      reporterGracePeriod = numValue(a, true);
      present.add(Opt.HEALTH_REPORTER_GRACEFUL_PERIOD);
    } else if (a.match("auto_recover") && all.contains(Opt.HEALTH_REPORTER_AUTO_RECOVER)) {
      a.inc();
      reporterAutoRecover = boolValue(a);
      present.add(Opt.HEALTH_REPORTER_AUTO_RECOVER);
    } else if (a.match("auto_dump") && all.contains(Opt.HEALTH_REPORTER_AUTO_DUMP)) {
      a.inc();
      reporterAutoDump = boolValue(a);
      present.add(Opt.HEALTH_REPORTER_AUTO_DUMP);
    } else if (a.match("trap") && all.contains(Opt.TRAP_NAME)) {
      a.inc();
      trapName = strValue(a);
      present.add(Opt.TRAP_NAME);
    } else if (a.match("group") && all.contains(Opt.TRAP_GROUP_NAME)) {
      a.inc();
      trapGroupName = strValue(a);
      present.add(Opt.TRAP_GROUP_NAME);
    } else if (a.match("action") && all.contains(Opt.TRAP_ACTION)) {
      a.inc();
      String s = strValue(a);
      if (!java.util.List.of("drop", "trap", "mirror").contains(s)) {
        throw new DlError("Unknown trap action \"" + s + "\"\n");
      }
      trapAction = s;
      present.add(Opt.TRAP_ACTION);
    } else if (a.match("policer") && all.contains(Opt.TRAP_POLICER_ID)) {
      a.inc();
      policerId = numValue(a, false);
      present.add(Opt.TRAP_POLICER_ID);
    } else if (a.match("nopolicer") && all.contains(Opt.TRAP_POLICER_ID)) {
      a.inc();
      policerId = 0L;
      present.add(Opt.TRAP_POLICER_ID);
    } else if (a.match("rate") && all.contains(Opt.TRAP_POLICER_RATE)) {
      a.inc();
      policerRate = numValue(a, true);
      present.add(Opt.TRAP_POLICER_RATE);
    } else if (a.match("burst") && all.contains(Opt.TRAP_POLICER_BURST)) {
      a.inc();
      policerBurst = numValue(a, true);
      present.add(Opt.TRAP_POLICER_BURST);
    } else if (a.match("netns") && all.contains(Opt.NETNS)) {
      a.inc();
      String s = strValue(a);
      netns = s;
      present.add(Opt.NETNS);
    } else if (a.match("action") && all.contains(Opt.RELOAD_ACTION)) {
      a.inc();
      String s = strValue(a);
      reloadAction = switch (s) {
        case "driver_reinit" -> DevOp.Action.DRIVER_REINIT;
        case "fw_activate" -> DevOp.Action.FW_ACTIVATE;
        default -> throw new DlError("Unknown reload action \"" + s + "\"\n");
      };
      present.add(Opt.RELOAD_ACTION);
    } else if (a.match("limit") && all.contains(Opt.RELOAD_LIMIT)) {
      a.inc();
      String s = strValue(a);
      if (!s.equals("no_reset")) {
        throw new DlError("Unknown reload limit \"" + s + "\"\n");
      }
      reloadLimit = DevOp.Limit.NO_RESET;
      present.add(Opt.RELOAD_LIMIT);
    } else if (a.match("hw_addr") && all.contains(Opt.PORT_FUNCTION_HW_ADDR)) {
      a.inc();
      hwAddr = strValue(a);
      present.add(Opt.PORT_FUNCTION_HW_ADDR);
    } else if (a.match("state") && all.contains(Opt.PORT_FUNCTION_STATE)) {
      a.inc();
      String s = strValue(a);
      if (!s.equals("active") && !s.equals("inactive")) {
        throw new DlError("Unknown function state \"" + s + "\"\n");
      }
      functionState = s;
      present.add(Opt.PORT_FUNCTION_STATE);
    } else {
      throw new DlError("Unknown option \"" + a.argv() + "\"\n");
    }
  }
}
