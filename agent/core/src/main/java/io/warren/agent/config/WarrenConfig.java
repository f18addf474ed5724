package io.warren.agent.config;

import io.warren.agent.api.InstrumentationModule;
import io.warren.agent.api.ModuleSetting;
import io.warren.agent.api.Settings;
import io.warren.bootstrap.WarrenLog;
import io.warren.agent.config.OtelSettingNames;
import java.util.Arrays;
import java.util.Collections;
import java.util.TreeSet;
import java.util.List;
import java.util.Set;

/**
 * Warren's own switches, under {@code warren.*} (or {@code WARREN_*}). A value it cannot read
 * and a name it does not know each get one warning; the default then applies. Names under
 * {@code otel.*} that nothing reads are warned about here too.
 */
public final class WarrenConfig {

  static final String ENABLED = "warren.enabled";
  static final String DEBUG = "warren.debug";
  /** Attribute sets per metric instrument before the overflow series (read by the metrics core). */
  public static final String METRICS_SERIES_LIMIT = "warren.metrics.cardinality.limit";
  private static final String INSTRUMENTATION_PREFIX = "warren.instrumentation.";
  private static final String ENABLED_SUFFIX = ".enabled";

  private final List<InstrumentationModule> modules;

  private WarrenConfig(List<InstrumentationModule> modules) {
    this.modules = modules;
  }

  /**
   * Loads the settings, warning once about each unknown {@code warren.*} name (a name is known
   * when Warren or one of the modules declares it) and each unknown {@code otel.*} name.
   */
  public static WarrenConfig load(List<InstrumentationModule> modules) {
    WarrenConfig config = new WarrenConfig(modules);
    config.warnAboutUnknownNames();
    // warren.enabled=false stopped the agent before it started (WarrenAgent); what is left to
    // do here is to report a value that is neither true nor false.
    flag(ENABLED, true);
    return config;
  }

  /**
   * Warns about the names and values among {@code given} alone, as {@link #load} would: what the
   * agent will say about the settings it is given, said before it is loaded.
   */
  public static void checkGiven(List<InstrumentationModule> modules, Set<String> given) {
    WarrenConfig config = new WarrenConfig(modules);
    for (UnknownSettings names : config.unknownSettings()) {
      names.checkGiven(given);
    }
    Set<String> flags = new TreeSet<String>(Arrays.asList(ENABLED, DEBUG));
    for (InstrumentationModule module : modules) {
      flags.add(INSTRUMENTATION_PREFIX + module.name() + ENABLED_SUFFIX);
    }
    for (String key : given) {
      if (flags.contains(key)) {
        flag(key, !key.equals(DEBUG));
      }
    }
  }

  public boolean debug() {
    return flag(DEBUG, false);
  }

  public boolean instrumentationEnabled(String module) {
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
    Set<String> known = new TreeSet<String>(Arrays.asList(ENABLED, DEBUG, METRICS_SERIES_LIMIT));
    for (InstrumentationModule module : modules) {
      known.add(INSTRUMENTATION_PREFIX + module.name() + ENABLED_SUFFIX);
      for (ModuleSetting setting : module.settings()) {
        known.add(setting.name());
      }
    }
    return known;
  }

  private void warnAboutUnknownNames() {
    for (UnknownSettings names : unknownSettings()) {
      names.checkGiven(Settings.overlay().keySet());
      names.checkSystemProperties(System.getProperties().stringPropertyNames());
      names.checkEnvironment(System.getenv());
    }
  }

  /** Warren's own names and OpenTelemetry's, each checked for typos. */
  private List<UnknownSettings> unknownSettings() {
    Set<String> known = knownNames();
    return Arrays.asList(
        new UnknownSettings("warren.", known, Collections.<String>emptyList(),
            " Warren knows " + known),
        new UnknownSettings("otel.", OtelSettingNames.known(), OtelSettingNames.OTHERS_PREFIXES, ""));
  }
}
