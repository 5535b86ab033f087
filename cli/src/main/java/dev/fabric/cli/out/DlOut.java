package dev.fabric.cli.out;

import java.util.Objects;

/**
 * The output layer of iproute2's devlink tool (devlink/devlink.c print helpers on top of
 * lib/json_print.c), for one devlink process run. All output goes to an in-memory stdout.
 *
 * <p>Lifecycle, as in devlink's main(): construct right after option parsing (dl_init, which
 * calls new_json_obj_plain: in JSON mode the writer exists from the start, pretty if -p), run
 * the command, then call {@link #finish()} (dl_fini / delete_json_obj_plain). In JSON mode
 * finish() appends the final "\n" even if the command printed nothing or failed, so a failing
 * {@code devlink -j ...} prints exactly "\n". Errors found while parsing the options (before
 * dl_init) print nothing on stdout: do not call finish() in that case.
 *
 * <p>Text-mode indentation is the global state of devlink.c: {@code g_new_line_count},
 * {@code g_indent_level}/{@code g_indent_str} and {@code g_indent_newline}. Only {@link #prOut}
 * prints the pending indentation; the json_print style helpers ({@link #printString} etc.)
 * do not, which is why devlink calls {@link #checkIndentNewline()} before the first field of
 * a line.
 */
public final class DlOut {

  private static final int INDENT_STR_STEP = 2;
  private static final int INDENT_STR_MAXLEN = 32;

  private final StringBuilder out = new StringBuilder();
  private final boolean jsonOutput;
  private final boolean pretty;
  private JsonWriter jw;
  private int taken;
  private boolean stdoutIsTty;

  private int gNewLineCount;
  private int gIndentLevel;
  private boolean gIndentNewline;

  private boolean arrLastPresent;
  private String arrLastBusName;
  private String arrLastDevName;
  private long arrLastPortIndex;

  private long regionAlignVal;

  /**
   * dl_init for {@code devlink [-j] [-p]}: json = -j given, pretty = -p given (ignored in
   * text mode).
   */
  public DlOut(boolean json, boolean pretty) {
    this.jsonOutput = json;
    this.pretty = pretty;
    if (json) {
      jw = new JsonWriter(out);
      if (pretty) {
        jw.pretty(true);
      }
    }
  }

  /** A text-mode instance. */
  public static DlOut text() {
    return new DlOut(false, false);
  }

  /** A JSON-mode instance ({@code -j}, plus {@code -p} if pretty). */
  public static DlOut json(boolean pretty) {
    return new DlOut(true, pretty);
  }

  /* ------------------------------------------------------------------ */
  /* process-level output                                                 */
  /* ------------------------------------------------------------------ */

  /** dl->json_output. */
  public boolean jsonOutput() {
    return jsonOutput;
  }

  /** The -p flag (iproute2's global {@code pretty}). */
  public boolean pretty() {
    return pretty;
  }

  /** is_json_context(): true while the JSON writer exists (JSON mode, before finish()). */
  public boolean isJsonContext() {
    return jw != null;
  }

  /** get_json_writer(): the underlying writer, or null in text mode / after finish(). */
  public JsonWriter jsonWriter() {
    return jw;
  }

  /** Everything written to stdout so far. */
  public String output() {
    return out.toString();
  }

  /** The stdout text written since the previous call (for streaming, e.g. monitor). */
  public String takeNew() {
    String s = out.substring(taken);
    taken = out.length();
    return s;
  }

  /**
   * dl_fini: delete_json_obj_plain (JSON mode: jsonw_destroy prints "\n"; throws
   * IllegalStateException if a JSON object/array is still open, where iproute2 would abort
   * on an assertion). Returns the full stdout text. Calling it again is harmless.
   */
  public String finish() {
    if (jw != null) {
      JsonWriter w = jw;
      w.destroy();
      jw = null;
    }
    return out.toString();
  }

  /** Whether {@link #prOutTty} prints (isatty(STDOUT_FILENO)); false by default. */
  public void setStdoutIsTty(boolean tty) {
    this.stdoutIsTty = tty;
  }

  /** Raw printf to stdout, bypassing all indentation state (plain printf in devlink.c). */
  public int printf(String fmt, Object... args) {
    String s = CFormat.format(fmt, args);
    out.append(s);
    return CFormat.byteLength(s);
  }

