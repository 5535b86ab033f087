package dev.fabric.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.ConfigFactory;
import dev.fabric.cluster.ClusterWire;
import dev.fabric.cluster.FabricSpec;
import dev.fabric.cluster.HostEntity;
import dev.fabric.cluster.Member;
import dev.fabric.devices.LatencyProfile;
import dev.fabric.devlink.client.Fabric;
import dev.fabric.devlink.model.DevHandle;
import dev.fabric.devlink.model.DevOp;
import dev.fabric.devlink.model.Reply;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;

/**
 * Issue 7's figures, side by side in one run: (1) cheap devlink reads (dev get) from a client on
 * one member to hosts on the same member, on another member and spread over three, beside raw
 * Pekko ask round trips between the same two members and the same read on an embedded fabric;
 * (2) failover: SIGKILL of a member of a `fabric up` fabric until every host it held answers
 * again on the others (median of several kills, runtime card kept each time); (3) the wall time
 * of `./fabric devlink dev show` against that running fabric beside `./fabric run` of the same
 * line (an embedded fabric started for it).
 */
final class ClusterBench {
  private ClusterBench() {}

  /** Raw ask: a record bound to Jackson CBOR like every cluster message, answered by an echo actor. */
  record Ping(ActorRef<Pong> replyTo) implements ClusterWire {}

  record Pong() implements ClusterWire {}

  static final int IN_FLIGHT = 64;

  static void run(boolean quick, Path out) throws Exception {
    StringBuilder md = new StringBuilder();
    long measureMs = quick ? 1500 : 5000;
    long warmMs = quick ? 500 : 2000;
    int kills = quick ? 1 : 3;
    md.append("Machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, load average ")
        .append(String.format("%.2f", java.lang.management.ManagementFactory.getOperatingSystemMXBean()
            .getSystemLoadAverage())).append(" at start; ").append(IN_FLIGHT)
        .append(" requests in flight per measurement, ").append(measureMs).append(" ms after ").append(warmMs)
        .append(" ms warm-up.\n\n");
    reads(md, warmMs, measureMs);
    System.out.println(md);
    if (Boolean.getBoolean("bench.cluster.reads-only")) {
      return;
    }
    processes(md, kills);
    Files.writeString(out.resolve("cluster.md"), md.toString());
    System.out.println(md);
  }

  // ---------------------------------------------------------------- (1) reads

