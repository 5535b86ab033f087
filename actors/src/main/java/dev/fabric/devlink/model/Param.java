package dev.fabric.devlink.model;

import java.util.Map;

/**
 * A devlink param as PARAM_GET reports it: values per supported configuration mode, in cmode order.
 */
public record Param(DevHandle dev, String name, boolean generic, Type type, Map<Cmode, ParamValue> values)
    implements ReplyValue, Notification.Payload {

  public enum Type {
    U8("u8"), U16("u16"), U32("u32"), U64("u64"), STRING("string"), BOOL("flag");

    public final String label;

    Type(String label) {
      this.label = label;
    }
  }

  public enum Cmode {
    RUNTIME("runtime"), DRIVERINIT("driverinit"), PERMANENT("permanent");

    public final String label;

    Cmode(String label) {
      this.label = label;
    }
  }
}
