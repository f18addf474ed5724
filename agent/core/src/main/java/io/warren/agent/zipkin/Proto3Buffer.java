package io.warren.agent.zipkin;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * A growable byte array that protobuf fields are written into, kept by one exporter and reused
 * for every batch: a batch of spans costs no array of its own once the buffer has grown to the
 * size of a batch.
 *
 * <p>Public only for the benchmarks module.
 *
 * <p>A nested message is written in place: {@link #begin} reserves the bytes its length usually
 * needs, {@link #end} writes the length and moves the message when the length needs more (or
 * fewer) bytes, so the output is exactly what a two-pass encoder writes.
 */
public final class Proto3Buffer {

  private byte[] bytes;
  private int size;

  public Proto3Buffer(int initialCapacity) {
    bytes = new byte[initialCapacity];
  }

  public void reset() {
    size = 0;
  }

  public int size() {
    return size;
  }

  /** Forgets what was written after the first {@code size} bytes. */
  void truncate(int size) {
    this.size = size;
  }

  public void writeTo(OutputStream out) throws IOException {
    out.write(bytes, 0, size);
  }

  public byte[] toByteArray() {
    return Arrays.copyOf(bytes, size);
  }

  Proto3Buffer key(int key) {
    ensure(1);
    bytes[size++] = (byte) key;
    return this;
  }

  Proto3Buffer varint(long value) {
    ensure(10);
    while ((value & ~0x7fL) != 0) {
      bytes[size++] = (byte) ((value & 0x7f) | 0x80);
      value >>>= 7;
    }
    bytes[size++] = (byte) value;
    return this;
  }

  Proto3Buffer fixed64(long value) {
    ensure(8);
    for (int i = 0; i < 8; i++) {
      bytes[size++] = (byte) (value >>> (8 * i));
    }
    return this;
  }

  /** A length-delimited field holding {@code value}; nothing when it is null. */
  Proto3Buffer bytes(int key, byte[] value) {
    if (value != null) {
      key(key).varint(value.length);
      raw(value);
    }
    return this;
  }

  /** Bytes as they are (an already encoded field). */
  Proto3Buffer raw(byte[] value) {
    ensure(value.length);
    System.arraycopy(value, 0, bytes, size, value.length);
    size += value.length;
    return this;
  }

  /** A string as a length-delimited UTF-8 field. */
  Proto3Buffer string(int key, String value) {
    int start = begin(key, 1);
    utf8(value);
    return end(start, 1);
  }

  /**
   * Hex digits as the bytes they spell, as Zipkin writes ids; {@code offset}: the first digit
   * written (Zipkin leaves the zero upper half of a 128-bit trace id out).
   */
  Proto3Buffer hex(int key, String hex, int offset) {
    int length = (hex.length() - offset) / 2;
    key(key).varint(length);
    ensure(length);
    for (int i = offset; i < hex.length(); i += 2) {
      bytes[size++] = (byte) (Character.digit(hex.charAt(i), 16) << 4
          | Character.digit(hex.charAt(i + 1), 16));
    }
    return this;
  }

  /**
   * Starts a length-delimited field: writes its key and reserves {@code reserved} bytes for its
   * length. Returns where the length goes, for {@link #end}.
   */
  int begin(int key, int reserved) {
    key(key);
    ensure(reserved);
    int start = size;
    size += reserved;
    return start;
  }

  /** Ends the field {@link #begin} started, writing its length before it. */
  Proto3Buffer end(int start, int reserved) {
    int bodyStart = start + reserved;
    int length = size - bodyStart;
    int needed = varintSize(length);
    if (needed != reserved) {
      ensure(needed - reserved);
      System.arraycopy(bytes, bodyStart, bytes, start + needed, length);
      size += needed - reserved;
    }
    int at = start;
    long value = length;
    while ((value & ~0x7fL) != 0) {
      bytes[at++] = (byte) ((value & 0x7f) | 0x80);
      value >>>= 7;
    }
    bytes[at] = (byte) value;
    return this;
  }

  /** The characters of {@code value} in UTF-8, with no array in between. */
  Proto3Buffer utf8(CharSequence value) {
    int length = value.length();
    ensure(length);
    for (int i = 0; i < length; i++) {
      char c = value.charAt(i);
      if (c < 0x80) {
        bytes[size++] = (byte) c;
      } else {
        return utf8Slow(value, i);
      }
    }
    return this;
  }

  private Proto3Buffer utf8Slow(CharSequence value, int from) {
    ensure(3 * (value.length() - from));
    for (int i = from; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x80) {
        bytes[size++] = (byte) c;
      } else if (c < 0x800) {
        bytes[size++] = (byte) (0xc0 | (c >> 6));
        bytes[size++] = (byte) (0x80 | (c & 0x3f));
      } else if (Character.isHighSurrogate(c) && i + 1 < value.length()
          && Character.isLowSurrogate(value.charAt(i + 1))) {
        int codePoint = Character.toCodePoint(c, value.charAt(++i));
        ensure(1);
        bytes[size++] = (byte) (0xf0 | (codePoint >> 18));
        bytes[size++] = (byte) (0x80 | ((codePoint >> 12) & 0x3f));
        bytes[size++] = (byte) (0x80 | ((codePoint >> 6) & 0x3f));
        bytes[size++] = (byte) (0x80 | (codePoint & 0x3f));
      } else if (Character.isSurrogate(c)) {
        bytes[size++] = (byte) '?'; // a lone surrogate, as String.getBytes(UTF_8) writes it
      } else {
        bytes[size++] = (byte) (0xe0 | (c >> 12));
        bytes[size++] = (byte) (0x80 | ((c >> 6) & 0x3f));
        bytes[size++] = (byte) (0x80 | (c & 0x3f));
      }
    }
    return this;
  }

  /** A long in decimal, as {@code Long.toString} writes it, with no string in between. */
  Proto3Buffer decimal(long value) {
    if (value == Long.MIN_VALUE) {
      return utf8(Long.toString(value));
    }
    ensure(20);
    if (value < 0) {
      bytes[size++] = '-';
      value = -value;
    }
    int digits = 1;
    for (long rest = value / 10; rest != 0; rest /= 10) {
      digits++;
    }
    for (int i = size + digits - 1; i >= size; i--) {
      bytes[i] = (byte) ('0' + value % 10);
      value /= 10;
    }
    size += digits;
    return this;
  }

  static int varintSize(long value) {
    int size = 1;
    while ((value & ~0x7fL) != 0) {
      value >>>= 7;
      size++;
    }
    return size;
  }

  private void ensure(int more) {
    if (size + more > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
    }
  }
}
