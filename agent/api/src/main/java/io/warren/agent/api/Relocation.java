package io.warren.agent.api;

import java.io.IOException;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.commons.ClassRemapper;
import net.bytebuddy.jar.asm.commons.Remapper;

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

  /** The class file with every relocated name in it given back its own name. */
  static byte[] undoneIn(byte[] classFile) {
    ClassReader reader = new ClassReader(classFile);
    ClassWriter writer = new ClassWriter(0);
    reader.accept(new ClassRemapper(writer, UNDO), 0);
    return writer.toByteArray();
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

  private static final Remapper UNDO =
      new Remapper() {
        @Override
        public String map(String internalName) {
          return undone(internalName);
        }

        @Override
        public Object mapValue(Object value) {
          // The jar's relocation rewrites class names in string constants too.
          return value instanceof String ? undone((String) value) : super.mapValue(value);
        }
      };
}
