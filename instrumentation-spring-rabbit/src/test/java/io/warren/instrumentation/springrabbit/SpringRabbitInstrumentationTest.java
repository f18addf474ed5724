package io.warren.instrumentation.springrabbit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.warren.agent.api.InstrumentationModule;
import io.warren.instrumentation.rabbitmq.RabbitMqInstrumentationModule;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.amqp.core.BatchMessageListener;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageListener;
import org.springframework.amqp.rabbit.config.RetryInterceptorBuilder;
import org.springframework.amqp.rabbit.listener.AbstractMessageListenerContainer;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.amqp.rabbit.retry.RejectAndDontRequeueRecoverer;

/**
 * The Spring AMQP module with the RabbitMQ client module, as the agent installs them, on Spring
 * AMQP's simple and direct listener containers: one span per delivery (or batch), current while
 * the listener runs, ended once the container has settled the message.
 */
class SpringRabbitInstrumentationTest extends SpringBrokerTestBase {

  private static final AttributeKey<Long> BATCH_COUNT = AttributeKey.longKey("messaging.batch.message_count");
  private static final AttributeKey<String> EXCEPTION_STACKTRACE = AttributeKey.stringKey("exception.stacktrace");

  @Override
  InstrumentationModule[] modules() {
    return new InstrumentationModule[] {new RabbitMqInstrumentationModule(), new SpringRabbitInstrumentationModule()};
  }

  /** What the listener saw of the span current while it ran. */
  static final class Observed {
    volatile SpanContext current;
    volatile boolean endedWhileListening = true;
    /** When the listener was about to return, on the clock of the span current in it. */
    volatile long finishedAtNanos;
    final List<List<String>> batches = new CopyOnWriteArrayList<>();
    final CountDownLatch done = new CountDownLatch(1);

    void recordCurrent() {
      Span span = Span.current();
      current = span.getSpanContext();
      if (span instanceof ReadableSpan readable) {
        endedWhileListening = readable.hasEnded();
        finishedAtNanos = readable.toSpanData().getStartEpochNanos() + readable.getLatencyNanos();
      }
    }
  }

  // 1 (simple container) and 2 (direct container)
  @ParameterizedTest
  @EnumSource(ContainerKind.class)
  void listenerRunsInTheDeliverysProcessSpanWhichEndsAfterSettling(ContainerKind kind) throws Exception {
    String out = queue + ".out";
    Observed observed = new Observed();
    MessageListener listener =
        message -> {
          template.convertAndSend("", out, "reply"); // not routed anywhere: only its span counts
          observed.recordCurrent();
          observed.done.countDown();
        };
    start(container(kind, listener));

    SpanData publish = publishOutsideAnySpan("payload");
    assertTrue(observed.done.await(10, TimeUnit.SECONDS), "the listener ran");
    List<SpanData> spans =
        awaitSpans("the delivery's process span and the listener's publish", all ->
            !filter(all, SpanKind.CONSUMER, "process " + queue).isEmpty()
                && !filter(all, SpanKind.PRODUCER, "publish amq.default:" + out).isEmpty());

    SpanData process = single(consumersIn(spans, publish.getTraceId()), "CONSUMER span for the delivery");
    assertEquals("process " + queue, process.getName());
    assertChildOf(publish, process);
    assertEquals(EXECUTE_LISTENER, InProcessAgent.FRAMES.startedIn(process.getSpanId()), "the Spring module's span");

    assertEquals(process.getSpanContext(), observed.current, "the process span is current in the listener");
    assertFalse(observed.endedWhileListening, "the process span was still open while the listener ran");
    SpanData reply = single(filter(spans, SpanKind.PRODUCER, "publish amq.default:" + out), "send from the listener");
    assertChildOf(process, reply);

    assertTrue(process.getEndEpochNanos() >= observed.finishedAtNanos,
        () -> "ended " + (observed.finishedAtNanos - process.getEndEpochNanos()) + " ns before the listener returned");
    assertEquals(kind.settlingMethod, InProcessAgent.FRAMES.endedIn(process.getSpanId()),
        "ended where the container acks, after the ack, not when the listener call returned");
    assertEquals("ack", process.getAttributes().get(AttributeKey.stringKey("messaging.rabbitmq.settlement")),
        "the container's ack is recorded on the delivery's span");
  }

