package dev.fabric.cli.run;

/** What `help` prints in `fabric shell`. */
final class ShellHelp {
  private ShellHelp() {}

  static final String TEXT = """
      fabric shell: one emulated Linux 6.1 host with the netdevsim driver.
      Commands (as on the reference machine: iproute2 6.1 and busybox sh):
        devlink [-j -p -s -v -n] OBJECT ...   iproute2's devlink; `devlink help`, `devlink dev help`, ...
        devlink mon [all | OBJECTS]           stream events until Ctrl-C (add '&' for a background job)
        timeout N devlink mon ...             the same for N seconds
        echo VALUE > /sys/bus/netdevsim/new_device      create a device: "ID [PORTS]" (del_device: "ID")
        echo N > /sys/bus/netdevsim/devices/netdevsimID/new_port | del_port | sriov_numvfs
        echo Y > /sys/kernel/debug/netdevsim/netdevsimID/...   fault knobs (fail_reload, fw_update_status, ...)
        echo DATA > /lib/firmware/NAME         a firmware image for `devlink dev flash ... file NAME`
        cat PATH...   ls [-lRa] PATH...        the sysfs, debugfs and /sys/class/net trees, /lib/firmware
        ip link show, ip -br link show        the host's netdevs (ip -n NS ..., ip netns exec NS ip ...)
        ip netns add | del | list | exec NS CMD
        sleep N, true, false, set -e | -x, exit [N], jobs, kill %N
      Lines: ';' and '&&' join commands, '&' runs `devlink mon` in the background, '\\' continues a
      line, >FILE, >/dev/null, 2>/dev/null and 2>&1 redirect, * ? [...] expand paths, '#' starts a
      comment. Pipes, loops and variables are not part of the language.
      Keys: Tab completes objects, commands, options and handles; Ctrl-C stops the running command;
      Ctrl-D on an empty line (or `exit`) leaves; history is kept in ~/.fabric_history.
      """;
}
