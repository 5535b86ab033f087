package dev.fabric.devlink.model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A second driver, in test scope only: a fake bus "testdrv" with its own catalogue
 * (testdrv.json: other params — two permanent —, traps, resource, region, reporter, two firmware
 * components) and none of netdevsim's files or knobs. It exists to show that the core serves any
 * driver described by data and hooks, without a fork. Its flash stores the version named by the
 * image file ("testdrv-2.1.bin" stores 2.1 for the component flashed, or for every one).
 */
public final class TestDriver implements DeviceDriver {

  public static final TestDriver INSTANCE = new TestDriver();

  private final Catalogue catalogue = Catalogue.load(TestDriver.class, "/dev/fabric/devlink/drivers/testdrv.json");

  private TestDriver() {}

  @Override
  public String bus() {
    return "testdrv";
  }

  @Override
  public Catalogue catalogue() {
    return catalogue;
  }

  @Override
  public long vfPortIndex(int vf) {
    return 1000L + vf;
  }

  @Override
  public FlashGeometry flashGeometry() {
    return new FlashGeometry(4, 256, 30);
  }

  @Override
  public boolean flashStatus(NsimDevlink d) {
    return true;
  }

  @Override
  public Map<String, String> storedAfterFlash(String component, String imageName, Map<String, String> stored) {
    String version = imageName.replaceFirst("^testdrv-", "").replaceFirst("\\.bin$", "");
    Map<String, String> out = new LinkedHashMap<>(stored);
    out.replaceAll((name, old) -> component == null || component.equals(name) ? version : old);
    return out;
  }
}
