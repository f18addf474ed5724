package io.warren.instrumentation.rabbitmq.bootstrap;

import static org.junit.jupiter.api.Assertions.assertNull;

import io.warren.bootstrap.SpanAttribute;
import io.warren.bootstrap.SpanStart;
import java.util.HashMap;
import java.util.Map;

/** What a SpanStart held, read the way the tracing core reads it. */
public record DescribedSpan(
    String instrumentation, SpanStart.Kind kind, String name, Map<String, Object> attributes) {

  /** Reads the description, then clears it, as Tracing does once the backend has it. */
  public static DescribedSpan describe(SpanStart span) {
    try {
      Map<String, Object> attributes = new HashMap<>();
      for (int i = 0; i < span.attributeCount(); i++) {
        SpanAttribute key = span.key(i);
        Object value = key.type() == SpanAttribute.Type.LONG ? (Object) span.longValue(i) : span.value(i);
        Object previous = attributes.put(key.name(), value);
        assertNull(previous, "set twice: " + key);
      }
      return new DescribedSpan(span.instrumentation(), span.kind(), span.name(), attributes);
    } finally {
      span.clear();
    }
  }
}
