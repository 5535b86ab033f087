package dev.fabric.cli.devlink;

import dev.fabric.devlink.model.DevHandle;
import dev.fabric.devlink.model.DevOp;
import dev.fabric.devlink.model.Param;
import dev.fabric.devlink.model.PortHandle;
import dev.fabric.devlink.model.PortState;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * iproute2 6.1's dl_opts and dl_argv_parse, ported whole (devlink/devlink.c): the handle first
 * (dl_argv_handle, _port, _both, _region, _rate, _rate_node), then keyword/value pairs in any
 * order, tried in the very order of dl_argv_parse's if/else chain (so "type" is a port type where
 * the command takes one, else a pool type, a rate type or a line card type), each value parsed by
 * the same helper with the same message; then dl_args_finding_required_validate. An option given
 * twice is parsed twice and the last value wins (overwrite sections add up), as in C.
 */
public final class Opts {

  /** The DL_OPT_* bits, in bit order. */
  public enum Opt {
    HANDLE, HANDLEP, PORT_TYPE, PORT_COUNT, SB, SB_POOL, SB_SIZE, SB_TYPE, SB_THTYPE, SB_TH, SB_TC,
    ESWITCH_MODE, ESWITCH_INLINE_MODE, DPIPE_TABLE_NAME, DPIPE_TABLE_COUNTERS, ESWITCH_ENCAP_MODE,
    RESOURCE_PATH, RESOURCE_SIZE, PARAM_NAME, PARAM_VALUE, PARAM_CMODE, HANDLE_REGION,
    REGION_SNAPSHOT_ID, REGION_ADDRESS, REGION_LENGTH, FLASH_FILE_NAME, FLASH_COMPONENT,
    HEALTH_REPORTER_NAME, HEALTH_REPORTER_GRACEFUL_PERIOD, HEALTH_REPORTER_AUTO_RECOVER, TRAP_NAME,
    TRAP_ACTION, TRAP_GROUP_NAME, NETNS, TRAP_POLICER_ID, TRAP_POLICER_RATE, TRAP_POLICER_BURST,
    HEALTH_REPORTER_AUTO_DUMP, PORT_FUNCTION_HW_ADDR, FLASH_OVERWRITE, RELOAD_ACTION, RELOAD_LIMIT,
    PORT_FLAVOUR, PORT_PFNUMBER, PORT_SFNUMBER, PORT_FUNCTION_STATE, PORT_CONTROLLER,
    PORT_FN_RATE_TYPE, PORT_FN_RATE_TX_SHARE, PORT_FN_RATE_TX_MAX, PORT_FN_RATE_NODE_NAME,
    PORT_FN_RATE_PARENT, LINECARD, LINECARD_TYPE, SELFTESTS
  }

  /** dl_args_required, in its own order (not the bit order): the first missing one is reported. */
  private record Required(Opt opt, String message) {}

  private static final List<Required> REQUIRED = List.of(
      new Required(Opt.PORT_TYPE, "Port type not set."),
      new Required(Opt.PORT_COUNT, "Port split count option expected."),
      new Required(Opt.SB_POOL, "Pool index option expected."),
      new Required(Opt.SB_SIZE, "Pool size option expected."),
      new Required(Opt.SB_TYPE, "Pool type option expected."),
      new Required(Opt.SB_THTYPE, "Pool threshold type option expected."),
      new Required(Opt.SB_TH, "Threshold option expected."),
      new Required(Opt.SB_TC, "TC index option expected."),
      new Required(Opt.ESWITCH_MODE, "E-Switch mode option expected."),
      new Required(Opt.ESWITCH_INLINE_MODE, "E-Switch inline-mode option expected."),
      new Required(Opt.DPIPE_TABLE_NAME, "Dpipe table name expected."),
      new Required(Opt.DPIPE_TABLE_COUNTERS, "Dpipe table counter state expected."),
      new Required(Opt.ESWITCH_ENCAP_MODE, "E-Switch encapsulation option expected."),
      new Required(Opt.RESOURCE_PATH, "Resource path expected."),
      new Required(Opt.RESOURCE_SIZE, "Resource size expected."),
      new Required(Opt.PARAM_NAME, "Parameter name expected."),
      new Required(Opt.PARAM_VALUE, "Value to set expected."),
      new Required(Opt.PARAM_CMODE, "Configuration mode expected."),
      new Required(Opt.REGION_SNAPSHOT_ID, "Region snapshot id expected."),
      new Required(Opt.REGION_ADDRESS, "Region address value expected."),
      new Required(Opt.REGION_LENGTH, "Region length value expected."),
      new Required(Opt.HEALTH_REPORTER_NAME, "Reporter's name is expected."),
      new Required(Opt.TRAP_NAME, "Trap's name is expected."),
      new Required(Opt.TRAP_GROUP_NAME, "Trap group's name is expected."),
      new Required(Opt.PORT_FUNCTION_HW_ADDR, "Port function's hardware address is expected."),
      new Required(Opt.PORT_FLAVOUR, "Port flavour is expected."),
      new Required(Opt.PORT_PFNUMBER, "Port PCI PF number is expected."),
      new Required(Opt.LINECARD, "Linecard index expected."),
      new Required(Opt.LINECARD_TYPE, "Linecard type expected."),
      new Required(Opt.SELFTESTS, "Test name is expected"));

