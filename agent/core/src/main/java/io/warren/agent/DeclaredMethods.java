package io.warren.agent;

import java.nio.charset.StandardCharsets;

/**
 * Reads just enough of a class file to tell whether one of the methods it declares names a
 * given type in its descriptor, or is annotated with it. A class that only calls {@code
 * basicPublish} mentions the client's types too, but never needs instrumenting, and must not wait
 * for the agent to start.
 */
final class DeclaredMethods {

  private DeclaredMethods() {}

  /** The attribute holding a member's annotations that reflection (and so advice) can read. */
  private static final byte[] VISIBLE_ANNOTATIONS =
      "RuntimeVisibleAnnotations".getBytes(StandardCharsets.US_ASCII);

  /**
   * True when a method declared in {@code classFile} has a descriptor containing one of the
   * {@code types}, or an annotation (visible at run time) of such a type; also true when the
   * class file cannot be read, so nothing is ever missed.
   */
  static boolean anyMentions(byte[] classFile, TypeNameSearch types) {
    try {
      return scan(classFile, types);
    } catch (RuntimeException malformed) {
      return true;
    }
  }

  private static boolean scan(byte[] b, TypeNameSearch types) {
    int count = u2(b, 8);
    int[] utf8Offsets = new int[count];
    int at = 10;
    for (int index = 1; index < count; index++) {
      int tag = b[at] & 0xFF;
      switch (tag) {
        case 1: // Utf8
          utf8Offsets[index] = at;
          at += 3 + u2(b, at + 1);
          break;
        case 3: case 4: case 9: case 10: case 11: case 12: case 17: case 18:
          at += 5;
          break;
        case 5: case 6: // Long and Double take two slots
          at += 9;
          index++;
          break;
        case 7: case 8: case 16: case 19: case 20:
          at += 3;
          break;
        case 15:
          at += 4;
          break;
        default:
          throw new IllegalArgumentException("constant pool tag " + tag);
      }
    }
    at += 6; // access flags, this class, super class
    at += 2 + 2 * u2(b, at); // interfaces
    at = skipMembers(b, at); // fields
    int methods = u2(b, at);
    at += 2;
    for (int m = 0; m < methods; m++) {
      int descriptor = utf8Offsets[u2(b, at + 4)];
      if (utf8Contains(b, descriptor, types)) {
        return true;
      }
      int attributes = u2(b, at + 6);
      at += 8;
      for (int i = 0; i < attributes; i++) {
        if (utf8Equals(b, utf8Offsets[u2(b, at)], VISIBLE_ANNOTATIONS)
            && anyAnnotationOf(b, at + 6, utf8Offsets, types)) {
          return true;
        }
        at += 6 + u4(b, at + 2);
      }
    }
    return false;
  }

  /** Whether one of the annotations listed at {@code at} is of a type found in {@code types}. */
  private static boolean anyAnnotationOf(byte[] b, int at, int[] utf8Offsets, TypeNameSearch types) {
    int annotations = u2(b, at);
    at += 2;
    for (int i = 0; i < annotations; i++) {
      if (utf8Contains(b, utf8Offsets[u2(b, at)], types)) {
        return true;
      }
      at = skipAnnotation(b, at);
    }
    return false;
  }

  private static int skipAnnotation(byte[] b, int at) {
    int pairs = u2(b, at + 2);
    at += 4;
    for (int i = 0; i < pairs; i++) {
      at = skipElementValue(b, at + 2);
    }
    return at;
  }

  private static int skipElementValue(byte[] b, int at) {
    switch (b[at]) {
      case 'e': // enum: type and constant name
        return at + 5;
      case '@':
        return skipAnnotation(b, at + 1);
      case '[':
        int values = u2(b, at + 1);
        at += 3;
        for (int i = 0; i < values; i++) {
          at = skipElementValue(b, at);
        }
        return at;
      default: // a constant or a class: one index
        return at + 3;
    }
  }

  private static boolean utf8Equals(byte[] b, int entry, byte[] text) {
    if (u2(b, entry + 1) != text.length) {
      return false;
    }
    for (int i = 0; i < text.length; i++) {
      if (b[entry + 3 + i] != text[i]) {
        return false;
      }
    }
    return true;
  }

  private static int skipMembers(byte[] b, int at) {
    int members = u2(b, at);
    at += 2;
    for (int i = 0; i < members; i++) {
      at = skipAttributes(b, at + 6);
    }
    return at;
  }

  private static int skipAttributes(byte[] b, int at) {
    int attributes = u2(b, at);
    at += 2;
    for (int i = 0; i < attributes; i++) {
      at += 6 + u4(b, at + 2);
    }
    return at;
  }

  private static boolean utf8Contains(byte[] b, int entry, TypeNameSearch types) {
    return types.foundIn(b, entry + 3, entry + 3 + u2(b, entry + 1));
  }

  private static int u2(byte[] b, int at) {
    return ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
  }

  private static int u4(byte[] b, int at) {
    return (u2(b, at) << 16) | u2(b, at + 2);
  }
}
