package dev.fabric.netlink;

/** Generated from linux-libc-dev's linux/devlink.h (6.1) by src/main/scripts/gen-devlink-uapi.py (the #defines at the end by hand); DevlinkUapiTest compiles
 * every name here against the installed header with gcc and fails on any difference. */
public final class DevlinkUapi {
  private DevlinkUapi() {}

  // enum devlink_command
  public static final int DEVLINK_CMD_UNSPEC = 0;
  public static final int DEVLINK_CMD_GET = 1;
  public static final int DEVLINK_CMD_SET = 2;
  public static final int DEVLINK_CMD_NEW = 3;
  public static final int DEVLINK_CMD_DEL = 4;
  public static final int DEVLINK_CMD_PORT_GET = 5;
  public static final int DEVLINK_CMD_PORT_SET = 6;
  public static final int DEVLINK_CMD_PORT_NEW = 7;
  public static final int DEVLINK_CMD_PORT_DEL = 8;
  public static final int DEVLINK_CMD_PORT_SPLIT = 9;
  public static final int DEVLINK_CMD_PORT_UNSPLIT = 10;
  public static final int DEVLINK_CMD_SB_GET = 11;
  public static final int DEVLINK_CMD_SB_SET = 12;
  public static final int DEVLINK_CMD_SB_NEW = 13;
  public static final int DEVLINK_CMD_SB_DEL = 14;
  public static final int DEVLINK_CMD_SB_POOL_GET = 15;
  public static final int DEVLINK_CMD_SB_POOL_SET = 16;
  public static final int DEVLINK_CMD_SB_POOL_NEW = 17;
  public static final int DEVLINK_CMD_SB_POOL_DEL = 18;
  public static final int DEVLINK_CMD_SB_PORT_POOL_GET = 19;
  public static final int DEVLINK_CMD_SB_PORT_POOL_SET = 20;
  public static final int DEVLINK_CMD_SB_PORT_POOL_NEW = 21;
  public static final int DEVLINK_CMD_SB_PORT_POOL_DEL = 22;
  public static final int DEVLINK_CMD_SB_TC_POOL_BIND_GET = 23;
  public static final int DEVLINK_CMD_SB_TC_POOL_BIND_SET = 24;
  public static final int DEVLINK_CMD_SB_TC_POOL_BIND_NEW = 25;
  public static final int DEVLINK_CMD_SB_TC_POOL_BIND_DEL = 26;
  public static final int DEVLINK_CMD_SB_OCC_SNAPSHOT = 27;
  public static final int DEVLINK_CMD_SB_OCC_MAX_CLEAR = 28;
  public static final int DEVLINK_CMD_ESWITCH_GET = 29;
  public static final int DEVLINK_CMD_ESWITCH_SET = 30;
  public static final int DEVLINK_CMD_DPIPE_TABLE_GET = 31;
  public static final int DEVLINK_CMD_DPIPE_ENTRIES_GET = 32;
  public static final int DEVLINK_CMD_DPIPE_HEADERS_GET = 33;
  public static final int DEVLINK_CMD_DPIPE_TABLE_COUNTERS_SET = 34;
  public static final int DEVLINK_CMD_RESOURCE_SET = 35;
  public static final int DEVLINK_CMD_RESOURCE_DUMP = 36;
  public static final int DEVLINK_CMD_RELOAD = 37;
  public static final int DEVLINK_CMD_PARAM_GET = 38;
  public static final int DEVLINK_CMD_PARAM_SET = 39;
  public static final int DEVLINK_CMD_PARAM_NEW = 40;
  public static final int DEVLINK_CMD_PARAM_DEL = 41;
  public static final int DEVLINK_CMD_REGION_GET = 42;
  public static final int DEVLINK_CMD_REGION_SET = 43;
  public static final int DEVLINK_CMD_REGION_NEW = 44;
  public static final int DEVLINK_CMD_REGION_DEL = 45;
  public static final int DEVLINK_CMD_REGION_READ = 46;
  public static final int DEVLINK_CMD_PORT_PARAM_GET = 47;
  public static final int DEVLINK_CMD_PORT_PARAM_SET = 48;
  public static final int DEVLINK_CMD_PORT_PARAM_NEW = 49;
  public static final int DEVLINK_CMD_PORT_PARAM_DEL = 50;
  public static final int DEVLINK_CMD_INFO_GET = 51;
  public static final int DEVLINK_CMD_HEALTH_REPORTER_GET = 52;
  public static final int DEVLINK_CMD_HEALTH_REPORTER_SET = 53;
  public static final int DEVLINK_CMD_HEALTH_REPORTER_RECOVER = 54;
  public static final int DEVLINK_CMD_HEALTH_REPORTER_DIAGNOSE = 55;
  public static final int DEVLINK_CMD_HEALTH_REPORTER_DUMP_GET = 56;
  public static final int DEVLINK_CMD_HEALTH_REPORTER_DUMP_CLEAR = 57;
  public static final int DEVLINK_CMD_FLASH_UPDATE = 58;
  public static final int DEVLINK_CMD_FLASH_UPDATE_END = 59;
  public static final int DEVLINK_CMD_FLASH_UPDATE_STATUS = 60;
  public static final int DEVLINK_CMD_TRAP_GET = 61;
  public static final int DEVLINK_CMD_TRAP_SET = 62;
  public static final int DEVLINK_CMD_TRAP_NEW = 63;
  public static final int DEVLINK_CMD_TRAP_DEL = 64;
  public static final int DEVLINK_CMD_TRAP_GROUP_GET = 65;
  public static final int DEVLINK_CMD_TRAP_GROUP_SET = 66;
  public static final int DEVLINK_CMD_TRAP_GROUP_NEW = 67;
  public static final int DEVLINK_CMD_TRAP_GROUP_DEL = 68;
  public static final int DEVLINK_CMD_TRAP_POLICER_GET = 69;
  public static final int DEVLINK_CMD_TRAP_POLICER_SET = 70;
  public static final int DEVLINK_CMD_TRAP_POLICER_NEW = 71;
  public static final int DEVLINK_CMD_TRAP_POLICER_DEL = 72;
  public static final int DEVLINK_CMD_HEALTH_REPORTER_TEST = 73;
  public static final int DEVLINK_CMD_RATE_GET = 74;
  public static final int DEVLINK_CMD_RATE_SET = 75;
  public static final int DEVLINK_CMD_RATE_NEW = 76;
  public static final int DEVLINK_CMD_RATE_DEL = 77;
  public static final int DEVLINK_CMD_LINECARD_GET = 78;
  public static final int DEVLINK_CMD_LINECARD_SET = 79;
  public static final int DEVLINK_CMD_LINECARD_NEW = 80;
  public static final int DEVLINK_CMD_LINECARD_DEL = 81;
  public static final int DEVLINK_CMD_SELFTESTS_GET = 82;
  public static final int DEVLINK_CMD_SELFTESTS_RUN = 83;
  public static final int DEVLINK_CMD_MAX = 83;