  /** What the parser asks of the running tool: the ifname map and /run/netns. */
  public interface Context {
    /** ifname_map_lookup: the port whose netdev has this name, or null. */
    PortHandle resolveIfname(String ifname);

    /** netns_get_fd succeeds: a namespace of this name exists. */
    boolean netnsExists(String name);
  }

  /** opts->present after the parse (o_found, plus SB when optional and absent). */
  public final Set<Opt> present = EnumSet.noneOf(Opt.class);
  public DevHandle dev;
  public Long portIndex;
  public String regionName;
  public PortState.Type portType;
  public Long portCount;
  public Long sbIndex;
  public Long sbPoolIndex;
  public Long sbPoolSize;
  public String sbPoolType;
  public String sbThresholdType;
  public Long sbThreshold;
  public Long sbTcIndex;
  public DevOp.EswitchMode eswitchMode;
  public DevOp.InlineMode eswitchInlineMode;
  public DevOp.EncapMode eswitchEncapMode;
  public String dpipeTableName;
  public Boolean dpipeCountersEnabled;
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
  public boolean selftestFlash;
  public String reporterName;
  public Long reporterGracePeriod;
  public Boolean reporterAutoRecover;
  public Boolean reporterAutoDump;
  public String trapName;
  public String trapGroupName;
  public String trapAction;
  /** The namespace name as given, or the pid when {@link #netnsIsPid}. */
  public String netns;
  public boolean netnsIsPid;
  public DevOp.Action reloadAction;
  public DevOp.Limit reloadLimit;
  public Long policerId;
  public Long policerRate;
  public Long policerBurst;
  /** The address as typed and its bytes (ll_addr_a2n). */
  public String hwAddr;
  public byte[] hwAddrBytes;
  public String functionState;
  public String portFlavour;
  public Long portPfnumber;
  public Long portSfnumber;
  public Long portController;
  public String rateType;
  public Long rateTxShare;
  public Long rateTxMax;
  public String rateNodeName;
  /** "" for noparent. */
  public String rateParent;
  public Long linecardIndex;
  /** "" for notype. */
  public String linecardType;

  public boolean has(Opt o) {
    return present.contains(o);
  }

  /** dl_argv_parse(dl, o_required, o_optional). */
  public static Opts parse(DlArgs a, Set<Opt> required, Set<Opt> optional, Context ctx) throws DlError {
    Opts o = new Opts();
    EnumSet<Opt> req = required.isEmpty() ? EnumSet.noneOf(Opt.class) : EnumSet.copyOf(required);
    EnumSet<Opt> all = EnumSet.copyOf(req);
    all.addAll(optional);
    EnumSet<Opt> found = EnumSet.noneOf(Opt.class);
    if (req.contains(Opt.HANDLE) && req.contains(Opt.HANDLEP)) {
      Opt bit = o.handleBoth(a, ctx);
      req.remove(bit == Opt.HANDLE ? Opt.HANDLEP : Opt.HANDLE);
      found.add(bit);
    } else if (req.contains(Opt.HANDLEP) && req.contains(Opt.PORT_FN_RATE_NODE_NAME)) {
      Opt bit = o.handleRate(a);
      req.remove(bit == Opt.HANDLEP ? Opt.PORT_FN_RATE_NODE_NAME : Opt.HANDLEP);
      found.add(bit);
    } else if (req.contains(Opt.HANDLE)) {
      o.handle(a);
      found.add(Opt.HANDLE);
    } else if (req.contains(Opt.HANDLEP)) {
      o.handlePort(a, ctx);
      found.add(Opt.HANDLEP);
    } else if (req.contains(Opt.HANDLE_REGION)) {
      o.handleRegion(a);
      found.add(Opt.HANDLE_REGION);
    } else if (req.contains(Opt.PORT_FN_RATE_NODE_NAME)) {
      o.handleRateNode(a);
      found.add(Opt.PORT_FN_RATE_NODE_NAME);
    }
    while (!a.noArg()) {
      found.add(o.option(a, all, ctx));
    }
    o.present.addAll(found);
    if (optional.contains(Opt.SB) && !found.contains(Opt.SB)) {
      o.sbIndex = 0L;
      o.present.add(Opt.SB);
    }
    // dl_args_finding_required_validate
    for (Required r : REQUIRED) {
      if (req.contains(r.opt) && !found.contains(r.opt)) {
        throw new DlError(r.message + "\n");
      }
    }
    if (!found.containsAll(req)) {
      throw new DlError("BUG: unknown argument required but not found\n");
    }
    return o;
  }

