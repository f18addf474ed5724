package io.warren.instrumentation.logback;

import io.warren.agent.api.InstrumentationModule;
import io.warren.agent.api.ModuleSetting;
import io.warren.agent.api.TypeInstrumentation;
import io.warren.instrumentation.logback.bootstrap.TraceMdc;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Log correlation for Logback (1.2 to 1.6): a log event created while a span is current has the
 * span's ids in its MDC map ({@code %X{trace_id}} in a pattern, every MDC field of a JSON
 * encoder), whichever thread formats it later. Nothing is added without a current span.
 */
public final class LogbackInstrumentationModule implements InstrumentationModule {

  static final String LOGGING_EVENT = "ch.qos.logback.classic.spi.LoggingEvent";

  // The same four settings as the Log4j2 module's: one switch and one set of keys for both.
  static final ModuleSetting ENABLED =
      new ModuleSetting(
          "warren.logs.mdc.enabled",
          "true",
          "true or false: log events created while a span is current carry its ids in the MDC"
              + " (Logback) and the context data (Log4j2)",
          ModuleSetting.TRUE_OR_FALSE);
  static final ModuleSetting TRACE_ID_KEY =
      new ModuleSetting("warren.logs.mdc.trace-id-key", "trace_id", "the MDC key of the trace id", LogbackInstrumentationModule::isKey);
  static final ModuleSetting SPAN_ID_KEY =
      new ModuleSetting("warren.logs.mdc.span-id-key", "span_id", "the MDC key of the span id", LogbackInstrumentationModule::isKey);
  static final ModuleSetting TRACE_FLAGS_KEY =
      new ModuleSetting(
          "warren.logs.mdc.trace-flags-key", "trace_flags", "the MDC key of the trace flags (01 sampled, 00 not)", LogbackInstrumentationModule::isKey);

  private final boolean enabled;

  /** Reads the settings into the bootstrap class the advice asks. */
  public LogbackInstrumentationModule() {
    enabled = Boolean.parseBoolean(ENABLED.value().trim());
    TraceMdc.configure(TRACE_ID_KEY.value().trim(), SPAN_ID_KEY.value().trim(), TRACE_FLAGS_KEY.value().trim());
  }

  @Override
  public String name() {
    return "logback";
  }

  @Override
  public String requiredClass() {
    return LOGGING_EVENT;
  }

  @Override
  public List<String> referencedTypes() {
    // The constructor's descriptor; no other Logback method takes a Logger and then a Level.
    // Off, the module names nothing, so no Logback class is looked at.
    return enabled
        ? Collections.singletonList("Lch/qos/logback/classic/Logger;Lch/qos/logback/classic/Level;")
        : Collections.<String>emptyList();
  }

  /**
   * Before the agent has started no span can be current, so an event logged then gets no ids
   * anyway: the application's first log call does not wait for the start, and the class is
   * instrumented once the agent has started.
   */
  @Override
  public boolean needsClassesFromStart() {
    return false;
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return enabled
        ? Collections.<TypeInstrumentation>singletonList(new LoggingEventInstrumentation())
        : Collections.<TypeInstrumentation>emptyList();
  }

  @Override
  public List<ModuleSetting> settings() {
    return Arrays.asList(ENABLED, TRACE_ID_KEY, SPAN_ID_KEY, TRACE_FLAGS_KEY);
  }

  private static boolean isKey(String value) {
    return !value.trim().isEmpty();
  }
}
