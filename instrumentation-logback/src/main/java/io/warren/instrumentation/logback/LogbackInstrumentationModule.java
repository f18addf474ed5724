package io.warren.instrumentation.logback;

import io.warren.agent.api.LogCorrelationModule;
import io.warren.agent.api.TypeInstrumentation;

/**
 * Log correlation for Logback (1.2 to 1.6): a log event created while a span is current has the
 * span's ids in its MDC map ({@code %X{trace_id}} in a pattern, every MDC field of a JSON
 * encoder), whichever thread formats it later. Nothing is added without a current span.
 */
public final class LogbackInstrumentationModule extends LogCorrelationModule {

  static final String LOGGING_EVENT = "ch.qos.logback.classic.spi.LoggingEvent";

  @Override
  public String name() {
    return "logback";
  }

  @Override
  public String requiredClass() {
    return LOGGING_EVENT;
  }

  /** The constructor's: no other Logback method takes a Logger and then a Level. */
  @Override
  protected String eventMethodDescriptor() {
    return "Lch/qos/logback/classic/Logger;Lch/qos/logback/classic/Level;";
  }

  @Override
  protected TypeInstrumentation eventInstrumentation() {
    return new LoggingEventInstrumentation();
  }
}
