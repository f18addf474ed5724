package io.warren.agent;

import io.warren.agent.api.Settings;
import io.warren.agent.config.AgentArguments;
import java.lang.instrument.Instrumentation;

/**
 * Starts the agent once {@link WarrenAgent}, the entry point, has found a supported Java.
 *
 * <p>It must never stop the application: whatever goes wrong is one line on standard error and
 * the application starts untraced. It touches no bridge class before the bridge jar is on the
 * boot class path, so the bridge is loaded exactly once, by the boot loader.
 */
public final class AgentStart {

  /**
   * Set once per JVM, so a second copy of the agent on the command line does nothing; the
   * {@code attach} command reads it to refuse a second attach before loading anything.
   */
  public static final String STARTED = "io.warren.agent.started";

  private AgentStart() {}

  /**
   * Called by {@link WarrenAgent}: {@code atJvmStart} for premain, false for a late attach;
   * {@code arguments} are the agent's own settings ({@link AgentArguments}), or null.
   */
  public static synchronized void start(
      Instrumentation instrumentation, boolean atJvmStart, String arguments) {
    try {
      if (System.getProperty(STARTED) != null) {
        System.err.println("[warren] WARN the agent is already running; this copy does nothing");
        return;
      }
      System.setProperty(STARTED, "true");
      // The bridge (WarrenLog) is not on the boot class path yet: the same line by hand.
      Settings.useOverlay(AgentArguments.decode(
          arguments, problem -> System.err.println("[warren] WARN " + problem)));
      if ("false".equalsIgnoreCase(Settings.get("warren.enabled"))) {
        return;
      }
      BootClassGroups bootGroups = BootstrapJar.install(instrumentation);
      if (atJvmStart) {
        AgentInstaller.installInBackground(instrumentation, bootGroups);
      } else {
        AgentInstaller.installNow(instrumentation, bootGroups);
      }
    } catch (Throwable t) {
      System.err.println("[warren] WARN the agent failed to start; the application runs untraced: " + t);
    }
  }
}
