package io.warren.instrumentation.rabbitmqstream.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warren.bootstrap.Tracing;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Publishes whose confirm never comes end, and are forgotten: at the limit and at the timeout. */
class OpenPublishesTest extends TracerTest {

  private final Object producer = new Object();

  @AfterEach
  void forgetEverything() {
    OpenPublishes.timeoutMillis(OpenPublishes.DEFAULT_TIMEOUT_MILLIS);
    OpenPublishes.expire(System.nanoTime() + TimeUnit.DAYS.toNanos(1)); // nothing left for others
  }

  private Object open() {
    return OpenPublishes.open(producer, Tracing.start(StreamSpans.publish("s", null)));
  }

  @Test
  void beyondTheLimitTheOldestEndsUnconfirmed() {
    for (int i = 0; i <= OpenPublishes.MAX_OPEN_PER_PRODUCER; i++) {
      open();
    }

    assertEquals(OpenPublishes.MAX_OPEN_PER_PRODUCER, OpenPublishes.openOf(producer));
    RecordingTracer.Span oldest = tracer.spans.get(0);
    assertTrue(oldest.ended);
    assertEquals("unconfirmed", oldest.attribute("messaging.rabbitmq.confirm"));
    assertEquals("limit", oldest.attribute("messaging.rabbitmq.confirm.reason"));
    assertFalse(tracer.spans.get(1).ended);
  }

  @Test
  void afterTheTimeoutTheyEndUnconfirmedAndALateConfirmChangesNothing() {
    OpenPublishes.timeoutMillis(1000);
    Object first = open();
    open();
    long sent = System.nanoTime();

    OpenPublishes.expire(sent); // not yet
    assertEquals(2, OpenPublishes.openOf(producer));
    OpenPublishes.expire(sent + TimeUnit.SECONDS.toNanos(2));

    assertEquals(0, OpenPublishes.openOf(producer));
    for (RecordingTracer.Span span : tracer.spans) {
      assertTrue(span.ended);
      assertEquals("timeout", span.attribute("messaging.rabbitmq.confirm.reason"));
    }
    OpenPublishes.confirmed(first, true, 1);
    assertEquals("unconfirmed", tracer.spans.get(0).attribute("messaging.rabbitmq.confirm"));
  }
}
