package io.warren.agent.api;

import java.util.Locale;

/**
 * Reads one setting the way OpenTelemetry users expect: the system property {@code a.b-c}
 * first, then the environment variable {@code A_B_C}.
 */
public final class Settings {

  private Settings() {}

  public static String get(String key) {
    String value = System.getProperty(key);
    if (value == null) {
      value = System.getenv(environmentName(key));
    }
    return value == null ? null : value.trim();
  }

  public static String environmentName(String key) {
    return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }
}