  // 3: the client module's span for the containers' own consumers must not appear.
  @ParameterizedTest
  @EnumSource(ContainerKind.class)
  void oneDeliveryMakesOneConsumerSpan(ContainerKind kind) throws Exception {
    Observed observed = new Observed();
    start(container(kind, (MessageListener) message -> observed.done.countDown()));

    SpanData publish = publishOutsideAnySpan("payload");
    assertTrue(observed.done.await(10, TimeUnit.SECONDS), "the listener ran");
    awaitSpans("the delivery's process span", all -> !consumersIn(all, publish.getTraceId()).isEmpty());

    List<SpanData> spans = awaitLaterDelivery(); // a second span for the same delivery has ended by then
    SpanData process = single(consumersIn(spans, publish.getTraceId()), "CONSUMER span in the message's trace");
    assertEquals(EXECUTE_LISTENER, InProcessAgent.FRAMES.startedIn(process.getSpanId()),
        "made by the Spring module around the listener, not by the client module around handleDelivery");
    List<String> startedInHandleDelivery =
        spans.stream()
            .map(span -> InProcessAgent.FRAMES.startedIn(span.getSpanId()))
            .filter(frame -> frame.endsWith(".handleDelivery"))
            .collect(Collectors.toList());
    assertEquals(List.of(), startedInHandleDelivery, "no span from a container consumer's handleDelivery");
  }

  // 4
  @Test
  void batchListenerRunsInABatchSpanLinkedToEveryMessage() throws Exception {
    String out = queue + ".out";
    List<SpanData> publishes =
        List.of(publishOutsideAnySpan("m1"), publishOutsideAnySpan("m2"), publishOutsideAnySpan("m3"));
    assertEquals(3, publishes.stream().map(SpanData::getTraceId).distinct().count(), "three traces");

    Observed observed = new Observed();
    BatchMessageListener listener =
        messages -> {
          observed.batches.add(messages.stream().map(SpringRabbitInstrumentationTest::body).collect(Collectors.toList()));
          template.convertAndSend("", out, "batch-reply");
          observed.recordCurrent();
          observed.done.countDown();
        };
    SimpleMessageListenerContainer container = (SimpleMessageListenerContainer) container(ContainerKind.SIMPLE, listener);
    container.setConsumerBatchEnabled(true);
    container.setBatchSize(3);
    container.setReceiveTimeout(1000); // all three are in the queue before the consumer starts
    start(container);

    assertTrue(observed.done.await(10, TimeUnit.SECONDS), "the batch listener ran");
    assertEquals(List.of(List.of("m1", "m2", "m3")), observed.batches, "one batch of the three messages");
    List<SpanData> spans =
        awaitSpans("three message spans, the batch span and the listener's publish", all ->
            filter(all, SpanKind.CONSUMER, "process " + queue).size() == 4
                && !filter(all, SpanKind.PRODUCER, "publish amq.default:" + out).isEmpty());
    List<SpanData> consumers = filter(spans, SpanKind.CONSUMER, "process " + queue);

    List<SpanData> batchSpans =
        consumers.stream().filter(span -> span.getAttributes().get(BATCH_COUNT) != null).collect(Collectors.toList());
    SpanData batch = single(batchSpans, "batch span");
    assertEquals(3L, batch.getAttributes().get(BATCH_COUNT));
    assertChildOf(publishes.get(0), batch);
    // Links hold the contexts read from the headers (remote ones): compare the ids.
    Set<String> linked =
        batch.getLinks().stream().map(LinkData::getSpanContext).map(SpringRabbitInstrumentationTest::ids)
            .collect(Collectors.toSet());
    assertEquals(3, batch.getLinks().size(), () -> "links: " + batch.getLinks());
    assertEquals(publishes.stream().map(SpanData::getSpanContext).map(SpringRabbitInstrumentationTest::ids)
            .collect(Collectors.toSet()), linked, "linked to every message's publish");

    for (SpanData publish : publishes) {
      List<SpanData> ofMessage =
          consumersIn(consumers, publish.getTraceId()).stream()
              .filter(span -> span.getAttributes().get(BATCH_COUNT) == null)
              .collect(Collectors.toList());
      SpanData process = single(ofMessage, "process span of the message sent by " + describe(publish));
      assertChildOf(publish, process);
      assertEquals(ContainerKind.SIMPLE.settlingMethod, InProcessAgent.FRAMES.endedIn(process.getSpanId()),
          "a message's span ends after the batch is acked");
    }

    assertEquals(batch.getSpanContext(), observed.current, "the batch span is current in the listener");
    assertFalse(observed.endedWhileListening);
    SpanData reply = single(filter(spans, SpanKind.PRODUCER, "publish amq.default:" + out), "send from the batch listener");
    assertChildOf(batch, reply);
    assertEquals(ContainerKind.SIMPLE.settlingMethod, InProcessAgent.FRAMES.endedIn(batch.getSpanId()));
  }

