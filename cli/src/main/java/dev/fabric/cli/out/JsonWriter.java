package dev.fabric.cli.out;

/**
 * Streaming JSON writer with the exact byte layout of iproute2's lib/json_writer.c.
 *
 * <p>State is a nesting depth, a pretty flag and a pending separator (none or ',').
 * Layout rules (pretty mode):
 * <ul>
 *   <li>a property name starts a new line indented by 4 spaces per depth level and is
 *       followed by {@code ": "} ({@code ":"} when not pretty);</li>
 *   <li>plain values (numbers, strings, nested containers that are array elements) only get
 *       a ',' separator, never a newline, so array elements stay on one line:
 *       {@code [ 1,2,3 ]}, {@code [ {...},{...} ]};</li>
 *   <li>{@code startArray} prints {@code "[ "} and {@code endArray} prints {@code " ]"}
 *       (the space only if the array was not empty: {@code "[ ]"});</li>
 *   <li>closing an object that received members prints a newline + indent first; an empty
 *       object prints {@code {}}.</li>
 * </ul>
 * String escaping follows jsonw_puts: \t \n \r \f \b \" and \' are escaped, and (a quirk
 * of iproute2) a backslash is written as the two characters {@code \n}. Other control
 * characters and non-ASCII text are written raw.
 */
public final class JsonWriter {

  private final StringBuilder out;
  private int depth;
  private boolean pretty;
  private char sep;

  /** jsonw_new: a writer appending to {@code out}, not pretty, depth 0. */
  public JsonWriter(StringBuilder out) {
    this.out = out;
    this.depth = 0;
    this.pretty = false;
    this.sep = '\0';
  }

  /** jsonw_pretty. */
  public void pretty(boolean on) {
    this.pretty = on;
  }

  public boolean isPretty() {
    return pretty;
  }

  /** Current nesting depth. */
  public int depth() {
    return depth;
  }

  /**
   * jsonw_destroy: prints the final "\n". iproute2 asserts depth == 0 first; here an
   * {@link IllegalStateException} is thrown instead (and nothing is printed).
   */
  public void destroy() {
    if (depth != 0) {
      throw new IllegalStateException("jsonw_destroy: Assertion `self->depth == 0' failed. (depth="
          + depth + ")");
    }
    out.append('\n');
  }

  private void indent() {
    for (int i = 0; i < depth; i++) {
      out.append("    ");
    }
  }

  private void eol() {
    if (!pretty) {
      return;
    }
    out.append('\n');
    indent();
  }

  private void eor() {
    if (sep != '\0') {
      out.append(sep);
    }
    sep = ',';
  }

  private void puts(String str) {
    out.append('"');
    for (int i = 0; i < str.length(); i++) {
      char c = str.charAt(i);
      switch (c) {
        case '\t':
          out.append("\\t");
          break;
        case '\n':
          out.append("\\n");
          break;
        case '\r':
          out.append("\\r");
          break;
        case '\f':
          out.append("\\f");
          break;
        case '\b':
          out.append("\\b");
          break;
        case '\\':
          out.append("\\n");
          break;
        case '"':
          out.append("\\\"");
          break;
        case '\'':
          out.append("\\'");
          break;
        default:
          out.append(c);
      }
    }
    out.append('"');
  }

  private void begin(char c) {
    eor();
    out.append(c);
    ++depth;
    sep = '\0';
  }

  private void end(char c) {
    if (depth <= 0) {
      throw new IllegalStateException("jsonw_end: Assertion `self->depth > 0' failed.");
    }
    --depth;
    if (sep != '\0') {
      eol();
    }
    out.append(c);
    sep = ',';
  }

  /** jsonw_name: separator, newline+indent (pretty), "name": */
  public void name(String name) {
    eor();
    eol();
    sep = '\0';
    puts(name);
    out.append(':');
    if (pretty) {
      out.append(' ');
    }
  }

  /** jsonw_printf: separator then raw, already formatted text. */
  public void printfRaw(String text) {
    eor();
    out.append(text);
  }

  /** jsonw_printf with a C format. */
  public void printf(String fmt, Object... args) {
    printfRaw(CFormat.format(fmt, args));
  }

  public void startObject() {
    begin('{');
  }

  public void endObject() {
    end('}');
  }

  public void startArray() {
    begin('[');
    if (pretty) {
      out.append(' ');
    }
  }

  public void endArray() {
    if (pretty && sep != '\0') {
      out.append(' ');
    }
    sep = '\0';
    end(']');
  }

  /* values */

  public void string(String value) {
    eor();
    puts(value);
  }

  public void bool(boolean val) {
    printfRaw(val ? "true" : "false");
  }

  public void nul() {
    printfRaw("null");
  }

  /** jsonw_float: "%g". */
  public void floatValue(double num) {
    printfRaw(CFormat.format("%g", num));
  }

  /** jsonw_hhu (unsigned char). */
  public void hhu(long num) {
    printfRaw(Long.toString(num & 0xFFL));
  }

  /** jsonw_hu (unsigned short). */
  public void hu(long num) {
    printfRaw(Long.toString(num & 0xFFFFL));
  }

  /** jsonw_uint (unsigned int, low 32 bits). */
  public void uint(long num) {
    printfRaw(Long.toString(num & 0xFFFFFFFFL));
  }

  /** jsonw_u64 (uint64_t, printed unsigned). */
  public void u64(long num) {
    printfRaw(Long.toUnsignedString(num));
  }

  /** jsonw_xint ("%" PRIx64). */
  public void xint(long num) {
    printfRaw(Long.toHexString(num));
  }

  /** jsonw_luint (unsigned long, 64 bit). */
  public void luint(long num) {
    printfRaw(Long.toUnsignedString(num));
  }

  /** jsonw_lluint (unsigned long long). */
  public void lluint(long num) {
    printfRaw(Long.toUnsignedString(num));
  }

  /** jsonw_int (int, low 32 bits, signed). */
  public void intValue(long num) {
    printfRaw(Integer.toString((int) num));
  }

  /** jsonw_s64. */
  public void s64(long num) {
    printfRaw(Long.toString(num));
  }

  /* name/value pairs */

  public void stringField(String prop, String val) {
    name(prop);
    string(val);
  }

  public void boolField(String prop, boolean val) {
    name(prop);
    bool(val);
  }

  public void floatField(String prop, double val) {
    name(prop);
    floatValue(val);
  }

  public void uintField(String prop, long num) {
    name(prop);
    uint(num);
  }

  public void u64Field(String prop, long num) {
    name(prop);
    u64(num);
  }

  public void xintField(String prop, long num) {
    name(prop);
    xint(num);
  }

  public void hhuField(String prop, long num) {
    name(prop);
    hhu(num);
  }

  public void huField(String prop, long num) {
    name(prop);
    hu(num);
  }

  public void luintField(String prop, long num) {
    name(prop);
    luint(num);
  }

  public void lluintField(String prop, long num) {
    name(prop);
    lluint(num);
  }

  public void intField(String prop, long num) {
    name(prop);
    intValue(num);
  }

  public void s64Field(String prop, long num) {
    name(prop);
    s64(num);
  }

  public void nullField(String prop) {
    name(prop);
    nul();
  }
}
