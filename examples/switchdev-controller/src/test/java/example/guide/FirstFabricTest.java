package example.guide;

// tag::first-test[]
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fabric.devlink.model.PortState;
import dev.fabric.testkit.FabricTestKit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FirstFabricTest {

  @RegisterExtension
  static final FabricTestKit kit = FabricTestKit.builder().device(10, 4).build();

  @Test
  void theNewDeviceHasItsFourPorts() {
    List<PortState> ports = kit.ok(kit.client().ports(kit.dev(10)));
    assertEquals(4, ports.size());
    assertEquals("eth0", ports.get(0).netdev());
  }
}
// end::first-test[]
