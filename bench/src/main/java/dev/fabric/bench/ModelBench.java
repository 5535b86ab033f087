package dev.fabric.bench;

import dev.fabric.devlink.model.DevHandle;
import dev.fabric.devlink.model.Drivers;
import dev.fabric.devlink.model.HostModel;
import dev.fabric.devlink.model.NsimDevlink;
import dev.fabric.devlink.model.PortOp;
import dev.fabric.devlink.model.Result;
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
  private HostModel host;
  private NsimDevlink model;
  private final PortOp.Get portGet = new PortOp.Get(2);
  private final HostModel.Route reload = new HostModel.Route(dev.fabric.devlink.model.Caller.of(HostModel.INIT_NETNS), DevHandle.netdevsim(1), Mix.RELOAD);

  @Setup
  public void setup() {
    host = new HostModel(Drivers.standard(), 65536);
    host.step(new HostModel.NewDevice("netdevsim", "1 4", HostModel.INIT_NETNS));
    model = host.instance(DevHandle.netdevsim(1)).model();
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

  /** The host model's reload (down, up, 4 ports and their netdev names; the hardware wait resumed at once). */
  @Benchmark
  public HostModel.Done reloadModelOnly() {
    return host.resume((HostModel.Pending) host.step(reload));
  }
}