  // ------------------------------------------------------------------ handles

  private static final String DEV_EXPECTED = "Devlink identification (\"bus_name/dev_name\") expected\n";

  /** ident_str_validate: a missing string fails silently, a wrong slash count says so first. */
  private static boolean identValid(String s, int slashes, StringBuilder err) {
    if (s == null) {
      return false;
    }
    if (DlArgs.count(s, '/') != slashes) {
      err.append("Wrong identification string format.\n");
      return false;
    }
    return true;
  }

  /** dl_argv_handle. */
  private void handle(DlArgs a) throws DlError {
    String s = a.next();
    StringBuilder err = new StringBuilder();
    if (!identValid(s, 1, err)) {
      throw new DlError(err + DEV_EXPECTED);
    }
    splitDev(s);
  }

  private void splitDev(String s) {
    int slash = s.lastIndexOf('/');
    dev = new DevHandle(s.substring(0, slash), s.substring(slash + 1));
  }

  /** __dl_argv_handle_port: "bus/dev/index". */
  private void splitPort(String s) throws DlError {
    int last = s.lastIndexOf('/');
    String idx = s.substring(last + 1);
    Long v = DlArgs.u32(idx);
    if (v == null) {
      throw new DlError("Port index \"" + idx + "\" is not a number or not within range\n");
    }
    splitDev(s.substring(0, last));
    portIndex = v;
  }

  /** __dl_argv_handle_port_ifname. */
  private void portByIfname(String s, Context ctx) throws DlError {
    PortHandle p = ctx == null ? null : ctx.resolveIfname(s);
    if (p == null) {
      throw new DlError("Netdevice \"" + s + "\" not found\n");
    }
    dev = p.dev();
    portIndex = p.index();
  }

  /** dl_argv_handle_port. */
  private void handlePort(DlArgs a, Context ctx) throws DlError {
    String s = a.next();
    if (s == null) {
      throw new DlError("Port identification (\"bus_name/dev_name/port_index\" or \"netdev ifname\") expected.\n");
    }
    switch ((int) DlArgs.count(s, '/')) {
      case 0 -> portByIfname(s, ctx);
      case 2 -> splitPort(s);
      default -> throw new DlError("Wrong port identification string format.\n"
          + "Expected \"bus_name/dev_name/port_index\" or \"netdev_ifname\".\n");
    }
  }

  /** dl_argv_handle_both. */
  private Opt handleBoth(DlArgs a, Context ctx) throws DlError {
    String s = a.next();
    if (s == null) {
      throw new DlError("One of following identifications expected:\n"
          + "Devlink identification (\"bus_name/dev_name\")\n"
          + "Port identification (\"bus_name/dev_name/port_index\" or \"netdev ifname\")\n");
    }
    long slashes = DlArgs.count(s, '/');
    if (slashes == 1) {
      splitDev(s);
      return Opt.HANDLE;
    } else if (slashes == 2) {
      splitPort(s);
      return Opt.HANDLEP;
    } else if (slashes == 0) {
      portByIfname(s, ctx);
      return Opt.HANDLEP;
    }
    throw new DlError("Wrong port identification string format.\n"
        + "Expected \"bus_name/dev_name\" or \"bus_name/dev_name/port_index\" or \"netdev_ifname\".\n");
  }

  /** __dl_argv_handle_name: bus, dev and the last element. */
  private String splitName(String s) {
    int last = s.lastIndexOf('/');
    splitDev(s.substring(0, last));
    return s.substring(last + 1);
  }

