package dev.fabric.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;

/**
 * Several fabric members in this JVM on 127.0.0.1, Artery and the API on port 0, each with its
 * own storage directory, joined into one cluster (the first joins itself, the others join it).
 */
final class LocalCluster implements AutoCloseable {
  final FabricSpec spec;
  final List<ActorSystem<Void>> members = new ArrayList<>();
  final Path state;

  LocalCluster(FabricSpec spec, int size, String extraConfig) throws Exception {
    this.spec = spec;
    this.state = Files.createTempDirectory("fabric-cluster-test");
    for (int i = 1; i <= size; i++) {
      members.add(startMember("m" + i, size, extraConfig, false));
    }
    for (ActorSystem<Void> m : members) {
      Cluster.get(m).manager().tell(Join.create(Cluster.get(members.get(0)).selfMember().address()));
    }
    awaitUp(size);
  }

  /**
   * A member; {@code crashable}: terminating its actor system does not leave the cluster, so the
   * others see it as a crashed process (unreachable, then downed by the split-brain resolver).
   */
  ActorSystem<Void> startMember(String name, int expected, String extraConfig, boolean crashable) {
    Config c = ConfigFactory.parseString(extraConfig + "\n"
        + Member.EXPECTED_SETTING + " = " + expected + "\n"
        + "fabric-cluster.ask-timeout = 8s\n"
        + (crashable ? "" : ""))
        .withFallback(Member.storage(state.resolve(name)));
    return Member.start(spec, name, c);
  }

  void awaitUp(int n) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < end) {
      boolean all = members.stream().filter(m -> !m.whenTerminated().isCompleted()).allMatch(m -> {
        var ms = Cluster.get(m).state().getMembers();
        int up = 0;
        for (var x : ms) {
          if (x.status() == MemberStatus.up()) {
            up++;
          }
        }
        return up == n;
      });
      if (all) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the cluster did not form within 30 s");
  }

  ClusterSharding sharding(int index) {
    return ClusterSharding.get(members.get(index));
  }

  <T> T ask(int via, String host, java.util.function.Function<org.apache.pekko.actor.typed.ActorRef<T>,
      HostEntity.Command> msg, Duration timeout) throws Exception {
    CompletionStage<T> s = sharding(via).entityRefFor(HostEntity.KEY, host).ask(msg::apply, timeout);
    return s.toCompletableFuture().get(timeout.toMillis() + 2000, TimeUnit.MILLISECONDS);
  }

  String apiUrl(int index) throws Exception {
    var b = Api.bound(members.get(index)).toCompletableFuture().get(20, TimeUnit.SECONDS);
    return "http://127.0.0.1:" + b.localAddress().getPort();
  }

  @Override
  public void close() {
    for (ActorSystem<Void> m : members) {
      m.terminate();
    }
    for (ActorSystem<Void> m : members) {
      try {
        m.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        // reported by the test that needed it
      }
    }
    Member.deleteTree(state);
  }
}
