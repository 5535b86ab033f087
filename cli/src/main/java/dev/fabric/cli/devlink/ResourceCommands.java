package dev.fabric.cli.devlink;

import dev.fabric.cli.out.DlOut;
import dev.fabric.cli.out.Print;
import dev.fabric.devlink.model.DevHandle;
import dev.fabric.devlink.model.ResourceDump;
import dev.fabric.devlink.model.ResourceOp;
import dev.fabric.devlink.model.ResourceSnapshot;
import dev.fabric.devlink.model.Reply;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * `devlink resource show|set` (cmd_resource) and `devlink dpipe` (cmd_dpipe) as iproute2 6.1 runs
 * them against netdevsim, which registers resources but no dpipe tables or headers.
 *
 * <p>6.1's resource show first asks for the dpipe tables (DPIPE_TABLE_GET: an empty list for any
 * registered instance, since netdevsim has none), so a lookup error surfaces there, followed by
 * the quirk "error get tables Success" (strerror of a dpipe_ctx.err that stayed 0). Resource set
 * first dumps the tree to resolve the path into a resource id (strtok on "/", a name lookup per
 * level), then sends RESOURCE_SET; RESOURCE_SET itself emits no notification.
 */
final class ResourceCommands {
  private ResourceCommands() {}

  static final String HELP = "Usage: devlink resource show DEV\n"
      + "       devlink resource set DEV path PATH size SIZE\n";

  static final String DPIPE_HELP = "Usage: devlink dpipe table show DEV [ name TABLE_NAME ]\n"
      + "       devlink dpipe table set DEV name TABLE_NAME\n"
      + "                               [ counters_enabled { true | false } ]\n"
      + "       devlink dpipe table dump DEV name TABLE_NAME\n"
      + "       devlink dpipe header show DEV\n";

  /** cmd_resource. */
  static int run(Dl dl, DlArgs a) throws DlError {
    if (a.match("help") || a.noArg()) {
      dl.error(HELP);
      return 0;
    } else if (a.match("show")) {
      a.inc();
      return show(dl, a);
    } else if (a.match("set")) {
      a.inc();
      return set(dl, a);
    }
    throw new DlError("Command \"" + a.argv() + "\" not found\n");
  }

  /** cmd_resource_show (6.1): DPIPE_TABLE_GET, then RESOURCE_DUMP of one instance. */
  private static int show(Dl dl, DlArgs a) throws DlError {
    Opts o = Opts.parse(a, EnumSet.of(Opts.Opt.HANDLE), EnumSet.noneOf(Opts.Opt.class), dl);
    Reply<ResourceDump> r = dl.callQuiet(o.dev, new ResourceOp.Dump());
    if (r instanceof Reply.Err<ResourceDump> e) {
      // The lookup error comes from the dpipe table request, which precedes the dump.
      dl.kernelError(e);
      dl.error("error get tables Success\n");
      return 1;
    }
    ResourceDump dump = r.orElseThrow();
    dl.out.prOutSectionStart("resources");
    printResources(dl.out, dump, dl.verbose);
    dl.out.prOutSectionEnd();
    return 0;
  }

  /** resources_show: one per-handle array entry per top-level resource. */
  static void printResources(DlOut o, ResourceDump dump, boolean verbose) {
    boolean pending = dump.pendingChange();
    for (ResourceSnapshot r : dump.resources()) {
      o.prOutHandleStartArr(dump.dev().bus(), dump.dev().name());
      resource(o, dump, r, pending, verbose);
      o.prOutHandleEnd();
    }
  }

  /** resource_show. */
  private static void resource(DlOut o, ResourceDump dump, ResourceSnapshot r, boolean pending, boolean verbose) {
    o.checkIndentNewline();
    o.printString(Print.ANY, "name", "name %s", r.name());
    if (verbose) {
      String path = path(dump, r.id());
      if (path != null) {
        o.checkIndentNewline();
        o.printString(Print.ANY, "resource_path", "resource_path %s", path);
      }
    }
    o.prOutU64("size", r.size());
    if (r.size() != r.sizeNew()) {
      o.prOutU64("size_new", r.sizeNew());
    }
    if (r.occ() != null) {
      o.printUint(Print.ANY, "occ", " occ %u", r.occ() & 0xFFFF_FFFFL);
    }
    o.printString(Print.ANY, "unit", " unit %s", r.unit());
    if (r.sizeMin() != r.sizeMax()) {
      o.printUint(Print.ANY, "size_min", " size_min %u", r.sizeMin() & 0xFFFF_FFFFL);
      o.prOutU64("size_max", r.sizeMax());
      o.printUint(Print.ANY, "size_gran", " size_gran %u", r.sizeGran() & 0xFFFF_FFFFL);
    }
    // netdevsim registers no dpipe table, so no resource has any.
    o.printString(Print.ANY, "dpipe_tables", " dpipe_tables none", "none");
    if (r.children().isEmpty()) {
      return;
    }
    if (pending) {
      o.printString(Print.ANY, "size_valid", " size_valid %s", r.sizeValid() ? "true" : "false");
    }
    o.prOutArrayStart("resources");
    for (ResourceSnapshot c : r.children()) {
      o.prOutEntryStart();
      resource(o, dump, c, pending, verbose);
      o.prOutEntryEnd();
    }
    o.prOutArrayEnd();
  }

  /** resource_path_print's path: "/" + the names from the top down to the resource. */
  static String path(ResourceDump dump, long id) {
    List<String> names = new ArrayList<>();
    if (!findPath(dump.resources(), id, names)) {
      return null;
    }
    StringBuilder b = new StringBuilder();
    for (String n : names) {
      b.append('/').append(n);
    }
    return b.toString();
  }

