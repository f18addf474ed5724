package io.warren.agent;

import io.warren.agent.api.Settings;
import io.warren.agent.config.WarrenConfig;
import io.warren.agent.otel.OtelSetup;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Map;

/**
 * What the agent will say about the settings it is given, said before it is loaded: the attach
 * command runs the same checks the agent's start runs (unknown names, values it cannot use), so
 * their warnings appear where the user typed the settings, not only in the target's output.
 */
public final class SettingsCheck {

  private SettingsCheck() {}

  /**
   * Runs {@link #check} in a class loader laid out as in a JVM running the agent (the bridge
   * beside the agent's classes; the bridge is not on this command's class path). Its warnings go
   * to this JVM's standard error, as the agent's go to the target's.
   */
  public static void preview(Map<String, String> settings) throws Exception {
    URL agentJar = SettingsCheck.class.getProtectionDomain().getCodeSource().getLocation();
    try (AgentLayout loader = new AgentLayout(agentJar, BootstrapJar.bridgeClasses())) {
      loader.loadClass(SettingsCheck.class.getName())
          .getMethod("check", Map.class)
          .invoke(null, settings);
    }
  }

  /** Warns, as the agent's start does, about each of {@code settings} it cannot use. */
  public static void check(Map<String, String> settings) {
    Settings.useOverlay(settings);
    // Making the modules reads their settings: a bad value gets its warning there.
    WarrenConfig.checkGiven(AgentInstaller.availableModules(), settings.keySet());
    OtelSetup.checkGiven(settings);
  }

  /** The agent jar's classes, and the bridge's, which the agent jar holds as a nested jar. */
  private static final class AgentLayout extends URLClassLoader {
    private final Map<String, byte[]> bridge;

    AgentLayout(URL agentJar, Map<String, byte[]> bridge) {
      super(new URL[] {agentJar}, ClassLoader.getPlatformClassLoader());
      this.bridge = bridge;
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
      byte[] classFile = bridge.get(name);
      if (classFile != null) {
        return defineClass(name, classFile, 0, classFile.length);
      }
      return super.findClass(name);
    }
  }
}
