package io.warren.instrumentation.opentelemetryapi.application;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.AttributeType;
import io.opentelemetry.api.common.Attributes;
import io.warren.bootstrap.SpanAttribute;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An application's attribute as Warren's bridge takes it: a string, long, boolean or list of
 * strings. A double becomes its decimal string and a list of anything else a list of strings
 * (the bridge has no other types).
 */
final class ApplicationAttributes {

  private ApplicationAttributes() {}

  // No switch on an enum here: it would need a synthetic class, which has no name to list.

  /** Warren's key for {@code key}; null for a key without a name. */
  static SpanAttribute keyOf(AttributeKey<?> key) {
    String name = key.getKey();
    if (name == null || name.isEmpty()) {
      return null;
    }
    AttributeType type = key.getType();
    if (type == AttributeType.LONG) {
      return SpanAttribute.longValue(name);
    }
    if (type == AttributeType.BOOLEAN) {
      return SpanAttribute.flag(name);
    }
    if (type == AttributeType.STRING_ARRAY || type == AttributeType.BOOLEAN_ARRAY
        || type == AttributeType.LONG_ARRAY || type == AttributeType.DOUBLE_ARRAY) {
      return SpanAttribute.stringList(name);
    }
    return SpanAttribute.string(name);
  }

  /** The value for the key {@link #keyOf} gave; null to leave it out. */
  static Object valueOf(SpanAttribute key, Object value) {
    if (value == null) {
      return null;
    }
    SpanAttribute.Type type = key.type();
    if (type == SpanAttribute.Type.LONG) {
      return value instanceof Number ? ((Number) value).longValue() : null;
    }
    if (type == SpanAttribute.Type.BOOLEAN) {
      return value instanceof Boolean ? value : null;
    }
    if (type == SpanAttribute.Type.STRING_LIST) {
      if (!(value instanceof List)) {
        return null;
      }
      List<String> strings = new ArrayList<String>();
      for (Object element : (List<?>) value) {
        strings.add(String.valueOf(element));
      }
      return strings;
    }
    return String.valueOf(value);
  }

  /** The application's attributes (null: none) as Warren's keys and values, in their order. */
  static Map<SpanAttribute, Object> mapOf(Attributes attributes) {
    if (attributes == null || attributes.isEmpty()) {
      return Collections.emptyMap();
    }
    Map<SpanAttribute, Object> converted = new LinkedHashMap<SpanAttribute, Object>();
    for (Map.Entry<AttributeKey<?>, Object> attribute : attributes.asMap().entrySet()) {
      SpanAttribute key = keyOf(attribute.getKey());
      Object value = key == null ? null : valueOf(key, attribute.getValue());
      if (value != null) {
        converted.put(key, value);
      }
    }
    return converted;
  }
}
