package io.warren.instrumentation.rabbitmq.bootstrap;

import io.warren.bootstrap.CallDepth;
import io.warren.bootstrap.CommonAttributes;
import io.warren.bootstrap.SpanAttribute;
import io.warren.bootstrap.SpanStart;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.Map;

/**
 * How a RabbitMQ message becomes a span: its name, kind and the attributes of the OpenTelemetry
 * messaging conventions for RabbitMQ, plus {@code peer.service=rabbitmq}, which Zipkin shows as
 * the remote service so that its dependency graph reads producer → rabbitmq → consumer. This
 * module's advice reads the client's objects into plain values first, then describes the span
 * with these methods and starts it with {@code Tracing}. Other modules describe a delivery with
 * {@code api.DeliverySpan}.
 */
public final class RabbitSpans {

  public static final String INSTRUMENTATION = "io.warren.rabbitmq";

  /**
   * One span per publish or get, however many wrappers the call goes through (a delivery's:
   * {@code DeliverySpan.DEPTH}).
   */
  public static final int PUBLISH_DEPTH = CallDepth.newKind();

  public static final int RECEIVE_DEPTH = CallDepth.newKind();

  static final String RABBITMQ = "rabbitmq";

  static final SpanAttribute SYSTEM = SpanAttribute.string("messaging.system");
  static final SpanAttribute OPERATION_NAME = SpanAttribute.string("messaging.operation.name");
  static final SpanAttribute OPERATION_TYPE = SpanAttribute.string("messaging.operation.type");
  static final SpanAttribute DESTINATION = SpanAttribute.string("messaging.destination.name");
  static final SpanAttribute DESTINATION_TEMPORARY =
      SpanAttribute.flag("messaging.destination.temporary");
  static final SpanAttribute ROUTING_KEY =
      SpanAttribute.string("messaging.rabbitmq.destination.routing_key");
  static final SpanAttribute DELIVERY_TAG =
      SpanAttribute.longValue("messaging.rabbitmq.message.delivery_tag");
  static final SpanAttribute REDELIVERED =
      SpanAttribute.flag("messaging.rabbitmq.message.redelivered");
  static final SpanAttribute QUEUE = SpanAttribute.string("messaging.rabbitmq.queue");
  static final SpanAttribute MESSAGE_ID = SpanAttribute.string("messaging.message.id");
  static final SpanAttribute CONVERSATION_ID =
      SpanAttribute.string("messaging.message.conversation_id");
  static final SpanAttribute BODY_SIZE = SpanAttribute.longValue("messaging.message.body.size");
  static final SpanAttribute RETURN_CODE =
      SpanAttribute.longValue("messaging.rabbitmq.return.reply_code");
  static final SpanAttribute RETURN_TEXT =
      SpanAttribute.string("messaging.rabbitmq.return.reply_text");
  public static final SpanAttribute BATCH_COUNT =
      SpanAttribute.longValue("messaging.batch.message_count");

  /** The first broker address formatted: almost every application talks to one broker. */
  private static volatile Object[] lastAddress = new Object[] {null, null};
  /**
   * Every broker address formatted (a few: a cluster's nodes), so that the same text is reused
   * and hashed once, also when threads talk to different nodes.
   */
  private static final java.util.concurrent.ConcurrentHashMap<InetAddress, String> FORMATTED =
      new java.util.concurrent.ConcurrentHashMap<InetAddress, String>();
  private static final int MAX_FORMATTED = 64;

  private RabbitSpans() {}

  /** A PRODUCER span; the caller adds {@code injectInto} the headers it will send. */
  public static SpanStart publish(String exchange, String routingKey) {
    exchange = exchange == null ? "" : exchange;
    routingKey = routingKey == null ? "" : routingKey;
    SpanStart span =
        common(
            SpanStart.begin(INSTRUMENTATION, SpanStart.Kind.PRODUCER, RabbitNames.publish(exchange, routingKey)),
            "publish", "send", exchange, routingKey, null);
    return Exclusions.apply(span, exchange.isEmpty() ? routingKey : exchange);
  }

  /** A CONSUMER span for a pushed delivery; {@code queue} may be null when not known. */
  public static SpanStart process(String queue, String exchange, String routingKey) {
    exchange = exchange == null ? "" : exchange;
    routingKey = routingKey == null ? "" : routingKey;
    SpanStart span =
        common(
            SpanStart.begin(INSTRUMENTATION, SpanStart.Kind.CONSUMER, RabbitNames.process(queue, exchange, routingKey)),
            "process", "process", exchange, routingKey, queue);
    return Exclusions.apply(span, queue);
  }