  /** Raw text to stdout (fputs). */
  public void puts(String s) {
    out.append(s);
  }

  /* ------------------------------------------------------------------ */
  /* devlink.c indentation state                                          */
  /* ------------------------------------------------------------------ */

  public int gNewLineCount() {
    return gNewLineCount;
  }

  /** Set g_new_line_count (devlink sets it to 1 before reload_actions_performed). */
  public void setGNewLineCount(int count) {
    this.gNewLineCount = count;
  }

  public boolean gIndentNewline() {
    return gIndentNewline;
  }

  public void setGIndentNewline(boolean v) {
    this.gIndentNewline = v;
  }

  public int gIndentLevel() {
    return gIndentLevel;
  }

  /** g_indent_str: gIndentLevel spaces. */
  public String gIndentStr() {
    return " ".repeat(gIndentLevel);
  }

  /** pr_out: pending indentation (if g_indent_newline), then printf; resets g_new_line_count. */
  public void prOut(String fmt, Object... args) {
    if (gIndentNewline) {
      out.append(gIndentStr());
      gIndentNewline = false;
    }
    out.append(CFormat.format(fmt, args));
    gNewLineCount = 0;
  }

  /**
   * pr_out_sp: printf, then pad with spaces to {@code num} characters. Does not print the
   * pending indentation. Resets g_new_line_count.
   */
  public void prOutSp(int num, String fmt, Object... args) {
    String s = CFormat.format(fmt, args);
    out.append(s);
    int ret = CFormat.byteLength(s);
    if (ret < num) {
      out.append(" ".repeat(num - ret));
    }
    gNewLineCount = 0;
  }

  /** pr_out_tty: printf only when stdout is a terminal (see {@link #setStdoutIsTty}). */
  public void prOutTty(String fmt, Object... args) {
    if (!stdoutIsTty) {
      return;
    }
    out.append(CFormat.format(fmt, args));
  }

  /** __pr_out_indent_inc: two more spaces of indentation (max 32). */
  public void prOutIndentInc() {
    if (gIndentLevel + INDENT_STR_STEP > INDENT_STR_MAXLEN) {
      return;
    }
    gIndentLevel += INDENT_STR_STEP;
  }

  /** __pr_out_indent_dec: two spaces less (never below 0). */
  public void prOutIndentDec() {
    if (gIndentLevel - INDENT_STR_STEP < 0) {
      return;
    }
    gIndentLevel -= INDENT_STR_STEP;
  }

  /**
   * __pr_out_newline: prints "\n" only if nothing was printed through pr_out-family calls
   * since the last newline (g_new_line_count &lt; 1), then marks the next pr_out to indent.
   */
  public void prOutNewline() {
    if (gNewLineCount < 1) {
      prOut("\n");
      gIndentNewline = true;
    }
    gNewLineCount++;
  }

  /** __pr_out_indent_newline: in text mode, a " " separator unless at the start of a line. */
  public void prOutIndentNewline() {
    if (!gIndentNewline && !jsonOutput) {
      prOut(" ");
    }
  }

  /**
   * check_indent_newline: separator " " when mid-line, or the pending indentation when at
   * the start of a line (text mode); always resets g_new_line_count.
   */
  public void checkIndentNewline() {
    prOutIndentNewline();
    if (gIndentNewline && !isJsonContext()) {
      out.append(gIndentStr());
      gIndentNewline = false;
    }
    gNewLineCount = 0;
  }

  /* ------------------------------------------------------------------ */
  /* devlink.c value helpers                                              */
  /* ------------------------------------------------------------------ */

  /**
   * pr_out_binary_value: JSON: each byte as an int array element; text: "%02x " per byte,
   * a newline after every 16 bytes and at the end.
   */
  public void prOutBinaryValue(byte[] data) {
    int i = 0;
    int len = data.length;
    while (i < len) {
      if (jsonOutput) {
        printInt(Print.JSON, null, null, data[i] & 0xFF);
      } else {
        prOut("%02x ", data[i] & 0xFF);
      }
      i++;
      if (!jsonOutput && isBinaryEol(i)) {
        prOutNewline();
      }
    }
    if (!jsonOutput && !isBinaryEol(i)) {
      prOutNewline();
    }
  }

