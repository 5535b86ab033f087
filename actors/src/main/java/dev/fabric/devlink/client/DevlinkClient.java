package dev.fabric.devlink.client;

import dev.fabric.devices.LatencyProfile;
import dev.fabric.devlink.actor.Host;
import dev.fabric.devlink.model.DevHandle;
import dev.fabric.devlink.model.DriverOp;
import dev.fabric.devlink.model.Ack;
import dev.fabric.devlink.model.MonitorEvent;
import dev.fabric.devlink.model.Op;
import dev.fabric.devlink.model.Reply;
import dev.fabric.devlink.model.ReplyValue;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * The asynchronous client protocol of one emulated host: what user space (the {@code devlink}
 * CLI, the TestKit's {@link TypedDevlink}, a user's controller) sends to the fabric. Every call
 * answers a CompletionStage; devlink and driver errors arrive as {@link Reply.Err} values, never as
 * failed stages (a failed stage means the fabric did not answer at all).
 *
 * <p>Everything here is one message of {@link Host}'s protocol ({@link HostClient}), so a host
 * that lives on another cluster member answers the same calls. {@link Fabric} implements it over
 * an embedded host; its {@code *Sync} methods are blocking adapters
 * over these calls for the CLI's single-threaded command loop.
 */
public interface DevlinkClient {

  /**
   * A devlink request to one instance of namespace {@code netns} (null: a driver-side caller,
   * whatever its namespace). The reply is typed by what the op answers.
   */
  <R extends ReplyValue> CompletionStage<Reply<R>> request(String netns, DevHandle dev, Op<R> op);

  /** The instances of {@code netns} (null: all), in registration order. */
  CompletionStage<List<DevHandle>> list(String netns);

  /** Writes {@code text} ("ID [PORTS [QUEUES]]") to /sys/bus/netdevsim/new_device. */
  CompletionStage<Reply<Ack>> newDevice(String text, String netns);

  /** Writes {@code text} ("ID") to /sys/bus/netdevsim/del_device. */
  CompletionStage<Reply<Ack>> delDevice(String text);

  /** The netdevsim bus's device ids. */
  CompletionStage<List<Integer>> deviceIds();

  /** A sysfs/debugfs operation on netdevsim device {@code id}, whatever namespace it is in. */
  <R extends ReplyValue> CompletionStage<Reply<R>> driver(int id, DriverOp<R> op);

  /** Simulated hardware timing of one device (reload re-init, flash chunk). */
  CompletionStage<Reply<Ack>> setLatency(int id, LatencyProfile latency);

  /** Timing given to devices created from now on. */
  CompletionStage<Reply<Ack>> setDefaultLatency(LatencyProfile latency);

  CompletionStage<Reply<Ack>> netnsAdd(String name);

  CompletionStage<Reply<Ack>> netnsDel(String name);

  CompletionStage<List<String>> netnsList();

  /** Writes /lib/firmware/NAME (content: one char per byte), which a flash's request_firmware reads. */
  CompletionStage<Reply<Ack>> firmwareWrite(String name, String content);

  /** /lib/firmware's files, oldest first (content: one char per byte). */
  CompletionStage<Map<String, String>> firmware();

  /** The netdevs of a namespace (without lo), in ifindex order: what `ip link` lists. */
  CompletionStage<List<Host.Link>> links(String netns);

  /** What the host holds (leak checks). */
  CompletionStage<Host.Stats> stats();

  /**
   * Subscribes to the devlink multicast group of {@code netns} (null: every namespace): the
   * subscriber receives {@link MonitorEvent}s (notes, overruns, the fences it asks for).
   */
  void subscribe(String netns, ActorRef<MonitorEvent> subscriber);

  void unsubscribe(ActorRef<MonitorEvent> subscriber);

  /**
   * Sends {@link MonitorEvent.FenceReached}{@code (id)} to {@code subscriber} after every
   * notification published before.
   */
  void fence(ActorRef<MonitorEvent> subscriber, long id);

  /**
   * The subscriber has read {@code count} notifications: room for as many more in its receive
   * buffer (like a netlink socket's; beyond it the hub drops and later sends one overrun marker).
   */
  void consumed(ActorRef<MonitorEvent> subscriber, int count);

  /**
   * Where continuations on these stages should run ({@code thenApplyAsync(f, executor())}): the
   * actor system's dispatcher, not a thread per reply.
   */
  Executor executor();
}
