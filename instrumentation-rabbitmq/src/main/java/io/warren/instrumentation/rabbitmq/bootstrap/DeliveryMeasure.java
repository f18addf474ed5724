package io.warren.instrumentation.rabbitmq.bootstrap;

import io.warren.bootstrap.Metrics;
import java.net.InetAddress;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * What a delivery said about its journey (time in the queue, dead-lettering, origin) and its
 * handling, as the thread handling it measures them for {@link RabbitMetrics}: one per thread,
 * reused, so measuring a delivery allocates nothing.
 */
final class DeliveryMeasure {
  /** A delivery is being handled on this thread (its handler has not returned). */
  boolean active;
  long startNanos;
  String queue;
  String address;
  long port;
  long queueMillis;
  long originMillis;
  /** From the origin's publish to this delivery; -1 when the message names no origin. */
  long endToEndMillis;
  String originService;
  /** The origin service as received, passed on (with {@link #originMillis}) by a publish made while handling it. */
  Object origin;
  /** The value {@link #originService} was read from. */
  Object parsedOrigin;
  String deadQueue;
  String deadReason;
  /** The queue of the deliveries the settle call in progress on this thread covers. */
  String settledQueue;

  void read(String queue, Map<String, Object> headers, Date timestamp, boolean redelivered, InetAddress server, int serverPort) {
    this.queue = queue;
    this.address = server == null ? null : RabbitSpans.format(server);
    this.port = serverPort;
    // One read of the publish-time header and of the clock serves the time in the queue and the
    // end-to-end latency (both end at the delivery).
    long fromHeader = MessageHistory.headerMillis(headers);
    long publishedAt = MessageHistory.publishedAt(fromHeader, timestamp);
    origin = headers == null ? null : headers.get(OriginHeader.NAME);
    originMillis = origin == null ? -1 : OriginHeader.millis(headers, fromHeader);
    long now = publishedAt > 0 || originMillis >= 0 ? System.currentTimeMillis() : 0;
    queueMillis = publishedAt > 0 ? MessageHistory.millisSince(publishedAt, now) : -1;
    endToEndMillis = originMillis >= 0 ? MessageHistory.millisSince(originMillis, now) : -1;
    if (originMillis < 0) {
      origin = null;
    } else if (!origin.equals(parsedOrigin)) {
      // Read once per origin service: its messages share the name (and the client's text values
      // compare by their bytes, so an equal one costs no text).
      originService = origin.toString();
      parsedOrigin = origin;
    }
    deadQueue = null;
    List<?> deaths = redelivered ? null : MessageHistory.deaths(headers);
    if (deaths != null && deaths.get(0) instanceof Map) {
      Map<?, ?> latest = (Map<?, ?>) deaths.get(0);
      Object from = latest.get("queue");
      deadQueue = from == null ? null : RabbitNames.destination(from.toString());
      deadReason = DeadLetterReason.of(latest.get("reason"));
    }
  }

  /** The message arrived: counted, with its time in the queue, dead-lettering and origin. */
  void recordArrival(String operation, Object span) {
    Metrics.add(
        RabbitMetrics.CONSUMED, RabbitMetrics.OPERATIONS.get(operation, queue, address, null, port), 1, span);
    if (queueMillis >= 0) {
      Metrics.record(
          RabbitMetrics.QUEUE_DURATION, RabbitMetrics.QUEUES.get(queue, null, null, null, 0), queueMillis / 1000.0, span);
    }
    if (deadQueue != null) {
      Metrics.add(RabbitMetrics.DEAD_LETTERS, RabbitMetrics.DEAD.get(deadQueue, deadReason, null, null, 0), 1, span);
    }
    if (endToEndMillis >= 0) {
      Metrics.record(
          RabbitMetrics.END_TO_END_DURATION,
          RabbitMetrics.ORIGINS.get(queue, originService, null, null, 0),
          endToEndMillis / 1000.0,
          span);
    }
  }
}