  // enum devlink_port_type
  public static final int DEVLINK_PORT_TYPE_NOTSET = 0;
  public static final int DEVLINK_PORT_TYPE_AUTO = 1;
  public static final int DEVLINK_PORT_TYPE_ETH = 2;
  public static final int DEVLINK_PORT_TYPE_IB = 3;

  // enum devlink_sb_pool_type
  public static final int DEVLINK_SB_POOL_TYPE_INGRESS = 0;
  public static final int DEVLINK_SB_POOL_TYPE_EGRESS = 1;

  // enum devlink_sb_threshold_type
  public static final int DEVLINK_SB_THRESHOLD_TYPE_STATIC = 0;
  public static final int DEVLINK_SB_THRESHOLD_TYPE_DYNAMIC = 1;

  // enum devlink_eswitch_mode
  public static final int DEVLINK_ESWITCH_MODE_LEGACY = 0;
  public static final int DEVLINK_ESWITCH_MODE_SWITCHDEV = 1;

  // enum devlink_eswitch_inline_mode
  public static final int DEVLINK_ESWITCH_INLINE_MODE_NONE = 0;
  public static final int DEVLINK_ESWITCH_INLINE_MODE_LINK = 1;
  public static final int DEVLINK_ESWITCH_INLINE_MODE_NETWORK = 2;
  public static final int DEVLINK_ESWITCH_INLINE_MODE_TRANSPORT = 3;

