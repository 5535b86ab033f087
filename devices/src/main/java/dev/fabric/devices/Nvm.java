package dev.fabric.devices;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A card's non-volatile memory: what survives a power cycle of the machine it sits in. The stored
 * firmware versions (what a completed flash wrote, by component, in the order the driver reports
 * them) and the permanent-cmode param values (by name, as text: "true", "32", a string). Immutable.
 */
public record Nvm(Map<String, String> firmware, Map<String, String> permanentParams) {

  public Nvm {
    firmware = Collections.unmodifiableMap(new LinkedHashMap<>(firmware));
    permanentParams = Collections.unmodifiableMap(new LinkedHashMap<>(permanentParams));
  }

  /** A card fresh from the factory: the firmware it ships with, no permanent value changed. */
  public static Nvm factory(Map<String, String> firmware) {
    return new Nvm(firmware, Map.of());
  }

  public Nvm withFirmware(Map<String, String> stored) {
    return new Nvm(stored, permanentParams);
  }

  public Nvm withPermanentParams(Map<String, String> params) {
    return new Nvm(firmware, params);
  }
}
