package io.warren.agent.api;

import io.warren.bootstrap.LogKeys;
import java.util.Arrays;
import java.util.List;

/**
 * The settings every log-correlation module shares (one switch and one set of keys for all
 * logging libraries), read once however many modules ask, so a bad value is reported once.
 */
public final class LogCorrelationSettings {

  static final ModuleSetting ENABLED =
      new ModuleSetting(
          "warren.logs.mdc.enabled",
          "true",
          "true or false: log events created while a span is current carry its ids in the MDC"
              + " (Logback) and the context data (Log4j2)",
          ModuleSetting.TRUE_OR_FALSE);
  static final ModuleSetting TRACE_ID_KEY =
      new ModuleSetting(
          "warren.logs.mdc.trace-id-key", "trace_id", "the MDC key of the trace id", LogCorrelationSettings::isKey);
  static final ModuleSetting SPAN_ID_KEY =
      new ModuleSetting(
          "warren.logs.mdc.span-id-key", "span_id", "the MDC key of the span id", LogCorrelationSettings::isKey);
  static final ModuleSetting TRACE_FLAGS_KEY =
      new ModuleSetting(
          "warren.logs.mdc.trace-flags-key",
          "trace_flags",
          "the MDC key of the trace flags (01 sampled, 00 not)",
          LogCorrelationSettings::isKey);

  /** What a module's {@code settings()} lists. */
  public static final List<ModuleSetting> ALL =
      Arrays.asList(ENABLED, TRACE_ID_KEY, SPAN_ID_KEY, TRACE_FLAGS_KEY);

  private static Boolean enabled;

  private LogCorrelationSettings() {}

  /**
   * Reads the settings (the first call only) and configures {@link LogKeys}; returns whether log
   * correlation is on.
   */
  public static synchronized boolean load() {
    if (enabled == null) {
      enabled = Boolean.parseBoolean(ENABLED.value().trim());
      LogKeys.configure(
          TRACE_ID_KEY.value().trim(), SPAN_ID_KEY.value().trim(), TRACE_FLAGS_KEY.value().trim());
    }
    return enabled;
  }

  private static boolean isKey(String value) {
    return !value.trim().isEmpty();
  }
}
