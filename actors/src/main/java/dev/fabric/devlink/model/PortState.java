package dev.fabric.devlink.model;

/**
 * What PORT_GET reports for one port. {@code netdev} is null while the port type is notset.
 * PCI fields are null for physical ports.
 */
public record PortState(
    PortHandle handle,
    Type type,
    String netdev,
    Flavour flavour,
    long number,
    boolean splittable,
    Integer controller,
    Integer pfnum,
    Integer vfnum,
    Boolean external) implements ReplyValue, Notification.Payload {

  public enum Type {
    NOTSET("notset"), AUTO("auto"), ETH("eth"), IB("ib");

    public final String label;

    Type(String label) {
      this.label = label;
    }
  }

  public enum Flavour {
    PHYSICAL("physical"), CPU("cpu"), DSA("dsa"), PCI_PF("pcipf"), PCI_VF("pcivf"), VIRTUAL("virtual"),
    UNUSED("unused"), PCI_SF("pcisf");

    public final String label;

    Flavour(String label) {
      this.label = label;
    }
  }

  /** {@code index} is a u32; the port number is index + 1 as a u32 (nsim_dev_port_add). */
  public static PortState physical(DevHandle dev, long index, String netdev) {
    return new PortState(new PortHandle(dev, index), Type.ETH, netdev, Flavour.PHYSICAL, (index + 1) & 0xFFFF_FFFFL, false,
        null, null, null, null);
  }

  /** netdevsim's VF port: index 128 + vf (nsim_dev_port_index). */
  public static PortState vf(DevHandle dev, int vf, String netdev) {
    return vf(dev, 128L + vf, vf, netdev);
  }

  /** A VF port at the index its driver gives it. */
  public static PortState vf(DevHandle dev, long index, int vf, String netdev) {
    return new PortState(new PortHandle(dev, index), Type.ETH, netdev, Flavour.PCI_VF, 0, false, 0, 0, vf,
        false);
  }

  /** The same port as the kernel shows it before the netdev is bound or after it is unbound. */
  public PortState notset() {
    return new PortState(handle, Type.NOTSET, null, flavour, number, splittable, controller, pfnum, vfnum,
        external);
  }

  public long index() {
    return handle.index();
  }
}
