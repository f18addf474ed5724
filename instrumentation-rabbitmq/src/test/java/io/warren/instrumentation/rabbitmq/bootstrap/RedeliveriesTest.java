package io.warren.instrumentation.rabbitmq.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Which redeliveries of a message get a span, and how the same message is recognised. */
class RedeliveriesTest {

  @Test
  void theFirstTenThenEveryPowerOfTwoAreRecorded() {
    List<Long> recorded = new ArrayList<>();
    for (long count = 1; count <= 1000; count++) {
      if (Redeliveries.isRecorded(count)) {
        recorded.add(count);
      }
    }
    assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 16L, 32L, 64L, 128L, 256L, 512L), recorded);
  }

  @Test
  void theSameHeadersRedeliveredCountUpAndAFirstDeliveryIsNotCounted() {
    Map<String, Object> headers = new HashMap<>(Map.of("traceparent", UUID.randomUUID().toString()));
    assertNull(Redeliveries.seen(false, headers, null), "a first delivery");
    assertEquals(1, Redeliveries.seen(true, headers, null).count);
    assertEquals(2, Redeliveries.seen(true, new HashMap<>(headers), null).count, "decoded afresh, same content");
    Map<String, Object> other = new HashMap<>(Map.of("traceparent", UUID.randomUUID().toString()));
    assertEquals(1, Redeliveries.seen(true, other, null).count, "another message");
    assertNull(Redeliveries.seen(true, null, null), "nothing to recognise it by");
  }

  @Test
  void aQuorumQueuesDeliveryCountIsLeftOutOfTheIdentityAndTakenWhenHigher() {
    String context = UUID.randomUUID().toString();
    Map<String, Object> headers = new HashMap<>(Map.of("traceparent", context, "x-delivery-count", 40L));
    assertEquals(Redeliveries.hash(Map.of("traceparent", context), null), Redeliveries.hash(headers, null));
    assertNotEquals(Redeliveries.hash(headers, null), Redeliveries.hash(headers, "id"));
    assertEquals(40, Redeliveries.seen(true, headers, null).count, "the broker has counted for every consumer");
  }

  @Test
  void aLoopThatEndedIsForgotten() {
    Map<String, Object> headers = new HashMap<>(Map.of("traceparent", UUID.randomUUID().toString()));
    Redeliveries.seen(true, headers, null);
    Redeliveries.ended(Redeliveries.seen(true, headers, null));
    assertEquals(1, Redeliveries.seen(true, headers, null).count);
    assertTrue(Redeliveries.endsLoop("ack", null));
    assertTrue(Redeliveries.endsLoop("nack", false));
    assertFalse(Redeliveries.endsLoop("reject", true));
    assertFalse(Redeliveries.endsLoop("unsettled", null));
  }

  @Test
  void atMostAThousandAndTwentyFourMessagesAreCounted() {
    Map<String, Object> first = new HashMap<>(Map.of("traceparent", UUID.randomUUID().toString()));
    Redeliveries.seen(true, first, null);
    for (int i = 0; i < Redeliveries.MAX_MESSAGES; i++) {
      Redeliveries.seen(true, null, UUID.randomUUID().toString());
    }
    assertEquals(1, Redeliveries.seen(true, first, null).count, "the least recently redelivered was forgotten");
  }
}
