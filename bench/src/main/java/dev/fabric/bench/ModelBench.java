package dev.fabric.bench;

import dev.fabric.devlink.model.DevHandle;
import dev.fabric.devlink.model.NsimDevlink;
import dev.fabric.devlink.model.PortOp;
import dev.fabric.devlink.model.Result;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * JMH: the CPU cost of one step of the sequential model, the work every variant shares (what a
 * lock guards and what an Instance or Port actor runs per message).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ModelBench {
  private NsimDevlink model;
  private final PortOp.Get portGet = new PortOp.Get(2);

  @Setup
  public void setup() {
    model = new NsimDevlink(DevHandle.netdevsim(1), 1, 4, "init");
    model.probe(List.of("eth0", "eth1", "eth2", "eth3"));
    model.register();
  }

  @Benchmark
  public Result devShow() {
    return model.apply(Mix.DEV_GET, List.of());
  }

  @Benchmark
  public Result portShow() {
    return model.apply(portGet, List.of());
  }

  @Benchmark
  public Result paramShow() {
    return model.apply(Mix.PARAM_GET, List.of());
  }

  /** The model's part of a reload (down and up, 4 ports, no hardware wait). */
  @Benchmark
  public Result reloadModelOnly() {
    Result down = model.reloadDown(null);
    List<String> names = new ArrayList<>(down.releasedNetdevs());
    Collections.reverse(names);
    return model.reloadUp(Mix.RELOAD, names);
  }
}
