#!/usr/bin/env python3
"""Runs the stock iproute2 6.1 devlink (/usr/sbin/devlink) over an enumeration of command lines
built from dl_argv_parse's option table and each command's required/optional sets, and writes what
it printed to cli/src/test/resources/devlink-parse-oracle.txt (committed: the tests do not need the
binary). The machine has no devlink netlink family, so shim.so (LD_PRELOAD over libmnl) answers the
family lookup and then every devlink request with EOPNOTSUPP: a line whose stderr ends in
"kernel answers: Operation not supported" got through the parser.

  gcc -shared -fPIC -o /tmp/shim.so tools/devlink-oracle/shim.c && python3 tools/devlink-oracle/gen.py /tmp/shim.so
"""
import os, subprocess, sys

DEV = "netdevsim/netdevsim10"
PORT = DEV + "/0"
REGION = DEV + "/dummy"
NODE = DEV + "/n1"

# keyword, kind, a valid value, malformed values
OPTS = {
    "PORT_TYPE": ("type", "str", "eth", ["foo"]),
    "PORT_COUNT": ("count", "u32", "2", ["x", "-1", "4294967296", "2x"]),
    "SB": ("sb", "u32", "0", ["x", "4294967296"]),
    "SB_POOL": ("pool", "u16", "1", ["x", "65536"]),
    "SB_SIZE": ("size", "u32", "10", ["x"]),
    "SB_TYPE": ("type", "str", "ingress", ["foo"]),
    "SB_THTYPE": ("thtype", "str", "static", ["foo"]),
    "SB_TH": ("th", "u32", "3", ["x"]),
    "SB_TC": ("tc", "u16", "0", ["x", "70000"]),
    "ESWITCH_MODE": ("mode", "str", "switchdev", ["foo"]),
    "ESWITCH_INLINE_MODE": ("inline-mode", "str", "link", ["foo"]),
    "ESWITCH_ENCAP_MODE": ("encap-mode", "str", "basic", ["foo"]),
    "DPIPE_TABLE_NAME": ("name", "str", "t1", []),
    "DPIPE_TABLE_COUNTERS": ("counters", "bool", "true", ["maybe"]),
    "RESOURCE_PATH": ("path", "str", "/IPv4", []),
    "RESOURCE_SIZE": ("size", "u64", "10", ["x", "18446744073709551616"]),
    "PARAM_NAME": ("name", "str", "max_macs", []),
    "PARAM_VALUE": ("value", "str", "3", []),
    "PARAM_CMODE": ("cmode", "str", "driverinit", ["foo"]),
    "REGION_SNAPSHOT_ID": ("snapshot", "u32", "1", ["x", "-1"]),
    "REGION_ADDRESS": ("address", "u64", "0", ["x"]),
    "REGION_LENGTH": ("length", "u64", "16", ["x"]),
    "FLASH_FILE_NAME": ("file", "str", "fw.bin", []),
    "FLASH_COMPONENT": ("component", "str", "fw.mgmt", []),
    "FLASH_OVERWRITE": ("overwrite", "str", "settings", ["foo"]),
    "HEALTH_REPORTER_NAME": ("reporter", "str", "dummy", []),
    "HEALTH_REPORTER_GRACEFUL_PERIOD": ("grace_period", "u64", "10", ["x", "-5"]),
    "HEALTH_REPORTER_AUTO_RECOVER": ("auto_recover", "bool", "false", ["maybe", "TRUE"]),
    "HEALTH_REPORTER_AUTO_DUMP": ("auto_dump", "bool", "enable", ["maybe"]),
    "TRAP_NAME": ("trap", "str", "ttl_value_is_too_small", []),
    "TRAP_ACTION": ("action", "str", "drop", ["foo"]),
    "TRAP_GROUP_NAME": ("group", "str", "l2_drops", []),
    "NETNS": ("netns", "netns", "1", ["nosuchns", "-1"]),
    "TRAP_POLICER_ID": ("policer", "u32", "1", ["x"]),
    "TRAP_POLICER_RATE": ("rate", "u64", "100", ["x"]),
    "TRAP_POLICER_BURST": ("burst", "u64", "64", ["x"]),
    "PORT_FUNCTION_HW_ADDR": ("hw_addr", "str", "00:11:22:33:44:55", ["zz:11", "00:1ff:22", "1.2.3", "1.2.3.300"]),
    "RELOAD_ACTION": ("action", "str", "driver_reinit", ["foo"]),
    "RELOAD_LIMIT": ("limit", "str", "no_reset", ["foo"]),
    "PORT_FLAVOUR": ("flavour", "str", "pcisf", ["foo"]),
    "PORT_PFNUMBER": ("pfnum", "u16", "0", ["x", "65536"]),
    "PORT_SFNUMBER": ("sfnum", "u32", "1", ["x"]),
    "PORT_FUNCTION_STATE": ("state", "str", "active", ["foo"]),
    "PORT_CONTROLLER": ("controller", "u32", "0", ["x"]),
    "PORT_FN_RATE_TX_SHARE": ("tx_share", "rate", "10mbit", ["10foo"]),
    "PORT_FN_RATE_TX_MAX": ("tx_max", "rate", "100mbit", ["x"]),
    "PORT_FN_RATE_PARENT": ("parent", "str", "n0", []),
    "LINECARD": ("lc", "u32", "1", ["x"]),
    "LINECARD_TYPE": ("type", "str", "16x100G", []),
    "SELFTESTS": ("id", "selftests", "flash", ["foo"]),
}
HANDLES = {"HANDLE": DEV, "HANDLEP": PORT, "BOTH": DEV, "BOTHP": PORT, "REGION": REGION,
           "RATE": PORT, "RATEN": NODE, "NODE": NODE}

