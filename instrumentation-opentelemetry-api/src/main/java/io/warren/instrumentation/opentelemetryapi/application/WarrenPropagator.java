package io.warren.instrumentation.opentelemetryapi.application;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import io.warren.bootstrap.Tracing;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The propagators Warren runs with ({@code otel.propagators}), for the application's own
 * carriers: what it injects or extracts by hand carries Warren's context, span and baggage, in
 * the same headers Warren's messages do. The carrier is copied to and from a map that Warren's
 * propagators read and write.
 */
final class WarrenPropagator implements TextMapPropagator {

  static final WarrenPropagator INSTANCE = new WarrenPropagator();

  private WarrenPropagator() {}

  @Override
  public Collection<String> fields() {
    return Tracing.propagationFields();
  }

  @Override
  public <C> void inject(Context context, C carrier, TextMapSetter<C> setter) {
    if (context == null || setter == null) {
      return;
    }
    Map<String, Object> headers = new LinkedHashMap<String, Object>();
    Tracing.inject(WarrenContext.from(context).warren, headers);
    for (Map.Entry<String, Object> header : headers.entrySet()) {
      setter.set(carrier, header.getKey(), String.valueOf(header.getValue()));
    }
  }

  @Override
  public <C> Context extract(Context context, C carrier, TextMapGetter<C> getter) {
    Context base = context == null ? WarrenContext.ROOT : context;
    if (getter == null) {
      return base;
    }
    WarrenContext view = WarrenContext.from(base);
    Object extracted = Tracing.extract(view.warren, headersOf(carrier, getter));
    return extracted == null ? base : new WarrenContext(extracted, view.entries);
  }

  /**
   * The propagators' fields the carrier has, and every key it lists besides (a propagator whose
   * baggage headers share a prefix, not a name, reads those).
   */
  private static <C> Map<String, Object> headersOf(C carrier, TextMapGetter<C> getter) {
    Map<String, Object> headers = new LinkedHashMap<String, Object>();
    for (String field : Tracing.propagationFields()) {
      put(headers, field, getter.get(carrier, field));
    }
    try {
      Iterable<String> keys = carrier == null ? null : getter.keys(carrier);
      if (keys != null) {
        for (String key : keys) {
          if (key != null && !headers.containsKey(key)) {
            put(headers, key, getter.get(carrier, key));
          }
        }
      }
    } catch (RuntimeException notListable) {
      // A getter that cannot list its carrier's keys: the fields by name are what most need.
    }
    return headers;
  }

  private static void put(Map<String, Object> headers, String name, String value) {
    if (value != null) {
      headers.put(name, value);
    }
  }
}