  /**
   * A message the broker returned as unroutable ({@code mandatory} publish): a CONSUMER span,
   * child of the publish through the headers the message came back with, named
   * {@code return <exchange>} like the publish, with the broker's reply code and text.
   */
  public static SpanStart returned(
      String exchange,
      String routingKey,
      int replyCode,
      String replyText,
      Map<String, Object> headers,
      String messageId,
      long bodySize) {
    exchange = exchange == null ? "" : exchange;
    routingKey = routingKey == null ? "" : routingKey;
    SpanStart span =
        common(
                SpanStart.begin(INSTRUMENTATION, SpanStart.Kind.CONSUMER, RabbitNames.returned(exchange, routingKey)),
                "return", "receive", exchange, routingKey, null)
            .parentFrom(headers)
            .set(RETURN_CODE, (long) replyCode)
            .set(RETURN_TEXT, replyText);
    Exclusions.apply(span, exchange.isEmpty() ? routingKey : exchange);
    return message(span, messageId, null, bodySize);
  }

  /**
   * How a consumer settled a delivery whose span had already ended, or that it never settled:
   * a short span under the delivery's ({@code delivery}: {@code Tracing.contextOf} its span).
   */
  public static SpanStart settle(Object delivery, String queue, long deliveryTag) {
    SpanStart span =
        SpanStart.begin(INSTRUMENTATION, SpanStart.Kind.INTERNAL, RabbitNames.settle(queue))
            .childOf(delivery)
            .set(SYSTEM, RABBITMQ)
            .set(OPERATION_TYPE, "settle")
            .set(QUEUE, queue)
            .set(DELIVERY_TAG, deliveryTag);
    return span;
  }

  /**
   * The broker refused a publish whose span has ended (no confirm mode): a short span under it
   * ({@code publish}: {@code Tracing.contextOf} its span), failed by {@link RefusedPublishes}.
   */
  static SpanStart refused(Object publish) {
    return SpanStart.begin(INSTRUMENTATION, SpanStart.Kind.INTERNAL, "publish refused")
        .childOf(publish)
        .set(SYSTEM, RABBITMQ)
        .set(OPERATION_TYPE, "send");
  }

  /** A CONSUMER span for a message pulled with basic.get. */
  public static SpanStart receive(String queue, String exchange, String routingKey) {
    exchange = exchange == null ? "" : exchange;
    routingKey = routingKey == null ? "" : routingKey;
    SpanStart span =
        common(
            SpanStart.begin(INSTRUMENTATION, SpanStart.Kind.CONSUMER, RabbitNames.receive(queue, exchange, routingKey)),
            "receive", "receive", exchange, routingKey, queue);
    return Exclusions.apply(span, queue);
  }

  private static SpanStart common(
      SpanStart span, String operation, String type, String exchange, String routingKey, String queue) {
    span.set(SYSTEM, RABBITMQ)
        .set(OPERATION_NAME, operation)
        .set(OPERATION_TYPE, type)
        .set(DESTINATION, exchange)
        .set(CommonAttributes.PEER_SERVICE, RABBITMQ);
    if (!routingKey.isEmpty()) {
      span.set(ROUTING_KEY, routingKey);
    }
    if (RabbitNames.isGenerated(routingKey) || (queue != null && RabbitNames.isGenerated(queue))) {
      span.set(DESTINATION_TEMPORARY, true);
    }
    if (queue != null) {
      span.set(QUEUE, queue);
    }
    return span;
  }

  /** The message's own properties; a negative size is left out. */
  public static SpanStart message(SpanStart span, String messageId, String correlationId, long bodySize) {
    span.set(MESSAGE_ID, messageId).set(CONVERSATION_ID, correlationId);
    if (bodySize >= 0) {
      span.set(BODY_SIZE, bodySize);
    }
    return span;
  }

  public static SpanStart delivery(SpanStart span, long deliveryTag, boolean redelivered) {
    span.set(DELIVERY_TAG, deliveryTag);
    if (redelivered) {
      span.set(REDELIVERED, true);
    }
    return span;
  }

  /** The broker; nothing when the address is unknown. */
  public static SpanStart server(SpanStart span, InetAddress address, int port) {
    if (address != null) {
      span.set(CommonAttributes.SERVER_ADDRESS, format(address))
          .set(CommonAttributes.SERVER_PORT, (long) port);
    }
    return span;
  }

  /** The size of a body as the client takes it: byte[] or (since 5.30) ByteBuffer; -1 otherwise. */
  public static long bodySizeOf(Object body) {
    if (body instanceof byte[]) {
      return ((byte[]) body).length;
    }
    if (body instanceof ByteBuffer) {
      return ((ByteBuffer) body).remaining();
    }
    return -1;
  }

  static String format(InetAddress address) {
    Object[] last = lastAddress;
    // Equal, not identical: each connection to the broker has its own InetAddress.
    if (address.equals(last[0])) {
      return (String) last[1];
    }
    String formatted = FORMATTED.get(address);
    if (formatted == null) {
      formatted = address.getHostAddress();
      if (FORMATTED.size() < MAX_FORMATTED) {
        FORMATTED.putIfAbsent(address, formatted);
      }
      if (last[0] == null) {
        lastAddress = new Object[] {address, formatted}; // the first broker: the one checked first
      }
    }
    return formatted;
  }
}
