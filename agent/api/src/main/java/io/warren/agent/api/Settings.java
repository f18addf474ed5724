package io.warren.agent.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads one setting the way OpenTelemetry users expect: the system property {@code a.b-c}
 * first, then the environment variable {@code A_B_C}; above both, the settings given to the
 * agent itself ({@code attach <pid> key=value ...} or {@code -javaagent:warren-agent.jar=...}).
 *
 * <p>Every setting the agent reads goes through here: the OpenTelemetry SDK's own
 * configuration takes {@link #overlay()} as its overrides, and the boot loader's classes never
 * read a setting themselves (their modules hand them the values at start-up).
 */
public final class Settings {

  /**
   * The agent's own settings, never copied into the system properties: a late attach must not
   * change what the application sees. Set once, before anything reads a setting.
   */
  private static volatile Map<String, String> overlay = Collections.emptyMap();

  private Settings() {}

  public static String get(String key) {
    String value = overlay.get(key);
    if (value == null) {
      value = System.getProperty(key);
    }
    if (value == null) {
      value = System.getenv(environmentName(key));
    }
    return value == null ? null : value.trim();
  }

  /** Replaces the agent's own settings (called at the agent's start). */
  public static void useOverlay(Map<String, String> settings) {
    overlay = Collections.unmodifiableMap(new LinkedHashMap<String, String>(settings));
  }

  /** The agent's own settings, which take precedence over properties and the environment. */
  public static Map<String, String> overlay() {
    return overlay;
  }

  public static String environmentName(String key) {
    return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }
}
