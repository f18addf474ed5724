package io.warren.instrumentation.rabbitmq.bootstrap;

import io.warren.bootstrap.Metrics;
import java.util.Map;

/**
 * Where and when the first publish Warren traced in a message's chain was made, in two headers:
 * {@code x-warren-origin}, the service's name, and {@code x-warren-origin-at}, that publish's time
 * in epoch milliseconds. The first publish sends the time only when it sends no {@code
 * x-warren-published-at} (which then is the same time): a constant text header costs a publish
 * less than a changing one. A publish made while a delivery carrying an origin is handled on the
 * same thread passes it on, time included, so every service downstream measures from the same
 * origin. Written only while metrics are on.
 */
public final class OriginHeader {

  public static final String NAME = "x-warren-origin";
  public static final String AT = "x-warren-origin-at";

  private static volatile boolean enabled = true;

  /** {@code otel.service.name} (or its variable), once read. */
  private static volatile String configuredName;

  private OriginHeader() {}

  /** Set once at start-up from {@code warren.messaging.origin.header}. */
  public static void enabled(boolean on) {
    enabled = on;
  }

  /**
   * Adds the origin to the headers a traced publish sends (a copy Warren owns): {@code service}
   * and {@code millis} passed on from the delivery being handled, or, with {@code service} null,
   * this publish as the origin.
   */
  static void stamp(Map<String, Object> headers, Object service, long millis) {
    if (!enabled || headers == null) {
      return;
    }
    if (service != null) {
      headers.put(NAME, service);
      headers.put(AT, millis);
      return;
    }
    headers.put(NAME, serviceName());
    if (MessageHistory.stampsPublishTime()) {
      headers.remove(AT); // a copy of a received message's headers must not date this origin
    } else {
      headers.put(AT, System.currentTimeMillis());
    }
  }

  /**
   * The origin's epoch milliseconds in received headers that name an origin; -1 when they do not
   * say.
   *
   * @param publishedAt the headers' {@link MessageHistory#PUBLISHED_AT}, read already (-1: absent)
   */
  static long millis(Map<String, Object> headers, long publishedAt) {
    Object at = headers.get(AT);
    return at != null ? MessageHistory.millis(at) : publishedAt;
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
}