  // enum devlink_eswitch_encap_mode
  public static final int DEVLINK_ESWITCH_ENCAP_MODE_NONE = 0;
  public static final int DEVLINK_ESWITCH_ENCAP_MODE_BASIC = 1;

  // enum devlink_port_flavour
  public static final int DEVLINK_PORT_FLAVOUR_PHYSICAL = 0;
  public static final int DEVLINK_PORT_FLAVOUR_CPU = 1;
  public static final int DEVLINK_PORT_FLAVOUR_DSA = 2;
  public static final int DEVLINK_PORT_FLAVOUR_PCI_PF = 3;
  public static final int DEVLINK_PORT_FLAVOUR_PCI_VF = 4;
  public static final int DEVLINK_PORT_FLAVOUR_VIRTUAL = 5;
  public static final int DEVLINK_PORT_FLAVOUR_UNUSED = 6;
  public static final int DEVLINK_PORT_FLAVOUR_PCI_SF = 7;

  // enum devlink_rate_type
  public static final int DEVLINK_RATE_TYPE_LEAF = 0;
  public static final int DEVLINK_RATE_TYPE_NODE = 1;

  // enum devlink_param_cmode
  public static final int DEVLINK_PARAM_CMODE_RUNTIME = 0;
  public static final int DEVLINK_PARAM_CMODE_DRIVERINIT = 1;
  public static final int DEVLINK_PARAM_CMODE_PERMANENT = 2;
  public static final int DEVLINK_PARAM_CMODE_MAX = 2;

  // enum devlink_param_fw_load_policy_value
  public static final int DEVLINK_PARAM_FW_LOAD_POLICY_VALUE_DRIVER = 0;
  public static final int DEVLINK_PARAM_FW_LOAD_POLICY_VALUE_FLASH = 1;
  public static final int DEVLINK_PARAM_FW_LOAD_POLICY_VALUE_DISK = 2;
  public static final int DEVLINK_PARAM_FW_LOAD_POLICY_VALUE_UNKNOWN = 3;

  // enum devlink_param_reset_dev_on_drv_probe_value
  public static final int DEVLINK_PARAM_RESET_DEV_ON_DRV_PROBE_VALUE_UNKNOWN = 0;
  public static final int DEVLINK_PARAM_RESET_DEV_ON_DRV_PROBE_VALUE_ALWAYS = 1;
  public static final int DEVLINK_PARAM_RESET_DEV_ON_DRV_PROBE_VALUE_NEVER = 2;
  public static final int DEVLINK_PARAM_RESET_DEV_ON_DRV_PROBE_VALUE_DISK = 3;

  // enum 
  public static final int DEVLINK_ATTR_STATS_RX_PACKETS = 0;
  public static final int DEVLINK_ATTR_STATS_RX_BYTES = 1;
  public static final int DEVLINK_ATTR_STATS_RX_DROPPED = 2;
  public static final int DEVLINK_ATTR_STATS_MAX = 2;

  // enum 
  public static final int DEVLINK_FLASH_OVERWRITE_SETTINGS_BIT = 0;
  public static final int DEVLINK_FLASH_OVERWRITE_IDENTIFIERS_BIT = 1;
  public static final int DEVLINK_FLASH_OVERWRITE_MAX_BIT = 1;

  // enum devlink_attr_selftest_id
  public static final int DEVLINK_ATTR_SELFTEST_ID_UNSPEC = 0;
  public static final int DEVLINK_ATTR_SELFTEST_ID_FLASH = 1;
  public static final int DEVLINK_ATTR_SELFTEST_ID_MAX = 1;

  // enum devlink_selftest_status
  public static final int DEVLINK_SELFTEST_STATUS_SKIP = 0;
  public static final int DEVLINK_SELFTEST_STATUS_PASS = 1;
  public static final int DEVLINK_SELFTEST_STATUS_FAIL = 2;

