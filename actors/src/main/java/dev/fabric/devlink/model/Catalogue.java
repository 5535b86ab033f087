package dev.fabric.devlink.model;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a driver registers with the devlink core, as data: the objects the core serves for every
 * device of that driver (params, traps and their groups and policers, resources, regions, health
 * reporters, info versions, flash components, supported reload actions). One JSON file per
 * driver, read once (netdevsim's is {@code dev/fabric/devlink/drivers/netdevsim.json}, taken from
 * drivers/net/netdevsim/dev.c's arrays and probe); the core's rules around them are the same for
 * every driver.
 *
 * @param driverName what INFO_GET reports as the driver (devlink_info_driver_name_put)
 * @param fixed fixed info versions (board ids), in the order the driver puts them
 * @param firmware component to version as the device ships it: the running versions, and the
 *     stored ones until a flash writes the NVM. These are also the flash components
 *     (devlink_flash_component_get looks the component up among info's component versions).
 * @param reloadActions reload actions the driver supports ("driver_reinit", "fw_activate")
 * @param reloadLimits reload limits the driver supports besides none ("no_reset")
 */
public record Catalogue(String driverName, Map<String, String> fixed, Map<String, String> firmware,
    List<String> reloadActions, List<String> reloadLimits, List<ParamDef> params, List<TrapPolicerDef> trapPolicers,
    List<TrapGroupDef> trapGroups, List<TrapDef> traps, List<ResourceDef> resources, List<RegionDef> regions,
    List<ReporterDef> healthReporters) {

  /** A param with its default value per supported cmode (JSON numbers for integer types). */
  public record ParamDef(String name, boolean generic, Param.Type type, Map<Param.Cmode, Object> defaults) {
    /** The defaults as param values, in cmode order. */
    public Map<Param.Cmode, ParamValue> typedDefaults() {
      Map<Param.Cmode, ParamValue> m = new EnumMap<>(Param.Cmode.class);
      defaults.forEach((cmode, v) -> m.put(cmode, typed(type, v)));
      return m;
    }

    /** A value of param type {@code type} from JSON (a number, a boolean, a string) or from its text. */
    public static ParamValue typed(Param.Type type, Object v) {
      return ParamValue.of(type, switch (type) {
        case BOOL -> v instanceof Boolean b ? b : Boolean.parseBoolean(String.valueOf(v));
        case STRING -> String.valueOf(v);
        default -> v instanceof Number n ? n.longValue() : Long.parseLong(String.valueOf(v));
      });
    }

    /** The text an NVM keeps of a value ("true", "32", the string itself); {@link #typed} reads it back. */
    public static String text(ParamValue v) {
      if (v instanceof ParamValue.Bool b) {
        return Boolean.toString(b.value());
      } else if (v instanceof ParamValue.Str s) {
        return s.value();
      }
      return Long.toString(v.number());
    }
  }

  public record TrapPolicerDef(long id, long rate, long burst) {}

  /** {@code policer} 0 means none. */
  public record TrapGroupDef(String name, long policer) {}

  public record TrapDef(String name, String type, boolean generic, String action, String group,
      List<String> metadata) {}

  /** A resource node: {@code parent} 0 at the top; {@code occupancy} null for a node the driver reads no occupancy of. */
  public record ResourceDef(long id, String name, long parent, Long occupancy) {}

  public record RegionDef(String name, long size, int maxSnapshots) {}

  public record ReporterDef(String name, boolean recover, boolean dump) {}

  public Catalogue {
    fixed = fixed == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fixed));
    firmware = firmware == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(firmware));
    reloadActions = reloadActions == null ? List.of() : List.copyOf(reloadActions);
    reloadLimits = reloadLimits == null ? List.of() : List.copyOf(reloadLimits);
    params = params == null ? List.of() : List.copyOf(params);
    trapPolicers = trapPolicers == null ? List.of() : List.copyOf(trapPolicers);
    trapGroups = trapGroups == null ? List.of() : List.copyOf(trapGroups);
    traps = traps == null ? List.of() : List.copyOf(traps);
    resources = resources == null ? List.of() : List.copyOf(resources);
    regions = regions == null ? List.of() : List.copyOf(regions);
    healthReporters = healthReporters == null ? List.of() : List.copyOf(healthReporters);
    if (regions.size() > 1) {
      // Regions models one device-level region (its snapshot id space is per device anyway).
      throw new IllegalArgumentException("one device region per driver is supported, got " + regions.size());
    }
  }

  public boolean supportsReloadAction(DevOp.Action action) {
    return reloadActions.contains(action == DevOp.Action.FW_ACTIVATE ? "fw_activate" : "driver_reinit");
  }

  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  /** Reads a catalogue from a class-path resource (a driver's data file). */
  public static Catalogue load(Class<?> anchor, String resource) {
    try (InputStream in = anchor.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no driver catalogue " + resource);
      }
      return JSON.readValue(in, Catalogue.class);
    } catch (IOException e) {
      throw new UncheckedIOException("driver catalogue " + resource + " is malformed", e);
    }
  }
}
