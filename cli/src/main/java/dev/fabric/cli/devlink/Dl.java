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
import dev.fabric.devlink.model.ReplyValue;
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
  public <R extends ReplyValue> Reply<R> call(DevHandle dev, Op<R> op) {
    Reply<R> r = fabric.requestSync(netns, dev, op);
    if (r instanceof Reply.Err<R> e) {
      kernelError(e);
    } else if (r instanceof Reply.Ok<R> ok && ok.warning().isPresent()) {
      extack("Warning", ok.warning().get());
    }
    return r;
  }

  /** A request whose error the caller handles itself. */
  public <R extends ReplyValue> Reply<R> callQuiet(DevHandle dev, Op<R> op) {
    return fabric.requestSync(netns, dev, op);
  }

  /** The registered instances of this namespace, in dump (index) order. */
  public List<DevHandle> instances() {
    return fabric.listSync(netns);
  }

  /** The values of a dump, in instance order, and whether an error (printed) ended it early. */
  public record Dumped<R>(List<R> values, boolean failed) {}

  /**
   * A dump: the request on every instance, in order. Instances that vanish in between (ENODEV)
   * are skipped as the kernel's dump skips them; another error ends the dump.
   */
  public <R extends ReplyValue> Dumped<R> dump(Op<R> op) {
    List<R> values = new ArrayList<>();
    for (DevHandle h : instances()) {
      Reply<R> r = fabric.requestSync(netns, h, op);
      if (r instanceof Reply.Ok<R> ok) {
        values.add(ok.value());
      } else if (r instanceof Reply.Err<R> e && e.errno() != Errno.ENODEV) {
        kernelError(e);
        return new Dumped<>(values, true);
      }
    }
    return new Dumped<>(values, false);
  }

  /** Each element of each instance's list record, in order: a dump of objects below the instance. */
  public <R extends ReplyValue, E> Dumped<E> dumpEach(Op<R> op, java.util.function.Function<R, List<E>> items) {
    Dumped<R> d = dump(op);
    List<E> all = new ArrayList<>();
    d.values().forEach(v -> all.addAll(items.apply(v)));
    return new Dumped<>(all, d.failed());
  }

  /**
   * The common shape of a show command: with no arguments a dump of every instance of the
   * namespace, else one doit for the handle the arguments name; each value (or each element of a
   * list value) goes to {@code print}, all inside the JSON section {@code section}.
   */
  public <D extends ReplyValue, E extends ReplyValue> int show(String section, DlArgs a, Op<D> dumpOp,
      java.util.function.Function<D, List<E>> items, java.util.Set<Opts.Opt> required,
      java.util.function.Function<Opts, Op<E>> oneOp, java.util.function.Consumer<E> print) throws DlError {
    if (a.noArg()) {
      out.prOutSectionStart(section);
      Dumped<E> d = dumpEach(dumpOp, items);
      d.values().forEach(print);
      out.prOutSectionEnd();
      return d.failed() ? 1 : 0;
    }
    Opts o = Opts.parse(a, required, java.util.EnumSet.noneOf(Opts.Opt.class), this);
    out.prOutSectionStart(section);
    Reply<E> r = call(o.dev, oneOp.apply(o));
    if (r instanceof Reply.Ok<E> ok) {
      print.accept(ok.value());
    }
    out.prOutSectionEnd();
    return r.isOk() ? 0 : 1;
  }

  /**
   * A doit netdevsim has no op for: pre_doit's lookups first (the instance, and the port when the
   * command needs one: ENODEV when gone), then the errno (and extack) the kernel's doit answers.
   */
  public int unsupported(DevHandle dev, Long port, Errno errno, String extack) {
    Reply<?> r = port == null ? fabric.requestSync(netns, dev, new dev.fabric.devlink.model.DevOp.Get())
        : fabric.requestSync(netns, dev, new PortOp.Get(port));
    kernelError(r instanceof Reply.Err<?> e ? e : Reply.err(errno, extack));
    return 1;
  }

  public void kernelError(Reply.Err<?> e) {
    e.extack().ifPresent(text -> extack("Error", text));
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
      Reply<PortOp.PortList> r = fabric.requestSync(netns, h, new PortOp.Dump());
      if (r instanceof Reply.Ok<PortOp.PortList> ok) {
        for (PortState p : ok.value().ports()) {
          if (ifname.equals(p.netdev())) {
            return p.handle();
          }
        }
      }
    }
    return null;
  }
}