  // enum devlink_attr_selftest_result
  public static final int DEVLINK_ATTR_SELFTEST_RESULT_UNSPEC = 0;
  public static final int DEVLINK_ATTR_SELFTEST_RESULT = 1;
  public static final int DEVLINK_ATTR_SELFTEST_RESULT_ID = 2;
  public static final int DEVLINK_ATTR_SELFTEST_RESULT_STATUS = 3;
  public static final int DEVLINK_ATTR_SELFTEST_RESULT_MAX = 3;

  // enum devlink_trap_action
  public static final int DEVLINK_TRAP_ACTION_DROP = 0;
  public static final int DEVLINK_TRAP_ACTION_TRAP = 1;
  public static final int DEVLINK_TRAP_ACTION_MIRROR = 2;

  // enum devlink_trap_type
  public static final int DEVLINK_TRAP_TYPE_DROP = 0;
  public static final int DEVLINK_TRAP_TYPE_EXCEPTION = 1;
  public static final int DEVLINK_TRAP_TYPE_CONTROL = 2;

  // enum 
  public static final int DEVLINK_ATTR_TRAP_METADATA_TYPE_IN_PORT = 0;
  public static final int DEVLINK_ATTR_TRAP_METADATA_TYPE_FA_COOKIE = 1;

  // enum devlink_reload_action
  public static final int DEVLINK_RELOAD_ACTION_UNSPEC = 0;
  public static final int DEVLINK_RELOAD_ACTION_DRIVER_REINIT = 1;
  public static final int DEVLINK_RELOAD_ACTION_FW_ACTIVATE = 2;
  public static final int DEVLINK_RELOAD_ACTION_MAX = 2;

  // enum devlink_reload_limit
  public static final int DEVLINK_RELOAD_LIMIT_UNSPEC = 0;
  public static final int DEVLINK_RELOAD_LIMIT_NO_RESET = 1;
  public static final int DEVLINK_RELOAD_LIMIT_MAX = 1;

  // enum devlink_linecard_state
  public static final int DEVLINK_LINECARD_STATE_UNSPEC = 0;
  public static final int DEVLINK_LINECARD_STATE_UNPROVISIONED = 1;
  public static final int DEVLINK_LINECARD_STATE_UNPROVISIONING = 2;
  public static final int DEVLINK_LINECARD_STATE_PROVISIONING = 3;
  public static final int DEVLINK_LINECARD_STATE_PROVISIONING_FAILED = 4;
  public static final int DEVLINK_LINECARD_STATE_PROVISIONED = 5;
  public static final int DEVLINK_LINECARD_STATE_ACTIVE = 6;
  public static final int DEVLINK_LINECARD_STATE_MAX = 6;

