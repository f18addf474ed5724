package io.warren.agent.otel;

import io.warren.bootstrap.MessageDetails;

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

  static String of(Operation operation, MessageDetails message) {
    StringBuilder name = new StringBuilder(64).append(operation.operationName).append(' ');
    name.append(message.exchange().isEmpty() ? DEFAULT_EXCHANGE : message.exchange());
    String routingKey = message.routingKey();
    if (!routingKey.isEmpty()) {
      name.append(':').append(isGenerated(routingKey) ? TEMPORARY : routingKey);
    }
    String queue = message.queue();
    if (queue != null && !queue.isEmpty() && !queue.equals(routingKey)) {
      name.append(':').append(isGenerated(queue) ? TEMPORARY : queue);
    }
    return name.toString();
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
