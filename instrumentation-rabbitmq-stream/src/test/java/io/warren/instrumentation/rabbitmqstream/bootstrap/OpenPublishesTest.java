package io.warren.instrumentation.rabbitmqstream.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warren.bootstrap.Tracing;
import io.warren.bootstrap.testing.RecordingBackend;
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
    RecordingBackend.Span oldest = backend.started.get(0);
    assertTrue(backend.isEnded(oldest.id()));
    assertEquals("unconfirmed", oldest.attribute("messaging.rabbitmq.confirm"));
    assertEquals("limit", oldest.attribute("messaging.rabbitmq.confirm.reason"));
    assertFalse(backend.isEnded(backend.started.get(1).id()));
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
    for (RecordingBackend.Span span : backend.started) {
      assertTrue(backend.isEnded(span.id()));
      assertEquals("timeout", span.attribute("messaging.rabbitmq.confirm.reason"));
    }
    int callsBeforeTheLateConfirm = backend.calls.size();
    OpenPublishes.confirmed(first, true, 1);
    assertEquals("unconfirmed", backend.started.get(0).attribute("messaging.rabbitmq.confirm"));
    // The kit ignores attributes set after the end, as the SDK does: nothing may be called.
    assertEquals(callsBeforeTheLateConfirm, backend.calls.size(), backend.calls.toString());
    assertEquals(2, backend.ended.size());
  }
}
