package io.warren.agent.otel;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanBuilder;
import io.warren.bootstrap.MessageDetails;
import java.net.InetAddress;

/**
 * Span attributes from the OpenTelemetry messaging conventions for RabbitMQ, plus
 * {@code peer.service=rabbitmq}, which Zipkin shows as the remote service: it makes the broker
 * a node of Zipkin's dependency graph (producer → rabbitmq → consumer).
 */
final class MessagingAttributes {

  static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("messaging.system");
  static final AttributeKey<String> OPERATION_NAME =
      AttributeKey.stringKey("messaging.operation.name");
  static final AttributeKey<String> OPERATION_TYPE =
      AttributeKey.stringKey("messaging.operation.type");
  static final AttributeKey<String> DESTINATION =
      AttributeKey.stringKey("messaging.destination.name");
  static final AttributeKey<Boolean> DESTINATION_TEMPORARY =
      AttributeKey.booleanKey("messaging.destination.temporary");
  static final AttributeKey<String> ROUTING_KEY =
      AttributeKey.stringKey("messaging.rabbitmq.destination.routing_key");
  static final AttributeKey<Long> DELIVERY_TAG =
      AttributeKey.longKey("messaging.rabbitmq.message.delivery_tag");
  static final AttributeKey<Boolean> REDELIVERED =
      AttributeKey.booleanKey("messaging.rabbitmq.message.redelivered");
  static final AttributeKey<String> QUEUE = AttributeKey.stringKey("messaging.rabbitmq.queue");
  static final AttributeKey<String> MESSAGE_ID = AttributeKey.stringKey("messaging.message.id");
  static final AttributeKey<String> CONVERSATION_ID =
      AttributeKey.stringKey("messaging.message.conversation_id");
  static final AttributeKey<Long> BODY_SIZE = AttributeKey.longKey("messaging.message.body.size");
  static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
  static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");
  static final AttributeKey<String> PEER_SERVICE = AttributeKey.stringKey("peer.service");
  static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

  static final String RABBITMQ = "rabbitmq";

  /** The last broker address formatted: almost every application talks to one broker. */
  private static volatile Object[] lastAddress = new Object[] {null, null};

  private MessagingAttributes() {}

  static void apply(SpanBuilder span, Operation operation, MessageDetails message) {
    span.setAttribute(SYSTEM, RABBITMQ)
        .setAttribute(OPERATION_NAME, operation.operationName)
        .setAttribute(OPERATION_TYPE, operation.operationType)
        .setAttribute(DESTINATION, message.exchange())
        .setAttribute(PEER_SERVICE, RABBITMQ);
    String routingKey = message.routingKey();
    if (!routingKey.isEmpty()) {
      span.setAttribute(ROUTING_KEY, routingKey);
      if (SpanNames.isGenerated(routingKey)) {
        span.setAttribute(DESTINATION_TEMPORARY, true);
      }
    }
    if (message.queue() != null) {
      span.setAttribute(QUEUE, message.queue());
    }
    if (message.deliveryTag() >= 0) {
      span.setAttribute(DELIVERY_TAG, message.deliveryTag());
    }
    if (message.redelivered()) {
      span.setAttribute(REDELIVERED, true);
    }
    if (message.messageId() != null) {
      span.setAttribute(MESSAGE_ID, message.messageId());
    }
    if (message.correlationId() != null) {
      span.setAttribute(CONVERSATION_ID, message.correlationId());
    }
    if (message.bodySize() >= 0) {
      span.setAttribute(BODY_SIZE, message.bodySize());
    }
    InetAddress address = message.serverAddress();
    if (address != null) {
      span.setAttribute(SERVER_ADDRESS, format(address));
      span.setAttribute(SERVER_PORT, (long) message.serverPort());
    }
  }

  private static String format(InetAddress address) {
    Object[] last = lastAddress;
    if (last[0] == address) {
      return (String) last[1];
    }
    String formatted = address.getHostAddress();
    lastAddress = new Object[] {address, formatted};
    return formatted;
  }
}
