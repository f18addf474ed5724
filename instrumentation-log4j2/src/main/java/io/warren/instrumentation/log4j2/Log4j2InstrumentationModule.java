package io.warren.instrumentation.log4j2;

import io.warren.agent.api.InstrumentationModule;
import io.warren.agent.api.LogCorrelationSettings;
import io.warren.agent.api.ModuleSetting;
import io.warren.agent.api.TypeInstrumentation;
import java.util.Collections;
import java.util.List;

/**
 * Log correlation for Log4j2 (2.7 onwards): a log event created while a span is current has the
 * span's ids in its context data ({@code %X{trace_id}} in a pattern, the context map of JSON
 * layouts), whichever thread formats it later. Nothing is added without a current span.
 */
public final class Log4j2InstrumentationModule implements InstrumentationModule {

  static final String INJECTOR = "org.apache.logging.log4j.core.ContextDataInjector";

  private final boolean enabled;

  /** Reads the shared log-correlation settings (and sets the keys the advice writes). */
  public Log4j2InstrumentationModule() {
    enabled = LogCorrelationSettings.load();
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
    return LogCorrelationSettings.ALL;
  }
}
