package dev.fabric.devlink.model;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A driver's debugfs tree as data (a class-path file, one entry a line: see
 * {@code netdevsim-debugfs.tree}), and how a listing walks it. What reading or writing each file
 * does stays with the driver; which files exist, their modes and their order are this table.
 * Two directories are filled from the device: the port directories (one per port, by index, from
 * the {@code {pf}} or {@code {vf}} template) and the rate nodes (the core's rate objects).
 */
public final class DebugfsTree {

  private enum Dynamic { NONE, PORTS, RATE_NODES }

  private static final class Node {
    final String name;
    final boolean dir;
    final String mode;
    final boolean onlyWithObjects;
    final Dynamic dynamic;
    final Map<String, Node> children = new LinkedHashMap<>();

    Node(String name, boolean dir, String mode, boolean onlyWithObjects, Dynamic dynamic) {
      this.name = name;
      this.dir = dir;
      this.mode = mode;
      this.onlyWithObjects = onlyWithObjects;
      this.dynamic = dynamic;
    }
  }

  private final Node root = new Node("", true, "drwxr-xr-x", false, Dynamic.NONE);

  private DebugfsTree() {}

  /** Reads a tree file from the class path; a malformed line is a packaging bug (thrown). */
  public static DebugfsTree load(Class<?> anchor, String resource) {
    DebugfsTree t = new DebugfsTree();
    try (InputStream in = anchor.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no debugfs tree " + resource);
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      int lineNo = 0;
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        lineNo++;
        String s = line.strip();
        if (s.isEmpty() || s.startsWith("#")) {
          continue;
        }
        t.add(s.split("\\s+"), resource + ":" + lineNo);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return t;
  }

  private void add(String[] words, String where) {
    if (words.length < 2) {
      throw new IllegalArgumentException(where + ": PATH MODE expected");
    }
    String path = words[0];
    boolean dir = path.endsWith("/");
    String[] parts = (dir ? path.substring(0, path.length() - 1) : path).split("/");
    boolean onlyWithObjects = false;
    Dynamic dynamic = Dynamic.NONE;
    for (int i = 2; i < words.length; i++) {
      switch (words[i]) {
        case "when=registered-objects" -> onlyWithObjects = true;
        case "dynamic=ports" -> dynamic = Dynamic.PORTS;
        case "dynamic=rate-nodes" -> dynamic = Dynamic.RATE_NODES;
        default -> throw new IllegalArgumentException(where + ": unknown flag " + words[i]);
      }
    }
    Node parent = root;
    for (int i = 0; i < parts.length - 1; i++) {
      Node next = parent.children.get(parts[i]);
      if (next == null && (parts[i].equals("{pf}") || parts[i].equals("{vf}"))) {
        // A port template directory: implicit, its mode is the port directories' own.
        next = new Node(parts[i], true, "drwxr-xr-x", false, Dynamic.NONE);
        parent.children.put(parts[i], next);
      }
      if (next == null || !next.dir) {
        throw new IllegalArgumentException(where + ": " + parts[i] + " is not a directory listed before");
      }
      parent = next;
    }
    String name = parts[parts.length - 1];
    parent.children.put(name, new Node(name, dir, words[1], onlyWithObjects, dynamic));
  }

  /** The listing of {@code path} (relative to the device's directory, "" for itself), or ENOENT. */
  Reply<?> list(NsimDevlink d, String path) {
    String[] parts = path.isEmpty() ? new String[0] : path.split("/");
    Node n = root;
    for (int i = 0; i < parts.length; i++) {
      if (n.dynamic == Dynamic.RATE_NODES) {
        return d.rates.debugfsList(java.util.Arrays.copyOfRange(parts, i - 1, parts.length));
      }
      if (n.dynamic == Dynamic.PORTS) {
        Long idx = Knobs.parseU32(parts[i]);
        PortState p = idx == null ? null : d.portMap().get(idx);
        n = p == null ? null : n.children.get(p.flavour() == PortState.Flavour.PCI_VF ? "{vf}" : "{pf}");
      } else {
        n = n.children.get(parts[i]);
      }
      if (n == null || !n.dir) {
        return Reply.err(Errno.ENOENT);
      }
    }
    return switch (n.dynamic) {
      case RATE_NODES -> d.rates.debugfsList(new String[] {parts[parts.length - 1]});
      case PORTS -> Reply.ok(new DriverOp.Listing(d.portMap().keySet().stream().sorted()
          .map(i -> new DriverOp.Entry(Long.toString(i), true, "drwxr-xr-x")).toList()));
      case NONE -> Reply.ok(new DriverOp.Listing(entries(n, d)));
    };
  }

  private static List<DriverOp.Entry> entries(Node n, NsimDevlink d) {
    List<DriverOp.Entry> out = new ArrayList<>();
    for (Node c : n.children.values()) {
      if (!c.onlyWithObjects || !d.reloadFailed()) {
        out.add(new DriverOp.Entry(c.name, c.dir, c.mode));
      }
    }
    return out;
  }
}
