package io.warren.smoketest.apps;

import com.rabbitmq.client.LongString;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * A printable, exact description of a message, so a test can compare what a producer sent with
 * what a consumer received: {@code <messageId|-> <body base64> key=type:value ...}, headers sorted by
 * key. Strings (sent as {@link String}, received as {@link LongString}) are compared by their UTF-8
 * bytes; every other value keeps its type.
 */
public final class Wire {
  private Wire() {}

  /** One message as a test sees it. */
  public record Message(String messageId, String bodyBase64, Map<String, String> headers) {
    public byte[] body() {
      return Base64.getDecoder().decode(bodyBase64);
    }

    /** The same message without the headers matching {@code drop}. */
    public Message withoutHeaders(java.util.function.Predicate<String> drop) {
      Map<String, String> kept = new TreeMap<>(headers);
      kept.keySet().removeIf(drop);
      return new Message(messageId, bodyBase64, kept);
    }
  }

  public static String describe(String messageId, byte[] body, Map<String, Object> headers) {
    StringBuilder line = new StringBuilder()
        .append(messageId == null ? "-" : messageId)
        .append(' ')
        .append(Base64.getEncoder().encodeToString(body == null ? new byte[0] : body));
    if (headers != null) {
      new TreeMap<>(headers).forEach((key, value) ->
          line.append(' ').append(key).append('=').append(value(value)));
    }
    return line.toString();
  }

  /** Parses what {@link #describe} printed. */
  public static Message parse(String line) {
    String[] parts = line.split(" ", -1); // -1 keeps an empty body (and no headers)
    Map<String, String> headers = new TreeMap<>();
    for (int i = 2; i < parts.length; i++) {
      int eq = parts[i].indexOf('=');
      headers.put(parts[i].substring(0, eq), parts[i].substring(eq + 1));
    }
    return new Message("-".equals(parts[0]) ? null : parts[0], parts[1], headers);
  }

  static String value(Object value) {
    if (value == null) {
      return "null";
    } else if (value instanceof String s) {
      return "str:" + base64(s.getBytes(StandardCharsets.UTF_8));
    } else if (value instanceof LongString s) {
      return "str:" + base64(s.getBytes());
    } else if (value instanceof byte[] bytes) {
      return "bytes:" + base64(bytes);
    } else if (value instanceof Integer || value instanceof Long || value instanceof Short
        || value instanceof Byte || value instanceof Boolean || value instanceof Double
        || value instanceof Float) {
      return value.getClass().getSimpleName().toLowerCase() + ":" + value;
    } else if (value instanceof BigDecimal decimal) {
      return "decimal:" + decimal.toPlainString();
    } else if (value instanceof Date date) {
      return "timestamp:" + date.getTime() / 1000; // AMQP timestamps have whole seconds
    } else if (value instanceof List<?> list) {
      List<String> items = new ArrayList<>();
      list.forEach(item -> items.add(value(item)));
      return "list:[" + String.join(",", items) + "]";
    } else if (value instanceof Map<?, ?> map) {
      StringJoiner table = new StringJoiner(",", "table:{", "}");
      new TreeMap<>(map).forEach((k, v) -> table.add(k + "=" + value(v)));
      return table.toString();
    }
    return value.getClass().getName() + ":" + base64(value.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static String base64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }
}