  private static boolean isBinaryEol(int i) {
    return i % 16 == 0;
  }

  /** pr_out_name: separator, then JSON name or text "name:". */
  public void prOutName(String name) {
    prOutIndentNewline();
    if (jsonOutput) {
      printString(Print.JSON, name, null, null);
    } else {
      prOut("%s:", name);
    }
  }

  /** pr_out_u64: separator, then "name val" / JSON u64; u64 max prints "unlimited". */
  public void prOutU64(String name, long val) {
    prOutIndentNewline();
    if (val == -1L) {
      printStringNameValue(name, "unlimited");
      return;
    }
    if (jsonOutput) {
      printU64(Print.JSON, name, null, val);
    } else {
      prOut("%s %lu", name, val);
    }
  }

  /** pr_out_section_start: JSON: "{" and "name": {. Text: nothing. */
  public void prOutSectionStart(String name) {
    if (jsonOutput) {
      openJsonObject(null);
      openJsonObject(name);
    }
  }

  /** pr_out_section_end: JSON: closes a pending per-handle array (arr_last), then both objects. */
  public void prOutSectionEnd() {
    if (jsonOutput) {
      if (arrLastPresent) {
        closeJsonArray(Print.JSON, null);
      }
      closeJsonObject();
      closeJsonObject();
    }
  }

  /** pr_out_array_start: JSON named array; text: indent, newline, "name:", indent, newline. */
  public void prOutArrayStart(String name) {
    if (jsonOutput) {
      openJsonArray(Print.JSON, name);
    } else {
      prOutIndentInc();
      prOutNewline();
      prOut("%s:", name);
      prOutIndentInc();
      prOutNewline();
    }
  }

  /** pr_out_array_end: JSON close array; text: two indent decrements. */
  public void prOutArrayEnd() {
    if (jsonOutput) {
      closeJsonArray(Print.JSON, null);
    } else {
      prOutIndentDec();
      prOutIndentDec();
    }
  }

  /** pr_out_object_start: JSON named object; text like prOutArrayStart. */
  public void prOutObjectStart(String name) {
    if (jsonOutput) {
      openJsonObject(name);
    } else {
      prOutIndentInc();
      prOutNewline();
      prOut("%s:", name);
      prOutIndentInc();
      prOutNewline();
    }
  }

  /** pr_out_object_end: JSON close object; text: two indent decrements. */
  public void prOutObjectEnd() {
    if (jsonOutput) {
      closeJsonObject();
    } else {
      prOutIndentDec();
      prOutIndentDec();
    }
  }

  /** pr_out_entry_start: JSON anonymous object; text nothing. */
  public void prOutEntryStart() {
    if (jsonOutput) {
      openJsonObject(null);
    }
  }

  /** pr_out_entry_end: JSON close object; text newline. */
  public void prOutEntryEnd() {
    if (jsonOutput) {
      closeJsonObject();
    } else {
      prOutNewline();
    }
  }

  /* ------------------------------------------------------------------ */
  /* handles and arr_last                                                 */
  /* ------------------------------------------------------------------ */

  public boolean arrLastPresent() {
    return arrLastPresent;
  }

  /** cmp_arr_last_handle. */
  public boolean cmpArrLastHandle(String bus, String dev) {
    if (!arrLastPresent) {
      return false;
    }
    return Objects.equals(arrLastBusName, bus) && Objects.equals(arrLastDevName, dev);
  }

  /** arr_last_handle_set. */
  public void arrLastHandleSet(String bus, String dev) {
    arrLastPresent = true;
    arrLastBusName = bus;
    arrLastDevName = dev;
  }

  /** should_arr_last_handle_start. */
  public boolean shouldArrLastHandleStart(String bus, String dev) {
    return !cmpArrLastHandle(bus, dev);
  }

  /** should_arr_last_handle_end. */
  public boolean shouldArrLastHandleEnd(String bus, String dev) {
    return arrLastPresent && !cmpArrLastHandle(bus, dev);
  }

  /** cmp_arr_last_port_handle. */
  public boolean cmpArrLastPortHandle(String bus, String dev, long port) {
    return cmpArrLastHandle(bus, dev) && arrLastPortIndex == (port & 0xFFFFFFFFL);
  }

