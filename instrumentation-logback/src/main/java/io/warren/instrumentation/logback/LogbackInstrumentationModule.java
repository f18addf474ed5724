package io.warren.instrumentation.logback;

import io.warren.agent.api.InstrumentationModule;
import io.warren.agent.api.LogCorrelationSettings;
import io.warren.agent.api.ModuleSetting;
import io.warren.agent.api.TypeInstrumentation;
import java.util.Collections;
import java.util.List;

/**
 * Log correlation for Logback (1.2 to 1.6): a log event created while a span is current has the
 * span's ids in its MDC map ({@code %X{trace_id}} in a pattern, every MDC field of a JSON
 * encoder), whichever thread formats it later. Nothing is added without a current span.
 */
public final class LogbackInstrumentationModule implements InstrumentationModule {

  static final String LOGGING_EVENT = "ch.qos.logback.classic.spi.LoggingEvent";

  private final boolean enabled;

  /** Reads the shared log-correlation settings (and sets the keys the advice writes). */
  public LogbackInstrumentationModule() {
    enabled = LogCorrelationSettings.load();
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
    return LogCorrelationSettings.ALL;
  }
}
