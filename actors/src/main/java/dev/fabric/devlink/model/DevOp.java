package dev.fabric.devlink.model;

/** Instance-level requests: GET, INFO_GET, RELOAD, ESWITCH_*, FLASH_UPDATE. */
public sealed interface DevOp extends Op {

  record Get() implements DevOp {
    @Override
    public boolean readOnly() {
      return true;
    }
  }

  record InfoGet() implements DevOp {
    @Override
    public boolean readOnly() {
      return true;
    }
  }

  /**
   * {@code action}/{@code limit} are null when the user gave none (then the reply is a bare ack).
   * {@code netns} is a namespace name, a pid as text, or null for no move.
   */
  record Reload(Action action, Limit limit, String netns) implements DevOp {}

  record EswitchGet() implements DevOp {
    @Override
    public boolean readOnly() {
      return true;
    }
  }

  /** Null fields were not given. */
  record EswitchSet(String mode, String inlineMode, String encapMode) implements DevOp {}

  /** {@code overwriteMask} bit 0 settings, bit 1 identifiers; null when not given. */
  record Flash(String file, String component, Integer overwriteMask) implements DevOp {}

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

  /** Reply value of a reload that named an action or limit. */
  record ReloadPerformed(java.util.List<Action> actions) {}

  record EswitchSnapshot(DevHandle handle, String mode) {}
}