  private static boolean findPath(List<ResourceSnapshot> list, long id, List<String> names) {
    for (ResourceSnapshot r : list) {
      names.add(r.name());
      if (r.id() == id || findPath(r.children(), id, names)) {
        return true;
      }
      names.remove(names.size() - 1);
    }
    return false;
  }

  /** cmd_resource_set: RESOURCE_DUMP, resource_path_parse, RESOURCE_SET. */
  private static int set(Dl dl, DlArgs a) throws DlError {
    Opts o = Opts.parse(a, EnumSet.of(Opts.Opt.HANDLE, Opts.Opt.RESOURCE_PATH, Opts.Opt.RESOURCE_SIZE),
        EnumSet.noneOf(Opts.Opt.class), dl);
    Reply<ResourceDump> r = dl.call(o.dev, new ResourceOp.Dump());
    if (!(r instanceof Reply.Ok<ResourceDump> ok)) {
      dl.error("error getting resources Success\n");
      return 1;
    }
    Long id = resolvePath(ok.value(), o.resourcePath);
    if (id == null) {
      dl.error("error parsing resource path Invalid argument\n");
      return 1;
    }
    return dl.call(o.dev, new ResourceOp.Set(id, o.resourceSize)).isOk() ? 0 : 1;
  }

  /**
   * resource_path_parse: strtok(path, "/") and a by-name lookup per level (first match wins).
   * Empty tokens are skipped, so "IPv4/fib" and "//IPv4//fib" work; a path with no token gives
   * id 0, which the kernel then refuses. Null when some name is not found.
   */
  static Long resolvePath(ResourceDump dump, String path) {
    List<ResourceSnapshot> level = dump.resources();
    long id = 0;
    for (String name : path.split("/")) {
      if (name.isEmpty()) {
        continue;
      }
      ResourceSnapshot found = null;
      for (ResourceSnapshot r : level) {
        if (r.name().equals(name)) {
          found = r;
          break;
        }
      }
      if (found == null) {
        return null;
      }
      level = found.children();
      id = found.id();
    }
    return id;
  }

  // ------------------------------------------------------------------ dpipe

  /** cmd_dpipe. */
  static int dpipe(Dl dl, DlArgs a) throws DlError {
    if (a.match("help") || a.noArg()) {
      dl.error(DPIPE_HELP);
      return 0;
    } else if (a.match("header")) {
      a.inc();
      if (a.match("help") || a.noArg()) {
        dl.error(DPIPE_HELP);
        return 0;
      } else if (a.match("show")) {
        a.inc();
        return dpipeHeaderShow(dl, a);
      }
    } else if (a.match("table")) {
      a.inc();
      if (a.match("help") || a.noArg()) {
        dl.error(DPIPE_HELP);
        return 0;
      } else if (a.match("show")) {
        a.inc();
        Opts o = Opts.parse(a, EnumSet.of(Opts.Opt.HANDLE), EnumSet.of(Opts.Opt.DPIPE_TABLE_NAME), dl);
        return headersError(dl, o.dev);
      } else if (a.match("set")) {
        a.inc();
        Opts o = Opts.parse(a, EnumSet.of(Opts.Opt.HANDLE, Opts.Opt.DPIPE_TABLE_NAME, Opts.Opt.DPIPE_TABLE_COUNTERS),
            EnumSet.noneOf(Opts.Opt.class), dl);
        return tableCountersSet(dl, o.dev);
      } else if (a.match("dump")) {
        a.inc();
        Opts o = Opts.parse(a, EnumSet.of(Opts.Opt.HANDLE, Opts.Opt.DPIPE_TABLE_NAME), EnumSet.noneOf(Opts.Opt.class), dl);
        return headersError(dl, o.dev);
      }
    }
    throw new DlError("Command \"" + a.argv() + "\" not found\n");
  }

  /** cmd_dpipe_headers_show: the "header" section around the failing DPIPE_HEADERS_GET. */
  private static int dpipeHeaderShow(Dl dl, DlArgs a) throws DlError {
    Opts o = Opts.parse(a, EnumSet.of(Opts.Opt.HANDLE), EnumSet.noneOf(Opts.Opt.class), dl);
    dl.out.prOutSectionStart("header");
    headersGet(dl, o.dev);
    dl.out.prOutSectionEnd();
    return 1;
  }

  private static int headersError(Dl dl, DevHandle dev) {
    headersGet(dl, dev);
    return 1;
  }

  /**
   * DPIPE_HEADERS_GET: netdevsim registers no dpipe headers, so a registered instance answers
   * EOPNOTSUPP; an unknown one fails the devlink lookup first. Then iproute2's "error get headers"
   * with the never-set ctx.err.
   */
  private static void headersGet(Dl dl, DevHandle dev) {
    Reply r = dl.callQuiet(dev, new ResourceOp.Dump());
    if (r instanceof Reply.Err e) {
      dl.kernelError(e);
    } else {
      dl.error("kernel answers: Operation not supported\n");
    }
    dl.error("error get headers Success\n");
  }

  /** DPIPE_TABLE_COUNTERS_SET: no table of that name exists (EINVAL), unless the lookup fails. */
  private static int tableCountersSet(Dl dl, DevHandle dev) {
    Reply r = dl.callQuiet(dev, new ResourceOp.Dump());
    if (r instanceof Reply.Err e) {
      dl.kernelError(e);
    } else {
      dl.error("kernel answers: Invalid argument\n");
    }
    return 1;
  }
}