  private static void reads(StringBuilder md, long warmMs, long measureMs) throws Exception {
    List<FabricSpec.HostSpec> hosts = new ArrayList<>();
    for (int i = 1; i <= 6; i++) {
      hosts.add(new FabricSpec.HostSpec("h" + i, List.of(new FabricSpec.Device("netdevsim", 1, 4, 1)), "instant"));
    }
    FabricSpec spec = new FabricSpec("bench", List.of(new FabricSpec.Member("m1", "127.0.0.1", 0, null, 0)), null,
        hosts, null).validated();
    Path state = Files.createTempDirectory("cluster-bench");
    List<ActorSystem<Void>> members = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      members.add(Member.start(spec, "m" + i, ConfigFactory.parseString(Member.EXPECTED_SETTING + " = 3")
          .withFallback(Member.storage(state.resolve("m" + i)))));
    }
    for (ActorSystem<Void> m : members) {
      Cluster.get(m).manager().tell(Join.create(Cluster.get(members.get(0)).selfMember().address()));
    }
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < end && !members.stream().allMatch(m -> up(m) == 3)) {
      Thread.sleep(100);
    }
    ClusterSharding client = ClusterSharding.get(members.get(0));
    Map<String, List<String>> byMember = new HashMap<>();
    for (FabricSpec.HostSpec h : hosts) {
      HostEntity.HostInfo info = client.entityRefFor(HostEntity.KEY, h.name())
          .<HostEntity.HostInfo>ask(HostEntity.Describe::new, Duration.ofSeconds(60)).toCompletableFuture()
          .get(70, TimeUnit.SECONDS);
      byMember.computeIfAbsent(info.member(), k -> new ArrayList<>()).add(h.name());
    }
    String other = byMember.keySet().stream().filter(m -> !m.equals("m1")).sorted().findFirst().orElseThrow();
    int otherIndex = Integer.parseInt(other.substring(1)) - 1;
    List<String> local = byMember.getOrDefault("m1", List.of());
    List<String> remote = byMember.get(other);
    List<String> spread = hosts.stream().map(FabricSpec.HostSpec::name).toList();
    Executor exec = members.get(0).executionContext();
    DevHandle dev = DevHandle.netdevsim(1);

    // The raw platform limit between the same two members: an echo actor on the other member.
    ActorRef<Ping> echoHere = members.get(otherIndex).systemActorOf(Behaviors.receive(Ping.class)
        .onMessage(Ping.class, p -> {
          p.replyTo().tell(new Pong());
          return Behaviors.same();
        }).build(), "bench-echo", Props.empty());
    ActorRef<Ping> echo = ActorRefResolver.get(members.get(0)).resolveActorRef(
        ActorRefResolver.get(members.get(otherIndex)).toSerializationFormat(echoHere));

    md.append("### Cheap reads across members (`dev get` of one instance; 3 members in one JVM, 6 hosts)\n\n");
    md.append("| client (m1) to | requests/s | p50 µs | p99 µs |\n| --- | ---: | ---: | ---: |\n");
    Map<String, double[]> results = new java.util.LinkedHashMap<>();
    // A discarded pass over both cross-member paths first: otherwise whichever is measured first
    // also pays the JIT and serializer warm-up of the whole cluster (the raw ask came out at a
    // third of its warm rate that way).
    measure(warmMs, measureMs, exec,
        i -> AskPattern.<Ping, Pong>ask(echo, Ping::new, Duration.ofSeconds(10), members.get(0).scheduler()));
    measure(warmMs, measureMs, exec, i -> read(client, remote.get(i % remote.size()), dev));
    results.put("raw Pekko ask to " + other + " (the platform limit)", measure(warmMs, measureMs, exec,
        i -> AskPattern.<Ping, Pong>ask(echo, Ping::new, Duration.ofSeconds(10), members.get(0).scheduler())));
    if (!local.isEmpty()) {
      results.put("hosts on the same member (" + String.join(",", local) + ")", measure(warmMs, measureMs, exec,
          i -> read(client, local.get(i % local.size()), dev)));
    }
    results.put("hosts on another member (" + String.join(",", remote) + " on " + other + ")",
        measure(warmMs, measureMs, exec, i -> read(client, remote.get(i % remote.size()), dev)));
    results.put("hosts spread over three members (h1..h6)", measure(warmMs, measureMs, exec,
        i -> read(client, spread.get(i % spread.size()), dev)));
    for (ActorSystem<Void> m : members) {
      m.terminate();
    }
    for (ActorSystem<Void> m : members) {
      m.getWhenTerminated().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }
    try (Fabric embedded = Fabric.start("bench-embedded", LatencyProfile.INSTANT)) {
      embedded.newDeviceSync("1 4 1", "init");
      Executor e2 = embedded.executor();
      results.put("the same read in process (embedded fabric, no cluster)", measure(warmMs, measureMs, e2,
          i -> embedded.request(null, dev, new DevOp.Get())));
    }
    System.out.println("bench: reads " + results.keySet());
    for (Map.Entry<String, double[]> r : results.entrySet()) {
      md.append(String.format("| %s | %,.0f | %.0f | %.0f |%n", r.getKey(), r.getValue()[0], r.getValue()[1],
          r.getValue()[2]));
    }
    double raw = results.values().iterator().next()[0];
    double cross = results.entrySet().stream().filter(e -> e.getKey().startsWith("hosts on another")).findFirst()
        .orElseThrow().getValue()[0];
    md.append(String.format("%nCross-member reads / raw cross-member ask: **%.2f×** (target ≥ 0.5×).%n%n",
        cross / raw));
    Member.deleteTree(state);
  }

  /**
   * The ask's stage as it is: a non-async {@code thenApply} on a Pekko ask's stage runs on a new
   * thread per reply on 2 cores (docs/BENCHMARKS.md), which made the first runs measure thread
   * starts, not the cluster.
   */
  private static CompletionStage<Reply<?>> read(ClusterSharding client, String host, DevHandle dev) {
    return client.entityRefFor(HostEntity.KEY, host).<Reply<?>>ask(r -> new HostEntity.Devlink(null, dev,
        new DevOp.Get(), r), Duration.ofSeconds(10));
  }

  private static int up(ActorSystem<Void> m) {
    int n = 0;
    for (var x : Cluster.get(m).state().getMembers()) {
      n += x.status() == MemberStatus.up() ? 1 : 0;
    }
    return n;
  }

  /** {@link #IN_FLIGHT} request loops for warm + measure ms: {requests/s, p50 µs, p99 µs} of the measured part. */
  private static double[] measure(long warmMs, long measureMs, Executor exec,
      java.util.function.IntFunction<CompletionStage<?>> request) throws InterruptedException {
    AtomicLong done = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    // HdrHistogram, as the other phases record (Recorder), in its concurrent form: replies complete
    // on several dispatcher threads.
    ConcurrentHistogram latencies = new ConcurrentHistogram(Recorder.MAX_NS, 2);
    long measureFrom = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(warmMs);
    long measureTo = measureFrom + TimeUnit.MILLISECONDS.toNanos(measureMs);
    java.util.concurrent.CountDownLatch finished = new java.util.concurrent.CountDownLatch(IN_FLIGHT);
    for (int c = 0; c < IN_FLIGHT; c++) {
      int lane = c;
      new Object() {
        int n;

        void next() {
          if (System.nanoTime() >= measureTo) {
            finished.countDown();
            return;
          }
          long t0 = System.nanoTime();
          request.apply(lane + IN_FLIGHT * n++).whenCompleteAsync((v, e) -> {
            long t1 = System.nanoTime();
            if (t0 >= measureFrom && t1 <= measureTo) {
              if (e == null) {
                done.incrementAndGet();
                latencies.recordValue(Math.min(Math.max(t1 - t0, 1), Recorder.MAX_NS));
              } else {
                failed.incrementAndGet();
              }
            }
            next();
          }, exec);
        }
      }.next();
    }
    finished.await(measureMs + warmMs + 30_000, TimeUnit.MILLISECONDS);
    double p50 = latencies.getValueAtPercentile(50) / 1000.0;
    double p99 = latencies.getValueAtPercentile(99) / 1000.0;
    if (failed.get() > 0) {
      System.err.println("bench: " + failed.get() + " requests failed");
    }
    return new double[] {done.get() * 1000.0 / measureMs, p50, p99};
  }

  // ---------------------------------------------------------------- (2) failover and (3) CLI, as processes

  private static final Path ROOT = Path.of(System.getProperty("bench.root", ".")).toAbsolutePath().normalize();
  private static final ObjectMapper JSON = new ObjectMapper();

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private record Proc(int rc, String out, String err, long millis) {}

  private static Proc fabric(Path endpoint, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(ROOT.resolve("fabric").toString()));
    cmd.addAll(List.of(args));
    Path o = Files.createTempFile("bench", ".out");
    Path e = Files.createTempFile("bench", ".err");
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(ROOT.toFile()).redirectOutput(o.toFile())
        .redirectError(e.toFile());
    pb.environment().put("FABRIC_ENDPOINT_FILE", endpoint.toString());
    long t0 = System.nanoTime();
    Process p = pb.start();
    p.waitFor(300, TimeUnit.SECONDS);
    long ms = (System.nanoTime() - t0) / 1_000_000;
    Proc r = new Proc(p.exitValue(), Files.readString(o), Files.readString(e), ms);
    Files.deleteIfExists(o);
    Files.deleteIfExists(e);
    return r;
  }

  private static void processes(StringBuilder md, int kills) throws Exception {
    Path tmp = Files.createTempDirectory("cluster-bench-up");
    StringBuilder yaml = new StringBuilder("name: bench\nmembers:\n");
    for (int i = 1; i <= 3; i++) {
      yaml.append("  - {name: m").append(i).append(", host: 127.0.0.1, port: ").append(freePort())
          .append(", api-port: ").append(freePort()).append("}\n");
    }
    yaml.append("seeds: [m1, m2, m3]\nhosts:\n");
    for (int i = 1; i <= 6; i++) {
      yaml.append("  - {name: h").append(i).append(", devices: [{profile: netdevsim, id: 1, ports: 2}, "
          + "{profile: netdevsim, id: 2, ports: 2}]}\n");
    }
    Path config = tmp.resolve("fabric.yaml");
    Files.writeString(config, yaml.toString());
    Path endpoint = tmp.resolve("endpoint.json");
    ProcessBuilder pb = new ProcessBuilder(ROOT.resolve("fabric").toString(), "up", "--config", config.toString(),
        "--state", tmp.resolve("state").toString()).directory(ROOT.toFile())
        .redirectOutput(tmp.resolve("up.out").toFile()).redirectErrorStream(true);
    pb.environment().put("FABRIC_ENDPOINT_FILE", endpoint.toString());
    long t0 = System.nanoTime();
    Process up = pb.start();
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    try {
      while (!Files.exists(endpoint) && up.isAlive()) {
        Thread.sleep(200);
      }
      double upSeconds = (System.nanoTime() - t0) / 1e9;
      JsonNode ep = JSON.readTree(endpoint.toFile());
      List<String> apis = new ArrayList<>();
      ep.get("apis").forEach(a -> apis.add(a.asText()));

      // (3) CLI wall time, against the running fabric and embedded.
      Path script = tmp.resolve("show.sh");
      Files.writeString(script, "devlink dev show\n");
      fabric(endpoint, "devlink", "-H", "h1", "dev", "show"); // the launcher's first `find` warms the page cache
      List<Long> remote = new ArrayList<>();
      List<Long> embedded = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        Proc r = fabric(endpoint, "devlink", "-H", "h1", "dev", "show");
        if (r.rc() != 0) {
          throw new IllegalStateException("fabric devlink failed: " + r.err());
        }
        remote.add(r.millis());
        embedded.add(fabric(endpoint, "run", "--latency", "instant", script.toString()).millis());
      }

      // (2) Failover: kill a member holding hosts, time until each of its hosts answers again elsewhere.
      List<Double> times = new ArrayList<>();
      int keptCards = 0;
      for (int k = 0; k < kills; k++) {
        Map<String, List<String>> byMember = new HashMap<>();
        Map<String, Long> boots = new HashMap<>();
        for (JsonNode h : get(http, apis, "/api/hosts")) {
          byMember.computeIfAbsent(h.get("member").asText(), x -> new ArrayList<>()).add(h.get("host").asText());
          boots.put(h.get("host").asText(), h.get("boots").asLong());
        }
        String victim = byMember.entrySet().stream().max(Map.Entry.comparingByValue(
            java.util.Comparator.comparingInt(List::size))).orElseThrow().getKey();
        List<String> moved = byMember.get(victim);
        // A card plugged in at run time on the first moved host: it must come back.
        String marker = moved.get(0);
        int card = 10 + k;
        post(http, apis, "/api/hosts/" + marker + "/bus/new_device", "{\"text\":\"" + card + " 1\"}");
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        // Wait until a majority confirmed the image with the card (HostInfo.saved).
        while (System.nanoTime() < until && !get(http, apis, "/api/hosts/" + marker).toString()
            .matches("(?s).*\"id\":" + card + ",.*\"saved\":true.*")) {
          Thread.sleep(50);
        }
        JsonNode m = null;
        for (JsonNode x : ep.get("members")) {
          if (x.get("name").asText().equals(victim)) {
            m = x;
          }
        }
        ProcessHandle ph = ProcessHandle.of(m.get("pid").asLong()).orElseThrow();
        // The member's command line, to start it again after the kill (ProcessHandle.Info drops long ones).
        List<String> cmd = new ArrayList<>(List.of(new String(Files.readAllBytes(Path.of("/proc/" + ph.pid()
            + "/cmdline")), StandardCharsets.UTF_8).split("\u0000")));
        long kill = System.nanoTime();
        ph.destroyForcibly();
        ph.onExit().get(30, TimeUnit.SECONDS);
        List<String> others = new ArrayList<>(apis);
        others.remove(m.get("api").asText());
        for (String h : moved) {
          while (true) {
            try {
              JsonNode r = post(http, others, "/api/hosts/" + h + "/run", "{\"script\":\"devlink dev show\\n\"}");
              if (r != null && r.has("status") && r.get("status").asInt() == 0) {
                JsonNode info = get(http, others, "/api/hosts/" + h);
                if (info.get("boots").asLong() > boots.get(h)) {
                  if (h.equals(marker) && r.get("stdout").asText().contains("netdevsim/netdevsim" + card + "\n")) {
                    keptCards++;
                  }
                  break;
                }
              }
            } catch (IOException e) {
              // not yet
            }
            Thread.sleep(50);
          }
        }
        double seconds = (System.nanoTime() - kill) / 1e9;
        times.add(seconds);
        System.out.printf("bench: kill %d of %s (%s): every host back after %.2f s%n", k + 1, victim, moved, seconds);
        // The member comes back (empty: hosts never rebalance) so the next kill finds three members.
        new ProcessBuilder(cmd).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(tmp.resolve(victim + "-restart.log").toFile())).start();
        until = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < until) {
          try {
            JsonNode ms = get(http, others, "/api/members");
            long upCount = 0;
            for (JsonNode x : ms) {
              upCount += x.get("status").asText().equals("up") ? 1 : 0;
            }
            if (upCount == 3) {
              break;
            }
          } catch (IOException e) {
            // retry
          }
          Thread.sleep(200);
        }
        JsonNode epNow = ep;
        // the restarted member's pid, for a later kill
        for (JsonNode x : epNow.get("members")) {
          if (x.get("name").asText().equals(victim)) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) x).put("pid", findPid(cmd));
          }
        }
      }
      Collections.sort(remote);
      Collections.sort(embedded);
      List<Double> sorted = new ArrayList<>(times);
      Collections.sort(sorted);
      md.append("### Failover (SIGKILL of a member → every host it held answering again; `fabric up`, 3 member "
          + "processes, 6 hosts, netdevsim latency)\n\n");
      md.append(String.format("`fabric up` to the table: %.1f s. Kills: %d; times: %s s; **median %.2f s** "
          + "(target ≤ 10 s). Run-time card back after the kill: %d of %d.%n%n", upSeconds, times.size(),
          times.stream().map(t -> String.format("%.2f", t)).toList(), sorted.get(sorted.size() / 2), keptCards,
          times.size()));
      md.append("### CLI wall time (median of 5, through the ./fabric launcher)\n\n");
      md.append("| command | ms |\n| --- | ---: |\n");
      md.append(String.format("| `./fabric devlink -H h1 dev show` (running fabric, JDK HttpClient) | %d |%n",
          remote.get(2)));
      md.append(String.format("| `./fabric run show.sh` (`devlink dev show`, embedded fabric started for it) | %d |%n%n",
          embedded.get(2)));
    } finally {
      up.destroy();
      if (!up.waitFor(90, TimeUnit.SECONDS)) {
        up.destroyForcibly();
      }
      String mine = tmp.resolve("state").toString();
      ProcessHandle.allProcesses().filter(p -> {
        try {
          return new String(Files.readAllBytes(Path.of("/proc/" + p.pid() + "/cmdline")), StandardCharsets.UTF_8)
              .contains(mine);
        } catch (IOException e) {
          return false;
        }
      }).forEach(ProcessHandle::destroy);
    }
  }

  private static long findPid(List<String> cmd) throws InterruptedException {
    String key = String.join("\u0000", cmd.subList(cmd.size() - 6, cmd.size()));
    for (int i = 0; i < 50; i++) {
      var p = ProcessHandle.allProcesses().filter(h -> {
        try {
          return h.isAlive() && new String(Files.readAllBytes(Path.of("/proc/" + h.pid() + "/cmdline")),
              StandardCharsets.UTF_8).contains(key);
        } catch (IOException e) {
          return false;
        }
      }).findFirst();
      if (p.isPresent()) {
        return p.get().pid();
      }
      Thread.sleep(100);
    }
    return -1;
  }

  private static JsonNode get(HttpClient http, List<String> apis, String path) throws IOException,
      InterruptedException {
    return send(http, apis, path, null);
  }

  private static JsonNode post(HttpClient http, List<String> apis, String path, String body) throws IOException,
      InterruptedException {
    return send(http, apis, path, body);
  }

  private static JsonNode send(HttpClient http, List<String> apis, String path, String body) throws IOException,
      InterruptedException {
    IOException last = null;
    for (String api : apis) {
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(api + path)).timeout(Duration.ofSeconds(3));
      if (body != null) {
        b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body,
            StandardCharsets.UTF_8));
      }
      try {
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return JSON.readTree(r.body());
        }
        last = new IOException("HTTP " + r.statusCode() + ": " + r.body());
      } catch (IOException e) {
        last = e;
      }
    }
    throw last;
  }
}