  // 5
  @ParameterizedTest
  @EnumSource(ContainerKind.class)
  void retriedFailuresAreEventsOnOneErrorSpanAndTheMessageIsStillDeadLettered(ContainerKind kind) throws Exception {
    String deadLetters = declare(queue + ".dlq", Map.of());
    queue = declare(queue + ".dl", Map.of("x-dead-letter-exchange", "", "x-dead-letter-routing-key", deadLetters));
    AtomicInteger attempts = new AtomicInteger();
    MessageListener listener =
        message -> {
          if (!body(message).equals(LATER)) {
            throw new IllegalStateException("boom " + attempts.incrementAndGet());
          }
        };
    AbstractMessageListenerContainer container = container(kind, listener);
    container.setAdviceChain(
        RetryInterceptorBuilder.stateless()
            .maxAttempts(3)
            .backOffOptions(1, 1, 1)
            .recoverer(new RejectAndDontRequeueRecoverer())
            .build());
    container.setDefaultRequeueRejected(false);
    start(container);

    SpanData publish = publishOutsideAnySpan("payload");
    awaitSpans("three attempts and the failed delivery's process span", all ->
        attempts.get() >= 3 && !consumersIn(all, publish.getTraceId()).isEmpty());
    List<SpanData> spans = awaitLaterDelivery(); // a second span for the same delivery has ended by then
    assertEquals(3, attempts.get(), "three attempts");
    SpanData process = single(consumersIn(spans, publish.getTraceId()), "CONSUMER span for the retried delivery");
    assertChildOf(publish, process);
    assertEquals(StatusCode.ERROR, process.getStatus().getStatusCode());
    assertEquals("nack", process.getAttributes().get(AttributeKey.stringKey("messaging.rabbitmq.settlement")),
        "the container rejects with basic.nack, recorded on the delivery's span");
    assertEquals(false, process.getAttributes().get(AttributeKey.booleanKey("messaging.rabbitmq.settlement.requeue")));
    List<EventData> exceptions =
        process.getEvents().stream().filter(event -> event.getName().equals("exception")).collect(Collectors.toList());
    assertTrue(exceptions.size() >= 3, () -> "an exception event per attempt: " + exceptions);
    for (int attempt = 1; attempt <= 3; attempt++) {
      String cause = "boom " + attempt;
      assertTrue(
          exceptions.stream().anyMatch(event -> String.valueOf(event.getAttributes().get(EXCEPTION_STACKTRACE)).contains(cause)),
          () -> "no exception event for attempt '" + cause + "' in " + exceptions);
    }

    Message deadLettered = null;
    for (long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        deadLettered == null && System.nanoTime() < deadline; ) {
      deadLettered = template.receive(deadLetters); // basic.get
      if (deadLettered == null) {
        Thread.sleep(20);
      }
    }
    assertNotNull(deadLettered, "the container rejected the message without requeue: it was dead-lettered");
    assertEquals("payload", body(deadLettered));
    assertNull(template.receive(queue), "not requeued");
  }

  static String ids(SpanContext context) {
    return context.getTraceId() + "/" + context.getSpanId();
  }

  static String body(Message message) {
    return new String(message.getBody(), StandardCharsets.UTF_8);
  }
}