  // enum devlink_attr
  public static final int DEVLINK_ATTR_UNSPEC = 0;
  public static final int DEVLINK_ATTR_BUS_NAME = 1;
  public static final int DEVLINK_ATTR_DEV_NAME = 2;
  public static final int DEVLINK_ATTR_PORT_INDEX = 3;
  public static final int DEVLINK_ATTR_PORT_TYPE = 4;
  public static final int DEVLINK_ATTR_PORT_DESIRED_TYPE = 5;
  public static final int DEVLINK_ATTR_PORT_NETDEV_IFINDEX = 6;
  public static final int DEVLINK_ATTR_PORT_NETDEV_NAME = 7;
  public static final int DEVLINK_ATTR_PORT_IBDEV_NAME = 8;
  public static final int DEVLINK_ATTR_PORT_SPLIT_COUNT = 9;
  public static final int DEVLINK_ATTR_PORT_SPLIT_GROUP = 10;
  public static final int DEVLINK_ATTR_SB_INDEX = 11;
  public static final int DEVLINK_ATTR_SB_SIZE = 12;
  public static final int DEVLINK_ATTR_SB_INGRESS_POOL_COUNT = 13;
  public static final int DEVLINK_ATTR_SB_EGRESS_POOL_COUNT = 14;
  public static final int DEVLINK_ATTR_SB_INGRESS_TC_COUNT = 15;
  public static final int DEVLINK_ATTR_SB_EGRESS_TC_COUNT = 16;
  public static final int DEVLINK_ATTR_SB_POOL_INDEX = 17;
  public static final int DEVLINK_ATTR_SB_POOL_TYPE = 18;
  public static final int DEVLINK_ATTR_SB_POOL_SIZE = 19;
  public static final int DEVLINK_ATTR_SB_POOL_THRESHOLD_TYPE = 20;
  public static final int DEVLINK_ATTR_SB_THRESHOLD = 21;
  public static final int DEVLINK_ATTR_SB_TC_INDEX = 22;
  public static final int DEVLINK_ATTR_SB_OCC_CUR = 23;
  public static final int DEVLINK_ATTR_SB_OCC_MAX = 24;
  public static final int DEVLINK_ATTR_ESWITCH_MODE = 25;
  public static final int DEVLINK_ATTR_ESWITCH_INLINE_MODE = 26;
  public static final int DEVLINK_ATTR_DPIPE_TABLES = 27;
  public static final int DEVLINK_ATTR_DPIPE_TABLE = 28;
  public static final int DEVLINK_ATTR_DPIPE_TABLE_NAME = 29;
  public static final int DEVLINK_ATTR_DPIPE_TABLE_SIZE = 30;
  public static final int DEVLINK_ATTR_DPIPE_TABLE_MATCHES = 31;
  public static final int DEVLINK_ATTR_DPIPE_TABLE_ACTIONS = 32;
  public static final int DEVLINK_ATTR_DPIPE_TABLE_COUNTERS_ENABLED = 33;
  public static final int DEVLINK_ATTR_DPIPE_ENTRIES = 34;
  public static final int DEVLINK_ATTR_DPIPE_ENTRY = 35;
  public static final int DEVLINK_ATTR_DPIPE_ENTRY_INDEX = 36;
  public static final int DEVLINK_ATTR_DPIPE_ENTRY_MATCH_VALUES = 37;
  public static final int DEVLINK_ATTR_DPIPE_ENTRY_ACTION_VALUES = 38;
  public static final int DEVLINK_ATTR_DPIPE_ENTRY_COUNTER = 39;
  public static final int DEVLINK_ATTR_DPIPE_MATCH = 40;
  public static final int DEVLINK_ATTR_DPIPE_MATCH_VALUE = 41;
  public static final int DEVLINK_ATTR_DPIPE_MATCH_TYPE = 42;
  public static final int DEVLINK_ATTR_DPIPE_ACTION = 43;
  public static final int DEVLINK_ATTR_DPIPE_ACTION_VALUE = 44;
  public static final int DEVLINK_ATTR_DPIPE_ACTION_TYPE = 45;
  public static final int DEVLINK_ATTR_DPIPE_VALUE = 46;
  public static final int DEVLINK_ATTR_DPIPE_VALUE_MASK = 47;
  public static final int DEVLINK_ATTR_DPIPE_VALUE_MAPPING = 48;
  public static final int DEVLINK_ATTR_DPIPE_HEADERS = 49;
  public static final int DEVLINK_ATTR_DPIPE_HEADER = 50;
  public static final int DEVLINK_ATTR_DPIPE_HEADER_NAME = 51;
  public static final int DEVLINK_ATTR_DPIPE_HEADER_ID = 52;
  public static final int DEVLINK_ATTR_DPIPE_HEADER_FIELDS = 53;
  public static final int DEVLINK_ATTR_DPIPE_HEADER_GLOBAL = 54;
  public static final int DEVLINK_ATTR_DPIPE_HEADER_INDEX = 55;
  public static final int DEVLINK_ATTR_DPIPE_FIELD = 56;
  public static final int DEVLINK_ATTR_DPIPE_FIELD_NAME = 57;
  public static final int DEVLINK_ATTR_DPIPE_FIELD_ID = 58;
  public static final int DEVLINK_ATTR_DPIPE_FIELD_BITWIDTH = 59;
  public static final int DEVLINK_ATTR_DPIPE_FIELD_MAPPING_TYPE = 60;
  public static final int DEVLINK_ATTR_PAD = 61;
  public static final int DEVLINK_ATTR_ESWITCH_ENCAP_MODE = 62;
  public static final int DEVLINK_ATTR_RESOURCE_LIST = 63;
  public static final int DEVLINK_ATTR_RESOURCE = 64;
  public static final int DEVLINK_ATTR_RESOURCE_NAME = 65;
  public static final int DEVLINK_ATTR_RESOURCE_ID = 66;
  public static final int DEVLINK_ATTR_RESOURCE_SIZE = 67;
  public static final int DEVLINK_ATTR_RESOURCE_SIZE_NEW = 68;
  public static final int DEVLINK_ATTR_RESOURCE_SIZE_VALID = 69;
  public static final int DEVLINK_ATTR_RESOURCE_SIZE_MIN = 70;
  public static final int DEVLINK_ATTR_RESOURCE_SIZE_MAX = 71;
  public static final int DEVLINK_ATTR_RESOURCE_SIZE_GRAN = 72;
  public static final int DEVLINK_ATTR_RESOURCE_UNIT = 73;
  public static final int DEVLINK_ATTR_RESOURCE_OCC = 74;
  public static final int DEVLINK_ATTR_DPIPE_TABLE_RESOURCE_ID = 75;
  public static final int DEVLINK_ATTR_DPIPE_TABLE_RESOURCE_UNITS = 76;
  public static final int DEVLINK_ATTR_PORT_FLAVOUR = 77;
  public static final int DEVLINK_ATTR_PORT_NUMBER = 78;
  public static final int DEVLINK_ATTR_PORT_SPLIT_SUBPORT_NUMBER = 79;
  public static final int DEVLINK_ATTR_PARAM = 80;
  public static final int DEVLINK_ATTR_PARAM_NAME = 81;
  public static final int DEVLINK_ATTR_PARAM_GENERIC = 82;
  public static final int DEVLINK_ATTR_PARAM_TYPE = 83;
  public static final int DEVLINK_ATTR_PARAM_VALUES_LIST = 84;
  public static final int DEVLINK_ATTR_PARAM_VALUE = 85;
  public static final int DEVLINK_ATTR_PARAM_VALUE_DATA = 86;
  public static final int DEVLINK_ATTR_PARAM_VALUE_CMODE = 87;
  public static final int DEVLINK_ATTR_REGION_NAME = 88;
  public static final int DEVLINK_ATTR_REGION_SIZE = 89;
  public static final int DEVLINK_ATTR_REGION_SNAPSHOTS = 90;
  public static final int DEVLINK_ATTR_REGION_SNAPSHOT = 91;
  public static final int DEVLINK_ATTR_REGION_SNAPSHOT_ID = 92;
  public static final int DEVLINK_ATTR_REGION_CHUNKS = 93;
  public static final int DEVLINK_ATTR_REGION_CHUNK = 94;
  public static final int DEVLINK_ATTR_REGION_CHUNK_DATA = 95;
  public static final int DEVLINK_ATTR_REGION_CHUNK_ADDR = 96;
  public static final int DEVLINK_ATTR_REGION_CHUNK_LEN = 97;
  public static final int DEVLINK_ATTR_INFO_DRIVER_NAME = 98;
  public static final int DEVLINK_ATTR_INFO_SERIAL_NUMBER = 99;
  public static final int DEVLINK_ATTR_INFO_VERSION_FIXED = 100;
  public static final int DEVLINK_ATTR_INFO_VERSION_RUNNING = 101;
  public static final int DEVLINK_ATTR_INFO_VERSION_STORED = 102;
  public static final int DEVLINK_ATTR_INFO_VERSION_NAME = 103;
  public static final int DEVLINK_ATTR_INFO_VERSION_VALUE = 104;
  public static final int DEVLINK_ATTR_SB_POOL_CELL_SIZE = 105;
  public static final int DEVLINK_ATTR_FMSG = 106;
  public static final int DEVLINK_ATTR_FMSG_OBJ_NEST_START = 107;
  public static final int DEVLINK_ATTR_FMSG_PAIR_NEST_START = 108;
  public static final int DEVLINK_ATTR_FMSG_ARR_NEST_START = 109;
  public static final int DEVLINK_ATTR_FMSG_NEST_END = 110;
  public static final int DEVLINK_ATTR_FMSG_OBJ_NAME = 111;
  public static final int DEVLINK_ATTR_FMSG_OBJ_VALUE_TYPE = 112;
  public static final int DEVLINK_ATTR_FMSG_OBJ_VALUE_DATA = 113;
  public static final int DEVLINK_ATTR_HEALTH_REPORTER = 114;
  public static final int DEVLINK_ATTR_HEALTH_REPORTER_NAME = 115;
  public static final int DEVLINK_ATTR_HEALTH_REPORTER_STATE = 116;
  public static final int DEVLINK_ATTR_HEALTH_REPORTER_ERR_COUNT = 117;
  public static final int DEVLINK_ATTR_HEALTH_REPORTER_RECOVER_COUNT = 118;
  public static final int DEVLINK_ATTR_HEALTH_REPORTER_DUMP_TS = 119;
  public static final int DEVLINK_ATTR_HEALTH_REPORTER_GRACEFUL_PERIOD = 120;
  public static final int DEVLINK_ATTR_HEALTH_REPORTER_AUTO_RECOVER = 121;
  public static final int DEVLINK_ATTR_FLASH_UPDATE_FILE_NAME = 122;
  public static final int DEVLINK_ATTR_FLASH_UPDATE_COMPONENT = 123;
  public static final int DEVLINK_ATTR_FLASH_UPDATE_STATUS_MSG = 124;
  public static final int DEVLINK_ATTR_FLASH_UPDATE_STATUS_DONE = 125;
  public static final int DEVLINK_ATTR_FLASH_UPDATE_STATUS_TOTAL = 126;
  public static final int DEVLINK_ATTR_PORT_PCI_PF_NUMBER = 127;
  public static final int DEVLINK_ATTR_PORT_PCI_VF_NUMBER = 128;
  public static final int DEVLINK_ATTR_STATS = 129;
  public static final int DEVLINK_ATTR_TRAP_NAME = 130;
  public static final int DEVLINK_ATTR_TRAP_ACTION = 131;
  public static final int DEVLINK_ATTR_TRAP_TYPE = 132;
  public static final int DEVLINK_ATTR_TRAP_GENERIC = 133;
  public static final int DEVLINK_ATTR_TRAP_METADATA = 134;
  public static final int DEVLINK_ATTR_TRAP_GROUP_NAME = 135;
  public static final int DEVLINK_ATTR_RELOAD_FAILED = 136;
  public static final int DEVLINK_ATTR_HEALTH_REPORTER_DUMP_TS_NS = 137;
  public static final int DEVLINK_ATTR_NETNS_FD = 138;
  public static final int DEVLINK_ATTR_NETNS_PID = 139;
  public static final int DEVLINK_ATTR_NETNS_ID = 140;
  public static final int DEVLINK_ATTR_HEALTH_REPORTER_AUTO_DUMP = 141;
  public static final int DEVLINK_ATTR_TRAP_POLICER_ID = 142;
  public static final int DEVLINK_ATTR_TRAP_POLICER_RATE = 143;
  public static final int DEVLINK_ATTR_TRAP_POLICER_BURST = 144;
  public static final int DEVLINK_ATTR_PORT_FUNCTION = 145;
  public static final int DEVLINK_ATTR_INFO_BOARD_SERIAL_NUMBER = 146;
  public static final int DEVLINK_ATTR_PORT_LANES = 147;
  public static final int DEVLINK_ATTR_PORT_SPLITTABLE = 148;
  public static final int DEVLINK_ATTR_PORT_EXTERNAL = 149;
  public static final int DEVLINK_ATTR_PORT_CONTROLLER_NUMBER = 150;
  public static final int DEVLINK_ATTR_FLASH_UPDATE_STATUS_TIMEOUT = 151;
  public static final int DEVLINK_ATTR_FLASH_UPDATE_OVERWRITE_MASK = 152;
  public static final int DEVLINK_ATTR_RELOAD_ACTION = 153;
  public static final int DEVLINK_ATTR_RELOAD_ACTIONS_PERFORMED = 154;
  public static final int DEVLINK_ATTR_RELOAD_LIMITS = 155;
  public static final int DEVLINK_ATTR_DEV_STATS = 156;
  public static final int DEVLINK_ATTR_RELOAD_STATS = 157;
  public static final int DEVLINK_ATTR_RELOAD_STATS_ENTRY = 158;
  public static final int DEVLINK_ATTR_RELOAD_STATS_LIMIT = 159;
  public static final int DEVLINK_ATTR_RELOAD_STATS_VALUE = 160;
  public static final int DEVLINK_ATTR_REMOTE_RELOAD_STATS = 161;
  public static final int DEVLINK_ATTR_RELOAD_ACTION_INFO = 162;
  public static final int DEVLINK_ATTR_RELOAD_ACTION_STATS = 163;
  public static final int DEVLINK_ATTR_PORT_PCI_SF_NUMBER = 164;
  public static final int DEVLINK_ATTR_RATE_TYPE = 165;
  public static final int DEVLINK_ATTR_RATE_TX_SHARE = 166;
  public static final int DEVLINK_ATTR_RATE_TX_MAX = 167;
  public static final int DEVLINK_ATTR_RATE_NODE_NAME = 168;
  public static final int DEVLINK_ATTR_RATE_PARENT_NODE_NAME = 169;
  public static final int DEVLINK_ATTR_REGION_MAX_SNAPSHOTS = 170;
  public static final int DEVLINK_ATTR_LINECARD_INDEX = 171;
  public static final int DEVLINK_ATTR_LINECARD_STATE = 172;
  public static final int DEVLINK_ATTR_LINECARD_TYPE = 173;
  public static final int DEVLINK_ATTR_LINECARD_SUPPORTED_TYPES = 174;
  public static final int DEVLINK_ATTR_NESTED_DEVLINK = 175;
  public static final int DEVLINK_ATTR_SELFTESTS = 176;
  public static final int DEVLINK_ATTR_MAX = 176;

