package io.warren.instrumentation.rabbitmq.bootstrap.api;

import io.warren.bootstrap.CallDepth;
import io.warren.bootstrap.Metrics;
import io.warren.bootstrap.SpanStart;
import io.warren.bootstrap.Tracing;
import io.warren.instrumentation.rabbitmq.bootstrap.CapturedValues;
import io.warren.instrumentation.rabbitmq.bootstrap.ChannelDeliveries;
import io.warren.instrumentation.rabbitmq.bootstrap.MessageHistory;
import io.warren.instrumentation.rabbitmq.bootstrap.RabbitMetrics;
import io.warren.instrumentation.rabbitmq.bootstrap.RabbitNames;
import io.warren.instrumentation.rabbitmq.bootstrap.RabbitSpans;
import io.warren.instrumentation.rabbitmq.bootstrap.Redeliveries;
import java.net.InetAddress;
import java.util.Date;
import java.util.Map;

/**
 * The CONSUMER {@code process} span of a message pushed to a consumer, described value by value
 * by name: what every consumer-side advice reads from its message (the client's handleDelivery,
 * its RpcServer, a framework's listener or handler). Its parent is the context in the received
 * headers. A value never given is left out of the span.
 *
 * <pre>{@code
 * SpanStart span = DeliverySpan.begin()
 *     .queue(queue).exchange(exchange).routingKey(routingKey)
 *     .deliveryTag(tag).redelivered(redelivered)
 *     .headers(headers).messageId(id).correlationId(correlationId).timestamp(timestamp)
 *     .bodySize(size).server(address, port)
 *     .describe();
 * }</pre>
 *
 * <p>One instance per thread is reused, so describing a delivery allocates nothing: take it with
 * {@link #begin}, give it the values, and end with {@link #describe}, {@link #describeBatch} or
 * {@link #startCurrent}, which clear it. A {@code begin} while another delivery is being described
 * on the same thread gets a fresh instance.
 */
public final class DeliverySpan {

  /**
   * One delivery span per message on a thread, however many consumers wrap each other or a
   * framework's listener runs inside the client's handleDelivery: advice of every module that
   * makes one enters this kind first.
   */
  public static final int DEPTH = CallDepth.newKind();

  private static final ThreadLocal<DeliverySpan> REUSED =
      new ThreadLocal<DeliverySpan>() {
        @Override
        protected DeliverySpan initialValue() {
          return new DeliverySpan();
        }
      };

  private boolean inUse;
  private String queue;
  private String exchange;
  private String routingKey;
  private long deliveryTag;
  private boolean redelivered;
  private Map<String, Object> headers;
  private String messageId;
  private String correlationId;
  private Date timestamp;
  private long bodySize;
  private InetAddress address;
  private int port;
  private Object properties;
  private Subscriptions.Subscription subscription;
  private Redeliveries.Redelivery redelivery;

  private DeliverySpan() {
    clear();
  }

  /** Starts describing a delivery on this thread. */
  public static DeliverySpan begin() {
    DeliverySpan delivery = REUSED.get();
    if (delivery.inUse) {
      delivery = new DeliverySpan();
    }
    delivery.inUse = true;
    return delivery;
  }

  /**
   * The subscription the delivery came through (null when not known): its queue and broker, and
   * whether the consumer acknowledges, which {@link #startCurrent} follows.
   */
  public DeliverySpan subscription(Subscriptions.Subscription subscription) {
    this.subscription = subscription;
    if (subscription != null) {
      queue(subscription.queue);
      server(subscription.address, subscription.port);
    }
    return this;
  }

  /** The queue the consumer reads; when not known, the span is named after the exchange. */
  public DeliverySpan queue(String queue) {
    this.queue = queue;
    return this;
  }

  public DeliverySpan exchange(String exchange) {
    this.exchange = exchange;
    return this;
  }

  public DeliverySpan routingKey(String routingKey) {
    this.routingKey = routingKey;
    return this;
  }

  public DeliverySpan deliveryTag(long deliveryTag) {
    this.deliveryTag = deliveryTag;
    return this;
  }

  public DeliverySpan redelivered(boolean redelivered) {
    this.redelivered = redelivered;
    return this;
  }

  /** The received headers: the parent's context, the broker's x-death, Warren's publish time. */
  public DeliverySpan headers(Map<String, Object> headers) {
    this.headers = headers;
    return this;
  }

  public DeliverySpan messageId(String messageId) {
    this.messageId = messageId;
    return this;
  }

  public DeliverySpan correlationId(String correlationId) {
    this.correlationId = correlationId;
    return this;
  }

