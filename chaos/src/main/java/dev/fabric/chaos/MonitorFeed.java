package dev.fabric.chaos;

import java.util.concurrent.CompletionStage;

/**
 * The hosts' monitor events of a target whose client cannot subscribe to a host's multicast group
 * ({@link dev.fabric.devlink.client.DevlinkClient#subscribe}): a cluster's monitor topic, a running
 * fabric's event stream. The feed writes each event of the run's host into the history as it
 * arrives, and a {@code boot} event when the host started again (a new incarnation in the stream):
 * the monitor checker replays each incarnation from its own start.
 */
public interface MonitorFeed {

  /** Starts recording {@code host}'s events into {@code history}; completes once the feed is live. */
  CompletionStage<Void> start(String host, History history);

  /** Completes once every event the host published before this call is in the history. */
  CompletionStage<Void> fence();

  /** Stops recording. */
  void stop();
}
