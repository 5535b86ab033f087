package dev.fabric.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The wire comparison's shape: it ignores what is the caller's and catches any other byte changed. */
class WireShapeTest {
  // the kernel's reply to `devlink port show netdevsim/netdevsim10/0` (reference 01-devices), as recorded
  static final String PORT = "7000000015000000dc200f6bfa000000070100000e0001006e657464657673696d000000100002006e65746465767369"
      + "6d3130000800030000000000060004000200000008000600020000000900070065746830000000000500940000000000"
      + "06004d000000000008004e0001000000";

  @Test
  void sequenceAndPortIdAreTheCallers() {
    String other = PORT.substring(0, 16) + "01020304" + "05060708" + PORT.substring(32);
    assertEquals(WireShape.shape(PORT), WireShape.shape(other));
  }

  @Test
  void aPlantedByteChangeIsCaught() {
    byte[] d = HexFormat.of().parseHex(PORT);
    for (int i = 0; i < d.length; i++) {
      if (i >= 8 && i < 16) {
        continue; // seq and pid
      }
      if (i >= 72 && i < 76) {
        continue; // the ifindex value, compared by shape
      }
      byte[] planted = d.clone();
      planted[i] ^= 0x01;
      assertNotEquals(WireShape.shape(PORT), WireShape.shape(HexFormat.of().formatHex(planted)), "byte " + i);
    }
  }
}