  /** dl_argv_handle_region. */
  private void handleRegion(DlArgs a) throws DlError {
    String s = a.next();
    StringBuilder err = new StringBuilder();
    if (!identValid(s, 2, err)) {
      throw new DlError(err + "Expected \"bus_name/dev_name/region\" identification.\n");
    }
    regionName = splitName(s);
  }

  private static boolean allDigits(String s) {
    return s.chars().allMatch(c -> c >= '0' && c <= '9');
  }

  /** dl_argv_handle_rate_node. */
  private void handleRateNode(DlArgs a) throws DlError {
    String s = a.next();
    StringBuilder err = new StringBuilder();
    if (!identValid(s, 2, err)) {
      throw new DlError(err + "Expected \"bus_name/dev_name/node\" identification.\n");
    }
    String node = splitName(s);
    // strspn(node, digits) == strlen(node) is also true of the empty name
    if (node.isEmpty() || allDigits(node)) {
      throw new DlError("Node name cannot be a devlink port index or empty.\n");
    }
    rateNodeName = node;
  }

  /** dl_argv_handle_rate. */
  private Opt handleRate(DlArgs a) throws DlError {
    String s = a.next();
    StringBuilder err = new StringBuilder();
    if (!identValid(s, 2, err)) {
      throw new DlError(err + "Expected \"bus_name/dev_name/node\" or \"bus_name/dev_name/port_index\" identification.\n");
    }
    String id = splitName(s);
    if (id.isEmpty()) {
      // sic: iproute2 6.1 prints this one without a newline
      throw new DlError("Identifier cannot be empty");
    }
    if (allDigits(id)) {
      Long v = DlArgs.u32(id);
      if (v == null) {
        throw new DlError("Port index \"" + id + "\" is not a number or not within range\n");
      }
      portIndex = v;
      return Opt.HANDLEP;
    }
    rateNodeName = id;
    return Opt.PORT_FN_RATE_NODE_NAME;
  }

  // ------------------------------------------------------------------ values

  private static String str(DlArgs a) throws DlError {
    String v = a.next();
    if (v == null) {
      throw new DlError("String parameter expected\n");
    }
    return v;
  }

  private static long unsigned(DlArgs a, long max) throws DlError {
    String v = a.next();
    if (v == null) {
      throw new DlError("Unsigned number argument expected\n");
    }
    Long n = DlArgs.strtoul(v, max);
    if (n == null) {
      throw new DlError("\"" + v + "\" is not a number or not within range\n");
    }
    return n;
  }

  private static long u64(DlArgs a) throws DlError {
    return unsigned(a, -1L);
  }

  private static long u32(DlArgs a) throws DlError {
    return unsigned(a, 0xFFFF_FFFFL);
  }

  private static long u16(DlArgs a) throws DlError {
    return unsigned(a, 0xFFFFL);
  }

  /** strtobool. */
  static Boolean strtobool(String s) {
    return switch (s) {
      case "true", "1", "enable" -> Boolean.TRUE;
      case "false", "0", "disable" -> Boolean.FALSE;
      default -> null;
    };
  }

  /** dl_argv_bool. */
  private static boolean bool(DlArgs a) throws DlError {
    String v = a.next();
    if (v == null) {
      throw new DlError("Boolean argument expected\n");
    }
    Boolean b = strtobool(v);
    if (b == null) {
      throw new DlError("\"" + v + "\" is not a valid boolean value\n");
    }
    return b;
  }

  /** invarg(): prints and exits the program with status 255 (exit(-1)). */
  private static DlError invarg(String msg, String arg) {
    return new DlError("Error: argument \"" + arg + "\" is wrong: " + msg + "\n", 255);
  }

  private static final List<String> FLAVOURS = List.of("physical", "cpu", "dsa", "pcipf", "pcivf", "pcisf", "virtual");

