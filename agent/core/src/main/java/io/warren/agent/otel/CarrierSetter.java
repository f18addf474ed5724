package io.warren.agent.otel;

import io.opentelemetry.context.propagation.TextMapSetter;
import java.util.Map;

/** Writes propagation headers into the header map a module hands over for a message it sends. */
enum CarrierSetter implements TextMapSetter<Map<String, Object>> {
  INSTANCE;

  @Override
  public void set(Map<String, Object> headers, String key, String value) {
    if (headers != null) {
      headers.put(key, value);
    }
  }
}
