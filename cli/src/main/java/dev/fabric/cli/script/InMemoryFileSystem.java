package dev.fabric.cli.script;

import dev.fabric.devlink.model.Errno;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small in-memory tree of directories, files and symlinks, for tests and as a base for
 * sysfs/debugfs views. Files have either stored content or a {@link Handler}. Paths are
 * resolved physically ("..", symlinks), relative paths from "/". The caller is root: mode bits
 * are shown but not enforced.
 */
public class InMemoryFileSystem implements FileSystem {

  /** Behaviour of a special file (a sysfs/debugfs attribute). */
  public interface Handler {
    byte[] read() throws FsException;

    void write(byte[] data) throws FsException;
  }

  /** Node metadata; public fields so tests and backends can tune what `ls -l` shows. */
  public abstract static class Node {
    public int mode;
    public Integer nlink;
    public String owner = "root";
    public String group = "root";
    public Long size;
    public long mtime;
    public long blocks;
    Dir parent;
  }

  public static final class Dir extends Node {
    final Map<String, Node> children = new LinkedHashMap<>();
    /** Whether open(O_CREAT) may add new files here (sysfs/debugfs: no, EACCES). */
    public boolean creatable = true;
  }

  public static final class File extends Node {
    public byte[] content = new byte[0];
    public Handler handler;
  }

  public static final class Link extends Node {
    public String target;
  }

  private final Dir root = new Dir();
  private long defaultMtime;

  public InMemoryFileSystem() {
    root.mode = 0755;
    root.parent = root;
  }

  /** mtime given to nodes created from now on. */
  public InMemoryFileSystem defaultMtime(long epochSeconds) {
    this.defaultMtime = epochSeconds;
    return this;
  }

  // ------------------------------------------------------------ building

  public synchronized Dir mkdirs(String path) {
    Dir d = root;
    for (String part : split(path)) {
      Node n = d.children.get(part);
      if (n == null) {
        Dir nd = new Dir();
        nd.mode = 0755;
        nd.mtime = defaultMtime;
        nd.parent = d;
        d.children.put(part, nd);
        n = nd;
      }
      if (!(n instanceof Dir)) throw new IllegalArgumentException("not a directory: " + path);
      d = (Dir) n;
    }
    return d;
  }

  public synchronized File file(String path, String content) {
    File f = put(path, new File());
    f.mode = 0644;
    f.content = content.getBytes(StandardCharsets.UTF_8);
    return f;
  }

  public synchronized File file(String path, Handler handler) {
    File f = put(path, new File());
    f.mode = 0644;
    f.handler = handler;
    return f;
  }

  public synchronized Link symlink(String path, String target) {
    Link l = put(path, new Link());
    l.mode = 0777;
    l.target = target;
    return l;
  }

  public synchronized boolean remove(String path) {
    List<String> parts = split(path);
    if (parts.isEmpty()) return false;
    Dir d = mkdirsIfExists(parts.subList(0, parts.size() - 1));
    return d != null && d.children.remove(parts.get(parts.size() - 1)) != null;
  }

  /** The node at path without following a final symlink, or null. */
  public synchronized Node node(String path) {
    try {
      return resolve(path, false, 0);
    } catch (FsException e) {
      return null;
    }
  }

  /** Stored content of a plain file as text (for assertions). */
  public synchronized String content(String path) {
    Node n = node(path);
    return n instanceof File f ? new String(f.content, StandardCharsets.UTF_8) : null;
  }

  private <T extends Node> T put(String path, T node) {
    List<String> parts = split(path);
    if (parts.isEmpty()) throw new IllegalArgumentException("cannot replace /");
    Dir d = mkdirs("/" + String.join("/", parts.subList(0, parts.size() - 1)));
    node.parent = d;
    node.mtime = defaultMtime;
    d.children.put(parts.get(parts.size() - 1), node);
    return node;
  }

  private Dir mkdirsIfExists(List<String> parts) {
    Dir d = root;
    for (String p : parts) {
      Node n = d.children.get(p);
      if (!(n instanceof Dir)) return null;
      d = (Dir) n;
    }
    return d;
  }