# words, handle kind, required, optional (devlink.c's dl_argv_parse calls)
CMDS = [
    ("dev show", "HANDLE", [], []),
    ("dev eswitch show", "HANDLE", [], []),
    ("dev eswitch set", "HANDLE", [], ["ESWITCH_MODE", "ESWITCH_INLINE_MODE", "ESWITCH_ENCAP_MODE"]),
    ("dev param show", "HANDLE", ["PARAM_NAME"], []),
    ("dev param set", "HANDLE", ["PARAM_NAME", "PARAM_VALUE", "PARAM_CMODE"], []),
    ("dev reload", "HANDLE", [], ["NETNS", "RELOAD_ACTION", "RELOAD_LIMIT"]),
    ("dev info", "HANDLE", [], []),
    ("dev flash", "HANDLE", ["FLASH_FILE_NAME"], ["FLASH_COMPONENT", "FLASH_OVERWRITE"]),
    ("dev selftests show", "HANDLE", [], []),
    ("dev selftests run", "HANDLE", [], ["SELFTESTS"]),
    ("port show", "HANDLEP", [], []),
    ("port set", "HANDLEP", ["PORT_TYPE"], []),
    ("port split", "HANDLEP", ["PORT_COUNT"], []),
    ("port unsplit", "HANDLEP", [], []),
    ("port param show", "HANDLEP", ["PARAM_NAME"], []),
    ("port param set", "HANDLEP", ["PARAM_NAME", "PARAM_VALUE", "PARAM_CMODE"], []),
    ("port function set", "HANDLEP", [], ["PORT_FUNCTION_HW_ADDR", "PORT_FUNCTION_STATE"]),
    ("port function rate show", "RATE", [], []),
    ("port function rate add", "NODE", [], ["PORT_FN_RATE_TX_SHARE", "PORT_FN_RATE_TX_MAX", "PORT_FN_RATE_PARENT"]),
    ("port function rate del", "NODE", [], []),
    ("port function rate set", "RATE", [], ["PORT_FN_RATE_TX_SHARE", "PORT_FN_RATE_TX_MAX", "PORT_FN_RATE_PARENT"]),
    ("port add", "BOTH", ["PORT_FLAVOUR", "PORT_PFNUMBER"], ["PORT_SFNUMBER", "PORT_CONTROLLER"]),
    ("port del", "HANDLEP", [], []),
    ("port health show", "BOTH", ["HEALTH_REPORTER_NAME"], []),
    ("lc show", "HANDLE", [], ["LINECARD"]),
    ("lc set", "HANDLE", ["LINECARD", "LINECARD_TYPE"], []),
    ("sb show", "HANDLE", [], ["SB"]),
    ("sb pool show", "HANDLE", ["SB_POOL"], ["SB"]),
    ("sb pool set", "HANDLE", ["SB_POOL", "SB_SIZE", "SB_THTYPE"], ["SB"]),
    ("sb port pool show", "HANDLEP", ["SB_POOL"], ["SB"]),
    ("sb port pool set", "HANDLEP", ["SB_POOL", "SB_TH"], ["SB"]),
    ("sb tc bind show", "HANDLEP", ["SB_TC", "SB_TYPE"], ["SB"]),
    ("sb tc bind set", "HANDLEP", ["SB_TC", "SB_TYPE", "SB_POOL", "SB_TH"], ["SB"]),
    ("sb occupancy show", "BOTH", [], ["SB"]),
    ("sb occupancy snapshot", "HANDLE", [], ["SB"]),
    ("sb occupancy clearmax", "HANDLE", [], ["SB"]),
    ("dpipe header show", "HANDLE", [], []),
    ("dpipe table show", "HANDLE", [], ["DPIPE_TABLE_NAME"]),
    ("dpipe table set", "HANDLE", ["DPIPE_TABLE_NAME", "DPIPE_TABLE_COUNTERS"], []),
    ("dpipe table dump", "HANDLE", ["DPIPE_TABLE_NAME"], []),
    ("resource show", "HANDLE", [], []),
    ("resource set", "HANDLE", ["RESOURCE_PATH", "RESOURCE_SIZE"], []),
    ("region show", "REGION", [], []),
    ("region del", "REGION", ["REGION_SNAPSHOT_ID"], []),
    ("region dump", "REGION", ["REGION_SNAPSHOT_ID"], []),
    ("region read", "REGION", ["REGION_ADDRESS", "REGION_LENGTH", "REGION_SNAPSHOT_ID"], []),
    ("region new", "REGION", [], ["REGION_SNAPSHOT_ID"]),
    ("health show", "BOTH", ["HEALTH_REPORTER_NAME"], []),
    ("health recover", "BOTH", ["HEALTH_REPORTER_NAME"], []),
    ("health diagnose", "BOTH", ["HEALTH_REPORTER_NAME"], []),
    ("health test", "BOTH", ["HEALTH_REPORTER_NAME"], []),
    ("health dump show", "BOTH", ["HEALTH_REPORTER_NAME"], []),
    ("health dump clear", "BOTH", ["HEALTH_REPORTER_NAME"], []),
    ("health set", "BOTH", ["HEALTH_REPORTER_NAME"],
     ["HEALTH_REPORTER_GRACEFUL_PERIOD", "HEALTH_REPORTER_AUTO_RECOVER", "HEALTH_REPORTER_AUTO_DUMP"]),
    ("trap show", "HANDLE", ["TRAP_NAME"], []),
    ("trap set", "HANDLE", ["TRAP_NAME"], ["TRAP_ACTION"]),
    ("trap group show", "HANDLE", ["TRAP_GROUP_NAME"], []),
    ("trap group set", "HANDLE", ["TRAP_GROUP_NAME"], ["TRAP_ACTION", "TRAP_POLICER_ID"]),
    ("trap policer show", "HANDLE", ["TRAP_POLICER_ID"], []),
    ("trap policer set", "HANDLE", ["TRAP_POLICER_ID"], ["TRAP_POLICER_RATE", "TRAP_POLICER_BURST"]),
]

