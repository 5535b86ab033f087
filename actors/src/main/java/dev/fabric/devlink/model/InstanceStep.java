package dev.fabric.devlink.model;

import dev.fabric.devices.Nvm;
import java.util.List;

/**
 * How one request on one instance starts: the per-instance step function that the instance actor
 * and the host model ({@link InstanceRun}) both call, so each rule has one copy. A request is
 * either answered at once, or it waits for what the owner provides — netdev names from the host's
 * net stack, or the hardware (reload's re-init, flash's chunks) — and then continues with the
 * model's own next step ({@link NsimDevlink#apply}, {@link NsimDevlink#reloadDown} /
 * {@link NsimDevlink#reloadUp}, {@link NsimDevlink#flashProgress} / {@link NsimDevlink#flashEnd}).
 */
public final class InstanceStep {
  private InstanceStep() {}

  public sealed interface Start {}

  /** Answered now (done or refused): publish the notes, release the names. */
  public record Answered(Result result) implements Start {}

  /** A port request the owner may hand to the port's own serializer (the port actor). */
  public record ToPort(PortOp.OnePort<?> op) implements Start {}

  /** Needs {@code count} fresh netdev names in the instance's namespace, then {@link NsimDevlink#apply}. */
  public record NeedsNames(int count) implements Start {}

  /**
   * A reload that goes ahead: the owner quiesces the ports, then reloadDown, the hardware re-init,
   * names for reloadUp ({@link NsimDevlink#reloadUpNetdevs}), reloadUp.
   */
  public record Reloading(DevOp.Reload reload, NetnsTarget target) implements Start {}

  /**
   * A flash that began ({@code begin}'s notes): the hardware writes {@code geometry}'s chunks and
   * then commits {@code commit} to the NVM; each chunk's progress, then flashEnd.
   */
  public record Flashing(Result begin, Nvm commit, DeviceDriver.FlashGeometry geometry) implements Start {}

  /**
   * @param caller a namespace's devlink socket (sees only its instances) or the driver side
   * @param resolution what the host resolved beside the op (a reload's target, a flash's file)
   * @param maxPorts the protective bound on a device's ports (the kernel's allocation fails: ENOMEM)
   */
  public static Start start(NsimDevlink m, Caller caller, Op<?> op, Resolution resolution, long maxPorts) {
    if (!caller.sees(m.netns())) {
      return new Answered(Result.of(Reply.err(Errno.ENODEV)));
    }
    if (op instanceof PortOp.OnePort<?> p && !m.reloadFailed()) {
      return new ToPort(p);
    }
    if (op instanceof DevOp.Reload reload) {
      Result refused = m.reloadRefused(reload, resolution.reloadTarget());
      return refused != null ? new Answered(refused) : new Reloading(reload, resolution.reloadTarget());
    }
    if (op instanceof DevOp.Flash flash) {
      Result begin = m.flashBegin(flash, resolution.firmwareFound());
      return begin.reply().isOk() ? new Flashing(begin, m.nvmAfterFlash(flash), m.driver.flashGeometry())
          : new Answered(begin);
    }
    int need = m.netdevsNeeded(op);
    if (need > 0) {
      // Bounded before anything is allocated: the kernel's netdev allocation fails with ENOMEM.
      if ((long) need + m.portTotal() > maxPorts) {
        return new Answered(Result.of(Reply.err(Errno.ENOMEM)));
      }
      return new NeedsNames(need);
    }
    return new Answered(m.apply(op, List.of()));
  }

  /** The NVM a successful request wrote at once (a permanent PARAM_SET), or null. */
  public static Nvm nvmWritten(NsimDevlink m, Op<?> op, Reply<?> reply) {
    return op instanceof ParamOp.Set set && set.cmode() == Param.Cmode.PERMANENT && reply.isOk() ? m.nvm() : null;
  }
}
