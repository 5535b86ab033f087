package dev.fabric.devlink.fuzz;

import dev.fabric.devices.LatencyProfile;
import dev.fabric.devlink.model.Op;

/**
 * One step of a fuzz sequence, as a user of the fabric would send it. Every action is one request
 * through the real path (the registry), except {@link Burst} (many) and {@link SubscriberChurn}
 * (a subscriber that subscribes, sometimes twice, and leaves with Unsubscribe).
 */
sealed interface FuzzAction {

  /** How many requests (each expecting exactly one reply) the action sends. */
  default int requests() {
    return 1;
  }

  /** A devlink or driver request for device {@code id}; {@code netns} null is the driver side. */
  record Request(String netns, int id, Op op) implements FuzzAction {
    @Override
    public String toString() {
      return "request " + (netns == null ? "driver" : netns) + " netdevsim" + id + " " + op;
    }
  }

  /** {@code count} copies of one request, sent back to back. */
  record Burst(String netns, int id, Op op, int count) implements FuzzAction {
    @Override
    public int requests() {
      return count;
    }
  }

  record NewDevice(String text, String netns) implements FuzzAction {}

  record DelDevice(String text) implements FuzzAction {}

  /** del_device followed at once (not waiting) by new_device of the same id. */
  record Recreate(int id, String text) implements FuzzAction {
    @Override
    public int requests() {
      return 2;
    }
  }

  record NetnsAdd(String name) implements FuzzAction {}

  record NetnsDel(String name) implements FuzzAction {}

  record Latency(int id, LatencyProfile latency) implements FuzzAction {}

  record SubscriberChurn(boolean twice) implements FuzzAction {
    @Override
    public int requests() {
      return 0;
    }
  }
}