BAD_HANDLES = {
    "HANDLE": ["netdevsim", "a/b/c"],
    "HANDLEP": ["a/b", "a/b/c/d", "a/b/x", "a/b/4294967296"],
    "BOTH": ["a/b/c/d", "a/b/x"],
    "REGION": ["a/b", "a/b/c/d"],
    "RATE": ["a/b", "a/b/", "a/b/4294967296"],
    "NODE": ["a/b", "a/b/", "a/b/12"],
}


def pairs(opt):
    kw, kind, valid, _ = OPTS[opt]
    return [kw, valid]


def cases():
    out = []
    add = out.append
    objs = ["dev", "port", "lc", "sb", "monitor", "dpipe", "resource", "region", "health", "trap"]
    add([])
    add(["help"])
    add(["nosuchobject"])
    for o in objs:
        add([o, "help"])
        add([o, "nosuchcommand"])
    for sub in ["dev eswitch", "dev param", "dev selftests", "port param", "port function", "port function rate",
                "sb pool", "sb port", "sb port pool", "sb tc", "sb tc bind", "sb occupancy", "dpipe header",
                "dpipe table", "health dump", "trap group", "trap policer", "dev reload", "dev flash", "port add",
                "port del", "port function set", "dev info", "resource", "dpipe", "monitor"]:
        w = sub.split()
        add(w)
        add(w + ["help"])
        add(w + ["nosuchcommand"])
    add(["monitor", "dev", "bogus"])
    all_opts = list(OPTS)
    for words, hk, req, opt in CMDS:
        w = words.split()
        handle = HANDLES[hk]
        base = [handle] + [x for r in req for x in pairs(r)]
        add(w + base)                                   # the valid line
        add(w + base + [x for o in opt for x in pairs(o)])  # with every optional
        for bad in BAD_HANDLES.get(hk, []):
            add(w + [bad] + base[1:])
        if hk in ("HANDLE", "HANDLEP", "BOTH", "REGION", "RATE", "NODE") and not words.endswith("show") \
                and words not in ("dev info",):
            add(w)                                      # no handle at all
        for r in req:                                   # each required option missing
            add(w + [handle] + [x for q in req if q != r for x in pairs(q)])
        for o in req + opt:
            kw, kind, valid, bads = OPTS[o]
            rest = [x for q in req if q != o for x in pairs(q)]
            add(w + [handle] + rest + [kw])             # value missing at the end of the line
            for b in bads:                              # each malformed value
                add(w + [handle] + rest + [kw, b])
            add(w + [handle] + rest + pairs(o) + pairs(o))  # given twice
            add(w + [handle] + rest + [kw[:2], valid])  # abbreviated keyword
        for o in all_opts:                              # each option the command does not take
            if o in req or o in opt:
                continue
            kw, kind, valid, bads = OPTS[o]
            add(w + base + [kw, valid])
        add(w + base + ["bogus", "1"])
    # special shapes from the issue and dl_argv_parse's corners
    add(["port", "function", "rate", "add", NODE, "tx_share", "10mbit", "parent", "n0"])
    add(["port", "function", "rate", "add", NODE, "noparent"])
    add(["port", "function", "rate", "add", NODE, "tx_share", "100mbit", "tx_max", "10mbit"])
    add(["port", "function", "rate", "set", PORT, "tx_share", "100mbit", "tx_max", "10mbit"])
    add(["dev", "flash", DEV])
    add(["dev", "flash", DEV, "overwrite", "settings", "overwrite", "identifiers"])
    add(["dev", "eswitch", "set", DEV, "encap", "enable"])
    add(["dev", "eswitch", "set", DEV, "encap-mode", "disable"])
    add(["dev", "selftests", "run", DEV, "id", "flash", "flash"])
    add(["dev", "selftests", "run", DEV, "id"])
    add(["dev", "reload", DEV, "netns", "+7"])
    add(["dev", "reload", DEV, "netns", "/no/such/path"])
    add(["health", "set", DEV, "reporter", "r", "grace_period", " 5"])
    add(["health", "set", DEV, "reporter", "r", "grace_period", "-1"])
    add(["health", "set", DEV, "reporter", "r", "grace_period", "99999999999999999999"])
    add(["region", "read", REGION, "snapshot", "1", "address", "0x10", "length", "1"])
    add(["trap", "group", "set", DEV, "group", "g", "nopolicer"])
    add(["lc", "set", DEV, "lc", "1", "notype"])
    add(["port", "function", "set", PORT, "hw_addr", "1:2:3:4:5:6:7"])
    add(["port", "function", "set", PORT, "hw_addr", " 0x1f:-1"])
    add(["port", "health"])
    add(["port", "health", "show"])
    add(["port", "health", "list"])
    add(["region"])
    # the global options (getopt_long, permuting)
    for g in (["-V"], ["--Version"], ["-z"], ["--foo"], ["-N"], ["-b"], ["-b", "/nonexistent/batch"],
              ["-N", "nosuchns", "dev"], ["-jps", "dev", "help"], ["-x", "dev", "help"], ["-i", "dev", "help"],
              ["-n", "dev", "help"], ["-v", "port", "help"], ["--json", "--pretty", "sb", "help"],
              ["dev", "help", "-j"], ["--statistics", "--verbose", "lc", "help"], ["--no-nice-names", "dev", "help"],
              ["-f", "dev", "help"], ["--force", "dev", "help"], ["-h"], ["--help"], ["-Vj"], ["--jso", "dev", "help"],
              ["--", "dev", "help"], ["-", "dev"], ["--iec", "dev", "help"], ["--hex", "dev", "help"],
              ["--batch"], ["--batch=/nonexistent/b"], ["--json=1", "dev", "help"], ["--Netns"], ["--Net=nosuch", "dev"],
              ["--Ver"], ["--st", "dev", "help"], ["-jz"], ["-bx"], ["-N", "nosuch"], ["--b", "/nonexistent/b"]):
        add(g)
    # the same lines with -j: the JSON writer exists from dl_init, so even a parse error ends
    # stdout with jsonw_destroy's newline
    out += [["-j"] + c for c in list(out)]
    seen = set()
    uniq = []
    for c in out:
        k = "\x1f".join(c)
        if k not in seen:
            seen.add(k)
            uniq.append(c)
    return uniq


def esc(s):
    return s.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t")


def main():
    shim = sys.argv[1]
    dest = os.path.join(os.path.dirname(__file__), "..", "..", "cli", "src", "test", "resources",
                        "devlink-parse-oracle.txt")
    env = dict(os.environ, LD_PRELOAD=shim)
    lines = ["# generated by tools/devlink-oracle/gen.py from /usr/sbin/devlink (iproute2-6.1.0): "
             "args (\\x1f-separated) TAB rc TAB stdout TAB stderr"]
    for c in cases():
        p = subprocess.run(["devlink"] + c, executable="/usr/sbin/devlink", env=env, capture_output=True, timeout=10)
        lines.append("\t".join([esc("\x1f".join(c)), str(p.returncode), esc(p.stdout.decode()),
                                esc(p.stderr.decode())]))
    with open(dest, "w") as f:
        f.write("\n".join(lines) + "\n")
    print(len(lines) - 1, "cases ->", os.path.normpath(dest))


if __name__ == "__main__":
    main()
