package dev.fabric.cli.devlink;

/**
 * Exact stdout of reference transcript commands, copied from the {@code --- STDOUT:} sections of
 * reference/kernel-6.1-netdevsim/ (recorded on a real 6.1 kernel). Each constant's comment names
 * the transcript file and the line of its {@code === CMD:} header (long commands shortened); no
 * generator script exists, so a re-recorded transcript has to be copied over by hand.
 */
final class Expected {

  private Expected() {
  }

  /** 01-devices.txt:53  devlink dev show */
  static final String DEV_SHOW_TEXT =
      "netdevsim/netdevsim10\n"
      + "netdevsim/netdevsim11\n";

  /** 01-devices.txt:60  devlink -j dev show */
  static final String DEV_SHOW_J =
      "{\"dev\":{\"netdevsim/netdevsim10\":{},\"netdevsim/netdevsim11\":{}}}\n";

  /** 01-devices.txt:66  devlink -j -p dev show */
  static final String DEV_SHOW_JP =
      "{\n"
      + "    \"dev\": {\n"
      + "        \"netdevsim/netdevsim10\": {},\n"
      + "        \"netdevsim/netdevsim11\": {}\n"
      + "    }\n"
      + "}\n";

  /** 01-devices.txt:77  devlink -j -p dev show netdevsim/netdevsim10 */
  static final String DEV_SHOW_JP_ONE =
      "{\n"
      + "    \"dev\": {\n"
      + "        \"netdevsim/netdevsim10\": {}\n"
      + "    }\n"
      + "}\n";

  /** 01-devices.txt:87  devlink dev info */
  static final String DEV_INFO_TEXT =
      "netdevsim/netdevsim10:\n"
      + "  driver netdevsim\n"
      + "  versions:\n"
      + "      running:\n"
      + "        fw.mgmt 10.20.30\n"
      + "      stored:\n"
      + "        fw.mgmt 10.20.30\n"
      + "netdevsim/netdevsim11:\n"
      + "  driver netdevsim\n"
      + "  versions:\n"
      + "      running:\n"
      + "        fw.mgmt 10.20.30\n"
      + "      stored:\n"
      + "        fw.mgmt 10.20.30\n";

  /** 01-devices.txt:118  devlink -j -p dev info netdevsim/netdevsim10 */
  static final String DEV_INFO_JP_ONE =
      "{\n"
      + "    \"info\": {\n"
      + "        \"netdevsim/netdevsim10\": {\n"
      + "            \"driver\": \"netdevsim\",\n"
      + "            \"versions\": {\n"
      + "                \"running\": {\n"
      + "                    \"fw.mgmt\": \"10.20.30\"\n"
      + "                },\n"
      + "                \"stored\": {\n"
      + "                    \"fw.mgmt\": \"10.20.30\"\n"
      + "                }\n"
      + "            }\n"
      + "        }\n"
      + "    }\n"
      + "}\n";

  /** 01-devices.txt:138  devlink port show */
  static final String PORT_SHOW_TEXT =
      "netdevsim/netdevsim10/0: type eth netdev eth0 flavour physical port 1 splittable false\n"
      + "netdevsim/netdevsim10/1: type eth netdev eth1 flavour physical port 2 splittable false\n"
      + "netdevsim/netdevsim10/2: type eth netdev eth2 flavour physical port 3 splittable false\n"
      + "netdevsim/netdevsim10/3: type eth netdev eth3 flavour physical port 4 splittable false\n"
      + "netdevsim/netdevsim11/0: type eth netdev eth4 flavour physical port 1 splittable false\n"
      + "netdevsim/netdevsim11/1: type eth netdev eth5 flavour physical port 2 splittable false\n";

