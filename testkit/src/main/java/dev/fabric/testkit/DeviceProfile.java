package dev.fabric.testkit;

/**
 * A netdevsim device as the fabric creates it for a test class: {@code echo "ID PORTS" >
 * /sys/bus/netdevsim/new_device}, then {@code sriov_numvfs} when {@code vfs > 0}.
 */
public record DeviceProfile(int id, int ports, int vfs) {

  public DeviceProfile {
    if (id < 0 || ports < 0 || vfs < 0) {
      throw new IllegalArgumentException("id, ports and vfs must not be negative");
    }
  }

  /** netdevsim{@code id} with {@code ports} physical ports and no VFs. */
  public static DeviceProfile netdevsim(int id, int ports) {
    return new DeviceProfile(id, ports, 0);
  }

  public DeviceProfile withVfs(int n) {
    return new DeviceProfile(id, ports, n);
  }
}
