package dev.fabric.devlink.model;

import java.util.List;

/**
 * The outcome of one model step: the reply, the notifications in the kernel's order, and the
 * netdev names the step released (the host's net stack reuses the lowest free name).
 */
public record Result(Reply<?> reply, List<Notification> notes, List<String> releasedNetdevs) {
  public static Result of(Reply<?> reply) {
    return new Result(reply, List.of(), List.of());
  }
}
