package io.warren.instrumentation.log4j2;

import io.warren.agent.api.LogCorrelationModule;
import io.warren.agent.api.TypeInstrumentation;

/**
 * Log correlation for Log4j2 (2.7 onwards): a log event created while a span is current has the
 * span's ids in its context data ({@code %X{trace_id}} in a pattern, the context map of JSON
 * layouts), whichever thread formats it later. Nothing is added without a current span.
 */
public final class Log4j2InstrumentationModule extends LogCorrelationModule {

  static final String INJECTOR = "org.apache.logging.log4j.core.ContextDataInjector";

  @Override
  public String name() {
    return "log4j2";
  }

  @Override
  public String requiredClass() {
    return INJECTOR;
  }

  /** injectContextData's. */
  @Override
  protected String eventMethodDescriptor() {
    return "Ljava/util/List;Lorg/apache/logging/log4j/util/StringMap;)Lorg/apache/logging/log4j/util/StringMap;";
  }

  @Override
  protected TypeInstrumentation eventInstrumentation() {
    return new ContextDataInjectorInstrumentation();
  }
}
