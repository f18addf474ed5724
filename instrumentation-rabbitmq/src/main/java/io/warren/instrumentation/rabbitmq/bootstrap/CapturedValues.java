package io.warren.instrumentation.rabbitmq.bootstrap;

import io.warren.bootstrap.SpanAttribute;
import io.warren.bootstrap.SpanStart;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Message headers and AMQP properties the user asked to see on spans
 * ({@code warren.messaging.capture-headers}: names, comma-separated). A property name
 * ({@code app_id}, {@code content_type}, ...) captures that property as
 * {@code messaging.rabbitmq.message.<name>}; any other name captures the header of that name as
 * {@code messaging.header.<name>}. Bodies are never captured. With nothing configured this costs
 * one field read per message.
 */
public final class CapturedValues {

  /** The AMQP basic properties, by the names the AMQP specification gives them. */
  static final List<String> PROPERTIES =
      Arrays.asList(
          "content_type", "content_encoding", "delivery_mode", "priority", "correlation_id",
          "reply_to", "expiration", "message_id", "timestamp", "type", "user_id", "app_id",
          "cluster_id");

  /** Longer values are cut: a header is no place for a body, but some carry one. */
  static final int MAX_LENGTH = 256;

  private static volatile Capture[] captures = new Capture[0];
  private static final ConcurrentHashMap<String, Method> GETTERS = new ConcurrentHashMap<String, Method>();

  private CapturedValues() {}

  /** The setting's value: names separated by commas (blank: none). */
  public static void configure(String names) {
    List<Capture> configured = new ArrayList<Capture>();
    if (names != null) {
      for (String name : names.split(",")) {
        String trimmed = name.trim();
        if (!trimmed.isEmpty()) {
          configured.add(new Capture(trimmed, PROPERTIES.contains(trimmed)));
        }
      }
    }
    captures = configured.toArray(new Capture[0]);
  }

  /**
   * Adds the configured values found in {@code headers} and in {@code properties} (the client's
   * BasicProperties, or a framework's message properties with the same getters) to {@code span}.
   */
  public static SpanStart describe(SpanStart span, Map<String, Object> headers, Object properties) {
    Capture[] configured = captures;
    for (Capture capture : configured) {
      Object value =
          capture.property
              ? read(properties, capture.getter)
              : headers == null ? null : headers.get(capture.name);
      if (value != null) {
        String text =
            value instanceof byte[]
                ? new String((byte[]) value, StandardCharsets.UTF_8)
                : String.valueOf(value);
        span.set(capture.attribute, text.length() > MAX_LENGTH ? text.substring(0, MAX_LENGTH) : text);
      }
    }
    return span;
  }

  private static Object read(Object properties, String getter) {
    if (properties == null) {
      return null;
    }
    Class<?> type = properties.getClass();
    String key = type.getName() + '#' + getter;
    Method method = GETTERS.get(key);
    try {
      if (method == null) {
        method = type.getMethod(getter);
        GETTERS.put(key, method);
      }
      return method.invoke(properties);
    } catch (Throwable t) {
      return null; // a properties type without this getter: nothing to capture
    }
  }

  /** One configured name. */
  private static final class Capture {
    final String name;
    final boolean property;
    final String getter;
    final SpanAttribute attribute;

    Capture(String name, boolean property) {
      this.name = name;
      this.property = property;
      this.getter = property ? getterOf(name) : null;
      this.attribute =
          SpanAttribute.string(
              property ? "messaging.rabbitmq.message." + name : "messaging.header." + name);
    }

    /** {@code app_id} is read with {@code getAppId()}. */
    private static String getterOf(String name) {
      StringBuilder getter = new StringBuilder("get");
      boolean upper = true;
      for (char c : name.toCharArray()) {
        if (c == '_') {
          upper = true;
        } else {
          getter.append(upper ? Character.toUpperCase(c) : c);
          upper = false;
        }
      }
      return getter.toString();
    }
  }
}