  /** 01-devices.txt:149  devlink -j -p port show */
  static final String PORT_SHOW_JP =
      "{\n"
      + "    \"port\": {\n"
      + "        \"netdevsim/netdevsim10/0\": {\n"
      + "            \"type\": \"eth\",\n"
      + "            \"netdev\": \"eth0\",\n"
      + "            \"flavour\": \"physical\",\n"
      + "            \"port\": 1,\n"
      + "            \"splittable\": false\n"
      + "        },\n"
      + "        \"netdevsim/netdevsim10/1\": {\n"
      + "            \"type\": \"eth\",\n"
      + "            \"netdev\": \"eth1\",\n"
      + "            \"flavour\": \"physical\",\n"
      + "            \"port\": 2,\n"
      + "            \"splittable\": false\n"
      + "        },\n"
      + "        \"netdevsim/netdevsim10/2\": {\n"
      + "            \"type\": \"eth\",\n"
      + "            \"netdev\": \"eth2\",\n"
      + "            \"flavour\": \"physical\",\n"
      + "            \"port\": 3,\n"
      + "            \"splittable\": false\n"
      + "        },\n"
      + "        \"netdevsim/netdevsim10/3\": {\n"
      + "            \"type\": \"eth\",\n"
      + "            \"netdev\": \"eth3\",\n"
      + "            \"flavour\": \"physical\",\n"
      + "            \"port\": 4,\n"
      + "            \"splittable\": false\n"
      + "        },\n"
      + "        \"netdevsim/netdevsim11/0\": {\n"
      + "            \"type\": \"eth\",\n"
      + "            \"netdev\": \"eth4\",\n"
      + "            \"flavour\": \"physical\",\n"
      + "            \"port\": 1,\n"
      + "            \"splittable\": false\n"
      + "        },\n"
      + "        \"netdevsim/netdevsim11/1\": {\n"
      + "            \"type\": \"eth\",\n"
      + "            \"netdev\": \"eth5\",\n"
      + "            \"flavour\": \"physical\",\n"
      + "            \"port\": 2,\n"
      + "            \"splittable\": false\n"
      + "        }\n"
      + "    }\n"
      + "}\n";

  /** 01-devices.txt:267  devlink -j -p dev show -s */
  static final String DEV_SHOW_S_JP =
      "{\n"
      + "    \"dev\": {\n"
      + "        \"netdevsim/netdevsim10\": {\n"
      + "            \"stats\": {\n"
      + "                \"reload\": {\n"
      + "                    \"driver_reinit\": {\n"
      + "                        \"unspecified\": 0\n"
      + "                    }\n"
      + "                },\n"
      + "                \"remote_reload\": {\n"
      + "                    \"driver_reinit\": {\n"
      + "                        \"unspecified\": 0\n"
      + "                    },\n"
      + "                    \"fw_activate\": {\n"
      + "                        \"unspecified\": 0,\n"
      + "                        \"no_reset\": 0\n"
      + "                    }\n"
      + "                }\n"
      + "            }\n"
      + "        },\n"
      + "        \"netdevsim/netdevsim11\": {\n"
      + "            \"stats\": {\n"
      + "                \"reload\": {\n"
      + "                    \"driver_reinit\": {\n"
      + "                        \"unspecified\": 0\n"
      + "                    }\n"
      + "                },\n"
      + "                \"remote_reload\": {\n"
      + "                    \"driver_reinit\": {\n"
      + "                        \"unspecified\": 0\n"
      + "                    },\n"
      + "                    \"fw_activate\": {\n"
      + "                        \"unspecified\": 0,\n"
      + "                        \"no_reset\": 0\n"
      + "                    }\n"
      + "                }\n"
      + "            }\n"
      + "        }\n"
      + "    }\n"
      + "}\n";

  /** 03-reload.txt:818  devlink -j port show */
  static final String PORT_SHOW_J =
      "{\"port\":{\"netdevsim/netdevsim10/0\":{\"type\":\"eth\",\"netdev\":\"eth0\",\"flavour\":\"physical\",\"port\":1,\"splittable\":false},\"netdevsim/netdevsim10/1\":{\"type\":\"eth\",\"netdev\":\"eth1\",\"flavour\":\"physical\",\"port\":2,\"splittable\":false},\"netdevsim/netdevsim10/2\":{\"type\":\"eth\",\"netdev\":\"eth2\",\"flavour\":\"physical\",\"port\":3,\"splittable\":false},\"netdevsim/netdevsim10/3\":{\"type\":\"eth\",\"netdev\":\"eth3\",\"flavour\":\"physical\",\"port\":4,\"splittable\":false},\"netdevsim/netdevsim11/0\":{\"type\":\"eth\",\"netdev\":\"eth4\",\"flavour\":\"physical\",\"port\":1,\"splittable\":false},\"netdevsim/netdevsim11/1\":{\"type\":\"eth\",\"netdev\":\"eth5\",\"flavour\":\"physical\",\"port\":2,\"splittable\":false}}}\n";

