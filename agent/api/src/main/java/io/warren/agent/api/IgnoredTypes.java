package io.warren.agent.api;

/** Types no instrumentation needs: the JDK, the agent itself and its relocated libraries. */
final class IgnoredTypes {

  private static final String[] PREFIXES = {
    "java.", "javax.", "jdk.", "sun.", "com.sun.",
    "io.warren.agent.", "io.warren.bootstrap.", "io.warren.shaded.", "net.bytebuddy."
  };

  private IgnoredTypes() {}

  static boolean contains(String className) {
    for (String prefix : PREFIXES) {
      if (className.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }
}
