package dev.fabric.devlink.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One instance run sequentially: its model, its netdev ledger, and the same step functions the
 * instance actor calls ({@link InstanceStep}, then the model's next steps), with names taken from
 * a {@link NetdevNames} synchronously instead of asked from the NetStack actor. A request either
 * completes ({@link HostModel.Done}) or stops at its hardware wait ({@link HostModel.Pending}: a
 * reload's re-init, a flash's chunks), which {@link #resume} completes. The host model owns one per
 * device; the per-device lock baseline guards one per lock.
 */
public final class InstanceRun {
  final NsimDevlink model;
  final NetdevLedger ledger;
  /** The limit the actors read from fabric.limits.max-ports-per-device. */
  final long maxPorts;

  public InstanceRun(NsimDevlink model, long maxPorts) {
    this(model, new NetdevLedger(), maxPorts);
  }

  private InstanceRun(NsimDevlink model, NetdevLedger ledger, long maxPorts) {
    this.model = model;
    this.ledger = ledger;
    this.maxPorts = maxPorts;
  }

  public InstanceRun copy() {
    return new InstanceRun(model.copy(), ledger.copy(), maxPorts);
  }

  public NsimDevlink model() {
    return model;
  }

  /** nsim_drv_probe then devlink_register, names from {@code names}. Not ok: nothing was announced. */
  HostModel.Done probeAndRegister(NetdevNames names) {
    List<String> given = names.alloc(model.netns(), model.probeNetdevs());
    Result probed = model.probe(given);
    if (!probed.reply().isOk()) {
      names.release(model.netns(), given);
      return new HostModel.Done(probed.reply(), List.of());
    }
    Result registered = model.register();
    ledger.newStep();
    release(names, model.netns(), probed.releasedNetdevs());
    release(names, model.netns(), registered.releasedNetdevs());
    ledger.sync(model.ports(), model.netns());
    List<Notification> notes = new ArrayList<>(probed.notes());
    notes.addAll(registered.notes());
    return new HostModel.Done(Reply.ok(), notes);
  }

  /** devlink_unregister and the driver's teardown; every name goes back. */
  HostModel.Done unregister(NetdevNames names) {
    Result r = model.unregister();
    publish(names, r);
    ledger.sync(model.ports(), model.netns());
    return new HostModel.Done(r.reply(), r.notes());
  }

  /** One request, as the instance actor runs it, up to its hardware wait if it has one. */
  public HostModel.Step request(Caller caller, Op<?> op, Resolution resolution, NetdevNames names) {
    InstanceStep.Start start = InstanceStep.start(model, caller, op, resolution, maxPorts);
    if (start instanceof InstanceStep.ToPort p) {
      // The port's own serializer in the actors; here the same PortLogic on the model's port.
      return new HostModel.Done(PortLogic.apply(model.port(p.op().index()), p.op()), List.of());
    }
    if (start instanceof InstanceStep.Reloading reloading) {
      String oldNetns = model.netns();
      // refusal checked by start: the target is Stay or an existing namespace
      Result down = model.reloadDown(reloading.target() instanceof NetnsTarget.Known k ? k.netns() : null);
      release(names, oldNetns, down.releasedNetdevs());
      ledger.sync(model.ports(), model.netns());
      if (!down.reply().isOk()) {
        return new HostModel.Done(down.reply(), down.notes());
      }
      return new HostModel.Pending(model.handle, op, new HostModel.Reinit(), down.notes());
    }
    if (start instanceof InstanceStep.Flashing flashing) {
      publish(names, flashing.begin());
      return new HostModel.Pending(model.handle, op, new HostModel.FlashWrite(flashing.geometry(), flashing.commit()),
          flashing.begin().notes());
    }
    if (start instanceof InstanceStep.NeedsNames need) {
      List<String> given = names.alloc(model.netns(), need.count());
      Result r = model.apply(op, given);
      finish(names, r);
      releaseUnused(names, given);
      return new HostModel.Done(r.reply(), r.notes());
    }
    Result r = ((InstanceStep.Answered) start).result();
    if (op.readOnly()) {
      publish(names, r);
    } else {
      finish(names, r);
    }
    return new HostModel.Done(r.reply(), r.notes());
  }

  /**
   * The hardware wait of {@code p} is over: the rest of its reload or flash. The notes are those
   * after the wait ({@code p}'s were sent before it, as the actors publish them).
   */
  public HostModel.Done resume(HostModel.Pending p, NetdevNames names) {
    List<Notification> notes = new ArrayList<>();
    Result last;
    List<String> given = List.of();
    if (p.hardware() instanceof HostModel.Reinit) {
      DevOp.Reload reload = (DevOp.Reload) p.op();
      given = names.alloc(model.netns(), model.reloadUpNetdevs());
      last = model.reloadUp(reload, given);
    } else {
      HostModel.FlashWrite w = (HostModel.FlashWrite) p.hardware();
      DevOp.Flash flash = (DevOp.Flash) p.op();
      long total = w.geometry().size();
      for (int chunk = 1; chunk <= w.geometry().chunks(); chunk++) {
        notes.addAll(model.flashProgress(flash, chunk * w.geometry().chunkBytes(), total).notes());
      }
      last = model.flashEnd(flash, w.commit());
    }
    finish(names, last);
    releaseUnused(names, given);
    notes.addAll(last.notes());
    return new HostModel.Done(last.reply(), notes);
  }

  private void publish(NetdevNames names, Result r) {
    ledger.newStep();
    release(names, model.netns(), r.releasedNetdevs());
  }

  private void finish(NetdevNames names, Result r) {
    publish(names, r);
    ledger.sync(model.ports(), model.netns());
  }

  private void release(NetdevNames names, String fallback, List<String> released) {
    for (Map.Entry<String, List<String>> e : ledger.release(fallback, released).entrySet()) {
      names.release(e.getKey(), e.getValue());
    }
  }

  private void releaseUnused(NetdevNames names, List<String> given) {
    List<String> unused = ledger.unused(given, model);
    if (!unused.isEmpty()) {
      names.release(model.netns(), unused);
    }
  }
}
