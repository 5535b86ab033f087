package dev.fabric.devlink.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * netdevsim (drivers/net/netdevsim/) as a {@link DeviceDriver}: its catalogue
 * ({@code drivers/netdevsim.json}), its debugfs knobs where its devlink_ops read them, and its
 * sysfs/debugfs files ({@link NetdevsimFiles}).
 */
public final class NetdevsimDriver implements DeviceDriver {

  public static final NetdevsimDriver INSTANCE = new NetdevsimDriver();

  static final String FORBID_RELOAD = "netdevsim: User forbid the reload for testing purposes.";
  static final String FAIL_RELOAD = "netdevsim: User setup the reload to fail for testing purposes.";

  private final Catalogue catalogue = Catalogue.load(NetdevsimDriver.class, "/dev/fabric/devlink/drivers/netdevsim.json");

  private NetdevsimDriver() {}

  @Override
  public String bus() {
    return "netdevsim";
  }

  @Override
  public Catalogue catalogue() {
    return catalogue;
  }

  /** nsim_dev_reload_down: dont_allow_reload. */
  @Override
  public Reply<?> reloadDownRefusal(NsimDevlink d) {
    return d.knobs.dontAllowReload ? Reply.err(Errno.EOPNOTSUPP, FORBID_RELOAD) : null;
  }

  /** nsim_dev_reload_up: fail_reload. */
  @Override
  public Reply<?> reloadUpFailure(NsimDevlink d) {
    return d.knobs.failReload ? Reply.err(Errno.EINVAL, FAIL_RELOAD) : null;
  }

  /** nsim_dev_flash_update: an overwrite mask beyond fw_update_overwrite_mask. */
  @Override
  public Reply<?> flashUpdateRefusal(NsimDevlink d, DevOp.Flash f) {
    long mask = f.overwriteMask().orElse(0);
    return (mask & ~d.knobs.fwUpdateOverwriteMask) != 0 ? Reply.err(Errno.EOPNOTSUPP) : null;
  }

  /** nsim_leaf/node_tx_*_set (nsim_rate_bytes_to_units): whole Mbit/s up to the 5000 Mbit/s link. */
  @Override
  public Reply<?> rateValueRefusal(long bytesPerSec) {
    if (Long.remainderUnsigned(bytesPerSec, Rates.UNIT) != 0) {
      return Reply.err(Errno.EINVAL, "netdevsim: TX rate value not in link speed units of 1Mbps.");
    }
    if (Long.compareUnsigned(Long.divideUnsigned(bytesPerSec, Rates.UNIT), Rates.MAX_UNITS) > 0) {
      return Reply.err(Errno.EINVAL, "netdevsim: TX rate value exceed link maximum speed 5000Mbps.");
    }
    return null;
  }

  /** nsim_rate_node_new: nodes only in switchdev mode. */
  @Override
  public Reply<?> rateNodeNewRefusal(NsimDevlink d) {
    return d.eswitchMode != DevOp.EswitchMode.SWITCHDEV
        ? Reply.err(Errno.EOPNOTSUPP, "netdevsim: Node creation allowed only in switchdev mode.") : null;
  }

  @Override
  public boolean flashStatus(NsimDevlink d) {
    return d.knobs.fwUpdateStatus;
  }

  /**
   * netdevsim reads no image (it sleeps per chunk) and nsim_dev_info_get reports "10.20.30" as
   * stored whatever was flashed: the NVM stores that version for the component written.
   */
  @Override
  public Map<String, String> storedAfterFlash(String component, String imageName, Map<String, String> stored) {
    Map<String, String> out = new LinkedHashMap<>(stored);
    catalogue.firmware().forEach((name, version) -> {
      if (component == null || component.equals(name)) {
        out.put(name, version);
      }
    });
    return out;
  }

  /** nsim_dev_reload_create reads max_macs and test1 (debugfs shows the applied values). */
  @Override
  public void applyDriverinit(NsimDevlink d) {
    d.appliedMaxMacs = d.params.driverinit("max_macs").number();
    d.appliedTest1 = ((ParamValue.Bool) d.params.driverinit("test1")).value();
  }

  @Override
  public Reply<?> driverFile(NsimDevlink d, Ctx c, DriverOp<?> op, List<String> netdevs) {
    return NetdevsimFiles.apply(d, c, op, netdevs);
  }

  /** new_port needs one name; sriov_numvfs in switchdev mode one per VF. */
  @Override
  public int netdevsNeeded(NsimDevlink d, DriverOp<?> op) {
    if (op instanceof DriverOp.SysfsWrite w) {
      switch (w.file()) {
        case "new_port" -> {
          Long idx = Knobs.parseU32(w.value());
          return idx != null && d.port(idx) == null ? 1 : 0;
        }
        case "sriov_numvfs" -> {
          Long n = Knobs.parseU32(w.value());
          return n != null && d.numVfs == 0 && n <= d.knobs.maxVfs && d.eswitchMode == DevOp.EswitchMode.SWITCHDEV ? n.intValue() : 0;
        }
        default -> {
          return 0;
        }
      }
    }
    return 0;
  }
}
