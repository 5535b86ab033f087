package dev.fabric.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dev.fabric.cli.script.Result;
import dev.fabric.cli.script.ScriptException;
import dev.fabric.cli.script.ScriptLine;
import dev.fabric.cluster.FabricSpec;
import dev.fabric.cluster.HostEntity;
import dev.fabric.cluster.Member;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The golden replay against a host of a two-member cluster, driven from the member that does not
 * hold it (every line crosses members): each command prints what the embedded run prints, and the
 * monitor logs are the same.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterGoldenTest {
  private final List<ActorSystem<Void>> members = new ArrayList<>();
  private Path state;
  private Golden.Run embedded;
  private Golden.Run remote;
  private String hostMember;

  @BeforeAll
  void replayBoth() throws Exception {
    FabricSpec spec = new FabricSpec("golden", List.of(new FabricSpec.Member("m1", "127.0.0.1", 0, null, 0)),
        null, List.of(new FabricSpec.HostSpec("g1", List.of(), "instant")), null).validated();
    state = Files.createTempDirectory("cluster-golden");
    for (String name : List.of("m1", "m2")) {
      members.add(Member.start(spec, name, ConfigFactory.parseString(Member.EXPECTED_SETTING + " = 2")
          .withFallback(Member.storage(state.resolve(name)))));
    }
    for (ActorSystem<Void> m : members) {
      Cluster.get(m).manager().tell(Join.create(Cluster.get(members.get(0)).selfMember().address()));
    }
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < end && !members.stream().allMatch(m -> count(m) == 2)) {
      Thread.sleep(100);
    }
    HostEntity.HostInfo info = ask(0, HostEntity.Describe::new);
    hostMember = info.member();
    int client = hostMember.equals("m1") ? 1 : 0;
    embedded = Golden.run();
    remote = Golden.runOn(new RemoteLines(client, "golden-session"), (s, c) -> { });
    Golden.report(remote, Path.of("target/cluster-golden-report.txt"));
  }

  private static int count(ActorSystem<Void> m) {
    int up = 0;
    for (var x : Cluster.get(m).state().getMembers()) {
      up += x.status() == MemberStatus.up() ? 1 : 0;
    }
    return up;
  }

  @AfterAll
  void stop() throws Exception {
    for (ActorSystem<Void> m : members) {
      m.terminate();
    }
    for (ActorSystem<Void> m : members) {
      m.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  private <T> T ask(int via, Function<ActorRef<T>, HostEntity.Command> msg) throws Exception {
    return ClusterSharding.get(members.get(via)).entityRefFor(HostEntity.KEY, "g1")
        .<T>ask(msg::apply, Duration.ofSeconds(60)).toCompletableFuture().get(70, TimeUnit.SECONDS);
  }

  /** The replay's lines as a session on the host, sent from member {@code via}. */
  private final class RemoteLines implements Golden.Lines {
    private final int via;
    private final String session;
    private Writer text;
    private Writer json;

    RemoteLines(int via, String session) {
      this.via = via;
      this.session = session;
    }

    @Override
    public Result runLine(ScriptLine line) throws ScriptException, IOException {
      HostEntity.ExecResult r;
      try {
        r = ask(via, reply -> new HostEntity.SessionLine(session, line.original(), reply));
      } catch (Exception e) {
        throw new IOException(e);
      }
      if (r.refused() != null) {
        throw new ScriptException(r.refused());
      }
      return new Result(r.stdout(), r.stderr(), r.status());
    }

    @Override
    public void monitors(Writer text, Writer json) throws IOException {
      this.text = text;
      this.json = json;
      try {
        ask(via, (ActorRef<HostEntity.MonitorLogs> reply) -> new HostEntity.SessionMonitors(session, true, reply));
      } catch (Exception e) {
        throw new IOException(e);
      }
    }

    @Override
    public void stopMonitors() throws IOException {
      HostEntity.MonitorLogs logs;
      try {
        logs = ask(via, (ActorRef<HostEntity.MonitorLogs> reply) -> new HostEntity.SessionMonitors(session, false,
            reply));
      } catch (Exception e) {
        throw new IOException(e);
      }
      if (text != null) {
        text.write(logs.text());
        json.write(logs.json());
      }
      text = null;
      json = null;
    }
  }

  @Test
  void theHostLivesOnTheOtherMember() {
    assertTrue(hostMember.equals("m1") || hostMember.equals("m2"));
    assertNotEquals(0, remote.outcomes().size());
  }

  @Test
  void everyCommandPrintsWhatTheEmbeddedRunPrints() {
    assertEquals(embedded.outcomes().size(), remote.outcomes().size());
    assertTrue(remote.inLanguage() > 350, "only " + remote.inLanguage() + " in-language commands");
    List<String> differ = new ArrayList<>();
    for (int i = 0; i < embedded.outcomes().size(); i++) {
      Golden.Outcome e = embedded.outcomes().get(i);
      Golden.Outcome r = remote.outcomes().get(i);
      assertEquals(e.cmd(), r.cmd());
      if (e.inLanguage() != r.inLanguage() || e.match() != r.match()
          || e.inLanguage() && !Golden.switchIds(Golden.normalize(e.actual()))
              .equals(Golden.switchIds(Golden.normalize(r.actual())))) {
        differ.add(e.step() + ": " + e.cmd() + "\n--- embedded\n" + e.actual() + "--- cluster\n" + r.actual());
      }
    }
    assertTrue(differ.isEmpty(), differ.size() + " commands differ, first: " + (differ.isEmpty() ? "" : differ.get(0)));
  }

  @Test
  void theMonitorLogsAreTheEmbeddedRunsToo() {
    assertEquals(Golden.normalize(embedded.monitor09()), Golden.normalize(remote.monitor09()));
    assertEquals(Golden.normalize(embedded.monitor10()), Golden.normalize(remote.monitor10()));
    assertEquals(Golden.normalize(embedded.monitor10Json()), Golden.normalize(remote.monitor10Json()));
  }
}