  /** 03-reload.txt:371  devlink dev show -s netdevsim/netdevsim10 */
  static final String DEV_SHOW_S_TEXT_ONE =
      "netdevsim/netdevsim10:\n"
      + "  stats:\n"
      + "      reload:\n"
      + "          driver_reinit:\n"
      + "            unspecified 5\n"
      + "      remote_reload:\n"
      + "          driver_reinit:\n"
      + "            unspecified 0\n"
      + "          fw_activate:\n"
      + "            unspecified 0 no_reset 0\n";

  /** 03-reload.txt:401  devlink -j -p -s dev show netdevsim/netdevsim10 */
  static final String DEV_SHOW_S_JP_ONE =
      "{\n"
      + "    \"dev\": {\n"
      + "        \"netdevsim/netdevsim10\": {\n"
      + "            \"stats\": {\n"
      + "                \"reload\": {\n"
      + "                    \"driver_reinit\": {\n"
      + "                        \"unspecified\": 5\n"
      + "                    }\n"
      + "                },\n"
      + "                \"remote_reload\": {\n"
      + "                    \"driver_reinit\": {\n"
      + "                        \"unspecified\": 0\n"
      + "                    },\n"
      + "                    \"fw_activate\": {\n"
      + "                        \"unspecified\": 0,\n"
      + "                        \"no_reset\": 0\n"
      + "                    }\n"
      + "                }\n"
      + "            }\n"
      + "        }\n"
      + "    }\n"
      + "}\n";

  /** 03-reload.txt:632  devlink -j -p dev show netdevsim/netdevsim10 */
  static final String DEV_SHOW_JP_RELOAD_FAILED =
      "{\n"
      + "    \"dev\": {\n"
      + "        \"netdevsim/netdevsim10\": {\n"
      + "            \"reload_failed\": true\n"
      + "        }\n"
      + "    }\n"
      + "}\n";

  /** 03-reload.txt:644  devlink -j -p -s dev show netdevsim/netdevsim10 */
  static final String DEV_SHOW_S_JP_RELOAD_FAILED =
      "{\n"
      + "    \"dev\": {\n"
      + "        \"netdevsim/netdevsim10\": {\n"
      + "            \"reload_failed\": true,\n"
      + "            \"stats\": {\n"
      + "                \"reload\": {\n"
      + "                    \"driver_reinit\": {\n"
      + "                        \"unspecified\": 7\n"
      + "                    }\n"
      + "                },\n"
      + "                \"remote_reload\": {\n"
      + "                    \"driver_reinit\": {\n"
      + "                        \"unspecified\": 0\n"
      + "                    },\n"
      + "                    \"fw_activate\": {\n"
      + "                        \"unspecified\": 0,\n"
      + "                        \"no_reset\": 0\n"
      + "                    }\n"
      + "                }\n"
      + "            }\n"
      + "        }\n"
      + "    }\n"
      + "}\n";

  /** 03-reload.txt:316  devlink dev reload netdevsim/netdevsim10 action driver_reinit */
  static final String RELOAD_DRIVER_REINIT_TEXT =
      "reload_actions_performed:\n"
      + "    driver_reinit\n";

  /** 03-reload.txt:310  devlink -j -p dev reload netdevsim/netdevsim10 */
  static final String RELOAD_JP_PLAIN =
      "\n";

  /** 03-reload.txt:330  devlink -j -p dev reload netdevsim/netdevsim10 action fw_activate */
  static final String RELOAD_JP_ERROR =
      "\n";

