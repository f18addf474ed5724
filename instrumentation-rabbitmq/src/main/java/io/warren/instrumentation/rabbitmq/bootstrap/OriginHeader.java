package io.warren.instrumentation.rabbitmq.bootstrap;

import io.warren.bootstrap.Metrics;
import java.util.Map;

/**
 * The header {@code x-warren-origin}: when and where the first publish Warren traced in a
 * message's chain was made, as {@code <epoch milliseconds> <service name>} (for example
 * {@code 1765100000123 orders-api}; the name is everything after the first space). A publish made
 * while a delivery carrying it is handled on the same thread passes the delivery's value on, so
 * every service downstream measures from the same origin. Written only while metrics are on.
 */
public final class OriginHeader {

  public static final String NAME = "x-warren-origin";

  private static volatile boolean enabled = true;

  /** The latest fresh origin, reused while the clock shows the same millisecond. */
  private static volatile String latest = "-1 ";

  /** {@code otel.service.name} (or its variable), once read. */
  private static volatile String configuredName;

  private OriginHeader() {}

  /** Set once at start-up from {@code warren.messaging.origin.header}. */
  public static void enabled(boolean on) {
    enabled = on;
  }

  /** Adds the origin to the headers a traced publish sends (a copy Warren owns). */
  static void stamp(Map<String, Object> headers, Object relayed) {
    if (!enabled || headers == null) {
      return;
    }
    headers.put(NAME, relayed != null ? relayed : fresh());
  }

  private static String fresh() {
    long now = System.currentTimeMillis();
    String service = serviceName();
    String last = latest;
    if (millis(last) != now || service(last, service) != service) {
      last = now + " " + service;
      latest = last;
    }
    return last;
  }

  /** The core's service name, or, before it said, the standard setting's (read once: reading the environment allocates). */
  static String serviceName() {
    String name = Metrics.serviceName();
    if (name != null) {
      return name;
    }
    String setting = configuredName;
    if (setting == null) {
      setting = configuredName();
      configuredName = setting;
    }
    return setting;
  }

  private static String configuredName() {
    String name = System.getProperty("otel.service.name");
    if (name == null || name.trim().isEmpty()) {
      name = System.getenv("OTEL_SERVICE_NAME");
    }
    return name == null || name.trim().isEmpty() ? "unknown_service:java" : name.trim();
  }

  /** The origin's epoch milliseconds in a received value; -1 when it is not one of ours. */
  static long millis(String value) {
    int space = value.indexOf(' ');
    if (space <= 0 || space == value.length() - 1) {
      return -1;
    }
    long millis = 0;
    for (int i = 0; i < space; i++) {
      int digit = value.charAt(i) - '0';
      if (digit < 0 || digit > 9 || millis > Long.MAX_VALUE / 10) {
        return -1;
      }
      millis = millis * 10 + digit;
    }
    return millis;
  }

  /** The origin's service in a value {@link #millis} accepted: {@code known} when it is that one. */
  static String service(String value, String known) {
    int from = value.indexOf(' ') + 1;
    int length = value.length() - from;
    if (known != null && known.length() == length && value.regionMatches(from, known, 0, length)) {
      return known;
    }
    return value.substring(from);
  }
}
