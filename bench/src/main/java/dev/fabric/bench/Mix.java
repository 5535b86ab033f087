package dev.fabric.bench;

import dev.fabric.devlink.model.DevOp;
import dev.fabric.devlink.model.Op;
import dev.fabric.devlink.model.ParamOp;
import dev.fabric.devlink.model.PortOp;
import java.util.SplittableRandom;

/**
 * The op mix every variant runs: a share {@code slow} of reloads (each holds its device for 20 ms
 * of simulated hardware time), the rest cheap reads split evenly between {@code dev show}
 * (DevOp.Get), {@code port show} of one port (PortOp.Get) and {@code param show} (ParamOp.Get).
 * Ops are preallocated so the driver itself allocates nothing per op.
 */
final class Mix {
  static final DevOp.Get DEV_GET = new DevOp.Get();
  static final ParamOp.Get PARAM_GET = new ParamOp.Get("max_macs");
  static final DevOp.Reload RELOAD = DevOp.Reload.of(null, null, null);

  final int devices;
  final int ports;
  final double slow;
  private final PortOp.Get[] portGets;

  Mix(int devices, int ports, double slow) {
    this.devices = devices;
    this.ports = ports;
    this.slow = slow;
    this.portGets = new PortOp.Get[ports];
    for (int i = 0; i < ports; i++) {
      portGets[i] = new PortOp.Get(i);
    }
  }

  Op pick(SplittableRandom rnd) {
    if (slow > 0 && rnd.nextDouble() < slow) {
      return RELOAD;
    }
    int k = rnd.nextInt(3);
    if (k == 0) {
      return DEV_GET;
    } else if (k == 1) {
      return portGets[rnd.nextInt(ports)];
    }
    return PARAM_GET;
  }
}