  // enum devlink_dpipe_field_mapping_type
  public static final int DEVLINK_DPIPE_FIELD_MAPPING_TYPE_NONE = 0;
  public static final int DEVLINK_DPIPE_FIELD_MAPPING_TYPE_IFINDEX = 1;

  // enum devlink_dpipe_match_type
  public static final int DEVLINK_DPIPE_MATCH_TYPE_FIELD_EXACT = 0;

  // enum devlink_dpipe_action_type
  public static final int DEVLINK_DPIPE_ACTION_TYPE_FIELD_MODIFY = 0;

  // enum devlink_dpipe_field_ethernet_id
  public static final int DEVLINK_DPIPE_FIELD_ETHERNET_DST_MAC = 0;

  // enum devlink_dpipe_field_ipv4_id
  public static final int DEVLINK_DPIPE_FIELD_IPV4_DST_IP = 0;

  // enum devlink_dpipe_field_ipv6_id
  public static final int DEVLINK_DPIPE_FIELD_IPV6_DST_IP = 0;

  // enum devlink_dpipe_header_id
  public static final int DEVLINK_DPIPE_HEADER_ETHERNET = 0;
  public static final int DEVLINK_DPIPE_HEADER_IPV4 = 1;
  public static final int DEVLINK_DPIPE_HEADER_IPV6 = 2;

