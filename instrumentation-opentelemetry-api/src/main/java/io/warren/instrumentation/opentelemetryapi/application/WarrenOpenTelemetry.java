package io.warren.instrumentation.opentelemetryapi.application;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.context.propagation.ContextPropagators;

/** What {@code GlobalOpenTelemetry.get()} gives an application that set no SDK of its own. */
public final class WarrenOpenTelemetry implements OpenTelemetry {

  static final WarrenOpenTelemetry INSTANCE = new WarrenOpenTelemetry();

  private static final ContextPropagators PROPAGATORS = ContextPropagators.create(WarrenPropagator.INSTANCE);

  private WarrenOpenTelemetry() {}

  /** Warren's instead of the API's no-op; an SDK the application set is left as it is. */
  public static OpenTelemetry instead(OpenTelemetry global) {
    return global == null || global.getTracerProvider() == TracerProvider.noop() ? INSTANCE : global;
  }

  @Override
  public TracerProvider getTracerProvider() {
    return WarrenTracerProvider.INSTANCE;
  }

  /** Warren's propagators ({@code otel.propagators}), for what the application carries by hand. */
  @Override
  public ContextPropagators getPropagators() {
    return PROPAGATORS;
  }
}