  /** One keyword and its value: dl_argv_parse's if/else chain, in its order. */
  private Opt option(DlArgs a, Set<Opt> all, Context ctx) throws DlError {
    if (a.match("type") && all.contains(Opt.PORT_TYPE)) {
      a.inc();
      String t = str(a);
      portType = switch (t) {
        case "auto" -> PortState.Type.AUTO;
        case "eth" -> PortState.Type.ETH;
        case "ib" -> PortState.Type.IB;
        default -> throw new DlError("Unknown port type \"" + t + "\"\n");
      };
      return Opt.PORT_TYPE;
    } else if (a.match("count") && all.contains(Opt.PORT_COUNT)) {
      a.inc();
      portCount = u32(a);
      return Opt.PORT_COUNT;
    } else if (a.match("sb") && all.contains(Opt.SB)) {
      a.inc();
      sbIndex = u32(a);
      return Opt.SB;
    } else if (a.match("pool") && all.contains(Opt.SB_POOL)) {
      a.inc();
      sbPoolIndex = u16(a);
      return Opt.SB_POOL;
    } else if (a.match("size") && all.contains(Opt.SB_SIZE)) {
      a.inc();
      sbPoolSize = u32(a);
      return Opt.SB_SIZE;
    } else if (a.match("type") && all.contains(Opt.SB_TYPE)) {
      a.inc();
      String t = str(a);
      if (!t.equals("ingress") && !t.equals("egress")) {
        throw new DlError("Unknown pool type \"" + t + "\"\n");
      }
      sbPoolType = t;
      return Opt.SB_TYPE;
    } else if (a.match("thtype") && all.contains(Opt.SB_THTYPE)) {
      a.inc();
      String t = str(a);
      if (!t.equals("static") && !t.equals("dynamic")) {
        throw new DlError("Unknown threshold type \"" + t + "\"\n");
      }
      sbThresholdType = t;
      return Opt.SB_THTYPE;
    } else if (a.match("th") && all.contains(Opt.SB_TH)) {
      a.inc();
      sbThreshold = u32(a);
      return Opt.SB_TH;
    } else if (a.match("tc") && all.contains(Opt.SB_TC)) {
      a.inc();
      sbTcIndex = u16(a);
      return Opt.SB_TC;
    } else if (a.match("mode") && all.contains(Opt.ESWITCH_MODE)) {
      a.inc();
      String m = str(a);
      eswitchMode = DevOp.EswitchMode.parse(m)
          .orElseThrow(() -> new DlError("Unknown eswitch mode \"" + m + "\"\n"));
      return Opt.ESWITCH_MODE;
    } else if (a.match("inline-mode") && all.contains(Opt.ESWITCH_INLINE_MODE)) {
      a.inc();
      String m = str(a);
      eswitchInlineMode = DevOp.InlineMode.parse(m)
          .orElseThrow(() -> new DlError("Unknown eswitch inline mode \"" + m + "\"\n"));
      return Opt.ESWITCH_INLINE_MODE;
    } else if (a.match("name") && all.contains(Opt.DPIPE_TABLE_NAME)) {
      a.inc();
      dpipeTableName = str(a);
      return Opt.DPIPE_TABLE_NAME;
    } else if ((a.match("counters") || a.match("counters_enabled")) && all.contains(Opt.DPIPE_TABLE_COUNTERS)) {
      a.inc();
      dpipeCountersEnabled = bool(a);
      return Opt.DPIPE_TABLE_COUNTERS;
    } else if ((a.match("encap") || a.match("encap-mode")) && all.contains(Opt.ESWITCH_ENCAP_MODE)) {
      a.inc();
      String m = str(a);
      // eswitch_encap_mode_get still takes the first implementation's "disable"/"enable"
      eswitchEncapMode = switch (m) {
        case "disable", "none" -> DevOp.EncapMode.NONE;
        case "enable", "basic" -> DevOp.EncapMode.BASIC;
        default -> throw new DlError("Unknown eswitch encap mode \"" + m + "\"\n");
      };
      return Opt.ESWITCH_ENCAP_MODE;
    } else if (a.match("path") && all.contains(Opt.RESOURCE_PATH)) {
      a.inc();
      resourcePath = str(a);
      return Opt.RESOURCE_PATH;
    } else if (a.match("size") && all.contains(Opt.RESOURCE_SIZE)) {
      a.inc();
      resourceSize = u64(a);
      return Opt.RESOURCE_SIZE;
    } else if (a.match("name") && all.contains(Opt.PARAM_NAME)) {
      a.inc();
      paramName = str(a);
      return Opt.PARAM_NAME;
    } else if (a.match("value") && all.contains(Opt.PARAM_VALUE)) {
      a.inc();
      paramValue = str(a);
      return Opt.PARAM_VALUE;
    } else if (a.match("cmode") && all.contains(Opt.PARAM_CMODE)) {
      a.inc();
      String m = str(a);
      cmode = switch (m) {
        case "runtime" -> Param.Cmode.RUNTIME;
        case "driverinit" -> Param.Cmode.DRIVERINIT;
        case "permanent" -> Param.Cmode.PERMANENT;
        default -> throw new DlError("Unknown configuration mode \"" + m + "\"\n");
      };
      return Opt.PARAM_CMODE;
    } else if (a.match("snapshot") && all.contains(Opt.REGION_SNAPSHOT_ID)) {
      a.inc();
      regionSnapshotId = u32(a);
      return Opt.REGION_SNAPSHOT_ID;
    } else if (a.match("address") && all.contains(Opt.REGION_ADDRESS)) {
      a.inc();
      regionAddress = u64(a);
      return Opt.REGION_ADDRESS;
    } else if (a.match("length") && all.contains(Opt.REGION_LENGTH)) {
      a.inc();
      regionLength = u64(a);
      return Opt.REGION_LENGTH;
    } else if (a.match("file") && all.contains(Opt.FLASH_FILE_NAME)) {
      a.inc();
      flashFile = str(a);
      return Opt.FLASH_FILE_NAME;
    } else if (a.match("component") && all.contains(Opt.FLASH_COMPONENT)) {
      a.inc();
      flashComponent = str(a);
      return Opt.FLASH_COMPONENT;
    } else if (a.match("overwrite") && all.contains(Opt.FLASH_OVERWRITE)) {
      a.inc();
      String s = str(a);
      switch (s) {
        case "settings" -> overwriteMask |= 1;
        case "identifiers" -> overwriteMask |= 2;
        default -> throw new DlError("Unknown overwrite section \"" + s + "\"\n");
      }
      return Opt.FLASH_OVERWRITE;
    } else if (a.match("id") && all.contains(Opt.SELFTESTS)) {
      a.inc();
      // every remaining word is a test name
      while (!a.noArg()) {
        String t = str(a);
        if (!t.equals("flash")) {
          throw new DlError("Unknown selftest \"" + t + "\"\n");
        }
        selftestFlash = true;
      }
      return Opt.SELFTESTS;
    } else if (a.match("reporter") && all.contains(Opt.HEALTH_REPORTER_NAME)) {
      a.inc();
      reporterName = str(a);
      return Opt.HEALTH_REPORTER_NAME;
    } else if (a.match("grace_period") && all.contains(Opt.HEALTH_REPORTER_GRACEFUL_PERIOD)) {
      a.inc();
      reporterGracePeriod = u64(a);
      return Opt.HEALTH_REPORTER_GRACEFUL_PERIOD;
    } else if (a.match("auto_recover") && all.contains(Opt.HEALTH_REPORTER_AUTO_RECOVER)) {
      a.inc();
      reporterAutoRecover = bool(a);
      return Opt.HEALTH_REPORTER_AUTO_RECOVER;
    } else if (a.match("auto_dump") && all.contains(Opt.HEALTH_REPORTER_AUTO_DUMP)) {
      a.inc();
      reporterAutoDump = bool(a);
      return Opt.HEALTH_REPORTER_AUTO_DUMP;
    } else if (a.match("trap") && all.contains(Opt.TRAP_NAME)) {
      a.inc();
      trapName = str(a);
      return Opt.TRAP_NAME;
    } else if (a.match("group") && all.contains(Opt.TRAP_GROUP_NAME)) {
      a.inc();
      trapGroupName = str(a);
      return Opt.TRAP_GROUP_NAME;
    } else if (a.match("action") && all.contains(Opt.TRAP_ACTION)) {
      a.inc();
      String s = str(a);
      if (!List.of("drop", "trap", "mirror").contains(s)) {
        throw new DlError("Unknown trap action \"" + s + "\"\n");
      }
      trapAction = s;
      return Opt.TRAP_ACTION;
    } else if (a.match("netns") && all.contains(Opt.NETNS)) {
      a.inc();
      String s = str(a);
      // netns_get_fd opens /run/netns/NAME (or the path when it has a '/'); failing that, the
      // same word again as a pid: dl_arg_dec, then dl_argv_uint32_t with its message
      if (ctx != null && netnsName(s) != null && ctx.netnsExists(netnsName(s))) {
        netns = netnsName(s);
        netnsIsPid = false;
      } else {
        a.dec();
        netns = Long.toString(u32(a));
        netnsIsPid = true;
      }
      return Opt.NETNS;
    } else if (a.match("action") && all.contains(Opt.RELOAD_ACTION)) {
      a.inc();
      String s = str(a);
      reloadAction = switch (s) {
        case "driver_reinit" -> DevOp.Action.DRIVER_REINIT;
        case "fw_activate" -> DevOp.Action.FW_ACTIVATE;
        default -> throw new DlError("Unknown reload action \"" + s + "\"\n");
      };
      return Opt.RELOAD_ACTION;
    } else if (a.match("limit") && all.contains(Opt.RELOAD_LIMIT)) {
      a.inc();
      String s = str(a);
      if (!s.equals("no_reset")) {
        throw new DlError("Unknown reload limit \"" + s + "\"\n");
      }
      reloadLimit = DevOp.Limit.NO_RESET;
      return Opt.RELOAD_LIMIT;
    } else if (a.match("policer") && all.contains(Opt.TRAP_POLICER_ID)) {
      a.inc();
      policerId = u32(a);
      return Opt.TRAP_POLICER_ID;
    } else if (a.match("nopolicer") && all.contains(Opt.TRAP_POLICER_ID)) {
      a.inc();
      policerId = 0L;
      return Opt.TRAP_POLICER_ID;
    } else if (a.match("rate") && all.contains(Opt.TRAP_POLICER_RATE)) {
      a.inc();
      policerRate = u64(a);
      return Opt.TRAP_POLICER_RATE;
    } else if (a.match("burst") && all.contains(Opt.TRAP_POLICER_BURST)) {
      a.inc();
      policerBurst = u64(a);
      return Opt.TRAP_POLICER_BURST;
    } else if (a.match("hw_addr") && all.contains(Opt.PORT_FUNCTION_HW_ADDR)) {
      a.inc();
      String s = str(a);
      byte[] b = llAddrA2n(s);
      if (b == null) {
        throw new DlError(llAddrError);
      }
      hwAddr = s;
      hwAddrBytes = b;
      return Opt.PORT_FUNCTION_HW_ADDR;
    } else if (a.match("state") && all.contains(Opt.PORT_FUNCTION_STATE)) {
      a.inc();
      String s = str(a);
      if (!s.equals("inactive") && !s.equals("active")) {
        throw invarg("unknown state", s);
      }
      functionState = s;
      return Opt.PORT_FUNCTION_STATE;
    } else if (a.match("flavour") && all.contains(Opt.PORT_FLAVOUR)) {
      a.inc();
      String s = str(a);
      if (!FLAVOURS.contains(s)) {
        throw invarg("unknown flavour", s);
      }
      portFlavour = s;
      return Opt.PORT_FLAVOUR;
    } else if (a.match("pfnum") && all.contains(Opt.PORT_PFNUMBER)) {
      a.inc();
      portPfnumber = u16(a);
      return Opt.PORT_PFNUMBER;
    } else if (a.match("sfnum") && all.contains(Opt.PORT_SFNUMBER)) {
      a.inc();
      portSfnumber = u32(a);
      return Opt.PORT_SFNUMBER;
    } else if (a.match("controller") && all.contains(Opt.PORT_CONTROLLER)) {
      a.inc();
      portController = u32(a);
      return Opt.PORT_CONTROLLER;
    } else if (a.match("type") && all.contains(Opt.PORT_FN_RATE_TYPE)) {
      a.inc();
      String t = str(a);
      if (!t.equals("leaf") && !t.equals("node")) {
        // port_fn_rate_type_get fails without a word: the command just ends with status 1
        throw new DlError("");
      }
      rateType = t;
      return Opt.PORT_FN_RATE_TYPE;
    } else if (a.match("tx_share") && all.contains(Opt.PORT_FN_RATE_TX_SHARE)) {
      a.inc();
      rateTxShare = rateValue(a);
      return Opt.PORT_FN_RATE_TX_SHARE;
    } else if (a.match("tx_max") && all.contains(Opt.PORT_FN_RATE_TX_MAX)) {
      a.inc();
      rateTxMax = rateValue(a);
      return Opt.PORT_FN_RATE_TX_MAX;
    } else if (a.match("parent") && all.contains(Opt.PORT_FN_RATE_PARENT)) {
      a.inc();
      rateParent = str(a);
      return Opt.PORT_FN_RATE_PARENT;
    } else if (a.match("noparent") && all.contains(Opt.PORT_FN_RATE_PARENT)) {
      a.inc();
      rateParent = "";
      return Opt.PORT_FN_RATE_PARENT;
    } else if (a.match("lc") && all.contains(Opt.LINECARD)) {
      a.inc();
      linecardIndex = u32(a);
      return Opt.LINECARD;
    } else if (a.match("type") && all.contains(Opt.LINECARD_TYPE)) {
      a.inc();
      linecardType = str(a);
      return Opt.LINECARD_TYPE;
    } else if (a.match("notype") && all.contains(Opt.LINECARD_TYPE)) {
      a.inc();
      linecardType = "";
      return Opt.LINECARD_TYPE;
    }
    throw new DlError("Unknown option \"" + a.argv() + "\"\n");
  }

