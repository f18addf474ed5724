package io.warren.instrumentation.opentelemetryannotations.bootstrap;

import io.warren.bootstrap.SpanAttribute;
import io.warren.bootstrap.SpanStart;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A {@code @SpanAttribute} parameter's value as an attribute, typed by the parameter's declared
 * type as the OpenTelemetry agent does: a string; a whole number as a long; a boolean; an array
 * or collection as a list of strings; anything else by its {@code toString()}. Warren has no
 * floating-point attributes: a {@code double} or {@code float} is its decimal string.
 */
final class AttributeValues {

  private AttributeValues() {}

  static SpanAttribute keyFor(String name, Class<?> type) {
    if (type == long.class || type == int.class || type == short.class || type == byte.class
        || type == Long.class || type == Integer.class || type == Short.class || type == Byte.class) {
      return SpanAttribute.longValue(name);
    }
    if (type == boolean.class || type == Boolean.class) {
      return SpanAttribute.flag(name);
    }
    if (type.isArray() || Collection.class.isAssignableFrom(type)) {
      return SpanAttribute.stringList(name);
    }
    return SpanAttribute.string(name);
  }

  /** Sets {@code value} (not null) on the span being described, as {@link #keyFor} typed it. */
  static void set(SpanStart span, SpanAttribute key, Object value) {
    SpanAttribute.Type type = key.type();
    if (type == SpanAttribute.Type.LONG) {
      span.set(key, ((Number) value).longValue());
    } else if (type == SpanAttribute.Type.BOOLEAN) {
      span.set(key, ((Boolean) value).booleanValue());
    } else if (type == SpanAttribute.Type.STRING_LIST) {
      span.set(key, strings(value));
    } else {
      span.set(key, value.toString());
    }
  }

  private static List<String> strings(Object arrayOrCollection) {
    List<String> strings = new ArrayList<String>();
    if (arrayOrCollection instanceof Collection) {
      for (Object element : (Collection<?>) arrayOrCollection) {
        strings.add(String.valueOf(element));
      }
    } else {
      for (int i = 0, n = Array.getLength(arrayOrCollection); i < n; i++) {
        strings.add(String.valueOf(Array.get(arrayOrCollection, i)));
      }
    }
    return strings;
  }
}