  /** 02-params.txt:2  devlink dev param show */
  static final String PARAM_SHOW_TEXT =
      "netdevsim/netdevsim10:\n"
      + "  name max_macs type generic\n"
      + "    values:\n"
      + "      cmode driverinit value 32\n"
      + "  name test1 type driver-specific\n"
      + "    values:\n"
      + "      cmode driverinit value true\n"
      + "netdevsim/netdevsim11:\n"
      + "  name max_macs type generic\n"
      + "    values:\n"
      + "      cmode driverinit value 32\n"
      + "  name test1 type driver-specific\n"
      + "    values:\n"
      + "      cmode driverinit value true\n";

  /** 02-params.txt:21  devlink -j -p dev param show */
  static final String PARAM_SHOW_JP =
      "{\n"
      + "    \"param\": {\n"
      + "        \"netdevsim/netdevsim10\": [ {\n"
      + "                \"name\": \"max_macs\",\n"
      + "                \"type\": \"generic\",\n"
      + "                \"values\": [ {\n"
      + "                        \"cmode\": \"driverinit\",\n"
      + "                        \"value\": 32\n"
      + "                    } ]\n"
      + "            },{\n"
      + "                \"name\": \"test1\",\n"
      + "                \"type\": \"driver-specific\",\n"
      + "                \"values\": [ {\n"
      + "                        \"cmode\": \"driverinit\",\n"
      + "                        \"value\": true\n"
      + "                    } ]\n"
      + "            } ],\n"
      + "        \"netdevsim/netdevsim11\": [ {\n"
      + "                \"name\": \"max_macs\",\n"
      + "                \"type\": \"generic\",\n"
      + "                \"values\": [ {\n"
      + "                        \"cmode\": \"driverinit\",\n"
      + "                        \"value\": 32\n"
      + "                    } ]\n"
      + "            },{\n"
      + "                \"name\": \"test1\",\n"
      + "                \"type\": \"driver-specific\",\n"
      + "                \"values\": [ {\n"
      + "                        \"cmode\": \"driverinit\",\n"
      + "                        \"value\": true\n"
      + "                    } ]\n"
      + "            } ]\n"
      + "    }\n"
      + "}\n";

  /** 02-params.txt:60  devlink -j -p dev param show netdevsim/netdevsim10 name max_macs */
  static final String PARAM_SHOW_JP_ONE =
      "{\n"
      + "    \"param\": {\n"
      + "        \"netdevsim/netdevsim10\": [ {\n"
      + "                \"name\": \"max_macs\",\n"
      + "                \"type\": \"generic\",\n"
      + "                \"values\": [ {\n"
      + "                        \"cmode\": \"driverinit\",\n"
      + "                        \"value\": 32\n"
      + "                    } ]\n"
      + "            } ]\n"
      + "    }\n"
      + "}\n";

  /** 02-params.txt:354  devlink dev param set netdevsim/netdevsim10 name max_macs value 32 cmode driverinit && devlink dev param set netdevsim/netdevsim10 name test1 value tr */
  static final String PARAM_SHOW_J_ALL =
      "{\"param\":{\"netdevsim/netdevsim10\":[{\"name\":\"max_macs\",\"type\":\"generic\",\"values\":[{\"cmode\":\"driverinit\",\"value\":32}]},{\"name\":\"test1\",\"type\":\"driver-specific\",\"values\":[{\"cmode\":\"driverinit\",\"value\":true}]}],\"netdevsim/netdevsim11\":[{\"name\":\"max_macs\",\"type\":\"generic\",\"values\":[{\"cmode\":\"driverinit\",\"value\":32}]},{\"name\":\"test1\",\"type\":\"driver-specific\",\"values\":[{\"cmode\":\"driverinit\",\"value\":true}]}]}}\n";

  /** 02-params.txt:272  devlink -j -p dev param show netdevsim/netdevsim10 */
  static final String PARAM_SHOW_JP_ERROR =
      "\n";

