package io.warren.agent.otel;

import io.warren.bootstrap.MessageDetails;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Span names in the form {@code <operation> <exchange>:<routing key>[:<queue>]}, as the
 * OpenTelemetry messaging conventions name RabbitMQ destinations. The default exchange is
 * written {@code amq.default}; names the broker or a framework generates per connection or per
 * request (server-named queues, reply queues, UUIDs) are written {@code (temporary)}, so that
 * the number of distinct span names stays small.
 */
final class SpanNames {

  static final String DEFAULT_EXCHANGE = "amq.default";
  static final String TEMPORARY = "(temporary)";

  private SpanNames() {}

  /** Names already built, per operation, exchange and routing key: a service uses few. */
  private static final int MAX_CACHED = 1024;

  private static final AtomicInteger cached = new AtomicInteger();

  @SuppressWarnings("unchecked")
  private static final ConcurrentHashMap<String, ConcurrentHashMap<String, String>>[] CACHE =
      new ConcurrentHashMap[Operation.values().length];

  static {
    for (int i = 0; i < CACHE.length; i++) {
      CACHE[i] = new ConcurrentHashMap<String, ConcurrentHashMap<String, String>>();
    }
  }

  static String of(Operation operation, MessageDetails message) {
    String exchange = message.exchange().isEmpty() ? DEFAULT_EXCHANGE : message.exchange();
    String routingKey = displayed(message.routingKey());
    String queue = message.queue();
    if (queue != null && !queue.isEmpty() && !queue.equals(message.routingKey())) {
      return build(operation, exchange, routingKey) + ':' + displayed(queue);
    }
    ConcurrentHashMap<String, String> byRoutingKey = CACHE[operation.ordinal()].get(exchange);
    String name = byRoutingKey == null ? null : byRoutingKey.get(routingKey);
    if (name == null) {
      name = build(operation, exchange, routingKey);
      if (cached.incrementAndGet() <= MAX_CACHED) {
        CACHE[operation.ordinal()]
            .computeIfAbsent(exchange, e -> new ConcurrentHashMap<String, String>())
            .put(routingKey, name);
      }
    }
    return name;
  }

  private static String displayed(String name) {
    return isGenerated(name) ? TEMPORARY : name;
  }

  private static String build(Operation operation, String exchange, String routingKey) {
    return routingKey.isEmpty()
        ? operation.operationName + ' ' + exchange
        : operation.operationName + ' ' + exchange + ':' + routingKey;
  }

  /** True for names made up per connection or per request rather than chosen by a person. */
  static boolean isGenerated(String name) {
    return name.startsWith("amq.gen-")
        || name.startsWith("amq.rabbitmq.reply-to")
        || name.startsWith("spring.gen-")
        || looksLikeUuid(name);
  }

  private static boolean looksLikeUuid(String name) {
    if (name.length() != 36) {
      return false;
    }
    for (int i = 0; i < 36; i++) {
      char c = name.charAt(i);
      boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
      if (dash ? c != '-' : Character.digit(c, 16) < 0) {
        return false;
      }
    }
    return true;
  }
}
