package io.warren.agent.otel;

import java.nio.charset.StandardCharsets;

/**
 * A client library's own text type, as some write header values: bytes that only its
 * {@code toString()} turns into text. The carrier getter must read it as that text.
 */
final class TextValue {

  private final byte[] utf8;

  TextValue(String text) {
    this.utf8 = text.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return new String(utf8, StandardCharsets.UTF_8);
  }
}
