package io.warren.instrumentation.rabbitmq.bootstrap;

import io.warren.bootstrap.MetricAttributes;
import io.warren.bootstrap.MetricInstrument;
import io.warren.bootstrap.Metrics;
import java.net.InetAddress;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * The RabbitMQ module's metrics, recorded beside the spans they mirror: the OpenTelemetry
 * messaging conventions' four instruments and Warren's own (time in the queue, settlements,
 * publisher confirms, dead-letterings, end-to-end latency). Destinations are the bounded names
 * spans use ({@link RabbitNames}); every attribute set is made once ({@link SeriesCache}), so a
 * measurement allocates nothing. Each method does nothing while metrics are off.
 */
public final class RabbitMetrics {

  /** The conventions' bucket advice for durations in seconds. */
  static final double[] DURATIONS = {
    0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10
  };
  /** A message may wait in queues for minutes: the same, up to ten minutes. */
  static final double[] WAITS = {
    0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10, 30, 60, 120, 300, 600
  };

  public static final MetricInstrument OPERATION_DURATION = seconds("messaging.client.operation.duration",
      "Duration of messaging operation initiated by a producer or consumer client.", DURATIONS);
  public static final MetricInstrument PROCESS_DURATION =
      seconds("messaging.process.duration", "Duration of processing operation.", DURATIONS);
  public static final MetricInstrument SENT =
      messages("messaging.client.sent.messages", "Number of messages producer attempted to send to the broker.");
  public static final MetricInstrument CONSUMED =
      messages("messaging.client.consumed.messages", "Number of messages that were delivered to the application.");
  public static final MetricInstrument QUEUE_DURATION = seconds("warren.messaging.queue.duration",
      "Time a message waited in the broker, from its publish to its delivery.", WAITS);
  public static final MetricInstrument SETTLEMENTS = messages("warren.messaging.settlements",
      "Deliveries settled by consumers (ack, nack, reject) or left unsettled at channel close.");
  public static final MetricInstrument CONFIRMS = messages("warren.messaging.confirms",
      "Publishes the broker confirmed, nacked or returned, or that went unconfirmed.");
  public static final MetricInstrument CONFIRM_DURATION = seconds("warren.messaging.confirm.duration",
      "Time from a publish until the broker's confirm (ack, nack or return).", DURATIONS);
  public static final MetricInstrument DEAD_LETTERS = messages("warren.messaging.dead_letters",
      "Dead-lettered messages received by a traced consumer, by the queue they left and why.");
  public static final MetricInstrument END_TO_END_DURATION = seconds("warren.messaging.end_to_end.duration",
      "Time from the first traced publish of a message's chain to this delivery.", WAITS);

  static final String SYSTEM = "messaging.system";
  static final String DESTINATION = "messaging.destination.name";
  static final String RABBITMQ = "rabbitmq";

  /** The one set recorded once a cache is full. */
  private static final MetricAttributes OVERFLOW =
      MetricAttributes.of(SYSTEM, RABBITMQ, "otel.metric.overflow", Boolean.TRUE);

  /** By operation name, destination, server address, error type and server port. */
  static final SeriesCache<MetricAttributes> OPERATIONS =
      new SeriesCache<MetricAttributes>(
          "messaging operation",
          new SeriesCache.Factory<MetricAttributes>() {
            @Override
            public MetricAttributes create(Object operation, Object destination, Object address, Object error, long port) {
              return MetricAttributes.of(
                  SYSTEM, RABBITMQ,
                  "messaging.operation.name", operation,
                  "messaging.operation.type", typeOf((String) operation),
                  DESTINATION, destination,
                  "server.address", address,
                  "server.port", address == null ? null : Long.valueOf(port),
                  "error.type", error);
            }
          },
          OVERFLOW);

  /** By destination and up to three of Warren's attributes, named per instrument. */
  static final SeriesCache<MetricAttributes> QUEUES = warrenSeries("queue", null, null, null);
  private static final SeriesCache<MetricAttributes> SETTLED =
      warrenSeries("settlement", "warren.settlement.outcome", "warren.settlement.requeue", null);
  private static final SeriesCache<MetricAttributes> CONFIRMED =
      warrenSeries("confirm", "warren.confirm.outcome", "warren.confirm.reason", null);
  static final SeriesCache<MetricAttributes> DEAD =
      warrenSeries("dead-letter", "warren.dead_letter.reason", null, null);
  static final SeriesCache<MetricAttributes> ORIGINS =
      warrenSeries("end-to-end", "warren.origin.service", null, null);