  // enum devlink_resource_unit
  public static final int DEVLINK_RESOURCE_UNIT_ENTRY = 0;

  // enum devlink_port_function_attr
  public static final int DEVLINK_PORT_FUNCTION_ATTR_UNSPEC = 0;
  public static final int DEVLINK_PORT_FUNCTION_ATTR_HW_ADDR = 1;
  public static final int DEVLINK_PORT_FN_ATTR_STATE = 2;
  public static final int DEVLINK_PORT_FN_ATTR_OPSTATE = 3;
  public static final int DEVLINK_PORT_FUNCTION_ATTR_MAX = 3;

  // enum devlink_port_fn_state
  public static final int DEVLINK_PORT_FN_STATE_INACTIVE = 0;
  public static final int DEVLINK_PORT_FN_STATE_ACTIVE = 1;

  // enum devlink_port_fn_opstate
  public static final int DEVLINK_PORT_FN_OPSTATE_DETACHED = 0;
  public static final int DEVLINK_PORT_FN_OPSTATE_ATTACHED = 1;

  // #defines
  public static final int DEVLINK_GENL_VERSION = 1;
  public static final String DEVLINK_GENL_NAME = "devlink";
  public static final String DEVLINK_GENL_MCGRP_CONFIG_NAME = "config";
}
