package dev.fabric.chaos;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * One operation a chaos client process fires at a host, as data: what the history records, what
 * schedules list, what the checkers replay on the sequential model. {@code f} (Jepsen's name for
 * the operation's function) is the JSON discriminator. Every operation addresses one netdevsim
 * device id; {@link #key()} is its object ({@code bus/dev} or {@code bus/dev/port}).
 *
 * <p>The mapping to the fabric's protocol lives in {@link FabricOps} only (and the sequential
 * specification in {@link DeviceSpec}), so protocol changes touch those two files.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "f")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ChaosOp.DevGet.class, name = "dev-get"),
    @JsonSubTypes.Type(value = ChaosOp.DevInfo.class, name = "dev-info"),
    @JsonSubTypes.Type(value = ChaosOp.DevList.class, name = "dev-list"),
    @JsonSubTypes.Type(value = ChaosOp.DevExists.class, name = "dev-exists"),
    @JsonSubTypes.Type(value = ChaosOp.PowerCycle.class, name = "power-cycle"),
    @JsonSubTypes.Type(value = ChaosOp.Reprobed.class, name = "reprobed"),
    @JsonSubTypes.Type(value = ChaosOp.PortGet.class, name = "port-get"),
    @JsonSubTypes.Type(value = ChaosOp.PortDump.class, name = "port-dump"),
    @JsonSubTypes.Type(value = ChaosOp.PortSet.class, name = "port-set"),
    @JsonSubTypes.Type(value = ChaosOp.PortNew.class, name = "port-new"),
    @JsonSubTypes.Type(value = ChaosOp.PortDel.class, name = "port-del"),
    @JsonSubTypes.Type(value = ChaosOp.ParamGet.class, name = "param-get"),
    @JsonSubTypes.Type(value = ChaosOp.ParamSet.class, name = "param-set"),
    @JsonSubTypes.Type(value = ChaosOp.Reload.class, name = "reload"),
    @JsonSubTypes.Type(value = ChaosOp.NewDevice.class, name = "new-device"),
    @JsonSubTypes.Type(value = ChaosOp.DelDevice.class, name = "del-device"),
    @JsonSubTypes.Type(value = ChaosOp.SriovNumvfs.class, name = "sriov-numvfs"),
    @JsonSubTypes.Type(value = ChaosOp.EswitchSet.class, name = "eswitch-set"),
    @JsonSubTypes.Type(value = ChaosOp.Flash.class, name = "flash"),
    @JsonSubTypes.Type(value = ChaosOp.HealthRecover.class, name = "health-recover"),
    @JsonSubTypes.Type(value = ChaosOp.RegionNew.class, name = "region-new"),
    @JsonSubTypes.Type(value = ChaosOp.RegionDel.class, name = "region-del"),
    @JsonSubTypes.Type(value = ChaosOp.Knob.class, name = "knob"),
})
public sealed interface ChaosOp {

  /** The netdevsim device id the operation addresses. */
  int id();

  /** The object: {@code netdevsim/netdevsimN} or {@code netdevsim/netdevsimN/PORT}. */
  @JsonIgnore
  default String key() {
    return "netdevsim/netdevsim" + id();
  }

  /** The operation's name in the history and schedules. */
  @JsonIgnore
  default String name() {
    return NAMES.nameOf(getClass());
  }

  /** True for operations that change nothing (a read). */
  @JsonIgnore
  default boolean readOnly() {
    return false;
  }

  /** Names of the records, read once from the {@link JsonSubTypes} annotation. */
  final class NAMES {
    private static final java.util.Map<Class<?>, String> BY_CLASS = new java.util.HashMap<>();

    static {
      for (JsonSubTypes.Type t : ChaosOp.class.getAnnotation(JsonSubTypes.class).value()) {
        BY_CLASS.put(t.value(), t.name());
      }
    }

    private NAMES() {}

    static String nameOf(Class<?> c) {
      return BY_CLASS.get(c);
    }

    /** Every operation name, in declaration order. */
    public static java.util.List<String> all() {
      java.util.List<String> out = new java.util.ArrayList<>();
      for (JsonSubTypes.Type t : ChaosOp.class.getAnnotation(JsonSubTypes.class).value()) {
        out.add(t.name());
      }
      return out;
    }
  }