  /** What this thread measures of the delivery it is handling, until its handler returns. */
  private static final ThreadLocal<DeliveryMeasure> HANDLING =
      new ThreadLocal<DeliveryMeasure>() {
        @Override
        protected DeliveryMeasure initialValue() {
          return new DeliveryMeasure();
        }
      };

  private RabbitMetrics() {}

  private static MetricInstrument seconds(String name, String description, double[] buckets) {
    return MetricInstrument.histogram(name, "s", description, buckets);
  }

  private static MetricInstrument messages(String name, String description) {
    return MetricInstrument.counter(name, "{message}", description);
  }

  private static SeriesCache<MetricAttributes> warrenSeries(
      String what, final String first, final String second, final String third) {
    return new SeriesCache<MetricAttributes>(
        what,
        new SeriesCache.Factory<MetricAttributes>() {
          @Override
          public MetricAttributes create(Object destination, Object a, Object b, Object c, long unused) {
            return MetricAttributes.of(SYSTEM, RABBITMQ, DESTINATION, destination, first, a, second, b, third, c);
          }
        },
        OVERFLOW);
  }

  static String typeOf(String operation) {
    if (operation.equals("publish")) {
      return "send";
    }
    return operation.equals("process") || operation.equals("receive") ? operation : "settle";
  }

  private static String errorType(Throwable error) {
    return error == null ? null : error.getClass().getName();
  }

  // ---- publish

  /** The destination a publish's metrics name; null while metrics are off: nothing to measure. */
  public static String publishDestination(String exchange, String routingKey) {
    return Metrics.enabled() ? RabbitNames.publishDestination(exchange, routingKey) : null;
  }

  /**
   * Adds Warren's origin header to the headers a traced publish measured by metrics sends: the
   * origin of the delivery this thread is handling, or a new one.
   */
  public static void stampOrigin(Map<String, Object> headers) {
    DeliveryMeasure handling = HANDLING.get();
    boolean relaying = handling.active && handling.origin != null;
    OriginHeader.stamp(headers, relaying ? handling.origin : null, handling.originMillis);
  }

  /** The publish call returned, or threw {@code error}: one message sent (or attempted). */
  static void sent(String destination, String address, long port, Throwable error, Object span) {
    Metrics.add(SENT, OPERATIONS.get("publish", destination, address, errorType(error), port), 1, span);
  }

  /** The publish operation ended after {@code nanos} without the broker's answer: its call returned or threw. */
  static void publishEnded(String destination, String address, long port, Throwable error, long nanos, Object span) {
    operation("publish", destination, address, port, errorType(error), nanos, span);
  }

  /** A client operation took {@code nanos}; {@code errorType} null when it succeeded. */
  static void operation(
      String operation, String destination, String address, long port, String errorType, long nanos, Object span) {
    Metrics.recordSeconds(
        OPERATION_DURATION, OPERATIONS.get(operation, destination, address, errorType, port), nanos, span);
  }

  /**
   * The broker answered a publish (or never will: {@code outcome} unconfirmed, with its
   * {@code reason}) after {@code nanos}; the publish operation ends with it.
   */
  static void confirmed(
      String destination, String address, long port, String outcome, String reason, long nanos, Object span) {
    boolean answered = reason == null;
    String exchange = exchangeOf(destination);
    Metrics.add(CONFIRMS, CONFIRMED.get(exchange, outcome, reason, null, 0), 1, span);
    if (answered) {
      Metrics.recordSeconds(CONFIRM_DURATION, CONFIRMED.get(exchange, outcome, null, null, 0), nanos, span);
    }
    operation("publish", destination, address, port,
        outcome.equals("nack") || !answered ? outcome : null, nanos, span);
  }