  /** The AMQP timestamp property, for the time in the queue when no header says it. */
  public DeliverySpan timestamp(Date timestamp) {
    this.timestamp = timestamp;
    return this;
  }

  /** The body's size in bytes; negative: not known. */
  public DeliverySpan bodySize(long bodySize) {
    this.bodySize = bodySize;
    return this;
  }

  /** The broker the message came from; a null address: not known. */
  public DeliverySpan server(InetAddress address, int port) {
    this.address = address;
    this.port = port;
    return this;
  }

  /**
   * The message's properties (the client's BasicProperties, or a framework's message properties
   * with the same getters), read for the values {@code warren.messaging.capture-headers} asks for.
   */
  public DeliverySpan capturing(Object properties) {
    this.properties = properties;
    return this;
  }

  /**
   * The span described, for {@code Tracing} to start: a message redelivered over and over gets
   * no span for most of its redeliveries, only its context ({@code Redeliveries}).
   */
  public SpanStart describe() {
    try {
      return describeOnce();
    } finally {
      clear();
    }
  }

  /** Describes the span; a redelivery of a traced destination is counted in {@link #redelivery}. */
  private SpanStart describeOnce() {
    SpanStart span = RabbitSpans.process(queue, exchange, routingKey).parentFrom(headers);
    if (Metrics.enabled() && !span.isContextOnly() && !span.isSkipped()) {
      RabbitMetrics.delivering(
          RabbitNames.sourceDestination(queue, exchange, routingKey), headers, timestamp, redelivered, address, port);
    }
    RabbitSpans.message(span, messageId, correlationId, bodySize);
    RabbitSpans.delivery(span, deliveryTag, redelivered);
    MessageHistory.describe(span, headers, timestamp);
    if (properties != null) {
      CapturedValues.describe(span, headers, properties);
    }
    if (!span.isContextOnly() && !span.isSkipped()) {
      redelivery = Redeliveries.seen(redelivered, headers, messageId);
      Redeliveries.describe(span, redelivery);
    }
    return RabbitSpans.server(span, address, port);
  }

  /**
   * The span a batch listener runs in, described from the batch's first message (its queue,
   * exchange, routing key, headers and broker): child of that message's publish, with the batch's
   * size; the caller links it to every message's context.
   */
  public SpanStart describeBatch(int messageCount) {
    try {
      SpanStart span =
          RabbitSpans.process(queue, exchange, routingKey)
              .parentFrom(headers)
              .set(RabbitSpans.BATCH_COUNT, (long) messageCount);
      return RabbitSpans.server(span, address, port);
    } finally {
      clear();
    }
  }

  /**
   * Starts the span, current on this thread, for a consumer of the client's kind (it settles
   * deliveries itself): an auto-acked delivery says so; any other is followed until it is settled,
   * on any thread, or, its subscription unknown, while its span is open on this thread. Returns
   * what {@link #handled} takes.
   */
  public Object startCurrent() {
    Subscriptions.Subscription from = subscription;
    long tag = deliveryTag;
    Redeliveries.Redelivery counted;
    SpanStart span;
    try {
      span = describeOnce();
      counted = redelivery;
    } finally {
      clear();
    }
    return ChannelDeliveries.deliveryStarted(span, from, tag, counted);
  }

  /**
   * Starts the span, current on this thread, for a framework's listener that settles the delivery
   * itself on the client's channel {@code channel} (the client's own ChannelN, not a wrapper),
   * perhaps on another thread after it returned: followed as a client consumer's delivery is,
   * so a settle after the span ended is a settle span under it. Give the queue and broker first.
   * Returns what {@link #handled} takes.
   */
  public Object startCurrentSettledOn(Object channel) {
    return subscription(new Subscriptions.Subscription(queue, false, address, port, channel)).startCurrent();
  }

  /**
   * The handler returned (or threw {@code error}): the span {@link #startCurrent} started ends, and
   * a later settle makes a span of its own.
   */
  public static void handled(Object started, Throwable error) {
    ChannelDeliveries.handled(started, error);
  }

  /**
   * A listener whose spans its advice ends itself returned (or threw {@code error}): the
   * delivery's metrics are recorded, with its span still current. {@code started}: what the
   * advice's enter returned (null: it described no delivery).
   */
  public static void listenerReturned(Object started, Throwable error) {
    if (started != null) {
      RabbitMetrics.handled(null, error);
    }
  }

  private void clear() {
    inUse = false;
    queue = null;
    exchange = null;
    routingKey = null;
    deliveryTag = 0;
    redelivered = false;
    headers = null;
    messageId = null;
    correlationId = null;
    timestamp = null;
    bodySize = -1;
    address = null;
    port = -1;
    properties = null;
    subscription = null;
    redelivery = null;
  }
}