  /** 05-health.txt:15  devlink health show */
  static final String HEALTH_SHOW_TEXT =
      "netdevsim/netdevsim10:\n"
      + "  reporter empty\n"
      + "    state healthy error 0 recover 0 auto_dump true\n"
      + "  reporter dummy\n"
      + "    state healthy error 0 recover 0 grace_period 0 auto_recover true auto_dump true\n"
      + "netdevsim/netdevsim11:\n"
      + "  reporter empty\n"
      + "    state healthy error 0 recover 0 auto_dump true\n"
      + "  reporter dummy\n"
      + "    state healthy error 0 recover 0 grace_period 0 auto_recover true auto_dump true\n";

  /** 05-health.txt:45  devlink -j -p health show */
  static final String HEALTH_SHOW_JP =
      "{\n"
      + "    \"health\": {\n"
      + "        \"netdevsim/netdevsim10\": [ {\n"
      + "                \"reporter\": \"empty\",\n"
      + "                \"state\": \"healthy\",\n"
      + "                \"error\": 0,\n"
      + "                \"recover\": 0,\n"
      + "                \"auto_dump\": true\n"
      + "            },{\n"
      + "                \"reporter\": \"dummy\",\n"
      + "                \"state\": \"healthy\",\n"
      + "                \"error\": 0,\n"
      + "                \"recover\": 0,\n"
      + "                \"grace_period\": 0,\n"
      + "                \"auto_recover\": true,\n"
      + "                \"auto_dump\": true\n"
      + "            } ],\n"
      + "        \"netdevsim/netdevsim11\": [ {\n"
      + "                \"reporter\": \"empty\",\n"
      + "                \"state\": \"healthy\",\n"
      + "                \"error\": 0,\n"
      + "                \"recover\": 0,\n"
      + "                \"auto_dump\": true\n"
      + "            },{\n"
      + "                \"reporter\": \"dummy\",\n"
      + "                \"state\": \"healthy\",\n"
      + "                \"error\": 0,\n"
      + "                \"recover\": 0,\n"
      + "                \"grace_period\": 0,\n"
      + "                \"auto_recover\": true,\n"
      + "                \"auto_dump\": true\n"
      + "            } ]\n"
      + "    }\n"
      + "}\n";

  /** 08-resources.txt:2  devlink resource show netdevsim/netdevsim10 */
  static final String RESOURCE_SHOW_TEXT =
      "netdevsim/netdevsim10:\n"
      + "  name IPv4 size unlimited unit entry size_min 0 size_max unlimited size_gran 1 dpipe_tables none\n"
      + "    resources:\n"
      + "      name fib size unlimited occ 3 unit entry size_min 0 size_max unlimited size_gran 1 dpipe_tables none\n"
      + "      name fib-rules size unlimited occ 3 unit entry size_min 0 size_max unlimited size_gran 1 dpipe_tables none\n"
      + "  name IPv6 size unlimited unit entry size_min 0 size_max unlimited size_gran 1 dpipe_tables none\n"
      + "    resources:\n"
      + "      name fib size unlimited occ 1 unit entry size_min 0 size_max unlimited size_gran 1 dpipe_tables none\n"
      + "      name fib-rules size unlimited occ 2 unit entry size_min 0 size_max unlimited size_gran 1 dpipe_tables none\n"
      + "  name nexthops size unlimited occ 0 unit entry size_min 0 size_max unlimited size_gran 1 dpipe_tables none\n";

