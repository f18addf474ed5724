package io.warren.agent.otel;

import static io.opentelemetry.api.common.AttributeKey.longKey;
import static io.opentelemetry.api.common.AttributeKey.stringKey;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.impl.LongStringHelper;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.extension.trace.propagation.B3Propagator;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.warren.bootstrap.MessageDetails;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class OtelMessagingTracerTest {

  /** A producer's context as another (traced) application would send it. */
  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String PARENT_ID = "00f067aa0ba902b7";
  private static final String TRACEPARENT = "00-" + TRACE_ID + "-" + PARENT_ID + "-01";

  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private SdkTracerProvider tracerProvider;
  private OtelMessagingTracer tracer;

  @BeforeEach
  void setUp() {
    tracerProvider =
        SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();
    tracer =
        tracerWith(
            TextMapPropagator.composite(
                W3CTraceContextPropagator.getInstance(), W3CBaggagePropagator.getInstance()));
  }

  @AfterEach
  void tearDown() {
    tracerProvider.close();
    assertSame(Context.root(), Context.current(), "a test left a context current");
  }

  @Test
  void processSpanIsChildOfPublishSpanThroughTheHeaders() throws Exception {
    InetAddress broker = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
    Map<String, Object> headers = new HashMap<>();
    MessageDetails publish =
        new MessageDetails("", "task_queue", headers, 11)
            .withProperties("msg-1", "corr-1")
            .withServer(broker, 5672);
    tracer.end(tracer.startPublish(publish), null);

    MessageDetails delivery =
        new MessageDetails("", "task_queue", headers, 11)
            .withProperties("msg-1", "corr-1")
            .withDelivery(42, false)
            .withQueue("task_queue")
            .withServer(broker, 5672);
    tracer.end(tracer.startProcess(delivery), null);

    SpanData producer = span("publish amq.default:task_queue");
    SpanData consumer = span("process amq.default:task_queue");
    assertEquals(SpanKind.PRODUCER, producer.getKind());
    assertEquals(SpanKind.CONSUMER, consumer.getKind());
    assertEquals(producer.getTraceId(), consumer.getTraceId());
    assertEquals(producer.getSpanId(), consumer.getParentSpanId());
    assertTrue(consumer.getParentSpanContext().isRemote());
    assertTrue(String.valueOf(headers.get("traceparent")).contains(producer.getSpanId()));

    Attributes sent = producer.getAttributes();
    assertEquals("rabbitmq", sent.get(stringKey("messaging.system")));
    assertEquals("publish", sent.get(stringKey("messaging.operation.name")));
    assertEquals("send", sent.get(stringKey("messaging.operation.type")));
    assertEquals("", sent.get(stringKey("messaging.destination.name")));
    assertEquals("task_queue", sent.get(stringKey("messaging.rabbitmq.destination.routing_key")));
    assertNull(sent.get(longKey("messaging.rabbitmq.message.delivery_tag")));
    assertEquals("msg-1", sent.get(stringKey("messaging.message.id")));
    assertEquals("corr-1", sent.get(stringKey("messaging.message.conversation_id")));
    assertEquals(11L, sent.get(longKey("messaging.message.body.size")));
    assertEquals("rabbitmq", sent.get(stringKey("peer.service")));
    assertEquals("127.0.0.1", sent.get(stringKey("server.address")));
    assertEquals(5672L, sent.get(longKey("server.port")));

    Attributes received = consumer.getAttributes();
    assertEquals("rabbitmq", received.get(stringKey("messaging.system")));
    assertEquals("process", received.get(stringKey("messaging.operation.name")));
    assertEquals("process", received.get(stringKey("messaging.operation.type")));
    assertEquals(42L, received.get(longKey("messaging.rabbitmq.message.delivery_tag")));
    assertEquals("task_queue", received.get(stringKey("messaging.rabbitmq.queue")));
    assertEquals("msg-1", received.get(stringKey("messaging.message.id")));
    assertEquals("rabbitmq", received.get(stringKey("peer.service")));
    assertEquals("127.0.0.1", received.get(stringKey("server.address")));

    for (SpanData span : List.of(producer, consumer)) {
      assertEquals(StatusCode.UNSET, span.getStatus().getStatusCode());
      assertTrue(span.getEvents().isEmpty());
      assertNull(span.getAttributes().get(stringKey("error.type")));
    }
  }

  @Test
  void processSpanIsCurrentWhileTheHandlerRuns() {
    Span outer = tracerProvider.get("test").spanBuilder("outer").startSpan();
    try (Scope ignored = outer.makeCurrent()) {
      Object handle = tracer.startProcess(delivery(publishedHeaders()));
      Span inHandler = Span.current();
      tracer.end(tracer.startPublish(new MessageDetails("", "replies", new HashMap<>(), 2)), null);
      tracer.end(handle, null);

      assertSame(outer, Span.current(), "the context before the delivery is current again");
      SpanData process = span("process amq.default:task_queue");
      SpanData reply = span("publish amq.default:replies");
      assertEquals(process.getSpanId(), inHandler.getSpanContext().getSpanId());
      assertEquals(process.getSpanId(), reply.getParentSpanId());
      assertEquals(process.getTraceId(), reply.getTraceId());
    } finally {
      outer.end();
    }
  }

  @Test
  void endWithAnErrorMarksTheSpanFailed() {
    Object handle = tracer.startProcess(delivery(publishedHeaders()));
    tracer.end(handle, new IllegalStateException("handler failed"));

    SpanData process = span("process amq.default:task_queue");
    assertEquals(StatusCode.ERROR, process.getStatus().getStatusCode());
    assertEquals(
        "java.lang.IllegalStateException", process.getAttributes().get(stringKey("error.type")));
    EventData exception = process.getEvents().get(0);
    assertEquals("exception", exception.getName());
    assertEquals("handler failed", exception.getAttributes().get(stringKey("exception.message")));
  }

  @Test
  void recordReceiveStartsAtTheGivenTimeInTheProducersTrace() {
    Map<String, Object> headers = publishedHeaders();
    long start = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis() - 3_000);

    tracer.recordReceive(delivery(headers), start, new java.io.IOException("channel closed"));

    assertSame(Context.root(), Context.current(), "a receive span is never made current");
    SpanData producer = span("publish amq.default:task_queue");
    SpanData receive = span("receive amq.default:task_queue");
    assertEquals(SpanKind.CONSUMER, receive.getKind());
    assertEquals(start, receive.getStartEpochNanos());
    assertTrue(receive.getEndEpochNanos() - start >= TimeUnit.SECONDS.toNanos(2));
    assertEquals(producer.getTraceId(), receive.getTraceId());
    assertEquals(producer.getSpanId(), receive.getParentSpanId());
    assertEquals("receive", receive.getAttributes().get(stringKey("messaging.operation.type")));
    assertEquals(StatusCode.ERROR, receive.getStatus().getStatusCode());
    assertEquals("java.io.IOException", receive.getAttributes().get(stringKey("error.type")));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "garbage",
        "",
        "00-" + TRACE_ID + "-" + PARENT_ID, // no flags
        "00-00000000000000000000000000000000-" + PARENT_ID + "-01", // all-zero trace id
        "00-" + TRACE_ID + "-0000000000000000-01", // all-zero span id
        "00-" + TRACE_ID + "-" + PARENT_ID + "-01-" // trailing garbage in version 00
      })
  void malformedTraceparentStartsANewTrace(String traceparent) {
    Map<String, Object> headers = new HashMap<>(Map.of("traceparent", traceparent));

    assertDoesNotThrow(() -> tracer.end(tracer.startProcess(delivery(headers)), null));

    assertStartsNewTrace(span("process amq.default:task_queue"));
  }

  @ParameterizedTest
  @MethodSource("nonTextValues")
  void traceparentThatIsNotTextStartsANewTrace(Object value) {
    Map<String, Object> headers = new HashMap<>();
    headers.put("traceparent", value);

    assertDoesNotThrow(() -> tracer.end(tracer.startProcess(delivery(headers)), null));

    assertStartsNewTrace(span("process amq.default:task_queue"));
  }

  static Stream<Object> nonTextValues() {
    return Stream.of(Map.of("traceparent", TRACEPARENT), List.of(TRACEPARENT), 42, true);
  }

  @Test
  void deliveryWithoutHeadersStartsANewTrace() {
    tracer.end(tracer.startProcess(delivery(null)), null);

    assertStartsNewTrace(span("process amq.default:task_queue"));
  }

  @ParameterizedTest
  @MethodSource("traceparentEncodings")
  void traceparentIsReadAsStringLongStringOrBytes(Object value) {
    Map<String, Object> headers = new HashMap<>(Map.of("traceparent", value));

    tracer.end(tracer.startProcess(delivery(headers)), null);

    SpanData process = span("process amq.default:task_queue");
    assertEquals(TRACE_ID, process.getTraceId());
    assertEquals(PARENT_ID, process.getParentSpanId());
  }

  static Stream<Object> traceparentEncodings() {
    return Stream.of(
        TRACEPARENT, LongStringHelper.asLongString(TRACEPARENT), TRACEPARENT.getBytes(UTF_8));
  }

  @Test
  void b3MultiHeadersJoinTheTraceWhateverTheirCase() {
    tracer = tracerWith(B3Propagator.injectingMultiHeaders());
    Map<String, Object> headers = new HashMap<>();
    headers.put("x-b3-traceid", TRACE_ID);
    headers.put("x-b3-spanid", PARENT_ID);
    headers.put("x-b3-sampled", "1");

    tracer.end(tracer.startProcess(delivery(headers)), null);

    SpanData process = span("process amq.default:task_queue");
    assertEquals(TRACE_ID, process.getTraceId());
    assertEquals(PARENT_ID, process.getParentSpanId());
  }

  @Test
  void b3MultiRoundTrip() {
    tracer = tracerWith(B3Propagator.injectingMultiHeaders());
    Map<String, Object> headers = publishedHeaders();
    assertTrue(headers.containsKey("X-B3-TraceId"), "headers written: " + headers.keySet());

    tracer.end(tracer.startProcess(delivery(headers)), null);

    SpanData producer = span("publish amq.default:task_queue");
    SpanData consumer = span("process amq.default:task_queue");
    assertEquals(producer.getTraceId(), consumer.getTraceId());
    assertEquals(producer.getSpanId(), consumer.getParentSpanId());
  }

  @Test
  void baggageIsCurrentWhileTheHandlerRuns() {
    Map<String, Object> headers =
        new HashMap<>(Map.of("traceparent", TRACEPARENT, "baggage", "tenant=acme"));

    Object handle = tracer.startProcess(delivery(headers));
    String tenant = Baggage.current().getEntryValue("tenant");
    tracer.end(handle, null);

    assertEquals("acme", tenant);
  }

  @Test
  void oversizedBaggageIsIgnoredButTheTraceIsJoined() {
    String baggage = "tenant=acme,padding=" + "x".repeat(HeaderGetter.MAX_VALUE_CHARS);
    Map<String, Object> headers =
        new HashMap<>(Map.of("traceparent", TRACEPARENT, "baggage", baggage));

    Object handle = tracer.startProcess(delivery(headers));
    Baggage inHandler = Baggage.current();
    tracer.end(handle, null);

    assertTrue(inHandler.isEmpty(), "baggage: " + inHandler.asMap());
    assertEquals(TRACE_ID, span("process amq.default:task_queue").getTraceId());
  }

  private OtelMessagingTracer tracerWith(TextMapPropagator propagator) {
    return new OtelMessagingTracer(
        OpenTelemetrySdk.builder()
            .setTracerProvider(tracerProvider)
            .setPropagators(ContextPropagators.create(propagator))
            .build());
  }

  /** Publishes to the default exchange with routing key task_queue; returns what was sent. */
  private Map<String, Object> publishedHeaders() {
    Map<String, Object> headers = new HashMap<>();
    tracer.end(tracer.startPublish(new MessageDetails("", "task_queue", headers, 11)), null);
    return headers;
  }

  private static MessageDetails delivery(Map<String, Object> headers) {
    return new MessageDetails("", "task_queue", headers, 11)
        .withDelivery(1, false)
        .withQueue("task_queue");
  }

  private SpanData span(String name) {
    List<SpanData> named =
        exporter.getFinishedSpanItems().stream()
            .filter(span -> span.getName().equals(name))
            .collect(Collectors.toList());
    assertEquals(1, named.size(), () -> "spans named " + name + " in " + exporter.getFinishedSpanItems());
    return named.get(0);
  }

  private static void assertStartsNewTrace(SpanData span) {
    assertFalse(span.getParentSpanContext().isValid(), "parent: " + span.getParentSpanContext());
    assertTrue(span.getSpanContext().isValid());
    assertNotEquals(TRACE_ID, span.getTraceId());
  }
}
