package io.warren.instrumentation.rabbitmq.bootstrap;

import io.warren.bootstrap.SpanAttribute;
import io.warren.bootstrap.SpanStart;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * What a delivered message went through before it arrived: how long it waited in the broker, and
 * the broker's {@code x-death} record of every time it was dead-lettered (rejected, expired, or
 * pushed out by a length limit), which the broker adds to the headers and keeps across queues.
 */
public final class MessageHistory {

  /** Publish time in epoch milliseconds, added to the headers Warren sends (when switched on). */
  public static final String PUBLISHED_AT = "x-warren-published-at";

  static final SpanAttribute QUEUE_TIME = SpanAttribute.longValue("messaging.rabbitmq.queue_time_ms");
  static final SpanAttribute QUEUE_TIME_SOURCE =
      SpanAttribute.string("messaging.rabbitmq.queue_time_source");
  static final SpanAttribute X_DEATH = SpanAttribute.stringList("messaging.rabbitmq.x_death");

  /** x-death entries recorded at most: one per queue and reason, rarely more than a few. */
  private static final int MAX_DEATHS = 16;

  private static volatile boolean stampPublishTime = true;

  private MessageHistory() {}

  /** Set once at start-up from {@code warren.messaging.queue-time.header}. */
  public static void stampPublishTime(boolean enabled) {
    stampPublishTime = enabled;
  }

  /** True when publishes send {@link #PUBLISHED_AT}. */
  static boolean stampsPublishTime() {
    return stampPublishTime;
  }

  /** Adds the publish time to the headers a publish sends (a copy Warren owns). */
  public static void stamp(Map<String, Object> headers) {
    if (stampPublishTime && headers != null) {
      headers.put(PUBLISHED_AT, System.currentTimeMillis());
    }
  }

  /**
   * Adds the time in the queue and the dead-letter history.
   *
   * @param timestamp the AMQP {@code timestamp} property (whole seconds on the wire), or null
   */
  public static SpanStart describe(SpanStart span, Map<String, Object> headers, Date timestamp) {
    long fromHeader = headerMillis(headers);
    long publishedAt = publishedAt(fromHeader, timestamp);
    if (publishedAt > 0) {
      span.set(QUEUE_TIME, millisSince(publishedAt, System.currentTimeMillis()))
          .set(QUEUE_TIME_SOURCE, fromHeader >= 0 ? "header" : "timestamp");
    }
    List<?> deaths = deaths(headers);
    if (deaths != null) {
      span.set(X_DEATH, deaths(deaths));
    }
    return span;
  }

  /**
   * Milliseconds from {@code since} (another host's clock, maybe) to {@code now}: never negative,
   * as another host's clock may run ahead of ours.
   */
  static long millisSince(long since, long now) {
    return Math.max(0, now - since);
  }

  /** Warren's publish-time header in received headers; -1 when absent. */
  static long headerMillis(Map<String, Object> headers) {
    return headers == null ? -1 : millis(headers.get(PUBLISHED_AT));
  }

  /** Warren's header; without it, the AMQP timestamp (whole seconds); -1 (or 0): neither. */
  static long publishedAt(long fromHeader, Date timestamp) {
    if (fromHeader < 0 && timestamp != null && timestamp.getTime() > 0) {
      return timestamp.getTime();
    }
    return fromHeader;
  }

  /** The broker's x-death entries, newest first; null when the message was never dead-lettered. */
  static List<?> deaths(Map<String, Object> headers) {
    Object deaths = headers == null ? null : headers.get("x-death");
    return deaths instanceof List && !((List<?>) deaths).isEmpty() ? (List<?>) deaths : null;
  }

  /** Each entry as {@code queue=q reason=rejected count=1 exchange=ex}, in the broker's order. */
  static List<String> deaths(List<?> entries) {
    List<String> described = new ArrayList<String>(Math.min(entries.size(), MAX_DEATHS));
    for (Object entry : entries) {
      if (described.size() == MAX_DEATHS) {
        break;
      }
      if (entry instanceof Map) {
        Map<?, ?> death = (Map<?, ?>) entry;
        described.add("queue=" + death.get("queue") + " reason=" + death.get("reason")
            + " count=" + death.get("count") + " exchange=" + death.get("exchange"));
      }
    }
    return Collections.unmodifiableList(described);
  }

  /** A header holding epoch milliseconds: a number, or text (other clients send strings). */
  static long millis(Object value) {
    if (value instanceof Number) {
      return ((Number) value).longValue();
    }
    if (value != null) {
      try {
        return Long.parseLong(value.toString().trim());
      } catch (NumberFormatException ignored) {
        // not ours
      }
    }
    return -1;
  }
}
