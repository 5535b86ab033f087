package dev.fabric.cli.out;

/**
 * Output kind of the iproute2 json_print helpers.
 *
 * <ul>
 *   <li>{@link #FP}: printed only in text mode, through the printf-style format;</li>
 *   <li>{@link #JSON}: printed only in JSON mode (key/value);</li>
 *   <li>{@link #ANY}: JSON field in JSON mode, printf(fmt) in text mode.</li>
 * </ul>
 */
public enum Print {
  FP(1),
  JSON(2),
  ANY(4);

  private final int bits;

  Print(int bits) {
    this.bits = bits;
  }

  /** The numeric value used by iproute2 (PRINT_FP=1, PRINT_JSON=2, PRINT_ANY=4). */
  public int bits() {
    return bits;
  }

  boolean jsonCapable() {
    return this == JSON || this == ANY;
  }

  boolean textCapable() {
    return this == FP || this == ANY;
  }
}
