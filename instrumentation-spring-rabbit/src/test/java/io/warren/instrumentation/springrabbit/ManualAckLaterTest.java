package io.warren.instrumentation.springrabbit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.Channel;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.warren.agent.api.InstrumentationModule;
import io.warren.bootstrap.Tracing;
import io.warren.bootstrap.testing.ThrowingBackend;
import io.warren.instrumentation.rabbitmq.RabbitMqInstrumentationModule;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.rabbit.listener.AbstractMessageListenerContainer;
import org.springframework.amqp.rabbit.listener.api.ChannelAwareMessageListener;

/**
 * A listener with manual acknowledgement that settles after it returned, on another thread: each
 * outcome is a settle span under the delivery's process span, as for a client consumer.
 */
class ManualAckLaterTest extends SpringBrokerTestBase {

  private static final AttributeKey<String> SETTLEMENT = AttributeKey.stringKey("messaging.rabbitmq.settlement");
  private static final AttributeKey<Boolean> REQUEUE = AttributeKey.booleanKey("messaging.rabbitmq.settlement.requeue");
  private static final AttributeKey<Long> REDELIVERY_COUNT = AttributeKey.longKey("messaging.rabbitmq.redelivery_count");

  /** A delivery the listener left unsettled. */
  record Unsettled(String body, boolean redelivered, Channel channel, long tag) {}

  @Override
  InstrumentationModule[] modules() {
    return new InstrumentationModule[] {new RabbitMqInstrumentationModule(), new SpringRabbitInstrumentationModule()};
  }

  @ParameterizedTest
  @EnumSource(ContainerKind.class)
  void settlesAfterTheListenerReturnedAreInEachMessagesTrace(ContainerKind kind) throws Exception {
    BlockingQueue<Unsettled> unsettled = new LinkedBlockingQueue<>();
    startLeavingUnsettled(kind, unsettled);

    SpanData a = publishOutsideAnySpan("A");
    SpanData b = publishOutsideAnySpan("B");
    SpanData c = publishOutsideAnySpan("C");
    Unsettled first = take(unsettled);
    Unsettled second = take(unsettled);
    Unsettled third = take(unsettled);
    assertEquals(List.of("A", "B", "C"), List.of(first.body(), second.body(), third.body()));
    // The listener returned and the delivery spans ended before any settle: this thread settles.
    SpanData processA = processIn(a);
    SpanData processB = processIn(b);
    SpanData processC = processIn(c);
    first.channel().basicAck(first.tag(), false);
    second.channel().basicNack(second.tag(), false, false);
    third.channel().basicReject(third.tag(), true);

    Unsettled again = take(unsettled);
    assertEquals("C", again.body());
    assertTrue(again.redelivered());
    List<SpanData> processesOfC = awaitSpans("C's redelivery", all -> consumersIn(all, c.getTraceId()).size() == 2);
    SpanData redeliveryC = consumersIn(processesOfC, c.getTraceId()).stream()
        .filter(span -> span != processC && !span.getSpanId().equals(processC.getSpanId()))
        .findFirst().orElseThrow();
    assertEquals(1L, redeliveryC.getAttributes().get(REDELIVERY_COUNT), "C's first redelivery");
    again.channel().basicAck(again.tag(), false);

    assertSettle(processA, "ack", null);
    assertSettle(processB, "nack", false);
    assertSettle(processC, "reject", true);
    assertSettle(redeliveryC, "ack", null);
  }

  @ParameterizedTest
  @EnumSource(ContainerKind.class)
  void aFailingTracerChangesNothingForALateSettle(ContainerKind kind) throws Exception {
    BlockingQueue<Unsettled> unsettled = new LinkedBlockingQueue<>();
    AbstractMessageListenerContainer container = startLeavingUnsettled(kind, unsettled);
    Tracing.install(new ThrowingBackend());
    try {
      template.convertAndSend("", queue, "A");
      Unsettled delivery = take(unsettled);
      assertEquals("A", delivery.body());
      delivery.channel().basicReject(delivery.tag(), true);
      Unsettled again = take(unsettled);
      assertTrue(again.redelivered());
      again.channel().basicAck(again.tag(), false);
    } finally {
      InProcessAgent.install(modules());
    }
    container.stop();
    assertEquals(0, admin.getQueueInfo(queue).getMessageCount(), "acked: nothing left in the queue");
  }

  /** A container with manual acknowledgement whose listener leaves each delivery in {@code unsettled}. */
  private AbstractMessageListenerContainer startLeavingUnsettled(ContainerKind kind, BlockingQueue<Unsettled> unsettled) {
    ChannelAwareMessageListener listener =
        (message, channel) -> unsettled.add(new Unsettled(
            new String(message.getBody(), StandardCharsets.UTF_8),
            Boolean.TRUE.equals(message.getMessageProperties().getRedelivered()),
            channel,
            message.getMessageProperties().getDeliveryTag()));
    AbstractMessageListenerContainer container = container(kind, listener);
    container.setAcknowledgeMode(AcknowledgeMode.MANUAL);
    start(container);
    return container;
  }

  private static Unsettled take(BlockingQueue<Unsettled> unsettled) throws InterruptedException {
    Unsettled delivery = unsettled.poll(10, TimeUnit.SECONDS);
    assertNotNull(delivery, "the listener was called");
    return delivery;
  }

  private SpanData processIn(SpanData publish) throws InterruptedException {
    List<SpanData> spans = awaitSpans("the process span of " + publish.getTraceId(),
        all -> !consumersIn(all, publish.getTraceId()).isEmpty());
    SpanData process = single(consumersIn(spans, publish.getTraceId()), "process span");
    assertChildOf(publish, process);
    assertEquals(null, process.getAttributes().get(SETTLEMENT), "not settled while it was open");
    return process;
  }

  private void assertSettle(SpanData process, String outcome, Boolean requeue) throws InterruptedException {
    List<SpanData> spans = awaitSpans(outcome + " under " + process.getSpanId(),
        all -> !settlesUnder(all, process).isEmpty());
    SpanData settle = single(settlesUnder(spans, process), "settle span under the delivery");
    assertEquals("settle " + queue, settle.getName());
    assertEquals(outcome, settle.getAttributes().get(SETTLEMENT));
    assertEquals(requeue, settle.getAttributes().get(REQUEUE));
  }

  private static List<SpanData> settlesUnder(List<SpanData> spans, SpanData process) {
    return spans.stream()
        .filter(span -> span.getKind() == SpanKind.INTERNAL && span.getParentSpanId().equals(process.getSpanId()))
        .collect(Collectors.toList());
  }
}
