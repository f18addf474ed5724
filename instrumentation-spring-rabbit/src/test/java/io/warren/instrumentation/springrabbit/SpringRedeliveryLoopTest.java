package io.warren.instrumentation.springrabbit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.warren.agent.api.InstrumentationModule;
import io.warren.instrumentation.rabbitmq.RabbitMqInstrumentationModule;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.amqp.core.MessageListener;

/**
 * A listener that throws on every delivery of a message, which the container requeues each time:
 * the message's trace keeps the first delivery and the first 10 redeliveries, then only the 16th,
 * and every span kept is the failing delivery's own error.
 */
class SpringRedeliveryLoopTest extends SpringBrokerTestBase {

  private static final AttributeKey<Long> REDELIVERY_COUNT = AttributeKey.longKey("messaging.rabbitmq.redelivery_count");

  @Override
  InstrumentationModule[] modules() {
    return new InstrumentationModule[] {new RabbitMqInstrumentationModule(), new SpringRabbitInstrumentationModule()};
  }

  @ParameterizedTest
  @EnumSource(ContainerKind.class)
  void aMessageThatFailsTwentyTimesKeepsTwelveErrorSpans(ContainerKind kind) throws Exception {
    AtomicInteger deliveries = new AtomicInteger();
    CountDownLatch handled = new CountDownLatch(1);
    MessageListener listener =
        message -> {
          if (deliveries.incrementAndGet() <= 20) {
            throw new IllegalStateException("poison " + deliveries.get());
          }
          handled.countDown();
        };
    start(container(kind, listener)); // requeues what the listener rejected, by default

    SpanData publish = publishOutsideAnySpan("poison");
    assertTrue(handled.await(30, TimeUnit.SECONDS), () -> "handled after " + deliveries + " deliveries");
    // Deliveries 0..10 and 16 failed; the 20th redelivery, which succeeded, has no span.
    List<SpanData> spans = awaitSpans("12 process spans", all -> consumersIn(all, publish.getTraceId()).size() >= 12);
    List<SpanData> processes = consumersIn(spans, publish.getTraceId()).stream()
        .sorted(Comparator.comparingLong(SpringRedeliveryLoopTest::count))
        .toList();
    assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 16L),
        processes.stream().map(SpringRedeliveryLoopTest::count).toList(), () -> describeAll(processes));
    for (SpanData process : processes) {
      assertChildOf(publish, process);
      assertEquals(StatusCode.ERROR, process.getStatus().getStatusCode(), () -> describe(process));
    }
  }

  private static long count(SpanData span) {
    Long count = span.getAttributes().get(REDELIVERY_COUNT);
    return count == null ? 0 : count;
  }
}
