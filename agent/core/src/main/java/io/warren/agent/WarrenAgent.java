package io.warren.agent;

import java.lang.instrument.Instrumentation;

/**
 * The agent's entry point ({@code -javaagent:warren-agent.jar} or a late attach). Compiled for
 * Java 8 and using the JDK alone, so that it loads on any JVM from 8 on: a JVM whose agent class
 * fails to load does not start at all. Below the supported Java it prints one line and the
 * application runs untraced; otherwise it hands over to {@link AgentStart}, compiled for a newer
 * Java, which it names only by reflection so that an old JVM never loads it.
 */
public final class WarrenAgent {

  /** The oldest Java Warren is tested on. */
  public static final int SUPPORTED_JAVA = 17;

  private WarrenAgent() {}

  public static void premain(String arguments, Instrumentation instrumentation) {
    start(instrumentation, true, arguments);
  }

  public static void agentmain(String arguments, Instrumentation instrumentation) {
    start(instrumentation, false, arguments);
  }

  private static void start(Instrumentation instrumentation, boolean atJvmStart, String arguments) {
    try {
      String running = System.getProperty("java.specification.version");
      if (featureVersion(running) < SUPPORTED_JAVA) {
        System.err.println("[warren] WARN Java " + running + " is not supported (Warren needs Java "
            + SUPPORTED_JAVA + " or newer); the application runs untraced");
        return;
      }
      Class.forName("io.warren.agent.AgentStart")
          .getMethod("start", Instrumentation.class, boolean.class, String.class)
          .invoke(null, instrumentation, atJvmStart, arguments);
    } catch (Throwable t) {
      System.err.println("[warren] WARN the agent failed to start; the application runs untraced: " + t);
    }
  }

  /** 8 for "1.8", 17 for "17"; 0 when it cannot tell. */
  public static int featureVersion(String specificationVersion) {
    if (specificationVersion == null) {
      return 0;
    }
    String version =
        specificationVersion.startsWith("1.") ? specificationVersion.substring(2) : specificationVersion;
    int end = 0;
    while (end < version.length() && Character.isDigit(version.charAt(end))) {
      end++;
    }
    try {
      return Integer.parseInt(version.substring(0, end));
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
