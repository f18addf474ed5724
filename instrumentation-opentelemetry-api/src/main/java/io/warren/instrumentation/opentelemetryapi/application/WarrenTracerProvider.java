package io.warren.instrumentation.opentelemetryapi.application;

import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.TracerProvider;

/** Tracers whose spans Warren records. */
final class WarrenTracerProvider implements TracerProvider {

  static final WarrenTracerProvider INSTANCE = new WarrenTracerProvider();

  private WarrenTracerProvider() {}

  @Override
  public Tracer get(String instrumentationName) {
    return new WarrenTracer(instrumentationName);
  }

  @Override
  public Tracer get(String instrumentationName, String instrumentationVersion) {
    return new WarrenTracer(instrumentationName);
  }
}