  /** 08-resources.txt:17  devlink -j -p resource show netdevsim/netdevsim10 */
  static final String RESOURCE_SHOW_JP =
      "{\n"
      + "    \"resources\": {\n"
      + "        \"netdevsim/netdevsim10\": [ {\n"
      + "                \"name\": \"IPv4\",\n"
      + "                \"size\": \"unlimited\",\n"
      + "                \"unit\": \"entry\",\n"
      + "                \"size_min\": 0,\n"
      + "                \"size_max\": \"unlimited\",\n"
      + "                \"size_gran\": 1,\n"
      + "                \"dpipe_tables\": \"none\",\n"
      + "                \"resources\": [ {\n"
      + "                        \"name\": \"fib\",\n"
      + "                        \"size\": \"unlimited\",\n"
      + "                        \"occ\": 3,\n"
      + "                        \"unit\": \"entry\",\n"
      + "                        \"size_min\": 0,\n"
      + "                        \"size_max\": \"unlimited\",\n"
      + "                        \"size_gran\": 1,\n"
      + "                        \"dpipe_tables\": \"none\"\n"
      + "                    },{\n"
      + "                        \"name\": \"fib-rules\",\n"
      + "                        \"size\": \"unlimited\",\n"
      + "                        \"occ\": 3,\n"
      + "                        \"unit\": \"entry\",\n"
      + "                        \"size_min\": 0,\n"
      + "                        \"size_max\": \"unlimited\",\n"
      + "                        \"size_gran\": 1,\n"
      + "                        \"dpipe_tables\": \"none\"\n"
      + "                    } ]\n"
      + "            },{\n"
      + "                \"name\": \"IPv6\",\n"
      + "                \"size\": \"unlimited\",\n"
      + "                \"unit\": \"entry\",\n"
      + "                \"size_min\": 0,\n"
      + "                \"size_max\": \"unlimited\",\n"
      + "                \"size_gran\": 1,\n"
      + "                \"dpipe_tables\": \"none\",\n"
      + "                \"resources\": [ {\n"
      + "                        \"name\": \"fib\",\n"
      + "                        \"size\": \"unlimited\",\n"
      + "                        \"occ\": 1,\n"
      + "                        \"unit\": \"entry\",\n"
      + "                        \"size_min\": 0,\n"
      + "                        \"size_max\": \"unlimited\",\n"
      + "                        \"size_gran\": 1,\n"
      + "                        \"dpipe_tables\": \"none\"\n"
      + "                    },{\n"
      + "                        \"name\": \"fib-rules\",\n"
      + "                        \"size\": \"unlimited\",\n"
      + "                        \"occ\": 2,\n"
      + "                        \"unit\": \"entry\",\n"
      + "                        \"size_min\": 0,\n"
      + "                        \"size_max\": \"unlimited\",\n"
      + "                        \"size_gran\": 1,\n"
      + "                        \"dpipe_tables\": \"none\"\n"
      + "                    } ]\n"
      + "            },{\n"
      + "                \"name\": \"nexthops\",\n"
      + "                \"size\": \"unlimited\",\n"
      + "                \"occ\": 0,\n"
      + "                \"unit\": \"entry\",\n"
      + "                \"size_min\": 0,\n"
      + "                \"size_max\": \"unlimited\",\n"
      + "                \"size_gran\": 1,\n"
      + "                \"dpipe_tables\": \"none\"\n"
      + "            } ]\n"
      + "    }\n"
      + "}\n";

  /** 08-resources.txt:177  devlink resource show netdevsim/netdevsim10 */
  static final String RESOURCE_SHOW_TEXT_PENDING =
      "netdevsim/netdevsim10:\n"
      + "  name IPv4 size unlimited unit entry size_min 0 size_max unlimited size_gran 1 dpipe_tables none size_valid true\n"
      + "    resources:\n"
      + "      name fib size unlimited size_new 96 occ 3 unit entry size_min 0 size_max unlimited size_gran 1 dpipe_tables none\n"
      + "      name fib-rules size unlimited occ 3 unit entry size_min 0 size_max unlimited size_gran 1 dpipe_tables none\n"
      + "  name IPv6 size unlimited unit entry size_min 0 size_max unlimited size_gran 1 dpipe_tables none size_valid true\n"
      + "    resources:\n"
      + "      name fib size unlimited occ 1 unit entry size_min 0 size_max unlimited size_gran 1 dpipe_tables none\n"
      + "      name fib-rules size unlimited occ 2 unit entry size_min 0 size_max unlimited size_gran 1 dpipe_tables none\n"
      + "  name nexthops size unlimited occ 0 unit entry size_min 0 size_max unlimited size_gran 1 dpipe_tables none\n";

