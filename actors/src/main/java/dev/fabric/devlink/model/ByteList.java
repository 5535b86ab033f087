package dev.fabric.devlink.model;

import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * An immutable list of unsigned bytes (0..255) backed by a private array: binary fmsg values and
 * region data. Cheap for 32 KiB snapshots, safe to hand to printers on other threads.
 */
public final class ByteList extends AbstractList<Integer> implements RandomAccess {
  private final byte[] data;
  private final int from;
  private final int to;

  private ByteList(byte[] data, int from, int to) {
    this.data = data;
    this.from = from;
    this.to = to;
  }

  /** Copies {@code data}. */
  @com.fasterxml.jackson.annotation.JsonCreator(mode = com.fasterxml.jackson.annotation.JsonCreator.Mode.DELEGATING)
  public static ByteList copyOf(byte[] data) {
    return new ByteList(data.clone(), 0, data.length);
  }

  /** Wraps an array the caller never mutates again (package use: snapshot contents). */
  static ByteList wrap(byte[] data) {
    return new ByteList(data, 0, data.length);
  }

  @Override
  public Integer get(int index) {
    return unsigned(index);
  }

  /** The byte at {@code index} as 0..255, without boxing. */
  public int unsigned(int index) {
    if (index < 0 || index >= size()) {
      throw new IndexOutOfBoundsException(index);
    }
    return data[from + index] & 0xff;
  }

  @Override
  public int size() {
    return to - from;
  }

  @Override
  public ByteList subList(int fromIndex, int toIndex) {
    if (fromIndex < 0 || toIndex > size() || fromIndex > toIndex) {
      throw new IndexOutOfBoundsException(fromIndex + ".." + toIndex);
    }
    return new ByteList(data, from + fromIndex, from + toIndex);
  }

  @com.fasterxml.jackson.annotation.JsonValue
  public byte[] toArray8() {
    return java.util.Arrays.copyOfRange(data, from, to);
  }
}
