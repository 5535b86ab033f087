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

  /** Reads a keyword's value into the options; the keyword itself is already consumed. */
  @FunctionalInterface
  private interface ValueReader {
    void read(Opts o, DlArgs a, Context ctx) throws DlError;
  }

  /** One branch of dl_argv_parse's if/else chain: one of the words, where the command takes opt. */
  private record Keyword(List<String> words, Opt opt, ValueReader reader) {
    boolean matches(DlArgs a, Set<Opt> all) {
      for (String w : words) {
        if (a.match(w)) {
          return all.contains(opt);
        }
      }
      return false;
    }
  }

  private static Keyword kw(String word, Opt opt, ValueReader reader) {
    return new Keyword(List.of(word), opt, reader);
  }

  private static Keyword kw(String word, String alias, Opt opt, ValueReader reader) {
    return new Keyword(List.of(word, alias), opt, reader);
  }

  /**
   * dl_argv_parse's chain in its order: the first keyword whose word matches and whose option the
   * command takes wins, so the same word ("type", "size", "name", "action") means different
   * options for different commands.
   */
  private static final List<Keyword> KEYWORDS = List.of(
      kw("type", Opt.PORT_TYPE, (o, a, c) -> o.portType = portType(str(a))),
      kw("count", Opt.PORT_COUNT, (o, a, c) -> o.portCount = u32(a)),
      kw("sb", Opt.SB, (o, a, c) -> o.sbIndex = u32(a)),
      kw("pool", Opt.SB_POOL, (o, a, c) -> o.sbPoolIndex = u16(a)),
      kw("size", Opt.SB_SIZE, (o, a, c) -> o.sbPoolSize = u32(a)),
      kw("type", Opt.SB_TYPE, (o, a, c) -> o.sbPoolType = oneOf(str(a), "pool type", "ingress", "egress")),
      kw("thtype", Opt.SB_THTYPE,
          (o, a, c) -> o.sbThresholdType = oneOf(str(a), "threshold type", "static", "dynamic")),
      kw("th", Opt.SB_TH, (o, a, c) -> o.sbThreshold = u32(a)),
      kw("tc", Opt.SB_TC, (o, a, c) -> o.sbTcIndex = u16(a)),
      kw("mode", Opt.ESWITCH_MODE,
          (o, a, c) -> o.eswitchMode = known(str(a), DevOp.EswitchMode::parse, "eswitch mode")),
      kw("inline-mode", Opt.ESWITCH_INLINE_MODE,
          (o, a, c) -> o.eswitchInlineMode = known(str(a), DevOp.InlineMode::parse, "eswitch inline mode")),
      kw("name", Opt.DPIPE_TABLE_NAME, (o, a, c) -> o.dpipeTableName = str(a)),
      kw("counters", "counters_enabled", Opt.DPIPE_TABLE_COUNTERS, (o, a, c) -> o.dpipeCountersEnabled = bool(a)),
      kw("encap", "encap-mode", Opt.ESWITCH_ENCAP_MODE, (o, a, c) -> o.eswitchEncapMode = encapMode(str(a))),
      kw("path", Opt.RESOURCE_PATH, (o, a, c) -> o.resourcePath = str(a)),
      kw("size", Opt.RESOURCE_SIZE, (o, a, c) -> o.resourceSize = u64(a)),
      kw("name", Opt.PARAM_NAME, (o, a, c) -> o.paramName = str(a)),
      kw("value", Opt.PARAM_VALUE, (o, a, c) -> o.paramValue = str(a)),
      kw("cmode", Opt.PARAM_CMODE, (o, a, c) -> o.cmode = cmode(str(a))),
      kw("snapshot", Opt.REGION_SNAPSHOT_ID, (o, a, c) -> o.regionSnapshotId = u32(a)),
      kw("address", Opt.REGION_ADDRESS, (o, a, c) -> o.regionAddress = u64(a)),
      kw("length", Opt.REGION_LENGTH, (o, a, c) -> o.regionLength = u64(a)),
      kw("file", Opt.FLASH_FILE_NAME, (o, a, c) -> o.flashFile = str(a)),
      kw("component", Opt.FLASH_COMPONENT, (o, a, c) -> o.flashComponent = str(a)),
      kw("overwrite", Opt.FLASH_OVERWRITE, (o, a, c) -> o.overwriteMask |= overwriteSection(str(a))),
      kw("id", Opt.SELFTESTS, Opts::selftests),
      kw("reporter", Opt.HEALTH_REPORTER_NAME, (o, a, c) -> o.reporterName = str(a)),
      kw("grace_period", Opt.HEALTH_REPORTER_GRACEFUL_PERIOD, (o, a, c) -> o.reporterGracePeriod = u64(a)),
      kw("auto_recover", Opt.HEALTH_REPORTER_AUTO_RECOVER, (o, a, c) -> o.reporterAutoRecover = bool(a)),
      kw("auto_dump", Opt.HEALTH_REPORTER_AUTO_DUMP, (o, a, c) -> o.reporterAutoDump = bool(a)),
      kw("trap", Opt.TRAP_NAME, (o, a, c) -> o.trapName = str(a)),
      kw("group", Opt.TRAP_GROUP_NAME, (o, a, c) -> o.trapGroupName = str(a)),
      kw("action", Opt.TRAP_ACTION, (o, a, c) -> o.trapAction = oneOf(str(a), "trap action", "drop", "trap", "mirror")),
      kw("netns", Opt.NETNS, Opts::netns),
      kw("action", Opt.RELOAD_ACTION, (o, a, c) -> o.reloadAction = reloadAction(str(a))),
      kw("limit", Opt.RELOAD_LIMIT, (o, a, c) -> o.reloadLimit = reloadLimit(str(a))),
      kw("policer", Opt.TRAP_POLICER_ID, (o, a, c) -> o.policerId = u32(a)),
      kw("nopolicer", Opt.TRAP_POLICER_ID, (o, a, c) -> o.policerId = 0L),
      kw("rate", Opt.TRAP_POLICER_RATE, (o, a, c) -> o.policerRate = u64(a)),
      kw("burst", Opt.TRAP_POLICER_BURST, (o, a, c) -> o.policerBurst = u64(a)),
      kw("hw_addr", Opt.PORT_FUNCTION_HW_ADDR, Opts::hwAddr),
      kw("state", Opt.PORT_FUNCTION_STATE, (o, a, c) -> o.functionState = functionState(str(a))),
      kw("flavour", Opt.PORT_FLAVOUR, (o, a, c) -> o.portFlavour = flavour(str(a))),
      kw("pfnum", Opt.PORT_PFNUMBER, (o, a, c) -> o.portPfnumber = u16(a)),
      kw("sfnum", Opt.PORT_SFNUMBER, (o, a, c) -> o.portSfnumber = u32(a)),
      kw("controller", Opt.PORT_CONTROLLER, (o, a, c) -> o.portController = u32(a)),
      kw("type", Opt.PORT_FN_RATE_TYPE, (o, a, c) -> o.rateType = rateType(str(a))),
      kw("tx_share", Opt.PORT_FN_RATE_TX_SHARE, (o, a, c) -> o.rateTxShare = rateValue(a)),
      kw("tx_max", Opt.PORT_FN_RATE_TX_MAX, (o, a, c) -> o.rateTxMax = rateValue(a)),
      kw("parent", Opt.PORT_FN_RATE_PARENT, (o, a, c) -> o.rateParent = str(a)),
      kw("noparent", Opt.PORT_FN_RATE_PARENT, (o, a, c) -> o.rateParent = ""),
      kw("lc", Opt.LINECARD, (o, a, c) -> o.linecardIndex = u32(a)),
      kw("type", Opt.LINECARD_TYPE, (o, a, c) -> o.linecardType = str(a)),
      kw("notype", Opt.LINECARD_TYPE, (o, a, c) -> o.linecardType = ""));

  /** One keyword and its value: the first entry of KEYWORDS that fits. */
  private Opt option(DlArgs a, Set<Opt> all, Context ctx) throws DlError {
    for (Keyword k : KEYWORDS) {
      if (k.matches(a, all)) {
        a.inc();
        k.reader().read(this, a, ctx);
        return k.opt();
      }
    }
    throw new DlError("Unknown option \"" + a.argv() + "\"\n");
  }

  // ------------------------------------------------------------------ keyword values

  /** The value when it is one of the allowed words, else "Unknown WHAT \"value\"". */
  private static String oneOf(String v, String what, String... allowed) throws DlError {
    if (!List.of(allowed).contains(v)) {
      throw new DlError("Unknown " + what + " \"" + v + "\"\n");
    }
    return v;
  }

  /** eswitch_mode_get / eswitch_inline_mode_get: the mode named by the word just read, or the error. */
  private static <T> T known(String word, java.util.function.Function<String, java.util.Optional<T>> parse,
      String what) throws DlError {
    java.util.Optional<T> mode = parse.apply(word);
    if (mode.isEmpty()) {
      throw new DlError("Unknown " + what + " \"" + word + "\"\n");
    }
    return mode.get();
  }

  /** port_type_get. */
  private static PortState.Type portType(String t) throws DlError {
    return switch (t) {
      case "auto" -> PortState.Type.AUTO;
      case "eth" -> PortState.Type.ETH;
      case "ib" -> PortState.Type.IB;
      default -> throw new DlError("Unknown port type \"" + t + "\"\n");
    };
  }

  /** eswitch_encap_mode_get still takes the first implementation's "disable"/"enable". */
  private static DevOp.EncapMode encapMode(String m) throws DlError {
    return switch (m) {
      case "disable", "none" -> DevOp.EncapMode.NONE;
      case "enable", "basic" -> DevOp.EncapMode.BASIC;
      default -> throw new DlError("Unknown eswitch encap mode \"" + m + "\"\n");
    };
  }

  /** param_cmode_get. */
  private static Param.Cmode cmode(String m) throws DlError {
    return switch (m) {
      case "runtime" -> Param.Cmode.RUNTIME;
      case "driverinit" -> Param.Cmode.DRIVERINIT;
      case "permanent" -> Param.Cmode.PERMANENT;
      default -> throw new DlError("Unknown configuration mode \"" + m + "\"\n");
    };
  }

  /** flash_overwrite_section_get: the bit one "overwrite" adds to the mask. */
  private static int overwriteSection(String s) throws DlError {
    return switch (s) {
      case "settings" -> 1;
      case "identifiers" -> 2;
      default -> throw new DlError("Unknown overwrite section \"" + s + "\"\n");
    };
  }

  /** dev selftests: every remaining word is a test name. */
  private static void selftests(Opts o, DlArgs a, Context ctx) throws DlError {
    while (!a.noArg()) {
      String t = str(a);
      if (!t.equals("flash")) {
        throw new DlError("Unknown selftest \"" + t + "\"\n");
      }
      o.selftestFlash = true;
    }
  }

  /**
   * netns_get_fd opens /run/netns/NAME (or the path when it has a '/'); failing that, the same
   * word again as a pid: dl_arg_dec, then dl_argv_uint32_t with its message.
   */
  private static void netns(Opts o, DlArgs a, Context ctx) throws DlError {
    String s = str(a);
    if (ctx != null && netnsName(s) != null && ctx.netnsExists(netnsName(s))) {
      o.netns = netnsName(s);
      o.netnsIsPid = false;
    } else {
      a.dec();
      o.netns = Long.toString(u32(a));
      o.netnsIsPid = true;
    }
  }

  /** reload_action_get. */
  private static DevOp.Action reloadAction(String s) throws DlError {
    return switch (s) {
      case "driver_reinit" -> DevOp.Action.DRIVER_REINIT;
      case "fw_activate" -> DevOp.Action.FW_ACTIVATE;
      default -> throw new DlError("Unknown reload action \"" + s + "\"\n");
    };
  }

  /** reload_limit_get. */
  private static DevOp.Limit reloadLimit(String s) throws DlError {
    oneOf(s, "reload limit", "no_reset");
    return DevOp.Limit.NO_RESET;
  }

  /** port function hw_addr: ll_addr_a2n, with its message for the piece that failed. */
  private static void hwAddr(Opts o, DlArgs a, Context ctx) throws DlError {
    String s = str(a);
    byte[] b = o.llAddrA2n(s);
    if (b == null) {
      throw new DlError(o.llAddrError);
    }
    o.hwAddr = s;
    o.hwAddrBytes = b;
  }

  /** port_fn_state_get: invarg, exit status 255. */
  private static String functionState(String s) throws DlError {
    if (!s.equals("inactive") && !s.equals("active")) {
      throw invarg("unknown state", s);
    }
    return s;
  }

  /** port_flavour_parse: invarg, exit status 255. */
  private static String flavour(String s) throws DlError {
    if (!FLAVOURS.contains(s)) {
      throw invarg("unknown flavour", s);
    }
    return s;
  }

  /** port_fn_rate_type_get fails without a word: the command just ends with status 1. */
  private static String rateType(String t) throws DlError {
    if (!t.equals("leaf") && !t.equals("node")) {
      throw new DlError("");
    }
    return t;
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
