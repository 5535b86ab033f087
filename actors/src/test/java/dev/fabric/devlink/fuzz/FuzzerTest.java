package dev.fabric.devlink.fuzz;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fabric.devlink.actor.Instance;
import dev.fabric.devlink.model.DevOp;
import dev.fabric.devlink.model.DriverOp;
import dev.fabric.devlink.model.Op;
import dev.fabric.devlink.model.Reply;
import java.time.Duration;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A few fuzz seeds in every build (longer runs: the {@code fuzz} Maven profile, FuzzLongRunTest),
 * and the fuzzer shown catching real planted defects, each reduced to a short sequence.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FuzzerTest {
  private final ActorTestKit kit = ActorTestKit.create("fuzz", Fuzzer.config());

  @AfterAll
  void shutdown() {
    kit.shutdownTestKit();
  }

  @Test
  void aFewSeedsPassEveryCheck() {
    Fuzzer fuzzer = new Fuzzer(kit, Instance.Faults.NONE, Duration.ofSeconds(5), Duration.ofSeconds(60));
    for (long seed = 1; seed <= 3; seed++) {
      Fuzzer.Result r = fuzzer.fuzz(seed, 10_000);
      System.out.println("[fuzz] " + r.report() + "; answers " + r.answers());
      assertTrue(r.passed(), r.report());
    }
  }

  @Test
  void aPlantedLostReplyIsCaughtAndShrunk() {
    // The defect: the reply to a successful eswitch mode change is lost.
    Instance.Faults lose = new Instance.Faults() {
      @Override
      public boolean loseReply(Op op, Reply reply) {
        return op instanceof DevOp.EswitchSet && reply.isOk();
      }
    };
    Fuzzer fuzzer = new Fuzzer(kit, lose, Duration.ofSeconds(1), Duration.ofSeconds(45));
    Fuzzer.Result r = fuzzer.fuzz(51, 400);
    System.out.println("[fuzz, planted lost reply] " + r.report());
    assertNotNull(r.failure());
    assertNotNull(r.shrunkFailure(), "the shrunk sequence must still fail");
    assertTrue(r.shrunk().size() <= 4, "shrunk to " + r.shrunk().size());
    assertTrue(r.shrunk().stream().anyMatch(a -> a instanceof FuzzAction.Request q && q.op() instanceof DevOp.EswitchSet));
    // Without the defect the same short sequence passes: the defect is what the fuzzer caught.
    assertNull(new FuzzRun(kit, Instance.Faults.NONE, Duration.ofSeconds(5)).run(r.shrunk()));
  }

  @Test
  void aPlantedModelExceptionIsCaughtAndShrunk() {
    // The defect: deleting a port through sysfs throws inside the model.
    Instance.Faults bug = new Instance.Faults() {
      @Override
      public void beforeStep(Op op) {
        if (op instanceof DriverOp.SysfsWrite w && w.file().equals("del_port")) {
          throw new IllegalStateException("planted");
        }
      }
    };
    Fuzzer fuzzer = new Fuzzer(kit, bug, Duration.ofSeconds(1), Duration.ofSeconds(45));
    Fuzzer.Result r = fuzzer.fuzz(11, 400);
    System.out.println("[fuzz, planted model exception] " + r.report());
    assertNotNull(r.failure());
    assertTrue(r.shrunk().size() <= 3, "shrunk to " + r.shrunk().size());
    assertNull(new FuzzRun(kit, Instance.Faults.NONE, Duration.ofSeconds(5)).run(r.shrunk()));
  }
}
