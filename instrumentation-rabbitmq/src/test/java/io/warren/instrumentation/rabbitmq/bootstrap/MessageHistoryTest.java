package io.warren.instrumentation.rabbitmq.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warren.bootstrap.SpanAttribute;
import io.warren.bootstrap.SpanStart;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MessageHistoryTest {

  @AfterEach
  void stampAgain() {
    MessageHistory.stampPublishTime(true);
  }

  @Test
  void publishTimeIsStampedIntoTheHeadersUnlessSwitchedOff() {
    Map<String, Object> headers = new HashMap<>();
    long before = System.currentTimeMillis();
    MessageHistory.stamp(headers);
    long stamped = (Long) headers.get(MessageHistory.PUBLISHED_AT);
    assertTrue(stamped >= before && stamped <= System.currentTimeMillis(), "epoch ms: " + stamped);

    MessageHistory.stampPublishTime(false);
    Map<String, Object> untouched = new HashMap<>();
    MessageHistory.stamp(untouched);
    assertTrue(untouched.isEmpty(), untouched.toString());
  }

  @Test
  void queueTimeComesFromTheHeaderWhateverItsType() {
    long tenSecondsAgo = System.currentTimeMillis() - 10_000;
    for (Object value : List.of(tenSecondsAgo, String.valueOf(tenSecondsAgo))) {
      QueueTime measured = queueTime(tenSecondsAgo, () -> describe(Map.of(MessageHistory.PUBLISHED_AT, value), -1));
      measured.assertWithin(value.toString());
      assertEquals("header", measured.attributes().get("messaging.rabbitmq.queue_time_source"));
    }
  }

  @Test
  void withoutTheHeaderTheTimestampPropertyIsUsed() {
    long fiveSecondsAgo = System.currentTimeMillis() - 5_000;
    QueueTime measured = queueTime(fiveSecondsAgo, () -> describe(Map.of(), fiveSecondsAgo));
    measured.assertWithin("the timestamp property");
    assertEquals("timestamp", measured.attributes().get("messaging.rabbitmq.queue_time_source"));
  }

  /**
   * The attributes of a description made between two readings of the clock, and the queue
   * times those readings allow for a message published at {@code publishedAt}: the bounds come
   * from the clock, not from a guess of how long the call may take.
   */
  private record QueueTime(Map<String, Object> attributes, long atLeast, long atMost) {
    void assertWithin(String what) {
      Object queueTime = attributes.get("messaging.rabbitmq.queue_time_ms");
      assertTrue(queueTime instanceof Long time && time >= atLeast && time <= atMost,
          () -> what + " gave " + queueTime + ", not within [" + atLeast + ", " + atMost + "]");
    }
  }

  private static QueueTime queueTime(long publishedAt, Supplier<Map<String, Object>> describe) {
    long before = System.currentTimeMillis();
    Map<String, Object> attributes = describe.get();
    long after = System.currentTimeMillis();
    return new QueueTime(attributes, before - publishedAt, after - publishedAt);
  }

  @Test
  void aClockAheadOfOursNeverGivesANegativeQueueTime() {
    long anHourAhead = System.currentTimeMillis() + 3_600_000;
    assertEquals(0L, describe(Map.of(MessageHistory.PUBLISHED_AT, anHourAhead), -1)
        .get("messaging.rabbitmq.queue_time_ms"));
  }

  @Test
  void noTimeNoQueueTime() {
    Map<String, Object> attributes = describe(Map.of(MessageHistory.PUBLISHED_AT, "soon"), -1);
    assertFalse(attributes.containsKey("messaging.rabbitmq.queue_time_ms"), attributes.toString());
    assertNull(describe(null, -1).get("messaging.rabbitmq.queue_time_ms"));
  }

  @Test
  void everyDeadLetteringIsListedInTheBrokersOrder() {
    List<Object> deaths = List.of(
        death("work", "rejected", 1, "work-ex"),
        death("delay", "expired", 3, ""));
    assertEquals(
        List.of("queue=work reason=rejected count=1 exchange=work-ex",
            "queue=delay reason=expired count=3 exchange="),
        describe(Map.of("x-death", deaths), -1).get("messaging.rabbitmq.x_death"));
  }

  @Test
  void theHistoryIsBounded() {
    List<Object> deaths = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      deaths.add(death("q" + i, "maxlen", 1, "ex"));
    }
    assertEquals(16, ((List<?>) describe(Map.of("x-death", deaths), -1)
        .get("messaging.rabbitmq.x_death")).size());
  }

  private static Map<String, Object> death(String queue, String reason, long count, String exchange) {
    Map<String, Object> death = new LinkedHashMap<>();
    death.put("count", count);
    death.put("reason", reason);
    death.put("queue", queue);
    death.put("time", new java.util.Date());
    death.put("exchange", exchange);
    death.put("routing-keys", List.of("k"));
    return death;
  }

  private static Map<String, Object> describe(Map<String, Object> headers, long timestampMillis) {
    SpanStart span = SpanStart.begin("test", SpanStart.Kind.CONSUMER, "process q");
    try {
      MessageHistory.describe(span, headers, timestampMillis < 0 ? null : new java.util.Date(timestampMillis));
      Map<String, Object> attributes = new HashMap<>();
      for (int i = 0; i < span.attributeCount(); i++) {
        SpanAttribute key = span.key(i);
        attributes.put(key.name(),
            key.type() == SpanAttribute.Type.LONG ? (Object) span.longValue(i) : span.value(i));
      }
      return attributes;
    } finally {
      span.clear();
    }
  }
}
