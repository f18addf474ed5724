package io.warren.agent.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import net.bytebuddy.dynamic.ClassFileLocator;

/**
 * The agent jar relocates the libraries it carries itself (OpenTelemetry, Byte Buddy, ...) under
 * {@code io.warren.shaded}, and with them every class name in its class files, string constants
 * included. A module about the application's copy of such a library names its classes through
 * {@link #undone} so that, in the jar too, they are the application's names.
 */
public final class Relocation {

  /** The prefix the agent jar gives every library it carries, as an internal name. */
  static final String PREFIX = "io/warren/shaded/";

  private static final String DOTTED_PREFIX = PREFIX.replace('/', '.');

  private Relocation() {}

  /**
   * The name as the application knows it: a binary ({@code a.b.C}) or internal ({@code a/b/C})
   * class name without the agent jar's relocation; unchanged when not relocated.
   */
  public static String undone(String name) {
    if (name.startsWith(PREFIX)) {
      return name.substring(PREFIX.length());
    }
    return name.startsWith(DOTTED_PREFIX) ? name.substring(DOTTED_PREFIX.length()) : name;
  }

  /**
   * The class file with every relocated name in it given back its own name, but Byte Buddy's
   * ({@link #isAgentsByteBuddy}). The relocation only
   * prefixed names, so taking the prefix out of the constant pool's strings undoes it everywhere
   * (class references, descriptors, signatures, string constants); the rest is copied as is.
   * Done by hand: the agent jar keeps only the parts of ASM the agent otherwise needs.
   */
  static byte[] undoneIn(byte[] classFile) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(classFile.length);
    int constants = ((classFile[8] & 0xff) << 8) | (classFile[9] & 0xff);
    int at = 10;
    out.write(classFile, 0, at);
    for (int index = 1; index < constants; index++) {
      int tag = classFile[at] & 0xff;
      if (tag == UTF8) {
        int length = ((classFile[at + 1] & 0xff) << 8) | (classFile[at + 2] & 0xff);
        byte[] text = withoutPrefixes(Arrays.copyOfRange(classFile, at + 3, at + 3 + length));
        out.write(tag);
        out.write(text.length >>> 8);
        out.write(text.length);
        out.write(text, 0, text.length);
        at += 3 + length;
        continue;
      }
      int size = CONSTANT_SIZES[tag];
      if (size == 0) {
        throw new IllegalArgumentException("unknown constant pool tag " + tag);
      }
      out.write(classFile, at, size);
      at += size;
      if (tag == LONG || tag == DOUBLE) {
        index++; // they take two entries
      }
    }
    out.write(classFile, at, classFile.length - at);
    return out.toByteArray();
  }

  private static final int UTF8 = 1;
  private static final int LONG = 5;
  private static final int DOUBLE = 6;

  /** Bytes of each constant pool entry, by tag (UTF-8 entries aside); 0: no such tag. */
  private static final int[] CONSTANT_SIZES = new int[21];

  static {
    CONSTANT_SIZES[3] = 5; // Integer
    CONSTANT_SIZES[4] = 5; // Float
    CONSTANT_SIZES[LONG] = 9;
    CONSTANT_SIZES[DOUBLE] = 9;
    CONSTANT_SIZES[7] = 3; // Class
    CONSTANT_SIZES[8] = 3; // String
    CONSTANT_SIZES[9] = 5; // Fieldref
    CONSTANT_SIZES[10] = 5; // Methodref
    CONSTANT_SIZES[11] = 5; // InterfaceMethodref
    CONSTANT_SIZES[12] = 5; // NameAndType
    CONSTANT_SIZES[15] = 4; // MethodHandle
    CONSTANT_SIZES[16] = 3; // MethodType
    CONSTANT_SIZES[17] = 5; // Dynamic
    CONSTANT_SIZES[18] = 5; // InvokeDynamic
    CONSTANT_SIZES[19] = 3; // Module
    CONSTANT_SIZES[20] = 3; // Package
  }

  private static final byte[] PREFIX_BYTES = PREFIX.getBytes(StandardCharsets.US_ASCII);
  private static final byte[] DOTTED_PREFIX_BYTES = DOTTED_PREFIX.getBytes(StandardCharsets.US_ASCII);

  /** The (modified UTF-8) text without any occurrence of either prefix, both plain ASCII. */
  private static byte[] withoutPrefixes(byte[] text) {
    ByteArrayOutputStream kept = null;
    int copied = 0;
    for (int i = 0; i < text.length; i++) {
      byte[] prefix = startsWith(text, i, PREFIX_BYTES) ? PREFIX_BYTES
          : startsWith(text, i, DOTTED_PREFIX_BYTES) ? DOTTED_PREFIX_BYTES : null;
      if (prefix != null && !isAgentsByteBuddy(text, i + prefix.length)) {
        if (kept == null) {
          kept = new ByteArrayOutputStream(text.length);
        }
        kept.write(text, copied, i - copied);
        copied = i + prefix.length;
        i = copied - 1;
      }
    }
    if (kept == null) {
      return text;
    }
    kept.write(text, copied, text.length - copied);
    return kept.toByteArray();
  }

  // Joined at run time: the jar's relocation would rewrite a literal "net/bytebuddy/" too.
  private static final byte[] BYTE_BUDDY =
      String.join("/", "net", "bytebuddy", "").getBytes(StandardCharsets.US_ASCII);
  private static final byte[] DOTTED_BYTE_BUDDY =
      String.join(".", "net", "bytebuddy", "").getBytes(StandardCharsets.US_ASCII);

  /**
   * Byte Buddy stays relocated: advice carries the agent's own Byte Buddy annotations, which the
   * agent reads, and no application class ever names them.
   */
  private static boolean isAgentsByteBuddy(byte[] text, int at) {
    return startsWith(text, at, BYTE_BUDDY) || startsWith(text, at, DOTTED_BYTE_BUDDY);
  }

  private static boolean startsWith(byte[] text, int at, byte[] prefix) {
    if (at + prefix.length > text.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (text[at + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  /**
   * The class files of {@code locator} with the relocation undone: a module's advice and helpers
   * go into the application's classes and loader, where only the application's names exist.
   */
  static ClassFileLocator undoneIn(final ClassFileLocator locator) {
    return new ClassFileLocator() {
      @Override
      public Resolution locate(String name) throws IOException {
        Resolution found = locator.locate(name);
        return found.isResolved() ? new Resolution.Explicit(undoneIn(found.resolve())) : found;
      }

      @Override
      public void close() throws IOException {
        locator.close();
      }
    };
  }
}
