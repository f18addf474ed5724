package io.warren.instrumentation.log4j2;

import io.warren.agent.api.InstrumentationModule;
import io.warren.agent.api.ModuleSetting;
import io.warren.agent.api.TypeInstrumentation;
import io.warren.instrumentation.log4j2.bootstrap.ContextDataKeys;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Log correlation for Log4j2 (2.7 onwards): a log event created while a span is current has the
 * span's ids in its context data ({@code %X{trace_id}} in a pattern, the context map of JSON
 * layouts), whichever thread formats it later. Nothing is added without a current span.
 */
public final class Log4j2InstrumentationModule implements InstrumentationModule {

  static final String INJECTOR = "org.apache.logging.log4j.core.ContextDataInjector";

  // The same four settings as the Logback module's: one switch and one set of keys for both.
  static final ModuleSetting ENABLED =
      new ModuleSetting(
          "warren.logs.mdc.enabled",
          "true",
          "true or false: log events created while a span is current carry its ids in the MDC"
              + " (Logback) and the context data (Log4j2)",
          ModuleSetting.TRUE_OR_FALSE);
  static final ModuleSetting TRACE_ID_KEY =
      new ModuleSetting("warren.logs.mdc.trace-id-key", "trace_id", "the MDC key of the trace id", Log4j2InstrumentationModule::isKey);
  static final ModuleSetting SPAN_ID_KEY =
      new ModuleSetting("warren.logs.mdc.span-id-key", "span_id", "the MDC key of the span id", Log4j2InstrumentationModule::isKey);
  static final ModuleSetting TRACE_FLAGS_KEY =
      new ModuleSetting(
          "warren.logs.mdc.trace-flags-key",
          "trace_flags",
          "the MDC key of the trace flags (01 sampled, 00 not)",
          Log4j2InstrumentationModule::isKey);

  private final boolean enabled;

  /** Reads the settings into the bootstrap class the advice asks. */
  public Log4j2InstrumentationModule() {
    enabled = Boolean.parseBoolean(ENABLED.value().trim());
    ContextDataKeys.configure(TRACE_ID_KEY.value().trim(), SPAN_ID_KEY.value().trim(), TRACE_FLAGS_KEY.value().trim());
  }

  @Override
  public String name() {
    return "log4j2";
  }

  @Override
  public String requiredClass() {
    return INJECTOR;
  }

  @Override
  public List<String> referencedTypes() {
    // injectContextData's descriptor. Off, the module names nothing, so no class is looked at.
    return enabled
        ? Collections.singletonList(
            "Ljava/util/List;Lorg/apache/logging/log4j/util/StringMap;)Lorg/apache/logging/log4j/util/StringMap;")
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
        ? Collections.<TypeInstrumentation>singletonList(new ContextDataInjectorInstrumentation())
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