  /** A per-port operation: its key names the port. */
  sealed interface OnPort extends ChaosOp permits PortGet, PortSet, PortNew, PortDel {
    long port();

    @Override
    default String key() {
      return "netdevsim/netdevsim" + id() + "/" + port();
    }
  }

  record DevGet(int id) implements ChaosOp {
    @Override
    public boolean readOnly() {
      return true;
    }
  }

  record DevInfo(int id) implements ChaosOp {
    @Override
    public boolean readOnly() {
      return true;
    }
  }

  /**
   * devlink dev show (the dump): the host's instances. The kernel dumps each instance under its
   * own lock, so the checker reads it as one presence read per device ({@link DevExists}), all
   * within the dump's interval.
   */
  record DevList() implements ChaosOp {
    @Override
    public int id() {
      return 0;
    }

    @Override
    public String key() {
      return "host";
    }

    @Override
    public boolean readOnly() {
      return true;
    }
  }

  /** One device's part of a {@link DevList}: is it registered (checker-internal, never sent). */
  record DevExists(int id) implements ChaosOp {
    @Override
    public boolean readOnly() {
      return true;
    }
  }

  /**
   * A restarting fault as the device sees it (checker-internal, never sent): the host powered off
   * and on again, its devices probing again with what they kept ({@link DeviceSpec#step}).
   * {@code fault}: the fault whose window it stands for (a partition seldom restarts the host: the
   * search tries "it did not happen" first there, "it happened" first for the others).
   */
  record PowerCycle(int id, String fault) implements ChaosOp {}

  /**
   * The second half of a {@link PowerCycle} (checker-internal): the booted host has probed the
   * device's card again (a booting host answers ENODEV for it until then); nothing when no power
   * cycle left it probing.
   */
  record Reprobed(int id) implements ChaosOp {}

  record PortGet(int id, long port) implements OnPort {
    @Override
    public boolean readOnly() {
      return true;
    }
  }

  /** The instance's ports (one read under the instance's lock, as the kernel's dump takes it). */
  record PortDump(int id) implements ChaosOp {
    @Override
    public boolean readOnly() {
      return true;
    }
  }

  /** devlink port set DEV/PORT type TYPE (eth, ib, auto). */
  record PortSet(int id, long port, String type) implements OnPort {}

  /** echo PORT > /sys/bus/netdevsim/devices/netdevsimN/new_port */
  record PortNew(int id, long port) implements OnPort {}

  /** echo PORT > /sys/bus/netdevsim/devices/netdevsimN/del_port */
  record PortDel(int id, long port) implements OnPort {}

  record ParamGet(int id, String param) implements ChaosOp {
    @Override
    public boolean readOnly() {
      return true;
    }
  }

  /** devlink dev param set DEV name NAME value VALUE cmode CMODE; value as typed ("32", "true"). */
  record ParamSet(int id, String param, String cmode, String value) implements ChaosOp {}

  /** devlink dev reload DEV [netns NS] [action ACTION] [limit LIMIT]; nulls not given. */
  record Reload(int id, String action, String limit, String netns) implements ChaosOp {}

  /** echo "ID PORTS" > /sys/bus/netdevsim/new_device (in the init namespace). */
  record NewDevice(int id, int ports) implements ChaosOp {}

  /** echo ID > /sys/bus/netdevsim/del_device */
  record DelDevice(int id) implements ChaosOp {}

  /** echo N > /sys/bus/netdevsim/devices/netdevsimN/sriov_numvfs */
  record SriovNumvfs(int id, int vfs) implements ChaosOp {}

  /** devlink dev eswitch set DEV mode MODE */
  record EswitchSet(int id, String mode) implements ChaosOp {}

  /** devlink dev flash DEV file FILE */
  record Flash(int id, String file) implements ChaosOp {}

  /** devlink health recover DEV reporter REPORTER */
  record HealthRecover(int id, String reporter) implements ChaosOp {}

  /** devlink region new DEV/REGION snapshot ID */
  record RegionNew(int id, String region, long snapshot) implements ChaosOp {}

  /** devlink region del DEV/REGION snapshot ID */
  record RegionDel(int id, String region, long snapshot) implements ChaosOp {}

  /** echo VALUE > /sys/kernel/debug/netdevsim/netdevsimN/KNOB (fail_reload, dont_allow_reload). */
  record Knob(int id, String knob, String value) implements ChaosOp {}
}
