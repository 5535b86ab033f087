# A tour of an emulated host with netdevsim devices: run it with
#   ./fabric run -x examples/netdevsim-tour.sh
# (-x echoes each command as "+ COMMAND" on stderr before its output, as sh -x).
# Lines are what you would type on a Linux 6.1 box with netdevsim loaded and iproute2 6.1.

# Two devices: netdevsim10 with 4 ports, netdevsim11 with 2.
echo '10 4' > /sys/bus/netdevsim/new_device
echo '11 2' > /sys/bus/netdevsim/new_device
ls /sys/bus/netdevsim/devices
devlink dev show
devlink port show
devlink -j -p dev info netdevsim/netdevsim10

# A driverinit param is stored at once and applied to the device on reload.
devlink dev param set netdevsim/netdevsim10 name max_macs value 16 cmode driverinit
cat /sys/kernel/debug/netdevsim/netdevsim10/max_macs
devlink dev reload netdevsim/netdevsim10 action driver_reinit
cat /sys/kernel/debug/netdevsim/netdevsim10/max_macs
devlink -s dev show netdevsim/netdevsim10

# Port churn through sysfs, and the errors the kernel gives.
echo 7 > /sys/bus/netdevsim/devices/netdevsim11/new_port
echo 7 > /sys/bus/netdevsim/devices/netdevsim11/new_port
devlink port show netdevsim/netdevsim11/7
echo 7 > /sys/bus/netdevsim/devices/netdevsim11/del_port

# Fault injection: a reload that fails leaves the instance in reload_failed.
echo Y > /sys/kernel/debug/netdevsim/netdevsim11/fail_reload
devlink dev reload netdevsim/netdevsim11
devlink -j dev show netdevsim/netdevsim11
echo N > /sys/kernel/debug/netdevsim/netdevsim11/fail_reload
devlink dev reload netdevsim/netdevsim11 && devlink port show netdevsim/netdevsim11/0

# Move an instance into a network namespace and back.
ip netns add ns1
devlink dev reload netdevsim/netdevsim10 netns ns1
devlink dev show
ip netns exec ns1 devlink dev show
ip netns exec ns1 devlink dev reload netdevsim/netdevsim10 netns 1
devlink dev show

# Switchdev: each VF gets a representor netdev, named by its devlink port (pf0vf0, ...).
# A monitor in the background shows the port events as they happen, until `kill %1`.
devlink mon port &
devlink dev eswitch set netdevsim/netdevsim11 mode switchdev
echo 2 > /sys/bus/netdevsim/devices/netdevsim11/sriov_numvfs
kill %1
ip -br link show
cat /sys/class/net/eth7/phys_port_name /sys/class/net/eth7/phys_switch_id
ip link show dev eth7

# A firmware image of your own, flashed (progress lines as iproute2 prints them off a terminal).
echo 'my image' > /lib/firmware/my-fw.bin
devlink dev flash netdevsim/netdevsim11 file my-fw.bin

# Bad input is answered as iproute2 answers it, and changes nothing.
devlink dev show netdevsim
devlink port show netdevsim/netdevsim10/abc
devlink dev show netdevsim/netdevsim99
echo 10 > /sys/bus/netdevsim/del_device
echo 10 > /sys/bus/netdevsim/del_device
devlink dev show
