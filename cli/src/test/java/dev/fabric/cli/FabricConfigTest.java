package dev.fabric.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.ConfigFactory;
import dev.fabric.devices.LatencyProfile;
import dev.fabric.devlink.client.Fabric;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The settings the cli's embedded fabric runs with come from reference.conf (fabric.client,
 * fabric.actor-system): Pekko kept quiet on the CLI's stdout, the client deadline, and the
 * caller's overrides still on top.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FabricConfigTest {
  private Fabric fabric;

  @BeforeAll
  void start() {
    fabric = Fabric.start("config-test", LatencyProfile.INSTANT,
        ConfigFactory.parseString("pekko.log-dead-letters = 3"));
  }

  @AfterAll
  void stop() {
    fabric.close();
  }

  @Test
  void actorSystemStartsWithTheFabricsPekkoSettingsUnderTheOverrides() {
    var config = fabric.system().settings().config();
    assertEquals("WARNING", config.getString("pekko.loglevel"));
    assertEquals("OFF", config.getString("pekko.stdout-loglevel"));
    assertEquals(false, config.getBoolean("pekko.log-dead-letters-during-shutdown"));
    assertEquals(false, config.getBoolean("pekko.coordinated-shutdown.run-by-jvm-shutdown-hook"));
    assertEquals(3, config.getInt("pekko.log-dead-letters"));
  }

  @Test
  void clientDeadlinesComeFromTheConfig() {
    assertEquals(Duration.ofSeconds(60), Fabric.BASE_DEADLINE);
    assertEquals(Duration.ofHours(24), Fabric.LATE_REPLY_GRACE);
    // INSTANT devices: the base deadline alone
    assertEquals(Duration.ofSeconds(60), fabric.deadline());
  }
}