  /** arr_last_port_handle_set. */
  public void arrLastPortHandleSet(String bus, String dev, long port) {
    arrLastHandleSet(bus, dev);
    arrLastPortIndex = port & 0xFFFFFFFFL;
  }

  /** should_arr_last_port_handle_start. */
  public boolean shouldArrLastPortHandleStart(String bus, String dev, long port) {
    return !cmpArrLastPortHandle(bus, dev, port);
  }

  /** should_arr_last_port_handle_end. */
  public boolean shouldArrLastPortHandleEnd(String bus, String dev, long port) {
    return arrLastPresent && !cmpArrLastPortHandle(bus, dev, port);
  }

  /**
   * __pr_out_handle_start for handle "bus/dev".
   *
   * <p>JSON: {@code array=false} opens object "bus/dev"; {@code array=true} opens (when the
   * handle differs from arr_last: closes the previous handle's array, opens array "bus/dev")
   * an anonymous object inside the per-handle array. Text: {@code array=false} prints
   * "bus/dev" plus ":" if {@code content}; {@code array=true} prints "bus/dev:" + newline and
   * indents once per new handle (and un-indents when the handle changes), printing nothing
   * for further entries of the same handle.
   */
  public void prOutHandleStart(String bus, String dev, boolean content, boolean array) {
    String buf = bus + "/" + dev;
    if (jsonOutput) {
      if (array) {
        if (shouldArrLastHandleEnd(bus, dev)) {
          closeJsonArray(Print.JSON, null);
        }
        if (shouldArrLastHandleStart(bus, dev)) {
          openJsonArray(Print.JSON, buf);
          openJsonObject(null);
          arrLastHandleSet(bus, dev);
        } else {
          openJsonObject(null);
        }
      } else {
        openJsonObject(buf);
      }
    } else {
      if (array) {
        if (shouldArrLastHandleEnd(bus, dev)) {
          prOutIndentDec();
        }
        if (shouldArrLastHandleStart(bus, dev)) {
          prOut("%s%s", buf, content ? ":" : "");
          prOutNewline();
          prOutIndentInc();
          arrLastHandleSet(bus, dev);
        }
      } else {
        prOut("%s%s", buf, content ? ":" : "");
      }
    }
  }

  /** pr_out_handle_start_arr = prOutHandleStart(bus, dev, true, true). */
  public void prOutHandleStartArr(String bus, String dev) {
    prOutHandleStart(bus, dev, true, true);
  }

  /** pr_out_handle_end: JSON close object; text newline. */
  public void prOutHandleEnd() {
    if (jsonOutput) {
      closeJsonObject();
    } else {
      prOutNewline();
    }
  }

  /** pr_out_handle: "bus/dev" (no colon) as an empty object / a line. */
  public void prOutHandle(String bus, String dev) {
    prOutHandleStart(bus, dev, false, false);
    prOutHandleEnd();
  }

  /**
   * __pr_out_port_handle_start. The handle is "bus/dev/port" (port printed with %d, as
   * iproute2 does), or {@code niceName} when it is non-null (devlink prints the netdev name
   * instead when try_nice is set, -n is not given and the ifname lookup succeeds).
   * Text always prints "handle:".
   */
  public void prOutPortHandleStartEx(String bus, String dev, long port, String niceName,
      boolean array) {
    String buf = niceName != null ? niceName
        : CFormat.format("%s/%s/%d", bus, dev, port);
    if (jsonOutput) {
      if (array) {
        if (shouldArrLastPortHandleEnd(bus, dev, port)) {
          closeJsonArray(Print.JSON, null);
        }
        if (shouldArrLastPortHandleStart(bus, dev, port)) {
          openJsonArray(Print.JSON, buf);
          openJsonObject(null);
          arrLastPortHandleSet(bus, dev, port);
        } else {
          openJsonObject(null);
        }
      } else {
        openJsonObject(buf);
      }
    } else {
      if (array) {
        if (shouldArrLastPortHandleEnd(bus, dev, port)) {
          prOutIndentDec();
        }
        if (shouldArrLastPortHandleStart(bus, dev, port)) {
          prOut("%s:", buf);
          prOutNewline();
          prOutIndentInc();
          arrLastPortHandleSet(bus, dev, port);
        }
      } else {
        prOut("%s:", buf);
      }
    }
  }