  /** The namespace a netns_get_fd path names: NAME, or /run/netns/NAME, /var/run/netns/NAME. */
  private static String netnsName(String s) {
    if (!s.contains("/")) {
      return s;
    }
    for (String dir : List.of("/run/netns/", "/var/run/netns/")) {
      if (s.startsWith(dir) && s.length() > dir.length() && !s.substring(dir.length()).contains("/")) {
        return s.substring(dir.length());
      }
    }
    return null;
  }

  /** port_fn_rate_value_get: a string, then get_rate64. */
  private static long rateValue(DlArgs a) throws DlError {
    String s = str(a);
    Long v = RateCommands.getRate64(s);
    if (v == null) {
      throw new DlError("Invalid rate value: \"" + s + "\"\n");
    }
    return v;
  }

  private String llAddrError;

  /**
   * ll_addr_a2n(lladdr, MAX_ADDR_LEN, arg): with a '.' an IPv4 address (4 bytes), else hex bytes
   * separated by ':', each read by sscanf("%x") (leading blanks, a sign, "0x" and trailing junk
   * allowed) and kept within 0..255. The message names the piece that failed.
   */
  private byte[] llAddrA2n(String arg) {
    if (arg.indexOf('.') >= 0) {
      byte[] v4 = ipv4(arg);
      if (v4 == null) {
        llAddrError = "\"" + arg + "\" is invalid lladdr.\n";
      }
      return v4;
    }
    final int maxAddrLen = 32;
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    String rest = arg;
    for (int i = 0; i < maxAddrLen; i++) {
      int colon = rest.indexOf(':');
      String piece = colon >= 0 ? rest.substring(0, colon) : rest;
      Long v = sscanfHex(piece);
      if (v == null || v < 0 || v > 255) {
        llAddrError = "\"" + piece + "\" is invalid lladdr.\n";
        return null;
      }
      out.write(v.intValue());
      if (colon < 0) {
        break;
      }
      rest = rest.substring(colon + 1);
    }
    return out.toByteArray();
  }

