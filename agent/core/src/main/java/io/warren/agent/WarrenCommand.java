package io.warren.agent;

import java.lang.reflect.InvocationTargetException;

/**
 * The agent jar's {@code Main-Class}: {@code java -jar warren-agent.jar [attach ...]}. Compiled
 * for Java 8, like {@link WarrenAgent}, so that an older {@code java} prints one line instead of
 * a class-version error; the command itself ({@code io.warren.agent.cli.CommandLine}) is named
 * only by reflection.
 */
public final class WarrenCommand {

  private WarrenCommand() {}

  public static void main(String[] arguments) {
    String running = System.getProperty("java.specification.version");
    if (WarrenAgent.featureVersion(running) < WarrenAgent.SUPPORTED_JAVA) {
      System.err.println("[warren] this is Java " + running + "; the command needs Java "
          + WarrenAgent.SUPPORTED_JAVA + " or newer (best the java that runs the target JVM)");
      System.exit(1);
    }
    int exit;
    try {
      exit = (Integer) Class.forName("io.warren.agent.cli.CommandLine")
          .getMethod("run", String[].class)
          .invoke(null, (Object) arguments);
    } catch (InvocationTargetException e) {
      System.err.println("[warren] the command failed: " + e.getCause());
      exit = 1;
    } catch (Throwable t) {
      System.err.println("[warren] the command failed: " + t);
      exit = 1;
    }
    System.exit(exit);
  }
}
