package dev.fabric.devlink.model;

/** A devlink port handle, printed as {@code bus/name/index}. The index is a u32. */
public record PortHandle(DevHandle dev, long index) {
  @Override
  public String toString() {
    return dev + "/" + index;
  }
}
