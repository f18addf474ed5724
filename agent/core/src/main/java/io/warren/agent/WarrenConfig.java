package io.warren.agent;

import io.warren.agent.api.InstrumentationModule;
import io.warren.agent.api.ModuleSetting;
import io.warren.agent.api.Settings;
import io.warren.bootstrap.WarrenLog;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Warren's own switches, under {@code warren.*} (or {@code WARREN_*}). A value it cannot read
 * and a name it does not know each get one warning; the default then applies.
 */
final class WarrenConfig {

  static final String ENABLED = "warren.enabled";
  static final String DEBUG = "warren.debug";
  private static final String INSTRUMENTATION_PREFIX = "warren.instrumentation.";
  private static final String ENABLED_SUFFIX = ".enabled";

  private final List<InstrumentationModule> modules;

  private WarrenConfig(List<InstrumentationModule> modules) {
    this.modules = modules;
  }

  /**
   * Loads the settings, warning once about each unknown {@code warren.*} name: a name is known
   * when Warren or one of the modules declares it.
   */
  static WarrenConfig load(List<InstrumentationModule> modules) {
    WarrenConfig config = new WarrenConfig(modules);
    config.warnAboutUnknownNames();
    // warren.enabled=false stopped the agent before it started (WarrenAgent); what is left to
    // do here is to report a value that is neither true nor false.
    flag(ENABLED, true);
    return config;
  }

  boolean debug() {
    return flag(DEBUG, false);
  }

  boolean instrumentationEnabled(String module) {
    return flag(INSTRUMENTATION_PREFIX + module + ENABLED_SUFFIX, true);
  }

  private static boolean flag(String key, boolean defaultValue) {
    String value = Settings.get(key);
    if (value == null || value.isEmpty()) {
      return defaultValue;
    }
    if (value.equalsIgnoreCase("true")) {
      return true;
    }
    if (value.equalsIgnoreCase("false")) {
      return false;
    }
    WarrenLog.warn(key + "=" + value + " is not true or false; using " + defaultValue);
    return defaultValue;
  }

  private Set<String> knownNames() {
    Set<String> known = new HashSet<String>(Arrays.asList(ENABLED, DEBUG));
    for (InstrumentationModule module : modules) {
      known.add(INSTRUMENTATION_PREFIX + module.name() + ENABLED_SUFFIX);
      for (ModuleSetting setting : module.settings()) {
        known.add(setting.name());
      }
    }
    return known;
  }

  private void warnAboutUnknownNames() {
    Set<String> known = knownNames();
    for (String name : Settings.overlay().keySet()) {
      if (name.startsWith("warren.") && !known.contains(name)) {
        WarrenLog.warn(
            "unknown setting " + name + " (given to the agent) is ignored; Warren knows " + known);
      }
    }
    for (String name : System.getProperties().stringPropertyNames()) {
      if (name.startsWith("warren.") && !known.contains(name)) {
        WarrenLog.warn("unknown setting -D" + name + " is ignored; Warren knows " + known);
      }
    }
    Set<String> knownEnvironment = new HashSet<String>();
    for (String name : known) {
      knownEnvironment.add(Settings.environmentName(name));
    }
    for (Map.Entry<String, String> variable : System.getenv().entrySet()) {
      String name = variable.getKey();
      if (name.toUpperCase(Locale.ROOT).startsWith("WARREN_") && !knownEnvironment.contains(name)) {
        WarrenLog.warn("unknown environment variable " + name + " is ignored; Warren knows " + knownEnvironment);
      }
    }
  }
}