  /** A publish on a channel not in confirm mode came back unroutable. */
  public static void returnedUnconfirmed(String exchange, String routingKey, Object span) {
    if (Metrics.enabled()) {
      String exchangeName = exchangeOf(RabbitNames.publishDestination(exchange, routingKey));
      Metrics.add(CONFIRMS, CONFIRMED.get(exchangeName, "returned", null, null, 0), 1, span);
    }
  }

  /** Confirms are per exchange: a publish to the default exchange counts under its name. */
  private static String exchangeOf(String destination) {
    return destination.startsWith(RabbitNames.DEFAULT_EXCHANGE + ':') ? RabbitNames.DEFAULT_EXCHANGE : destination;
  }

  // ---- deliveries

  /**
   * A message pushed to a consumer, from {@code queue} ({@link RabbitNames#sourceDestination}):
   * measured when its handler returns ({@link #handled}), with its span current.
   */
  public static void delivering(
      String queue, Map<String, Object> headers, Date timestamp, boolean redelivered, InetAddress address, int port) {
    DeliveryMeasure handling = HANDLING.get();
    if (handling.active) {
      // A batch's earlier message (the batch's handling is measured once, with its last one).
      handling.recordArrival("process", null);
    }
    handling.read(queue, headers, timestamp, redelivered, address, port);
    handling.startNanos = System.nanoTime();
    handling.active = true;
  }

  /** The handler of the delivery this thread measures returned, or threw {@code error}. */
  public static void handled(Object span, Throwable error) {
    if (!Metrics.enabled()) {
      return;
    }
    DeliveryMeasure handling = HANDLING.get();
    if (!handling.active) {
      return;
    }
    handling.active = false;
    long nanos = System.nanoTime() - handling.startNanos;
    handling.recordArrival("process", span);
    Metrics.recordSeconds(
        PROCESS_DURATION,
        OPERATIONS.get("process", handling.queue, handling.address, errorType(error), handling.port),
        nanos,
        span);
    handling.origin = null;
  }

  /** The queue of the delivery this thread is handling; null when none is measured. */
  public static String handledQueue() {
    if (!Metrics.enabled()) {
      return null; // nothing measured: no per-thread measure made for a delivery
    }
    DeliveryMeasure handling = HANDLING.get();
    return handling.active ? handling.queue : null;
  }

  /** A basicGet from {@code queue} returned a message (or none, or threw) after {@code nanos}. */
  public static void received(
      String queue, Map<String, Object> headers, Date timestamp, boolean redelivered, boolean message,
      InetAddress address, int port, long nanos, Throwable error, Object span) {
    if (!Metrics.enabled()) {
      return;
    }
    String destination = RabbitNames.destination(queue);
    String server = address == null ? null : RabbitSpans.format(address);
    operation("receive", destination, server, port, errorType(error), nanos, span);
    if (message) {
      DeliveryMeasure arrival = new DeliveryMeasure();
      arrival.read(destination, headers, timestamp, redelivered, address, port);
      arrival.recordArrival("receive", span);
    }
  }

  // ---- settlements

  /** A delivery from {@code queue} was settled ({@code outcome}: ack, nack, reject, unsettled). */
  public static void settled(String queue, String outcome, Boolean requeue) {
    if (!Metrics.enabled()) {
      return;
    }
    Metrics.add(SETTLEMENTS, SETTLED.get(RabbitNames.destination(queue), outcome, requeue, null, 0), 1, null);
  }

  /** When a basicAck, basicNack or basicReject started: 0 while metrics are off. */
  public static long settleStarted() {
    return Metrics.enabled() ? System.nanoTime() : 0;
  }

  /** The settle call that started at {@code startNanos} returned, or threw {@code error}. */
  public static void settleEnded(String outcome, long startNanos, Throwable error, InetAddress address, int port) {
    if (startNanos == 0) {
      return;
    }
    DeliveryMeasure handling = HANDLING.get();
    String queue = handling.settledQueue;
    handling.settledQueue = null;
    operation(outcome, queue, address == null ? null : RabbitSpans.format(address), port,
        errorType(error), System.nanoTime() - startNanos, null);
  }

  /** The queue (span-named) of the deliveries the settle call on this thread covers. */
  public static void settling(String queue) {
    if (Metrics.enabled()) {
      HANDLING.get().settledQueue = RabbitNames.destination(queue);
    }
  }
}
