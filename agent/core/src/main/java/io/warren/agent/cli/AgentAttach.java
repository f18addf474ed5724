package io.warren.agent.cli;

import com.sun.tools.attach.VirtualMachine;
import io.warren.agent.config.AgentArguments;
import io.warren.agent.AgentStart;
import io.warren.agent.WarrenAgent;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import net.bytebuddy.agent.ByteBuddyAgent;

/**
 * Loads the agent jar into one running JVM, with the settings as the agent's argument. Whatever
 * can be checked is checked first, through the target's system properties, so that a JVM that
 * already runs the agent, or runs a Java the agent does not support, sees nothing loaded.
 */
final class AgentAttach {

  /**
   * The longest {@code jar=settings} argument the attach protocol carries before Java 25 (each
   * argument of the first protocol is at most 1024 bytes; longer ones fail with "Premature
   * EOF"). Java 25 on both sides was seen to carry 3 KB, unless this side is told to speak the
   * first protocol ({@code -Djdk.attach.compat=true}).
   */
  private static final int FIRST_PROTOCOL_LIMIT = 1024;
  private static final int LONGER_ARGUMENTS_SINCE = 25;

  private AgentAttach() {}

  static void load(RunningJvm jvm, File agentJar, Map<String, String> settings)
      throws CommandFailure {
    Properties target = systemProperties(jvm);
    if (target.getProperty(AgentStart.STARTED) != null) {
      throw new CommandFailure(CommandFailure.FAILED,
          "the agent is already running in " + jvm + "; nothing was loaded");
    }
    String java = target.getProperty("java.specification.version");
    if (WarrenAgent.featureVersion(java) < WarrenAgent.SUPPORTED_JAVA) {
      throw new CommandFailure(CommandFailure.FAILED, jvm + " runs Java " + java
          + "; Warren needs Java " + WarrenAgent.SUPPORTED_JAVA + " or newer; nothing was loaded");
    }
    String argument = settings.isEmpty() ? null : AgentArguments.encode(settings);
    checkLength(jvm, java, agentJar, argument);
    try {
      ByteBuddyAgent.attach(agentJar, jvm.pid(), argument);
    } catch (RuntimeException e) {
      throw new CommandFailure(CommandFailure.FAILED,
          "loading the agent into " + jvm + " failed: " + rootCause(e));
    }
  }

  private static void checkLength(RunningJvm jvm, String java, File agentJar, String argument)
      throws CommandFailure {
    if (argument == null) {
      return;
    }
    int length =
        (agentJar.getAbsolutePath() + "=" + argument).getBytes(StandardCharsets.UTF_8).length;
    boolean longerArguments = WarrenAgent.featureVersion(java) >= LONGER_ARGUMENTS_SINCE
        && WarrenAgent.featureVersion(System.getProperty("java.specification.version"))
            >= LONGER_ARGUMENTS_SINCE
        && !Boolean.getBoolean("jdk.attach.compat");
    if (length > FIRST_PROTOCOL_LIMIT && !longerArguments) {
      throw new CommandFailure(CommandFailure.FAILED, "the settings are too long to attach to "
          + jvm + " (Java " + java + "): " + length + " bytes with the agent jar's path, at most "
          + FIRST_PROTOCOL_LIMIT + "; nothing was loaded");
    }
  }

  private static Properties systemProperties(RunningJvm jvm) throws CommandFailure {
    try {
      VirtualMachine vm = VirtualMachine.attach(jvm.pid());
      try {
        return vm.getSystemProperties();
      } finally {
        vm.detach();
      }
    } catch (Exception e) {
      throw new CommandFailure(
          CommandFailure.FAILED, "cannot attach to " + jvm + ": " + rootCause(e));
    }
  }

  /** The innermost cause's message: Byte Buddy wraps the Attach API's exception in its own. */
  static String rootCause(Throwable t) {
    Throwable cause = t;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    String message = cause.getMessage();
    return message == null || message.isEmpty() ? cause.getClass().getSimpleName() : message;
  }
}