  /** pr_out_port_handle_start with try_nice=false ("bus/dev/port"). */
  public void prOutPortHandleStart(String bus, String dev, long port) {
    prOutPortHandleStartEx(bus, dev, port, null, false);
  }

  /** pr_out_port_handle_start with a resolved nice name (null = numeric handle). */
  public void prOutPortHandleStart(String bus, String dev, long port, String niceName) {
    prOutPortHandleStartEx(bus, dev, port, niceName, false);
  }

  /** pr_out_port_handle_start_arr with try_nice=false. */
  public void prOutPortHandleStartArr(String bus, String dev, long port) {
    prOutPortHandleStartEx(bus, dev, port, null, true);
  }

  /** pr_out_port_handle_start_arr with a resolved nice name (null = numeric handle). */
  public void prOutPortHandleStartArr(String bus, String dev, long port, String niceName) {
    prOutPortHandleStartEx(bus, dev, port, niceName, true);
  }

  /**
   * pr_out_port_handle_end: JSON close object; text a plain pr_out("\n"), which (unlike
   * __pr_out_newline) leaves g_indent_newline unset: after a port line the next monitor
   * header starts at column 0 whatever the indentation level (10-mon-all.txt shows it).
   */
  public void prOutPortHandleEnd() {
    if (jsonOutput) {
      closeJsonObject();
    } else {
      prOut("\n");
    }
  }

  /**
   * Handles of the form "bus/dev/name" printed as JSON object / text "bus/dev/name:"
   * (pr_out_region_handle_start, pr_out_port_rate_handle_start for rate nodes).
   */
  public void prOutNamedHandleStart(String bus, String dev, String name) {
    String buf = bus + "/" + dev + "/" + name;
    if (jsonOutput) {
      openJsonObject(buf);
    } else {
      prOut("%s:", buf);
    }
  }

  /** pr_out_region_handle_start. */
  public void prOutRegionHandleStart(String bus, String dev, String region) {
    prOutNamedHandleStart(bus, dev, region);
  }

  /**
   * pr_out_region_handle_end: JSON close object; text a plain pr_out("\n") (not
   * __pr_out_newline: g_indent_newline stays false and the newline is never suppressed).
   */
  public void prOutRegionHandleEnd() {
    if (jsonOutput) {
      closeJsonObject();
    } else {
      prOut("\n");
    }
  }

  /** pr_out_region_snapshots_start: separator, then JSON "snapshot": [ or text "snapshot [" / "snapshot ". */
  public void prOutRegionSnapshotsStart(boolean array) {
    prOutIndentNewline();
    if (jsonOutput) {
      openJsonArray(Print.JSON, "snapshot");
    } else {
      prOut("snapshot %s", array ? "[" : "");
    }
  }

  /** pr_out_region_snapshots_end: JSON close array; text "]" if array. */
  public void prOutRegionSnapshotsEnd(boolean array) {
    if (jsonOutput) {
      closeJsonArray(Print.JSON, null);
    } else if (array) {
      prOut("]");
    }
  }

  /** pr_out_region_snapshots_id: JSON array element; text "%u" with a leading " " if index != 0. */
  public void prOutRegionSnapshotsId(long snapshotId, int index) {
    if (jsonOutput) {
      printUint(Print.JSON, null, null, snapshotId);
    } else {
      prOut("%s%u", index != 0 ? " " : "", snapshotId);
    }
  }

  /**
   * pr_out_region_chunk: JSON: "address" and a "data" int array; text: 16 bytes per line,
   * each line prefixed by the 16-digit hex address (a "\n" before every line but the first of
   * the process; the alignment counter lives as long as this DlOut, like the C static).
   */
  public void prOutRegionChunk(byte[] data, long addr) {
    if (jsonOutput) {
      printU64(Print.JSON, "address", null, addr);
      openJsonArray(Print.JSON, "data");
    }
    for (byte b : data) {
      if (!jsonOutput && Long.remainderUnsigned(regionAlignVal, 16) == 0) {
        prOut("%s%016lx ", regionAlignVal != 0 ? "\n" : "", addr);
      }
      regionAlignVal++;
      if (jsonOutput) {
        printInt(Print.JSON, null, null, b & 0xFF);
      } else {
        prOut("%02x ", b & 0xFF);
      }
      addr++;
    }
    if (jsonOutput) {
      closeJsonArray(Print.JSON, null);
    }
  }

