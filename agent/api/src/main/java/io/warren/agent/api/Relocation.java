package io.warren.agent.api;

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
}
