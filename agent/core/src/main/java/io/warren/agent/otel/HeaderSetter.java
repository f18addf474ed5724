package io.warren.agent.otel;

import io.opentelemetry.context.propagation.TextMapSetter;
import java.util.Map;

/** Writes propagation headers into the copy of the headers that the publish sends. */
enum HeaderSetter implements TextMapSetter<Map<String, Object>> {
  INSTANCE;

  @Override
  public void set(Map<String, Object> headers, String key, String value) {
    if (headers != null) {
      headers.put(key, value);
    }
  }
}