  /* ------------------------------------------------------------------ */
  /* lib/json_print.c                                                     */
  /* ------------------------------------------------------------------ */

  private boolean jsonCtx(Print t) {
    return jw != null && t.jsonCapable();
  }

  private boolean fpCtx(Print t) {
    return jw == null && t.textCapable();
  }

  private int fp(String fmt, Object... args) {
    String s = CFormat.format(fmt, args);
    out.append(s);
    return CFormat.byteLength(s);
  }

  /**
   * The body iproute2's _PRINT_FUNC macro stamps out for print_int, print_s64, print_hhu,
   * print_hu, print_uint, print_u64, print_luint, print_lluint and print_float (and that
   * print_bool/print_on_off, print_hex and print_null repeat by hand): in JSON the key, if any,
   * then the value ({@code jsonw_<type>_field} is name + {@code jsonw_<type>}); in text
   * printf(fmt, textArg), whose boxed type (Integer, Long, Double, String) CFormat formats by.
   */
  private int printValue(Print type, String key, String fmt, Object textArg, Runnable jsonValue) {
    if (jsonCtx(type)) {
      if (key != null) {
        jw.name(key);
      }
      jsonValue.run();
    } else if (fpCtx(type)) {
      return fp(fmt, textArg);
    }
    return 0;
  }

  /** open_json_object: JSON only; name null = anonymous object. */
  public void openJsonObject(String name) {
    if (jsonCtx(Print.JSON)) {
      if (name != null) {
        jw.name(name);
      }
      jw.startObject();
    }
  }

  /** close_json_object: JSON only. */
  public void closeJsonObject() {
    if (jsonCtx(Print.JSON)) {
      jw.endObject();
    }
  }

  /**
   * open_json_array: JSON: named (or anonymous) array; text (FP/ANY): prints {@code str}
   * literally ("(null)" if null, as glibc printf does).
   */
  public void openJsonArray(Print type, String str) {
    if (jsonCtx(type)) {
      if (str != null) {
        jw.name(str);
      }
      jw.startArray();
    } else if (fpCtx(type)) {
      out.append(str == null ? "(null)" : str);
    }
  }

  /** close_json_array: JSON: end array; text (FP/ANY): prints {@code str}. */
  public void closeJsonArray(Print type, String str) {
    if (jsonCtx(type)) {
      jw.endArray();
    } else if (fpCtx(type)) {
      out.append(str == null ? "(null)" : str);
    }
  }

  /**
   * print_string: JSON: key+value field; key only = just the name (a value must follow);
   * value only = array element. Text: printf(fmt, value). Returns the text byte count.
   */
  public int printString(Print type, String key, String fmt, String value) {
    if (jsonCtx(type)) {
      if (key != null && value == null) {
        jw.name(key);
      } else if (key == null && value != null) {
        jw.string(value);
      } else {
        jw.stringField(key, value);
      }
    } else if (fpCtx(type)) {
      return fp(fmt, value);
    }
    return 0;
  }

  /** print_uint (unsigned int: the low 32 bits of value are used). */
  public int printUint(Print type, String key, String fmt, long value) {
    long v = value & 0xFFFFFFFFL;
    return printValue(type, key, fmt, v, () -> jw.uint(v));
  }

  /** print_u64 (uint64_t; negative Java longs are the upper half of the range). */
  public int printU64(Print type, String key, String fmt, long value) {
    return printValue(type, key, fmt, value, () -> jw.u64(value));
  }

  /** print_luint (unsigned long). */
  public int printLuint(Print type, String key, String fmt, long value) {
    return printValue(type, key, fmt, value, () -> jw.luint(value));
  }

  /** print_lluint (unsigned long long). */
  public int printLluint(Print type, String key, String fmt, long value) {
    return printValue(type, key, fmt, value, () -> jw.lluint(value));
  }

  /** print_hu (unsigned short). */
  public int printHu(Print type, String key, String fmt, long value) {
    long v = value & 0xFFFFL;
    return printValue(type, key, fmt, v, () -> jw.hu(v));
  }