  private static List<String> split(String path) {
    List<String> out = new ArrayList<>();
    for (String s : path.split("/")) if (!s.isEmpty()) out.add(s);
    return out;
  }

  // ------------------------------------------------------------ resolution

  private Node resolve(String path, boolean followLast, int depth) throws FsException {
    return walk(root, split(path), followLast, depth);
  }

  private Node walk(Dir start, List<String> parts, boolean followLast, int depth) throws FsException {
    if (depth > 40) throw FsException.open(Errno.ELOOP.code);
    Node cur = start;
    for (int i = 0; i < parts.size(); i++) {
      String p = parts.get(i);
      if (!(cur instanceof Dir d)) throw FsException.open(Errno.ENOTDIR.code);
      Node next;
      if (p.equals(".")) next = d;
      else if (p.equals("..")) next = d.parent;
      else next = d.children.get(p);
      if (next == null) throw FsException.open(Errno.ENOENT.code);
      boolean last = i == parts.size() - 1;
      if (next instanceof Link l && (!last || followLast)) {
        Dir base = l.target.startsWith("/") ? root : d;
        next = walk(base, split(l.target), true, depth + 1);
      }
      cur = next;
    }
    return cur;
  }

  private static Stat statOf(Node n) {
    Type t = n instanceof Dir ? Type.DIR : n instanceof Link ? Type.SYMLINK : Type.FILE;
    int nlink;
    if (n.nlink != null) {
      nlink = n.nlink;
    } else if (n instanceof Dir d) {
      nlink = 2 + (int) d.children.values().stream().filter(c -> c instanceof Dir).count();
    } else {
      nlink = 1;
    }
    long size;
    if (n.size != null) size = n.size;
    else if (n instanceof File f) size = f.handler == null ? f.content.length : 0;
    else if (n instanceof Link l) size = l.target.getBytes(StandardCharsets.UTF_8).length;
    else size = 0;
    return new Stat(t, n.mode, nlink, n.owner, n.group, size, n.mtime, n.blocks,
        n instanceof Link l ? l.target : null);
  }

  // ------------------------------------------------------------ FileSystem

  @Override
  public synchronized Stat stat(String path, boolean follow) throws FsException {
    return statOf(resolve(path, follow, 0));
  }

  @Override
  public synchronized List<String> list(String dir) throws FsException {
    Node n = resolve(dir, true, 0);
    if (!(n instanceof Dir d)) throw FsException.open(Errno.ENOTDIR.code);
    return new ArrayList<>(d.children.keySet());
  }

  @Override
  public byte[] read(String path) throws FsException {
    Node n;
    synchronized (this) {
      n = resolve(path, true, 0);
    }
    if (n instanceof Dir) throw FsException.io(Errno.EISDIR.code);
    File f = (File) n;
    if (f.handler != null) return f.handler.read();
    synchronized (this) {
      return f.content.clone();
    }
  }

  @Override
  public void write(String path, byte[] data) throws FsException {
    Node n;
    synchronized (this) {
      try {
        n = resolve(path, true, 0);
      } catch (FsException e) {
        if (e.errno() != Errno.ENOENT.code) throw e;
        List<String> parts = split(path);
        if (parts.isEmpty()) throw e;
        Node parent = resolve("/" + String.join("/", parts.subList(0, parts.size() - 1)), true, 0);
        if (!(parent instanceof Dir pd)) throw FsException.open(Errno.ENOTDIR.code);
        String name = parts.get(parts.size() - 1);
        if (name.equals(".") || name.equals("..")) throw FsException.open(Errno.EISDIR.code);
        if (!pd.creatable) throw FsException.open(Errno.EACCES.code);
        File f = new File();
        f.mode = 0644;
        f.mtime = defaultMtime;
        f.parent = pd;
        pd.children.put(name, f);
        n = f;
      }
    }
    if (n instanceof Dir) throw FsException.open(Errno.EISDIR.code);
    File f = (File) n;
    if (f.handler != null) {
      if (data.length > 0) f.handler.write(data.clone());
      return;
    }
    synchronized (this) {
      f.content = data.clone(); // O_TRUNC + write
    }
  }
}
