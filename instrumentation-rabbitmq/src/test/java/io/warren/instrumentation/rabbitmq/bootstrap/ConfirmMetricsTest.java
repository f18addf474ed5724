package io.warren.instrumentation.rabbitmq.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warren.bootstrap.Metrics;
import io.warren.bootstrap.SpanStart;
import io.warren.bootstrap.Tracing;
import io.warren.bootstrap.testing.RecordingBackend;
import io.warren.bootstrap.testing.RecordingMetricsBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The confirm outcomes a broker rarely gives on demand (no answer in time, a closed channel),
 * counted per exchange, with the publish's span as the exemplar on the thread that ends it.
 */
class ConfirmMetricsTest {

  private final RecordingBackend tracing = new RecordingBackend();
  private final RecordingMetricsBackend metrics = new RecordingMetricsBackend();
  private final Object connection = new Object();

  @BeforeEach
  void install() {
    Tracing.install(tracing);
    Metrics.install(metrics);
  }

  @AfterEach
  void uninstall() {
    Tracing.install(null);
    Metrics.install(null);
    Confirms.timeoutMillis(30_000);
  }

  private Object publish(Object channel, long sequenceNumber) {
    Object handle = Tracing.start(SpanStart.begin("test", SpanStart.Kind.PRODUCER, "publish orders"));
    Confirms.publishing(handle, false, RabbitMetrics.publishDestination("orders", "key-" + sequenceNumber), null, -1);
    Confirms.sending(channel, connection, sequenceNumber);
    Confirms.published(handle, null);
    return handle;
  }

  @Test
  void aPublishThatTimesOutIsUnconfirmedWithItsReasonAndNoConfirmLatency() {
    Confirms.timeoutMillis(1);
    Object handle = publish(new Object(), 1);
    Confirms.expire(System.nanoTime() + 1_000_000_000L);

    assertEquals(1, metrics.count("warren.messaging.confirms", "messaging.destination.name", "orders",
        "warren.confirm.outcome", "unconfirmed", "warren.confirm.reason", "timeout"));
    assertTrue(metrics.of("warren.messaging.confirm.duration").isEmpty(), "no answer: no latency");
    assertEquals(1, metrics.of("messaging.client.operation.duration", "error.type", "unconfirmed").size());
    assertEquals(handle, metrics.of("warren.messaging.confirms").get(0).span(), "the exemplar is the publish");
  }

  @Test
  void publishesLostWithTheirChannelAreUnconfirmedChannelClosed() {
    Object channel = new Object();
    publish(channel, 1);
    publish(channel, 2);
    Confirms.channelClosed(channel, 0, null);

    assertEquals(2, metrics.count("warren.messaging.confirms", "warren.confirm.outcome", "unconfirmed",
        "warren.confirm.reason", "channel_closed"));
    assertEquals(2, metrics.count("messaging.client.sent.messages", "messaging.destination.name", "orders"));
  }

  @Test
  void anAckAndANackAreCountedWithTheirLatency() {
    Object channel = new Object();
    publish(channel, 1);
    publish(channel, 2);
    Confirms.confirmed(channel, 1, false, false);
    Confirms.confirmed(channel, 2, false, true);

    assertEquals(1, metrics.count("warren.messaging.confirms", "warren.confirm.outcome", "ack"));
    assertEquals(1, metrics.count("warren.messaging.confirms", "warren.confirm.outcome", "nack"));
    assertEquals(2, metrics.of("warren.messaging.confirm.duration", "messaging.destination.name", "orders").size());
  }

  @Test
  void withMetricsOffAPublishIsNotMeasured() {
    Metrics.install(null);
    Object channel = new Object();
    publish(channel, 1);
    Confirms.confirmed(channel, 1, false, false);

    assertTrue(metrics.measurements.isEmpty(), metrics.measurements::toString);
  }
}