  /** print_hhu (unsigned char). */
  public int printHhu(Print type, String key, String fmt, long value) {
    long v = value & 0xFFL;
    return printValue(type, key, fmt, v, () -> jw.hhu(v));
  }

  /** print_int (int). */
  public int printInt(Print type, String key, String fmt, long value) {
    int v = (int) value;
    return printValue(type, key, fmt, v, () -> jw.intValue(v));
  }

  /** print_s64 (int64_t). */
  public int printS64(Print type, String key, String fmt, long value) {
    return printValue(type, key, fmt, value, () -> jw.s64(value));
  }

  /** print_float: JSON "%g"; text printf(fmt, value). */
  public int printFloat(Print type, String key, String fmt, double value) {
    return printValue(type, key, fmt, value, () -> jw.floatValue(value));
  }

  /** print_bool: JSON true/false; text printf(fmt, "true"/"false"). */
  public int printBool(Print type, String key, String fmt, boolean value) {
    return printBoolStr(type, key, fmt, value, value ? "true" : "false");
  }

  /** print_on_off: JSON true/false; text printf(fmt, "on"/"off"). */
  public int printOnOff(Print type, String key, String fmt, boolean value) {
    return printBoolStr(type, key, fmt, value, value ? "on" : "off");
  }

  private int printBoolStr(Print type, String key, String fmt, boolean value, String str) {
    return printValue(type, key, fmt, str, () -> jw.bool(value));
  }

  /** print_0xhex: JSON string "%#llx" (0 prints "0"); text printf(fmt, hex). */
  public int print0xhex(Print type, String key, String fmt, long hex) {
    if (jsonCtx(type)) {
      printString(Print.JSON, key, null, CFormat.format("%#llx", hex));
    } else if (fpCtx(type)) {
      return fp(fmt, hex);
    }
    return 0;
  }

  /** print_hex: JSON string "%x" (unsigned int); text printf(fmt, hex). */
  public int printHex(Print type, String key, String fmt, long hex) {
    long v = hex & 0xFFFFFFFFL;
    return printValue(type, key, fmt, v, () -> jw.string(Long.toHexString(v)));
  }

  /** print_null: JSON null (field or element); text printf(fmt, value). */
  public int printNull(Print type, String key, String fmt, String value) {
    return printValue(type, key, fmt, value, () -> jw.nul());
  }

  /** print_nl: "\n" in text mode only. */
  public void printNl() {
    if (jw == null) {
      out.append('\n');
    }
  }

  /**
   * print_string_name_value: print_string(PRINT_ANY, name, "&lt;name&gt; %s", value). Note the
   * name becomes part of the text format, exactly as in iproute2.
   */
  public void printStringNameValue(String name, String value) {
    printString(Print.ANY, name, name + " %s", value);
  }

  /** print_uint_name_value: print_uint(PRINT_ANY, name, "&lt;name&gt; %u", value). */
  public void printUintNameValue(String name, long value) {
    printUint(Print.ANY, name, name + " %u", value);
  }

  /**
   * print_rate: JSON: the byte rate as a number (%llu); text: bits/s scaled to
   * K/M/G/T (1000 or, with useIec, 1024 and an "i" suffix), e.g. 1250000 → "10Mbit".
   */
  public int printRate(boolean useIec, Print type, String key, String fmt, long rate) {
    if (jsonCtx(type)) {
      return printLluint(type, key, "%llu", rate);
    }
    long kilo = useIec ? 1024 : 1000;
    String str = useIec ? "i" : "";
    String[] units = {"", "K", "M", "G", "T"};
    long r = rate << 3;
    int i;
    for (i = 0; i < units.length - 1; i++) {
      if (Long.compareUnsigned(r, kilo) < 0) {
        break;
      }
      if (Long.remainderUnsigned(r, kilo) != 0 && Long.compareUnsigned(r, 1000 * kilo) < 0) {
        break;
      }
      r = Long.divideUnsigned(r, kilo);
    }
    double d = r >= 0 ? (double) r : (double) (r >>> 1) * 2.0;
    String buf = CFormat.format("%.0f%s%sbit", d, units[i], i > 0 ? str : "");
    return printString(type, key, fmt, buf);
  }
}
