package dev.fabric.devlink.client;

import dev.fabric.devices.LatencyProfile;
import dev.fabric.devlink.actor.Host;
import dev.fabric.devlink.model.DevHandle;
import dev.fabric.devlink.model.DevOp;
import dev.fabric.devlink.model.DevSnapshot;
import dev.fabric.devlink.model.DriverOp;
import dev.fabric.devlink.model.Fmsg;
import dev.fabric.devlink.model.HealthOp;
import dev.fabric.devlink.model.HealthReporterSnapshot;
import dev.fabric.devlink.model.InfoSnapshot;
import dev.fabric.devlink.model.Op;
import dev.fabric.devlink.model.Param;
import dev.fabric.devlink.model.ParamOp;
import dev.fabric.devlink.model.PortHandle;
import dev.fabric.devlink.model.PortOp;
import dev.fabric.devlink.model.PortState;
import dev.fabric.devlink.model.RateOp;
import dev.fabric.devlink.model.RateSnapshot;
import dev.fabric.devlink.model.RegionData;
import dev.fabric.devlink.model.RegionOp;
import dev.fabric.devlink.model.RegionSnapshot;
import dev.fabric.devlink.model.Ack;
import dev.fabric.devlink.model.ParamValue;
import dev.fabric.devlink.model.Reply;
import dev.fabric.devlink.model.ReplyValue;
import dev.fabric.devlink.model.ResourceDump;
import dev.fabric.devlink.model.ResourceOp;
import dev.fabric.devlink.model.TrapGroupSnapshot;
import dev.fabric.devlink.model.TrapOp;
import dev.fabric.devlink.model.TrapPolicerSnapshot;
import dev.fabric.devlink.model.TrapSnapshot;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * A typed Java view of the whole devlink surface and the netdevsim bus, over {@link DevlinkClient}
 * (the protocol the CLI uses; no second one). Every call returns a CompletionStage of a
 * {@link DevlinkResult}: the value, or the kernel's errno and extack message. Continuations run on
 * the client's executor (the actor system's dispatcher), never a thread per reply.
 *
 * <p>Requests go to instances of namespace {@code netns} given at construction (null: any namespace,
 * as the CLI's {@code -n} is absent and the test sees every device).
 */
public final class TypedDevlink {
  private final DevlinkClient client;
  private final String netns;

  public TypedDevlink(DevlinkClient client) {
    this(client, null);
  }

  public TypedDevlink(DevlinkClient client, String netns) {
    this.client = client;
    this.netns = netns;
  }

  /** The same client, addressing the instances of namespace {@code netns}. */
  public TypedDevlink inNetns(String netns) {
    return new TypedDevlink(client, netns);
  }

  public DevlinkClient client() {
    return client;
  }

  /** Any request, for what the typed calls below do not name: the result is typed by the op. */
  public <R extends ReplyValue> CompletionStage<DevlinkResult<R>> call(DevHandle dev, Op<R> op) {
    return typed(client.request(netns, dev, op));
  }

  /** A request whose list record is read out by {@code read}. */
  private <R extends ReplyValue, U> CompletionStage<DevlinkResult<U>> call(DevHandle dev, Op<R> op,
      java.util.function.Function<R, U> read) {
    return client.request(netns, dev, op)
        .thenApplyAsync(r -> DevlinkResult.of(r).map(read), client.executor());
  }

  private <R extends ReplyValue> CompletionStage<DevlinkResult<R>> typed(CompletionStage<Reply<R>> reply) {
    return reply.thenApplyAsync(DevlinkResult::of, client.executor());
  }

  // ---------------------------------------------------------------- dev

  /** {@code devlink dev show}: the instances, in registration order. */
  public CompletionStage<DevlinkResult<List<DevHandle>>> devices() {
    return client.list(netns).thenApplyAsync(l -> new DevlinkResult.Value<>(l, null), client.executor());
  }

  public CompletionStage<DevlinkResult<DevSnapshot>> dev(DevHandle dev) {
    return call(dev, new DevOp.Get());
  }

  public CompletionStage<DevlinkResult<InfoSnapshot>> info(DevHandle dev) {
    return call(dev, new DevOp.InfoGet());
  }

  /** {@code devlink dev reload DEV}: a bare ack ({@link DevOp.ReloadPerformed#reported()} false). */
  public CompletionStage<DevlinkResult<DevOp.ReloadPerformed>> reload(DevHandle dev) {
    return call(dev, DevOp.Reload.of(null, null, null));
  }

  /**
   * {@code devlink dev reload DEV [action A] [limit L] [netns NS]}: null parts are not given. With
   * an action or limit the kernel reports the actions performed ({@link DevOp.ReloadPerformed#reported()}).
   */
  public CompletionStage<DevlinkResult<DevOp.ReloadPerformed>> reload(DevHandle dev, DevOp.Action action,
      DevOp.Limit limit, String toNetns) {
    return call(dev, DevOp.Reload.of(action, limit, toNetns));
  }

  /** The eswitch mode. */
  public CompletionStage<DevlinkResult<DevOp.EswitchMode>> eswitchMode(DevHandle dev) {
    return call(dev, new DevOp.EswitchGet(), DevOp.EswitchSnapshot::mode);
  }

  public CompletionStage<DevlinkResult<Ack>> setEswitchMode(DevHandle dev, DevOp.EswitchMode mode) {
    return call(dev, DevOp.EswitchSet.mode(mode));
  }

  /** {@code devlink dev flash DEV file FILE [component C]}: finishes when the flash has. */
  public CompletionStage<DevlinkResult<Ack>> flash(DevHandle dev, String file, String component) {
    return call(dev, DevOp.Flash.of(file, component, null));
  }

  // ---------------------------------------------------------------- ports

  public CompletionStage<DevlinkResult<List<PortState>>> ports(DevHandle dev) {
    return call(dev, new PortOp.Dump(), PortOp.PortList::ports);
  }

  public CompletionStage<DevlinkResult<PortState>> port(PortHandle port) {
    return call(port.dev(), new PortOp.Get(port.index()));
  }

  public CompletionStage<DevlinkResult<Ack>> setPortType(PortHandle port, PortState.Type type) {
    return call(port.dev(), new PortOp.SetType(port.index(), type));
  }

  public CompletionStage<DevlinkResult<Ack>> split(PortHandle port, int count) {
    return call(port.dev(), new PortOp.Split(port.index(), count));
  }

  public CompletionStage<DevlinkResult<Ack>> unsplit(PortHandle port) {
    return call(port.dev(), new PortOp.Unsplit(port.index()));
  }

  /** {@code devlink port function set PORT [hw_addr A] [state S]}: null parts are not given. */
  public CompletionStage<DevlinkResult<Ack>> setPortFunction(PortHandle port, String hwAddr, String state) {
    return call(port.dev(), PortOp.FunctionSet.of(port.index(), hwAddr, state));
  }

  // ---------------------------------------------------------------- params

  public CompletionStage<DevlinkResult<List<Param>>> params(DevHandle dev) {
    return call(dev, new ParamOp.Dump(), ParamOp.ParamList::params);
  }

  public CompletionStage<DevlinkResult<Param>> param(DevHandle dev, String name) {
    return call(dev, new ParamOp.Get(name));
  }

  /** {@code value} of the param's type. */
  public CompletionStage<DevlinkResult<Ack>> setParam(DevHandle dev, String name, Param.Cmode cmode, ParamValue value) {
    return call(dev, new ParamOp.Set(name, cmode, value));
  }

  // ---------------------------------------------------------------- health

  public CompletionStage<DevlinkResult<List<HealthReporterSnapshot>>> healthReporters(DevHandle dev) {
    return call(dev, new HealthOp.Dump(), HealthOp.ReporterList::reporters);
  }

  public CompletionStage<DevlinkResult<HealthReporterSnapshot>> healthReporter(DevHandle dev, String reporter) {
    return call(dev, new HealthOp.Get(reporter));
  }

  /** Null parts are not given. */
  public CompletionStage<DevlinkResult<Ack>> setHealthReporter(DevHandle dev, String reporter, Long gracePeriodMs,
      Boolean autoRecover, Boolean autoDump) {
    return call(dev, HealthOp.Set.of(reporter, gracePeriodMs, autoRecover, autoDump));
  }

  public CompletionStage<DevlinkResult<Ack>> healthRecover(DevHandle dev, String reporter) {
    return call(dev, new HealthOp.Recover(reporter));
  }

  public CompletionStage<DevlinkResult<Fmsg>> healthDiagnose(DevHandle dev, String reporter) {
    return call(dev, new HealthOp.Diagnose(reporter));
  }

  public CompletionStage<DevlinkResult<Fmsg>> healthDump(DevHandle dev, String reporter) {
    return call(dev, new HealthOp.DumpGet(reporter));
  }

  public CompletionStage<DevlinkResult<Ack>> healthDumpClear(DevHandle dev, String reporter) {
    return call(dev, new HealthOp.DumpClear(reporter));
  }

  public CompletionStage<DevlinkResult<Ack>> healthTest(DevHandle dev, String reporter) {
    return call(dev, new HealthOp.Test(reporter));
  }

  // ---------------------------------------------------------------- traps

  public CompletionStage<DevlinkResult<List<TrapSnapshot>>> traps(DevHandle dev, boolean stats) {
    return call(dev, new TrapOp.Dump(stats), TrapOp.TrapList::traps);
  }

  public CompletionStage<DevlinkResult<TrapSnapshot>> trap(DevHandle dev, String name, boolean stats) {
    return call(dev, new TrapOp.Get(name, stats));
  }

  public CompletionStage<DevlinkResult<Ack>> setTrapAction(DevHandle dev, String name, String action) {
    return call(dev, TrapOp.Set.of(name, action));
  }

  public CompletionStage<DevlinkResult<List<TrapGroupSnapshot>>> trapGroups(DevHandle dev, boolean stats) {
    return call(dev, new TrapOp.GroupDump(stats), TrapOp.GroupList::groups);
  }

  public CompletionStage<DevlinkResult<Ack>> setTrapGroup(DevHandle dev, String name, String action, Long policer) {
    return call(dev, TrapOp.GroupSet.of(name, action, policer));
  }

  public CompletionStage<DevlinkResult<List<TrapPolicerSnapshot>>> trapPolicers(DevHandle dev, boolean stats) {
    return call(dev, new TrapOp.PolicerDump(stats), TrapOp.PolicerList::policers);
  }

  public CompletionStage<DevlinkResult<Ack>> setTrapPolicer(DevHandle dev, long id, Long rate, Long burst) {
    return call(dev, TrapOp.PolicerSet.of(id, rate, burst));
  }

  // ---------------------------------------------------------------- regions

  public CompletionStage<DevlinkResult<List<RegionSnapshot>>> regions(DevHandle dev) {
    return call(dev, new RegionOp.Dump(), RegionOp.RegionList::regions);
  }

  /** {@code snapshotId} null lets the kernel pick one. */
  public CompletionStage<DevlinkResult<RegionOp.Taken>> newRegionSnapshot(DevHandle dev, String region,
      Long snapshotId) {
    return call(dev, RegionOp.New.of(region, snapshotId));
  }

  public CompletionStage<DevlinkResult<Ack>> delRegionSnapshot(DevHandle dev, String region, long snapshotId) {
    return call(dev, new RegionOp.Del(region, snapshotId));
  }

  /** {@code address}/{@code length} null read the whole snapshot. */
  public CompletionStage<DevlinkResult<RegionData>> readRegion(DevHandle dev, String region, long snapshotId,
      Long address, Long length) {
    return call(dev, RegionOp.Read.of(region, snapshotId, address, length));
  }

  // ---------------------------------------------------------------- resources

  public CompletionStage<DevlinkResult<ResourceDump>> resources(DevHandle dev) {
    return call(dev, new ResourceOp.Dump());
  }

  public CompletionStage<DevlinkResult<Ack>> setResource(DevHandle dev, long id, long size) {
    return call(dev, new ResourceOp.Set(id, size));
  }

  // ---------------------------------------------------------------- rates

  public CompletionStage<DevlinkResult<List<RateSnapshot>>> rates(DevHandle dev) {
    return call(dev, new RateOp.Dump(), RateOp.RateList::rates);
  }

  /** Null parts are not given; {@code parent} "" means noparent. */
  public CompletionStage<DevlinkResult<Ack>> setRate(DevHandle dev, String name, Long txShare, Long txMax,
      String parent) {
    return call(dev, RateOp.Set.of(name, txShare, txMax, parent));
  }

  public CompletionStage<DevlinkResult<Ack>> newRateNode(DevHandle dev, String name, Long txShare, Long txMax,
      String parent) {
    return call(dev, RateOp.New.of(name, txShare, txMax, parent));
  }

  public CompletionStage<DevlinkResult<Ack>> delRateNode(DevHandle dev, String name) {
    return call(dev, new RateOp.Del(name));
  }

  // ---------------------------------------------------------------- the netdevsim bus and driver files

  /**
   * {@code echo "ID PORTS" > /sys/bus/netdevsim/new_device}, from this client's namespace (the
   * initial one when the client names none).
   */
  public CompletionStage<DevlinkResult<Ack>> newDevice(int id, int ports) {
    return typed(client.newDevice(id + " " + ports, netns == null ? Host.INIT_NETNS : netns));
  }

  /** {@code echo ID > /sys/bus/netdevsim/del_device}. */
  public CompletionStage<DevlinkResult<Ack>> delDevice(int id) {
    return typed(client.delDevice(Integer.toString(id)));
  }

  public CompletionStage<DevlinkResult<List<Integer>>> busDevices() {
    return client.deviceIds().thenApplyAsync(l -> new DevlinkResult.Value<>(l, null), client.executor());
  }

  /** {@code echo INDEX > /sys/bus/netdevsim/devices/netdevsimID/new_port}. */
  public CompletionStage<DevlinkResult<Ack>> newPort(int id, long index) {
    return sysfsWrite(id, "new_port", Long.toString(index));
  }

  public CompletionStage<DevlinkResult<Ack>> delPort(int id, long index) {
    return sysfsWrite(id, "del_port", Long.toString(index));
  }

  /** {@code echo N > .../netdevsimID/sriov_numvfs}. */
  public CompletionStage<DevlinkResult<Ack>> setNumVfs(int id, int vfs) {
    return sysfsWrite(id, "sriov_numvfs", Integer.toString(vfs));
  }

  public CompletionStage<DevlinkResult<Ack>> sysfsWrite(int id, String file, String value) {
    return typed(client.driver(id, new DriverOp.SysfsWrite(file, value)));
  }

  /** A sysfs file of the device's bus directory (e.g. "sriov_numvfs" reads "2\n"). */
  public CompletionStage<DevlinkResult<String>> sysfsRead(int id, String file) {
    return client.driver(id, new DriverOp.SysfsRead(file))
        .thenApplyAsync(r -> DevlinkResult.of(r).map(DriverOp.FileData::text), client.executor());
  }

  /** A debugfs file's text (e.g. "fail_reload" reads "N\n"). */
  public CompletionStage<DevlinkResult<String>> debugfsRead(int id, String path) {
    return client.driver(id, new DriverOp.DebugfsRead(path))
        .thenApplyAsync(r -> DevlinkResult.of(r).map(DriverOp.FileData::text), client.executor());
  }

  /** A fault knob: {@code echo VALUE > /sys/kernel/debug/netdevsim/netdevsimID/PATH}. */
  public CompletionStage<DevlinkResult<Ack>> debugfsWrite(int id, String path, String value) {
    return typed(client.driver(id, new DriverOp.DebugfsWrite(path, value)));
  }

  public CompletionStage<DevlinkResult<Ack>> failReload(int id, boolean fail) {
    return debugfsWrite(id, "fail_reload", fail ? "Y" : "N");
  }

  public CompletionStage<DevlinkResult<Ack>> dontAllowReload(int id, boolean refuse) {
    return debugfsWrite(id, "dont_allow_reload", refuse ? "Y" : "N");
  }

  /** {@code echo MSG > .../health/break_health}: the dummy reporter reports an error. */
  public CompletionStage<DevlinkResult<Ack>> breakHealth(int id, String message) {
    return debugfsWrite(id, "health/break_health", message);
  }

  /** Simulated hardware timing of one device (reload re-init, flash chunk). */
  public CompletionStage<DevlinkResult<Ack>> setLatency(int id, LatencyProfile latency) {
    return typed(client.setLatency(id, latency));
  }

  // ---------------------------------------------------------------- namespaces

  public CompletionStage<DevlinkResult<Ack>> netnsAdd(String name) {
    return typed(client.netnsAdd(name));
  }

  public CompletionStage<DevlinkResult<Ack>> netnsDel(String name) {
    return typed(client.netnsDel(name));
  }
}