  /** 08-resources.txt:101  devlink -j -p resource show netdevsim/netdevsim10 */
  static final String RESOURCE_SHOW_JP_PENDING =
      "{\n"
      + "    \"resources\": {\n"
      + "        \"netdevsim/netdevsim10\": [ {\n"
      + "                \"name\": \"IPv4\",\n"
      + "                \"size\": \"unlimited\",\n"
      + "                \"unit\": \"entry\",\n"
      + "                \"size_min\": 0,\n"
      + "                \"size_max\": \"unlimited\",\n"
      + "                \"size_gran\": 1,\n"
      + "                \"dpipe_tables\": \"none\",\n"
      + "                \"size_valid\": \"true\",\n"
      + "                \"resources\": [ {\n"
      + "                        \"name\": \"fib\",\n"
      + "                        \"size\": \"unlimited\",\n"
      + "                        \"size_new\": 96,\n"
      + "                        \"occ\": 3,\n"
      + "                        \"unit\": \"entry\",\n"
      + "                        \"size_min\": 0,\n"
      + "                        \"size_max\": \"unlimited\",\n"
      + "                        \"size_gran\": 1,\n"
      + "                        \"dpipe_tables\": \"none\"\n"
      + "                    },{\n"
      + "                        \"name\": \"fib-rules\",\n"
      + "                        \"size\": \"unlimited\",\n"
      + "                        \"occ\": 3,\n"
      + "                        \"unit\": \"entry\",\n"
      + "                        \"size_min\": 0,\n"
      + "                        \"size_max\": \"unlimited\",\n"
      + "                        \"size_gran\": 1,\n"
      + "                        \"dpipe_tables\": \"none\"\n"
      + "                    } ]\n"
      + "            },{\n"
      + "                \"name\": \"IPv6\",\n"
      + "                \"size\": \"unlimited\",\n"
      + "                \"unit\": \"entry\",\n"
      + "                \"size_min\": 0,\n"
      + "                \"size_max\": \"unlimited\",\n"
      + "                \"size_gran\": 1,\n"
      + "                \"dpipe_tables\": \"none\",\n"
      + "                \"size_valid\": \"true\",\n"
      + "                \"resources\": [ {\n"
      + "                        \"name\": \"fib\",\n"
      + "                        \"size\": \"unlimited\",\n"
      + "                        \"occ\": 1,\n"
      + "                        \"unit\": \"entry\",\n"
      + "                        \"size_min\": 0,\n"
      + "                        \"size_max\": \"unlimited\",\n"
      + "                        \"size_gran\": 1,\n"
      + "                        \"dpipe_tables\": \"none\"\n"
      + "                    },{\n"
      + "                        \"name\": \"fib-rules\",\n"
      + "                        \"size\": \"unlimited\",\n"
      + "                        \"occ\": 2,\n"
      + "                        \"unit\": \"entry\",\n"
      + "                        \"size_min\": 0,\n"
      + "                        \"size_max\": \"unlimited\",\n"
      + "                        \"size_gran\": 1,\n"
      + "                        \"dpipe_tables\": \"none\"\n"
      + "                    } ]\n"
      + "            },{\n"
      + "                \"name\": \"nexthops\",\n"
      + "                \"size\": \"unlimited\",\n"
      + "                \"occ\": 0,\n"
      + "                \"unit\": \"entry\",\n"
      + "                \"size_min\": 0,\n"
      + "                \"size_max\": \"unlimited\",\n"
      + "                \"size_gran\": 1,\n"
      + "                \"dpipe_tables\": \"none\"\n"
      + "            } ]\n"
      + "    }\n"
      + "}\n";

  /** 07-regions.txt:2  devlink region show */
  static final String REGION_SHOW_TEXT_EMPTY =
      "netdevsim/netdevsim10/dummy: size 32768 snapshot [] max 16\n"
      + "netdevsim/netdevsim11/dummy: size 32768 snapshot [] max 16\n";

  /** 07-regions.txt:9  devlink -j -p region show */
  static final String REGION_SHOW_JP_EMPTY =
      "{\n"
      + "    \"regions\": {\n"
      + "        \"netdevsim/netdevsim10/dummy\": {\n"
      + "            \"size\": 32768,\n"
      + "            \"snapshot\": [ ],\n"
      + "            \"max\": 16\n"
      + "        },\n"
      + "        \"netdevsim/netdevsim11/dummy\": {\n"
      + "            \"size\": 32768,\n"
      + "            \"snapshot\": [ ],\n"
      + "            \"max\": 16\n"
      + "        }\n"
      + "    }\n"
      + "}\n";

