package dev.fabric.devlink.model;

import dev.fabric.devices.BusRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A device driver as the devlink core sees it: what {@code struct devlink_ops} and the driver's
 * own sysfs/debugfs files are to the kernel. The core ({@link NsimDevlink}, the registry, the
 * instance actor) keeps devlink's generic rules — reload's refusal order, flash checks, rate-node
 * rules, the announcement order — and calls these hooks where the kernel calls the driver.
 * Everything a driver registers (params, traps, resources, regions, reporters, versions) is data:
 * its {@link #catalogue()}.
 *
 * <p>A driver is chosen by its bus name ({@link Drivers}); netdevsim ({@link NetdevsimDriver}) is
 * the first. Implementations are stateless: per-device state lives in the model. The hardware a
 * driver needs is described here as data (its {@link #flashGeometry()}, its catalogue's factory
 * firmware for a fresh NVM); the instance actor runs it in the devices module's hardware actor,
 * so this interface, like the rest of the model, holds no Pekko type.
 */
public interface DeviceDriver {

  /** The bus name: the first half of a devlink handle ("netdevsim" in netdevsim/netdevsim10). */
  String bus();

  /** What the driver registers, as data. */
  Catalogue catalogue();

  /** The handle of the device with bus id {@code id} (netdevsim: netdevsim/netdevsimN). */
  default DevHandle handle(int id) {
    return new DevHandle(bus(), bus() + id);
  }

  // ---------------------------------------------------------------- the bus

  /** A write to the bus's new_device file; empty when malformed (EINVAL). */
  default Optional<BusRequest.NewDevice> parseNewDevice(String text) {
    return BusRequest.parseNewDevice(text);
  }

  /** A write to the bus's del_device file; empty when malformed (EINVAL). */
  default Optional<Integer> parseDelDevice(String text) {
    return BusRequest.parseDelDevice(text);
  }

  // ---------------------------------------------------------------- devlink_ops hooks

  /**
   * reload_down's own refusal, after the core's checks (netdevsim: dont_allow_reload). Null lets
   * the reload go ahead. A refusal with {@link #refusedByDriver} true is the driver's own
   * (devlink_reload has told the namespace it was leaving already).
   */
  default Reply<?> reloadDownRefusal(NsimDevlink d) {
    return null;
  }

  /** reload_up's failure before it creates anything (netdevsim: fail_reload); null when it goes ahead. */
  default Reply<?> reloadUpFailure(NsimDevlink d) {
    return null;
  }

  /** The port index of VF {@code vf} (netdevsim: 128 + vf, nsim_dev_port_index). */
  default long vfPortIndex(int vf) {
    return 128L + vf;
  }

  /**
   * flash_update's first checks after FLASH_UPDATE begin (netdevsim: the overwrite mask). Null when
   * the flash goes ahead.
   */
  default Reply<?> flashUpdateRefusal(NsimDevlink d, DevOp.Flash f) {
    return null;
  }

  /**
   * The rate ops' own check of a tx_share/tx_max value in bytes/s (rate_leaf/node_tx_*_set), after
   * the core's; null accepts it.
   */
  default Reply<?> rateValueRefusal(long bytesPerSec) {
    return null;
  }

  /** rate_node_new's own check, after the core's (a node of that name exists: EEXIST); null accepts. */
  default Reply<?> rateNodeNewRefusal(NsimDevlink d) {
    return null;
  }

  /** How the hardware writes an image: chunk count, chunk size, and the "Flash select" timeout. */
  default FlashGeometry flashGeometry() {
    return new FlashGeometry(NsimFlash.CHUNKS, NsimFlash.CHUNK_BYTES, NsimFlash.SELECT_TIMEOUT_S);
  }

  record FlashGeometry(int chunks, long chunkBytes, long selectTimeoutSeconds) {
    public long size() {
      return chunks * chunkBytes;
    }
  }

  /** Whether the driver sends flash status messages now (netdevsim: its fw_update_status knob). */
  default boolean flashStatus(NsimDevlink d) {
    return false;
  }

  /**
   * What a completed flash of the image named {@code imageName} into {@code component} (null: the
   * whole image) leaves in the NVM's stored
   * versions ({@code stored} is what the NVM held before). netdevsim's info_get reports the
   * constant "10.20.30" whatever was flashed, so its flash stores the version it reports.
   */
  Map<String, String> storedAfterFlash(String component, String imageName, Map<String, String> stored);

  /** At (re)init, before the objects are created: the driver takes its driverinit param values. */
  default void applyDriverinit(NsimDevlink d) {}

  // ---------------------------------------------------------------- driver files

  /** A read, write or listing of the driver's sysfs/debugfs files. */
  default Reply<?> driverFile(NsimDevlink d, Ctx c, DriverOp<?> op, List<String> netdevs) {
    if (op instanceof DriverOp.DebugfsList || op instanceof DriverOp.DebugfsRead || op instanceof DriverOp.SysfsRead) {
      return Reply.err(Errno.ENOENT);
    }
    return Reply.err(Errno.EPERM);
  }

  /** How many fresh netdev names a driver-file write needs before it can run. */
  default int netdevsNeeded(NsimDevlink d, DriverOp<?> op) {
    return 0;
  }
}
