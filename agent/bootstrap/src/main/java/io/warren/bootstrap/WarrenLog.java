package io.warren.bootstrap;

/**
 * The agent's own log: one line per event on standard error, prefixed "[warren]". It uses no
 * logging framework, so the agent never initialises the application's logging before the
 * application does.
 */
public final class WarrenLog {

  private static volatile boolean debug;

  private WarrenLog() {}

  public static void setDebug(boolean enabled) {
    debug = enabled;
  }

  public static boolean isDebug() {
    return debug;
  }

  public static void info(String message) {
    System.err.println("[warren] " + message);
  }

  public static void warn(String message) {
    System.err.println("[warren] WARN " + message);
  }

  public static void debug(String message) {
    if (debug) {
      System.err.println("[warren] DEBUG " + message);
    }
  }
}
