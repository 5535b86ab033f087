package dev.fabric.devlink.model;

/** A devlink instance handle, printed as {@code bus/name}, e.g. {@code netdevsim/netdevsim10}. */
public record DevHandle(String bus, String name) {

  public static DevHandle netdevsim(int id) {
    return new DevHandle("netdevsim", "netdevsim" + id);
  }

  public PortHandle port(long index) {
    return new PortHandle(this, index);
  }

  @Override
  public String toString() {
    return bus + "/" + name;
  }
}
