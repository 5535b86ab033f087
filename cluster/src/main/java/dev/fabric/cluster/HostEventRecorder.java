package dev.fabric.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fabric.chaos.History;
import dev.fabric.chaos.Json;
import dev.fabric.chaos.check.MonitorChecker;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes one host's monitor events, as the cluster publishes them ({@link HostEntity.HostEvent}),
 * into a chaos run's history, whatever stream brought them (the monitor topic, the API's event
 * stream), and completes the fences that come back. Events arrive once and in order per
 * incarnation of the host (one start of its entity) with {@code seq} counting from 1:
 * a feed may read several streams (one per member, or two while it moves), so duplicates are
 * dropped and an event ahead of a missing one waits for it. An event still missing once a fence
 * came back through every stream ({@link #settle}) is recorded as an {@code overrun} (events were
 * lost: the monitor checker reports it). A
 * new incarnation (the host started again) is recorded as a {@value MonitorChecker#BOOT} marker;
 * what the old one sends late is dropped (its member is gone; the new one booted from its image).
 */
final class HostEventRecorder {
  private final String host;
  private final History history;
  private final Map<String, CompletableFuture<Void>> fences = new ConcurrentHashMap<>();
  private final Set<String> finished = new HashSet<>();
  private final TreeMap<Long, HostEntity.HostEvent> ahead = new TreeMap<>();
  private String incarnation;
  private long lastSeq;
  private long recorded;

  HostEventRecorder(String host, History history) {
    this.host = host;
    this.history = history;
  }

  String host() {
    return host;
  }

  /** A future completed when the fence {@code id} comes back through any stream. */
  CompletableFuture<Void> expect(String id) {
    return fences.computeIfAbsent(id, k -> new CompletableFuture<>());
  }

  /** A future completed when the fence {@code id} comes back through {@code stream}. */
  CompletableFuture<Void> expectOn(String id, String stream) {
    return fences.computeIfAbsent(id + "@" + stream, k -> new CompletableFuture<>());
  }

  void forget(String id) {
    fences.remove(id);
  }

  /** How many notifications were written so far. */
  synchronized long recorded() {
    return recorded;
  }

  /** An event that came through {@code stream} (a name of the feed's choosing). */
  synchronized void accept(HostEntity.HostEvent e, String stream) {
    if (!host.equals(e.host())) {
      return;
    }
    String inc = e.incarnation() != null ? e.incarnation() : e.member() + "/" + e.boots();
    boolean fence = "fence".equals(e.object());
    if (finished.contains(inc)) {
      if (fence) {
        fenceBack(e.text(), stream);
      }
      return; // a late event of an incarnation that has been replaced
    }
    if (incarnation == null) {
      incarnation = inc;
      lastSeq = fence ? e.seq() : e.seq() - 1; // the stream starts somewhere in the host's life
    } else if (!incarnation.equals(inc)) {
      flushAhead();
      finished.add(incarnation);
      incarnation = inc;
      lastSeq = 0;
      fenceSeq = 0;
      history.monitor(host, null, MonitorChecker.BOOT, "new", null, null,
          Json.JSON.createObjectNode().put("member", e.member()).put("boots", e.boots()));
    }
    if (fence) {
      fenceSeq = Math.max(fenceSeq, e.seq());
      fenceBack(e.text(), stream); // last: what waits on it (settle) may run right here
      return;
    }
    if (e.seq() <= lastSeq || ahead.containsKey(e.seq())) {
      return; // seen through the other stream
    }
    ahead.put(e.seq(), e);
    while (!ahead.isEmpty() && ahead.firstKey() == lastSeq + 1) {
      write(ahead.pollFirstEntry().getValue());
    }
  }

  private void fenceBack(String id, String stream) {
    CompletableFuture<Void> onStream = fences.remove(id + "@" + stream);
    if (onStream != null) {
      onStream.complete(null);
    }
    CompletableFuture<Void> any = fences.remove(id);
    if (any != null) {
      any.complete(null);
    }
  }

  /** The host's last event number when it published the latest fence of its current incarnation. */
  private long fenceSeq;

  /**
   * Called once a fence came back through every stream the feed reads: every event the host
   * published before it has arrived, so any still missing was lost (recorded as an overrun).
   */
  synchronized void settle() {
    if (lastSeq < fenceSeq) {
      lost(fenceSeq);
    }
  }

  /** Events after lastSeq up to {@code upTo} were lost: said in the history, then what waits is written. */
  private void lost(long upTo) {
    history.monitor(host, null, "overrun", null, null, null, Json.JSON.createObjectNode()
        .put("lostAfterSeq", lastSeq).put("upTo", upTo).put("incarnation", incarnation));
    flushAhead();
    lastSeq = Math.max(lastSeq, upTo);
  }

  /** Writes what waits behind a gap (an old incarnation's last events, its end lost with its member). */
  private void flushAhead() {
    while (!ahead.isEmpty()) {
      write(ahead.pollFirstEntry().getValue());
    }
  }

  private void write(HostEntity.HostEvent e) {
    lastSeq = e.seq();
    if (e.object() == null) {
      return; // published by a member of an older build: nothing typed to replay
    }
    JsonNode payload = null;
    if (e.payload() != null) {
      try {
        payload = Json.JSON.readTree(e.payload());
      } catch (java.io.IOException ex) {
        payload = Json.JSON.getNodeFactory().textNode(e.payload());
      }
    }
    history.monitor(host, e.netns(), e.object(), e.cmd(), e.dev(), e.port(), payload);
    recorded++;
  }
}
