package io.warren.instrumentation.opentelemetryapi.application;

import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.Tracer;

/** A tracer whose spans Warren records, under the application's instrumentation name. */
final class WarrenTracer implements Tracer {

  private final String instrumentationName;

  WarrenTracer(String instrumentationName) {
    this.instrumentationName = instrumentationName;
  }

  @Override
  public SpanBuilder spanBuilder(String spanName) {
    return new WarrenSpanBuilder(instrumentationName, spanName);
  }
}
