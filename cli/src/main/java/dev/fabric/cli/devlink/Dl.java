package dev.fabric.cli.devlink;

import dev.fabric.cli.out.DlOut;
import dev.fabric.devlink.client.Fabric;
import dev.fabric.devlink.model.DevHandle;
import dev.fabric.devlink.model.Errno;
import dev.fabric.devlink.model.Op;
import dev.fabric.devlink.model.PortHandle;
import dev.fabric.devlink.model.PortOp;
import dev.fabric.devlink.model.PortState;
import dev.fabric.devlink.model.Reply;
import java.util.ArrayList;
import java.util.List;

/**
 * One run of the devlink tool: its options, its output (stdout through {@link DlOut}, stderr as
 * text) and its netlink socket, which here is the fabric client in the caller's namespace.
 */
public final class Dl implements Opts.Context {
  public final Fabric fabric;
  public final String netns;
  public final DlOut out;
  public final StringBuilder err = new StringBuilder();
  public final boolean json;
  public final boolean pretty;
  public final boolean stats;
  public final boolean verbose;
  public final boolean noNiceNames;
  /** -i: print_rate with IEC units (port function rate show). */
  public final boolean useIec;
  /** -x: fmsg numbers as %#x (health diagnose and dump). */
  public final boolean hex;
  /** Where stdout goes while the tool runs (a terminal showing flash progress), or null: at the end. */
  java.util.function.Consumer<String> live;

  Dl(Fabric fabric, String netns, boolean json, boolean pretty, boolean stats, boolean verbose, boolean noNiceNames,
      boolean useIec, boolean hex) {
    this.useIec = useIec;
    this.hex = hex;
    this.fabric = fabric;
    this.netns = netns;
    this.json = json;
    this.pretty = pretty;
    this.stats = stats;
    this.verbose = verbose;
    this.noNiceNames = noNiceNames;
    this.out = new DlOut(json, pretty);
  }

  /** Writes what stdout holds so far to the live stream (fflush(stdout)), if there is one. */
  void flushLive() {
    if (live != null) {
      live.accept(out.takeNew());
    }
  }

  /** A doit request; kernel errors are printed as iproute2 prints them. */
  public Reply call(DevHandle dev, Op op) {
    Reply r = fabric.requestSync(netns, dev, op);
    if (r instanceof Reply.Err e) {
      kernelError(e);
    } else if (r instanceof Reply.Ok ok && ok.warning() != null) {
      extack("Warning", ok.warning());
    }
    return r;
  }

  /** A request whose error the caller handles itself. */
  public Reply callQuiet(DevHandle dev, Op op) {
    return fabric.requestSync(netns, dev, op);
  }

  /** The registered instances of this namespace, in dump (index) order. */
  public List<DevHandle> instances() {
    return fabric.listSync(netns);
  }

  /**
   * A dump: the request on every instance, in order. Instances that vanish in between (ENODEV)
   * are skipped as the kernel's dump skips them; another error ends the dump.
   */
  public List<Object> dump(Op op) {
    List<Object> values = new ArrayList<>();
    for (DevHandle h : instances()) {
      Reply r = fabric.requestSync(netns, h, op);
      if (r instanceof Reply.Ok ok) {
        values.add(ok.value());
      } else if (r instanceof Reply.Err e && e.errno() != Errno.ENODEV) {
        kernelError(e);
        values.add(e);
        return values;
      }
    }
    return values;
  }

  /**
   * The common shape of a show command: with no arguments a dump of every instance of the
   * namespace, else one doit for the handle the arguments name; each value (or each element of a
   * list value) goes to {@code print}, all inside the JSON section {@code section}.
   */
  public int show(String section, DlArgs a, Op dumpOp, java.util.Set<Opts.Opt> required,
      java.util.function.Function<Opts, Op> oneOp, java.util.function.Consumer<Object> print) throws DlError {
    if (a.noArg()) {
      out.prOutSectionStart(section);
      int rc = 0;
      for (Object v : dump(dumpOp)) {
        if (v instanceof Reply.Err) {
          rc = 1;
        } else {
          each(v, print);
        }
      }
      out.prOutSectionEnd();
      return rc;
    }
    Opts o = Opts.parse(a, required, java.util.EnumSet.noneOf(Opts.Opt.class), this);
    out.prOutSectionStart(section);
    Reply r = call(o.dev, oneOp.apply(o));
    if (r instanceof Reply.Ok ok) {
      each(ok.value(), print);
    }
    out.prOutSectionEnd();
    return r.isOk() ? 0 : 1;
  }

  private static void each(Object v, java.util.function.Consumer<Object> print) {
    if (v instanceof List<?> list) {
      list.forEach(print);
    } else {
      print.accept(v);
    }
  }

  /**
   * A doit netdevsim has no op for: pre_doit's lookups first (the instance, and the port when the
   * command needs one: ENODEV when gone), then the errno (and extack) the kernel's doit answers.
   */
  public int unsupported(DevHandle dev, Long port, Errno errno, String extack) {
    Reply r = fabric.requestSync(netns, dev, port == null ? new dev.fabric.devlink.model.DevOp.Get() : new PortOp.Get(port));
    if (r instanceof Reply.Err e) {
      kernelError(e);
    } else {
      kernelError((Reply.Err) Reply.err(errno, extack));
    }
    return 1;
  }

  public void kernelError(Reply.Err e) {
    if (e.extack() != null) {
      extack("Error", e.extack());
    }
    err.append("kernel answers: ").append(e.errno().strerror).append('\n');
  }

  void extack(String kind, String msg) {
    err.append(kind).append(": ").append(msg);
    if (!msg.endsWith(".")) {
      err.append('.');
    }
    err.append('\n');
  }

  public void error(String text) {
    err.append(text);
  }

  @Override
  public boolean netnsExists(String name) {
    return fabric.netnsListSync().contains(name);
  }

  /** iproute2's ifname map: a port dump of this namespace, looked up by netdev name. */
  @Override
  public PortHandle resolveIfname(String ifname) {
    for (DevHandle h : instances()) {
      Reply r = fabric.requestSync(netns, h, new PortOp.Dump());
      if (r instanceof Reply.Ok ok && ok.value() instanceof List<?> ports) {
        for (Object o : ports) {
          PortState p = (PortState) o;
          if (ifname.equals(p.netdev())) {
            return p.handle();
          }
        }
      }
    }
    return null;
  }
}