  /** sscanf(s, "%x", &int): null when no hex digit is read. */
  private static Long sscanfHex(String s) {
    int i = 0;
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    boolean neg = false;
    if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
      neg = s.charAt(i) == '-';
      i++;
    }
    if (i + 1 < s.length() && s.charAt(i) == '0' && (s.charAt(i + 1) == 'x' || s.charAt(i + 1) == 'X')
        && i + 2 < s.length() && Character.digit(s.charAt(i + 2), 16) >= 0) {
      i += 2;
    }
    long v = 0;
    int digits = 0;
    while (i < s.length() && Character.digit(s.charAt(i), 16) >= 0) {
      v = (v * 16 + Character.digit(s.charAt(i), 16)) & 0xFFFF_FFFFL;
      i++;
      digits++;
    }
    if (digits == 0) {
      return null;
    }
    int asInt = (int) (neg ? -v : v);
    return (long) asInt;
  }

  /**
   * get_addr_1(AF_INET): no ':' allowed, then get_addr_ipv4: up to four parts, each strtoul base 0
   * (hex, octal) at most 255, separated by '.'; missing trailing parts stay 0.
   */
  private static byte[] ipv4(String s) {
    if (s.indexOf(':') >= 0) {
      return null;
    }
    byte[] b = new byte[4];
    int pos = 0;
    for (int i = 0; i < 4; i++) {
      int[] end = new int[1];
      Long n = DlArgs.strtoulPrefix(s, pos, 0, end);
      if (n == null) {
        return null;
      }
      if (Long.compareUnsigned(n, 255) > 0) {
        return null;
      }
      b[i] = (byte) n.longValue();
      if (end[0] == s.length()) {
        break;
      }
      if (i == 3 || s.charAt(end[0]) != '.') {
        return null;
      }
      pos = end[0] + 1;
    }
    return b;
  }
}
