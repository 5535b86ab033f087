package dev.fabric.devlink.model;

import java.util.List;
import java.util.Optional;

/** Instance-level requests: GET, INFO_GET, RELOAD, ESWITCH_*, FLASH_UPDATE. */
public sealed interface DevOp<R extends ReplyValue> extends Op<R> {

  record Get() implements DevOp<DevSnapshot> {
    @Override
    public boolean readOnly() {
      return true;
    }
  }

  record InfoGet() implements DevOp<InfoSnapshot> {
    @Override
    public boolean readOnly() {
      return true;
    }
  }

  /**
   * {@code action}/{@code limit} are empty when the user gave none (then the kernel answers a bare
   * ack: {@link ReloadPerformed#reported()} false). {@code netns} is the target the user named (a
   * namespace name or a pid as text), empty for no move; the registry resolves it beside the op
   * ({@link NetnsTarget}), never inside it.
   */
  record Reload(Optional<Action> action, Optional<Limit> limit, Optional<String> netns)
      implements DevOp<ReloadPerformed> {
    public Reload {
      action = action == null ? Optional.empty() : action;
      limit = limit == null ? Optional.empty() : limit;
      netns = netns == null ? Optional.empty() : netns;
    }

    /** Nulls stand for "not given". */
    public static Reload of(Action action, Limit limit, String netns) {
      return new Reload(Optional.ofNullable(action), Optional.ofNullable(limit), Optional.ofNullable(netns));
    }
  }

  record EswitchGet() implements DevOp<EswitchSnapshot> {
    @Override
    public boolean readOnly() {
      return true;
    }
  }

  /** Empty fields were not given. */
  record EswitchSet(Optional<EswitchMode> mode, Optional<InlineMode> inlineMode, Optional<EncapMode> encapMode)
      implements DevOp<Ack> {
    public EswitchSet {
      mode = mode == null ? Optional.empty() : mode;
      inlineMode = inlineMode == null ? Optional.empty() : inlineMode;
      encapMode = encapMode == null ? Optional.empty() : encapMode;
    }

    public static EswitchSet mode(EswitchMode mode) {
      return new EswitchSet(Optional.of(mode), Optional.empty(), Optional.empty());
    }

    /** Nulls stand for "not given". */
    public static EswitchSet of(EswitchMode mode, InlineMode inlineMode, EncapMode encapMode) {
      return new EswitchSet(Optional.ofNullable(mode), Optional.ofNullable(inlineMode), Optional.ofNullable(encapMode));
    }
  }

  /** {@code overwriteMask} bit 0 settings, bit 1 identifiers; empty when not given. */
  record Flash(String file, Optional<String> component, Optional<Integer> overwriteMask) implements DevOp<Ack> {
    public Flash {
      component = component == null ? Optional.empty() : component;
      overwriteMask = overwriteMask == null ? Optional.empty() : overwriteMask;
    }

    public static Flash of(String file, String component, Integer overwriteMask) {
      return new Flash(file, Optional.ofNullable(component), Optional.ofNullable(overwriteMask));
    }
  }

  enum Action {
    DRIVER_REINIT("driver_reinit"), FW_ACTIVATE("fw_activate");

    public final String label;

    Action(String label) {
      this.label = label;
    }
  }

  enum Limit {
    NO_RESET("no_reset");

    public final String label;

    Limit(String label) {
      this.label = label;
    }
  }

  /** DEVLINK_ESWITCH_MODE_* (uapi devlink.h). */
  enum EswitchMode {
    LEGACY("legacy"), SWITCHDEV("switchdev");

    public final String label;

    EswitchMode(String label) {
      this.label = label;
    }

    /** The mode iproute2's eswitch_mode_get() accepts by this name, if any. */
    public static Optional<EswitchMode> parse(String text) {
      for (EswitchMode m : values()) {
        if (m.label.equals(text)) {
          return Optional.of(m);
        }
      }
      return Optional.empty();
    }
  }

  /** DEVLINK_ESWITCH_INLINE_MODE_* (uapi devlink.h). */
  enum InlineMode {
    NONE("none"), LINK("link"), NETWORK("network"), TRANSPORT("transport");

    public final String label;

    InlineMode(String label) {
      this.label = label;
    }

    public static Optional<InlineMode> parse(String text) {
      for (InlineMode m : values()) {
        if (m.label.equals(text)) {
          return Optional.of(m);
        }
      }
      return Optional.empty();
    }
  }

  /** DEVLINK_ESWITCH_ENCAP_MODE_* (uapi devlink.h). */
  enum EncapMode {
    NONE("none"), BASIC("basic");

    public final String label;

    EncapMode(String label) {
      this.label = label;
    }

    public static Optional<EncapMode> parse(String text) {
      for (EncapMode m : values()) {
        if (m.label.equals(text)) {
          return Optional.of(m);
        }
      }
      return Optional.empty();
    }
  }

  /**
   * Reply value of a reload: the actions performed. {@code reported} is whether the kernel sends
   * them (devlink_nl_cmd_reload: only when the request named an action or a limit; otherwise the
   * answer is a bare ack).
   */
  record ReloadPerformed(List<Action> actions, boolean reported) implements ReplyValue {
    public ReloadPerformed {
      actions = List.copyOf(actions);
    }
  }

  record EswitchSnapshot(DevHandle handle, EswitchMode mode) implements ReplyValue {}
}
