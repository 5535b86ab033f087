package dev.fabric.devlink.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The drivers a host knows, by bus name (an immutable value: each host gets its own set). */
public record Drivers(Map<String, DeviceDriver> byBus) {

  public Drivers {
    byBus = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byBus));
  }

  /** What a host runs unless told otherwise: netdevsim. */
  public static Drivers standard() {
    return of(List.of(NetdevsimDriver.INSTANCE));
  }

  public static Drivers of(List<DeviceDriver> drivers) {
    Map<String, DeviceDriver> m = new LinkedHashMap<>();
    drivers.forEach(d -> m.put(d.bus(), d));
    return new Drivers(m);
  }

  /** This set plus {@code d} (replacing a driver of the same bus). */
  public Drivers with(DeviceDriver d) {
    Map<String, DeviceDriver> m = new LinkedHashMap<>(byBus);
    m.put(d.bus(), d);
    return new Drivers(m);
  }

  public Optional<DeviceDriver> forBus(String bus) {
    return Optional.ofNullable(byBus.get(bus));
  }
}