  /** 07-regions.txt:72  devlink region show */
  static final String REGION_SHOW_TEXT =
      "netdevsim/netdevsim10/dummy: size 32768 snapshot [1 2 0 3] max 16\n"
      + "netdevsim/netdevsim11/dummy: size 32768 snapshot [] max 16\n";

  /** 07-regions.txt:79  devlink -j -p region show netdevsim/netdevsim10/dummy */
  static final String REGION_SHOW_JP_ONE =
      "{\n"
      + "    \"regions\": {\n"
      + "        \"netdevsim/netdevsim10/dummy\": {\n"
      + "            \"size\": 32768,\n"
      + "            \"snapshot\": [ 1,2,0,3 ],\n"
      + "            \"max\": 16\n"
      + "        }\n"
      + "    }\n"
      + "}\n";

  /** 07-regions.txt:39  devlink -j -p region new netdevsim/netdevsim10/dummy snapshot 2 */
  static final String REGION_NEW_JP_ID =
      "{\n"
      + "    \"regions\": {}\n"
      + "}\n";

  /** 07-regions.txt:53  devlink -j -p region new netdevsim/netdevsim10/dummy */
  static final String REGION_NEW_JP =
      "{\n"
      + "    \"regions\": {\n"
      + "        \"netdevsim/netdevsim10/dummy\": {\n"
      + "            \"snapshot\": [ 3 ]\n"
      + "        }\n"
      + "    }\n"
      + "}\n";

  /** 07-regions.txt:116  devlink -j -p region read netdevsim/netdevsim10/dummy snapshot 1 address 0 length 16 */
  static final String REGION_READ_JP =
      "{\n"
      + "    \"read\": {\n"
      + "        \"address\": 0,\n"
      + "        \"data\": [ 129,231,138,5,28,21,28,169,5,117,197,250,142,2,38,52 ]\n"
      + "    }\n"
      + "}\n";

  /** 10-mon-all.txt lines 332-340 (health status, region new/del with ACTION markers). */
  static final String[] MON_TEXT_HEALTH_REGION = {
      "[health,status] netdevsim/netdevsim12:",
      "  reporter dummy",
      "    state error error 1 recover 0 grace_period 5 auto_recover true auto_dump true",
      "  [health,status]  reporter dummy",
      "    state healthy error 1 recover 1 last_dump_date 2026-11-25 last_dump_time 20:43:15 grace_period 5 auto_recover true auto_dump true",
      "##### ACTION: devlink region new netdevsim/netdevsim12/dummy snapshot 7",
      "  [region,new] netdevsim/netdevsim12/dummy: snapshot 7",
      "##### ACTION: devlink region del netdevsim/netdevsim12/dummy snapshot 7",
      "[region,del] netdevsim/netdevsim12/dummy: snapshot 7",
  };

  /** 10-mon-all-json.txt lines 10-12, each cut before its '#####' marker. */
  static final String[] MON_JSON_HEALTH_REGION = {
      ",{\"command\":\"status\",\"health\":{\"netdevsim/netdevsim12\":[{\"reporter\":\"dummy\",\"state\":\"error\",\"error\":1,\"recover\":0,\"grace_period\":5,\"auto_recover\":true,\"auto_dump\":true}}},{\"command\":\"status\",\"health\":{{\"reporter\":\"dummy\",\"state\":\"healthy\",\"error\":1,\"recover\":1,\"last_dump_date\":\"2026-11-25\",\"last_dump_time\":\"20:43:15\",\"grace_period\":5,\"auto_recover\":true,\"auto_dump\":true}}}",
      ",{\"command\":\"new\",\"region\":{\"netdevsim/netdevsim12/dummy\":{\"snapshot\":[7]}}}",
      ",{\"command\":\"del\",\"region\":{\"netdevsim/netdevsim12/dummy\":{\"snapshot\":[7]}}}",
  };

}
