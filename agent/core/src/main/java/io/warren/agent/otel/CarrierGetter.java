package io.warren.agent.otel;

import io.opentelemetry.context.propagation.TextMapGetter;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;

/**
 * Reads propagation headers from the header map of a received message (the carrier a module
 * hands over), however the sender wrote them.
 *
 * <ul>
 *   <li>Values arrive as {@code String}, as a client library's own text type (read with
 *       {@code toString()}) or as raw {@code byte[]}: all are read as UTF-8 text. Maps, lists and
 *       numbers are never context and are ignored.
 *   <li>Header names are case-sensitive in most protocols, but senders disagree on case
 *       ({@code X-B3-TraceId} and {@code x-b3-traceid}): an exact match wins, otherwise any case
 *       is accepted.
 *   <li>A value longer than {@value #MAX_VALUE_CHARS} characters is ignored rather than parsed:
 *       a hostile or broken sender cannot make extraction expensive.
 * </ul>
 */
enum CarrierGetter implements TextMapGetter<Map<String, Object>> {
  INSTANCE;

  /** W3C baggage allows 8192 bytes; every other context header is far shorter. */
  static final int MAX_VALUE_CHARS = 8192;

  @Override
  public Iterable<String> keys(Map<String, Object> headers) {
    return headers == null ? Collections.<String>emptyList() : headers.keySet();
  }

  @Override
  public String get(Map<String, Object> headers, String key) {
    if (headers == null || key == null || headers.isEmpty()) {
      return null;
    }
    Object value = headers.get(key);
    if (value == null) {
      value = getIgnoringCase(headers, key);
    }
    return asText(value);
  }

  private static Object getIgnoringCase(Map<String, Object> headers, String key) {
    for (Map.Entry<String, Object> header : headers.entrySet()) {
      if (key.equalsIgnoreCase(header.getKey())) {
        return header.getValue();
      }
    }
    return null;
  }

  private static String asText(Object value) {
    String text;
    if (value == null || value instanceof Map || value instanceof Collection
        || value instanceof Number || value instanceof Boolean) {
      return null;
    } else if (value instanceof String) {
      text = (String) value;
    } else if (value instanceof byte[]) {
      byte[] bytes = (byte[]) value;
      if (bytes.length > MAX_VALUE_CHARS) {
        return null;
      }
      text = new String(bytes, StandardCharsets.UTF_8);
    } else {
      text = value.toString(); // a library's text type, e.g. one that decodes its bytes as UTF-8
    }
    return text.length() > MAX_VALUE_CHARS ? null : text;
  }
}
