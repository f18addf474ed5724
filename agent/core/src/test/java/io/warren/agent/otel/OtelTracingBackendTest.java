package io.warren.agent.otel;

import static io.opentelemetry.api.common.AttributeKey.booleanKey;
import static io.opentelemetry.api.common.AttributeKey.longKey;
import static io.opentelemetry.api.common.AttributeKey.stringArrayKey;
import static io.opentelemetry.api.common.AttributeKey.stringKey;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.AttributeType;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
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
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.warren.bootstrap.AgentThreads;
import io.warren.bootstrap.CommonAttributes;
import io.warren.bootstrap.SpanAttribute;
import io.warren.bootstrap.SpanStart;
import io.warren.bootstrap.TraceIds;
import io.warren.bootstrap.Tracing;
import io.warren.bootstrap.testing.ThrowingBackend;
import java.io.IOException;
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

class OtelTracingBackendTest {

  /** The instrumentation scope of the spans described here: a module of no particular library. */
  private static final String SCOPE = "io.warren.test";

  private static final SpanAttribute DESTINATION = SpanAttribute.string("test.destination");
  private static final SpanAttribute BODY_SIZE = SpanAttribute.longValue("test.body.size");
  private static final SpanAttribute RETRIED = SpanAttribute.flag("test.retried");
  private static final SpanAttribute LABELS = SpanAttribute.stringList("test.labels");

  /** A producer's context as another (traced) application would send it. */
  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String PARENT_ID = "00f067aa0ba902b7";
  private static final String TRACEPARENT = "00-" + TRACE_ID + "-" + PARENT_ID + "-01";

  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private SdkTracerProvider tracerProvider;
  private OtelTracingBackend backend;

  @BeforeEach
  void setUp() {
    tracerProvider =
        SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();
    backend =
        backendWith(
            TextMapPropagator.composite(
                W3CTraceContextPropagator.getInstance(), W3CBaggagePropagator.getInstance()));
  }

  @AfterEach
  void tearDown() {
    tracerProvider.close();
    assertSame(Context.root(), Context.current(), "a test left a context current");
  }

  @Test
  void theSpanOfACarriedContextTakesAttributesAndAContextWithItMakesItCurrentElsewhere() {
    Span span = tracerProvider.get("test").spanBuilder("handler").startSpan();
    Object carried;
    try (Scope ignored = span.makeCurrent()) {
      carried = backend.currentContext();
    }
    Object handle = backend.spanIn(carried);
    backend.setAttribute(handle, DESTINATION, "from the handle");
    TraceIds ids = backend.idsOf(handle);
    assertEquals(span.getSpanContext().getSpanId(), ids.spanId());

    Object scope = backend.attach(backend.contextWith(null, handle));
    try {
      assertEquals(span.getSpanContext(), Span.current().getSpanContext());
    } finally {
      backend.detach(scope);
    }
    span.end();
    assertEquals("from the handle",
        exporter.getFinishedSpanItems().get(0).getAttributes().get(stringKey("test.destination")));
    assertNull(backend.spanIn(Context.root()), "no span in it: no handle");
    assertNull(backend.idsOf(Span.getInvalid()), "no valid ids");
  }

  @Test
  void aSpanKnownByItsIdsIsTheParentOfSpansStartedInItAndIsNotRecorded() {
    Object context = backend.contextWith(null, new TraceIds(TRACE_ID, PARENT_ID, "01"));
    Object scope = backend.attach(context);
    try {
      backend.end(backend.start(SpanStart.begin(SCOPE, SpanStart.Kind.PRODUCER, "publish")), null);
    } finally {
      backend.detach(scope);
    }

    List<SpanData> spans = exporter.getFinishedSpanItems();
    assertEquals(1, spans.size(), "only Warren's span is recorded: " + spans);
    assertEquals(TRACE_ID, spans.get(0).getTraceId());
    assertEquals(PARENT_ID, spans.get(0).getParentSpanId());
  }

  @Test
  void underASpanKnownByItsIdsAndNotSampledWarrensSpanIsNotSampledEither() {
    Object scope = backend.attach(backend.contextWith(null, new TraceIds(TRACE_ID, PARENT_ID, "00")));
    try {
      backend.end(backend.start(SpanStart.begin(SCOPE, SpanStart.Kind.PRODUCER, "publish")), null);
    } finally {
      backend.detach(scope);
    }
    backend.end(backend.start(SpanStart.begin(SCOPE, SpanStart.Kind.INTERNAL, "after")), null);

    assertEquals(List.of("after"),
        exporter.getFinishedSpanItems().stream().map(SpanData::getName).collect(Collectors.toList()),
        "the publish follows its parent's decision; a span after it is recorded");
  }

  @Test
  void aContextCarriedToAnotherThreadIsCurrentThereAndTheThreadsOwnIsBackAfter() throws Exception {
    assertNull(backend.currentContext(), "no context current: nothing to carry");
    Span span = tracerProvider.get("test").spanBuilder("handler").startSpan();
    Object carried;
    try (Scope ignored = span.makeCurrent()) {
      carried = backend.currentContext();
    } finally {
      span.end();
    }
    Span pooledThreadsOwn = tracerProvider.get("test").spanBuilder("own").startSpan();
    try (Scope ignored = pooledThreadsOwn.makeCurrent()) {
      Object scope = backend.attach(carried);
      assertEquals(span.getSpanContext(), Span.current().getSpanContext());
      // The task leaves a span of its own current and never closes its scope.
      tracerProvider.get("test").spanBuilder("leaked").startSpan().makeCurrent();
      backend.detach(scope);
      assertEquals(pooledThreadsOwn.getSpanContext(), Span.current().getSpanContext());
    } finally {
      pooledThreadsOwn.end();
    }
  }

  @Test
  void noContextIsCurrentInsideAttachNoneAndTheThreadsOwnIsBackAfter() {
    assertNull(backend.attachNone(), "nothing current: nothing to undo");
    Span runnersOwn = tracerProvider.get("test").spanBuilder("runner").startSpan();
    try (Scope ignored = runnersOwn.makeCurrent()) {
      Object scope = backend.attachNone();
      assertSame(Context.root(), Context.current());
      assertNull(backend.currentContext());
      tracerProvider.get("test").spanBuilder("leaked").startSpan().makeCurrent();
      backend.detach(scope);
      assertEquals(runnersOwn.getSpanContext(), Span.current().getSpanContext());
    } finally {
      runnersOwn.end();
    }
  }

  @Test
  void consumerSpanIsChildOfProducerSpanThroughTheCarrier() {
    Map<String, Object> headers = new HashMap<>();
    SpanStart send =
        SpanStart.begin(SCOPE, SpanStart.Kind.PRODUCER, "send orders")
            .set(DESTINATION, "orders")
            .set(BODY_SIZE, 11)
            .set(CommonAttributes.PEER_SERVICE, "broker")
            .set(CommonAttributes.SERVER_ADDRESS, "127.0.0.1")
            .set(CommonAttributes.SERVER_PORT, 5672)
            .injectInto(headers);
    backend.end(start(send), null);

    SpanStart process =
        SpanStart.begin(SCOPE, SpanStart.Kind.CONSUMER, "process orders")
            .set(DESTINATION, "orders")
            .set(CommonAttributes.PEER_SERVICE, "broker")
            .parentFrom(headers);
    backend.end(start(process), null);

    SpanData producer = span("send orders");
    SpanData consumer = span("process orders");
    assertEquals(SpanKind.PRODUCER, producer.getKind());
    assertEquals(SpanKind.CONSUMER, consumer.getKind());
    assertEquals(SCOPE, producer.getInstrumentationScopeInfo().getName());
    assertEquals(SCOPE, consumer.getInstrumentationScopeInfo().getName());
    assertFalse(producer.getParentSpanContext().isValid(), "nothing was current: a new trace");
    assertEquals(producer.getTraceId(), consumer.getTraceId());
    assertEquals(producer.getSpanId(), consumer.getParentSpanId());
    assertTrue(consumer.getParentSpanContext().isRemote());
    assertTraceparent(producer, headers);

    Attributes sent = producer.getAttributes();
    assertEquals("orders", sent.get(stringKey("test.destination")));
    assertEquals(11L, sent.get(longKey("test.body.size")));
    assertEquals("broker", sent.get(stringKey("peer.service")));
    assertEquals("127.0.0.1", sent.get(stringKey("server.address")));
    assertEquals(5672L, sent.get(longKey("server.port")));
    assertEquals(5, sent.size(), "only what was described: " + sent);

    Attributes received = consumer.getAttributes();
    assertEquals("orders", received.get(stringKey("test.destination")));
    assertEquals("broker", received.get(stringKey("peer.service")));
    assertEquals(2, received.size(), "only what was described: " + received);

    for (SpanData span : List.of(producer, consumer)) {
      assertEquals(StatusCode.UNSET, span.getStatus().getStatusCode());
      assertTrue(span.getEvents().isEmpty());
      assertNull(span.getAttributes().get(stringKey("error.type")));
    }
  }

  /** As the README says: the header has the random-trace-id flag, the log the sampled bit. */
  @Test
  void theHeaderSaysSampledAndRandomTraceIdTheLogSampledAlone() {
    Map<String, Object> headers = new HashMap<>();
    Object handle = startCurrent(producer("send orders", headers));
    try {
      String traceparent = String.valueOf(headers.get("traceparent"));
      assertTrue(traceparent.endsWith("-03"), traceparent);
      assertEquals("01", backend.currentTraceIds().traceFlags());
    } finally {
      backend.end(handle, null);
    }
  }

  @Test
  void currentTraceIdsAreThoseOfTheCurrentSpanAndNullWithoutOne() {
    assertNull(backend.currentTraceIds(), "no span is current");
    Object handle = startCurrent(consumer("process orders", published()));
    try {
      SpanContext current = Span.current().getSpanContext();
      TraceIds ids = backend.currentTraceIds();
      assertEquals(current.getTraceId(), ids.traceId());
      assertEquals(current.getSpanId(), ids.spanId());
      assertEquals("01", ids.traceFlags(), "sampled; the random-trace-id flag is left out");
    } finally {
      backend.end(handle, null);
    }
    assertNull(backend.currentTraceIds(), "the span is no longer current");

    SpanContext unsampled =
        SpanContext.create(
            "0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331", TraceFlags.getDefault(), TraceState.getDefault());
    try (Scope ignored = Span.wrap(unsampled).makeCurrent()) {
      TraceIds notSampled = backend.currentTraceIds();
      assertEquals("0af7651916cd43dd8448eb211c80319c", notSampled.traceId());
      assertEquals("b7ad6b7169203331", notSampled.spanId());
      assertEquals("00", notSampled.traceFlags());
    }
    try (Scope ignored = Span.getInvalid().makeCurrent()) {
      assertNull(backend.currentTraceIds(), "an invalid span is no span");
    }
  }

  @Test
  void tracingHandsOutNoIdsBeforeTheAgentStartedOrWhenTheBackendFails() {
    Tracing.install(null);
    assertNull(Tracing.currentTraceIds());
    Tracing.install(new ThrowingBackend());
    try {
      assertNull(Tracing.currentTraceIds());
    } finally {
      Tracing.install(null);
    }
  }

  @Test
  void eachInstrumentationScopeHasItsOwnTracerAndKindsMapOneToOne() {
    backend.end(start(SpanStart.begin("io.warren.one", SpanStart.Kind.INTERNAL, "a")), null);
    backend.end(start(SpanStart.begin("io.warren.two", SpanStart.Kind.CONSUMER, "b")), null);
    backend.end(start(SpanStart.begin("io.warren.one", SpanStart.Kind.PRODUCER, "c")), null);
    backend.end(start(SpanStart.begin("io.warren.one", SpanStart.Kind.SERVER, "d")), null);
    backend.end(start(SpanStart.begin("io.warren.one", SpanStart.Kind.CLIENT, "e")), null);

    assertEquals("io.warren.one", span("a").getInstrumentationScopeInfo().getName());
    assertEquals(SpanKind.INTERNAL, span("a").getKind());
    assertEquals("io.warren.two", span("b").getInstrumentationScopeInfo().getName());
    assertEquals(SpanKind.CONSUMER, span("b").getKind());
    assertEquals(SpanKind.PRODUCER, span("c").getKind());
    assertEquals(SpanKind.SERVER, span("d").getKind());
    assertEquals(SpanKind.CLIENT, span("e").getKind());
  }

  @Test
  void aStartedSpanCanBeRenamed() {
    Object handle = start(SpanStart.begin(SCOPE, SpanStart.Kind.SERVER, "GET"));
    backend.updateName(handle, "GET /orders/{id}");
    backend.end(handle, null);

    assertEquals(SpanKind.SERVER, span("GET /orders/{id}").getKind());
  }

  @Test
  void noSpanStartsOnTheAgentsOwnThreadsAndNoContextIsInjectedThere() throws Exception {
    Tracing.install(backend);
    try {
      boolean before = AgentThreads.enter();
      Map<String, Object> headers = new HashMap<>();
      try {
        assertNull(Tracing.start(SpanStart.begin(SCOPE, SpanStart.Kind.CLIENT, "POST").injectInto(headers)));
        assertNull(Tracing.startCurrent(SpanStart.begin(SCOPE, SpanStart.Kind.SERVER, "GET")));
      } finally {
        AgentThreads.exit(before);
      }
      assertEquals(Map.of(), headers);
      Object[] onFactoryThread = new Object[1];
      Thread own = AgentThreads.factory("warren-test").newThread(
          () -> onFactoryThread[0] = Tracing.start(SpanStart.begin(SCOPE, SpanStart.Kind.CLIENT, "GET")));
      own.start();
      own.join();
      assertNull(onFactoryThread[0]);
      assertTrue(own.isDaemon());
      // Once the agent's work is over, the same thread traces again.
      Tracing.end(Tracing.start(SpanStart.begin(SCOPE, SpanStart.Kind.CLIENT, "after")), null);
      assertEquals(List.of("after"), exporter.getFinishedSpanItems().stream().map(SpanData::getName)
          .collect(Collectors.toList()));
    } finally {
      Tracing.install(null);
    }
  }

  @Test
  void consumerSpanIsCurrentWhileTheHandlerRuns() {
    Span outer = tracerProvider.get("test").spanBuilder("outer").startSpan();
    try (Scope ignored = outer.makeCurrent()) {
      Object handle = startCurrent(consumer("process orders", published()));
      Span inHandler = Span.current();
      backend.end(start(producer("send replies", new HashMap<>())), null);
      backend.end(handle, null);

      assertSame(outer, Span.current(), "the context before the delivery is current again");
      SpanData process = span("process orders");
      SpanData reply = span("send replies");
      assertEquals(process.getSpanId(), inHandler.getSpanContext().getSpanId());
      assertEquals(process.getSpanId(), reply.getParentSpanId());
      assertEquals(process.getTraceId(), reply.getTraceId());
    } finally {
      outer.end();
    }
  }

  @Test
  void aSpanCanBeParentedOnTheContextOfASpanThatEnded() {
    Object process = startCurrent(consumer("process orders", published()));
    Object context = backend.contextOf(process);
    backend.end(process, null);

    backend.end(start(SpanStart.begin(SCOPE, SpanStart.Kind.INTERNAL, "settle orders").childOf(context)), null);
    assertEquals(span("process orders").getSpanId(), span("settle orders").getParentSpanId());
    assertEquals(span("process orders").getTraceId(), span("settle orders").getTraceId());
  }

  @Test
  void failMarksTheSpanWithoutAnException() {
    Object handle = start(producer("send orders", new HashMap<>()));
    backend.fail(handle, "nack", "the broker nacked the message");
    backend.end(handle, null);

    SpanData send = span("send orders");
    assertEquals(StatusCode.ERROR, send.getStatus().getStatusCode());
    assertEquals("the broker nacked the message", send.getStatus().getDescription());
    assertEquals("nack", send.getAttributes().get(stringKey("error.type")));
    assertTrue(send.getEvents().isEmpty());
  }

  @Test
  void theCarrierOfASpanIsRecognised() {
    Map<String, Object> headers = new HashMap<>();
    Object handle = start(producer("send orders", headers));
    assertTrue(backend.isContextIn(handle, headers));
    assertFalse(backend.isContextIn(handle, published()));
    assertFalse(backend.isContextIn(handle, new HashMap<>()));
    backend.end(handle, null);
  }

  @Test
  void contextOnlyMakesNoSpanButTheTraceFlowsThrough() {
    Map<String, Object> received = published();
    Object passThrough = startCurrent(consumer("process audit", received).contextOnly());
    Map<String, Object> forwarded = new HashMap<>();
    assertNull(start(producer("send audit", forwarded).contextOnly()), "no span to end");
    Object reply = start(producer("send replies", new HashMap<>()));
    backend.end(reply, null);
    backend.end(passThrough, null);
    assertSame(Context.root(), Context.current(), "the passed-through context is closed");

    SpanData producer = span("send orders");
    SpanData replies = span("send replies");
    assertEquals(List.of("send orders", "send replies"),
        exporter.getFinishedSpanItems().stream().map(SpanData::getName).sorted().toList());
    assertEquals(producer.getSpanId(), replies.getParentSpanId(), "the excluded consumer's context");
    assertEquals(received.get("traceparent"), forwarded.get("traceparent"),
        "the excluded producer passed the context on as it was");
  }

  @Test
  void endWithAnErrorMarksTheSpanFailed() {
    Object handle = startCurrent(consumer("process orders", published()));
    backend.end(handle, new IllegalStateException("handler failed"));

    SpanData process = span("process orders");
    assertEquals(StatusCode.ERROR, process.getStatus().getStatusCode());
    assertEquals(
        "java.lang.IllegalStateException", process.getAttributes().get(stringKey("error.type")));
    EventData exception = process.getEvents().get(0);
    assertEquals("exception", exception.getName());
    assertEquals("handler failed", exception.getAttributes().get(stringKey("exception.message")));
  }

  @Test
  void aSpanStartedEarlierStartsAtTheGivenTimeInTheProducersTrace() {
    Map<String, Object> headers = published();
    long startedAt = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis() - 3_000);

    Object handle = start(consumer("receive orders", headers).startedAt(startedAt));
    assertSame(Context.root(), Context.current(), "start does not make the span current");
    backend.end(handle, new IOException("channel closed"));

    SpanData producer = span("send orders");
    SpanData receive = span("receive orders");
    assertEquals(SpanKind.CONSUMER, receive.getKind());
    assertEquals(startedAt, receive.getStartEpochNanos());
    assertTrue(receive.getEndEpochNanos() - startedAt >= TimeUnit.SECONDS.toNanos(2));
    assertEquals(producer.getTraceId(), receive.getTraceId());
    assertEquals(producer.getSpanId(), receive.getParentSpanId());
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

    assertDoesNotThrow(() -> backend.end(start(consumer("process orders", headers)), null));

    assertStartsNewTrace(span("process orders"));
  }

  @ParameterizedTest
  @MethodSource("nonTextValues")
  void traceparentThatIsNotTextStartsANewTrace(Object value) {
    Map<String, Object> headers = new HashMap<>();
    headers.put("traceparent", value);

    assertDoesNotThrow(() -> backend.end(start(consumer("process orders", headers)), null));

    assertStartsNewTrace(span("process orders"));
  }

  static Stream<Object> nonTextValues() {
    return Stream.of(Map.of("traceparent", TRACEPARENT), List.of(TRACEPARENT), 42, true);
  }

  @Test
  void deliveryWithoutHeadersStartsANewTrace() {
    backend.end(start(consumer("process orders", null)), null);

    assertStartsNewTrace(span("process orders"));
  }

  @Test
  void deliveryWithoutContextInsideACurrentSpanIsItsChild() {
    Span outer = tracerProvider.get("test").spanBuilder("outer").startSpan();
    try (Scope ignored = outer.makeCurrent()) {
      backend.end(start(consumer("process a", null)), null);
      backend.end(start(consumer("process b", new HashMap<>(Map.of("traceparent", "garbage")))), null);
    } finally {
      outer.end();
    }

    for (String name : List.of("process a", "process b")) {
      assertEquals(outer.getSpanContext().getSpanId(), span(name).getParentSpanId(), name);
    }
  }

  @ParameterizedTest
  @MethodSource("traceparentEncodings")
  void traceparentIsReadAsStringTextTypeOrBytes(Object value) {
    Map<String, Object> headers = new HashMap<>(Map.of("traceparent", value));

    backend.end(start(consumer("process orders", headers)), null);

    SpanData process = span("process orders");
    assertEquals(TRACE_ID, process.getTraceId());
    assertEquals(PARENT_ID, process.getParentSpanId());
  }

  static Stream<Object> traceparentEncodings() {
    return Stream.of(TRACEPARENT, new TextValue(TRACEPARENT), TRACEPARENT.getBytes(UTF_8));
  }

  @Test
  void b3MultiHeadersJoinTheTraceWhateverTheirCase() {
    backend = backendWith(B3Propagator.injectingMultiHeaders());
    Map<String, Object> headers = new HashMap<>();
    headers.put("x-b3-traceid", TRACE_ID);
    headers.put("x-b3-spanid", PARENT_ID);
    headers.put("x-b3-sampled", "1");

    backend.end(start(consumer("process orders", headers)), null);

    SpanData process = span("process orders");
    assertEquals(TRACE_ID, process.getTraceId());
    assertEquals(PARENT_ID, process.getParentSpanId());
  }

  @Test
  void b3MultiRoundTrip() {
    backend = backendWith(B3Propagator.injectingMultiHeaders());
    Map<String, Object> headers = published();
    assertTrue(headers.containsKey("X-B3-TraceId"), "headers written: " + headers.keySet());

    backend.end(start(consumer("process orders", headers)), null);

    SpanData producer = span("send orders");
    SpanData consumer = span("process orders");
    assertEquals(producer.getTraceId(), consumer.getTraceId());
    assertEquals(producer.getSpanId(), consumer.getParentSpanId());
  }

  @Test
  void baggageIsCurrentWhileTheHandlerRuns() {
    Map<String, Object> headers =
        new HashMap<>(Map.of("traceparent", TRACEPARENT, "baggage", "tenant=acme"));

    Object handle = startCurrent(consumer("process orders", headers));
    String tenant = Baggage.current().getEntryValue("tenant");
    backend.end(handle, null);

    assertEquals("acme", tenant);
  }

  @Test
  void oversizedBaggageIsIgnoredButTheTraceIsJoined() {
    String baggage = "tenant=acme,padding=" + "x".repeat(CarrierGetter.MAX_VALUE_CHARS);
    Map<String, Object> headers =
        new HashMap<>(Map.of("traceparent", TRACEPARENT, "baggage", baggage));

    Object handle = startCurrent(consumer("process orders", headers));
    Baggage inHandler = Baggage.current();
    backend.end(handle, null);

    assertTrue(inHandler.isEmpty(), "baggage: " + inHandler.asMap());
    assertEquals(TRACE_ID, span("process orders").getTraceId());
  }

  // Producers: whose context the message carries.

  @ParameterizedTest
  @MethodSource("traceparentEncodings")
  void producerWithNothingCurrentContinuesTheContextAlreadyInTheCarrier(Object value) {
    Map<String, Object> headers = new HashMap<>(Map.of("traceparent", value, "app", "kept"));

    backend.end(start(producer("send orders", headers)), null);

    SpanData send = span("send orders");
    assertEquals(TRACE_ID, send.getTraceId(), "the application's trace is continued");
    assertEquals(PARENT_ID, send.getParentSpanId());
    assertEquals(TRACE_ID, send.getTraceId());
    assertTraceparent(send, headers);
    assertEquals("kept", headers.get("app"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"garbage", "00-00000000000000000000000000000000-" + PARENT_ID + "-01"})
  void producerWithNothingCurrentAndAnInvalidContextInTheCarrierStartsANewTrace(String traceparent) {
    Map<String, Object> headers = new HashMap<>(Map.of("traceparent", traceparent));

    backend.end(start(producer("send orders", headers)), null);

    SpanData send = span("send orders");
    assertStartsNewTrace(send);
    assertTraceparent(send, headers);
  }

  @Test
  void theCurrentSpanWinsOverTheContextInTheCarrier() {
    Map<String, Object> headers = new HashMap<>(Map.of("traceparent", TRACEPARENT));
    Span outer = tracerProvider.get("test").spanBuilder("outer").startSpan();
    try (Scope ignored = outer.makeCurrent()) {
      backend.end(start(producer("send orders", headers)), null);
    } finally {
      outer.end();
    }

    SpanData send = span("send orders");
    assertEquals(outer.getSpanContext().getTraceId(), send.getTraceId());
    assertEquals(outer.getSpanContext().getSpanId(), send.getParentSpanId());
    assertNotEquals(TRACE_ID, send.getTraceId());
    assertTraceparent(send, headers);
  }

  // Links, scopes, attributes, exceptions.

  @Test
  void validContextsOfLinkedCarriersBecomeLinks() {
    String otherTrace = "0af7651916cd43dd8448eb211c80319c";
    String otherSpan = "b7ad6b7169203331";
    SpanStart batch =
        SpanStart.begin(SCOPE, SpanStart.Kind.CONSUMER, "process batch")
            .linkFrom(new HashMap<>(Map.of("traceparent", TRACEPARENT)))
            .linkFrom(new HashMap<>(Map.of("traceparent", "garbage")))
            .linkFrom(new HashMap<>())
            .linkFrom(null)
            .linkFrom(new HashMap<>(Map.of("traceparent", new TextValue("00-" + otherTrace + "-" + otherSpan + "-00"))));

    backend.end(start(batch), null);

    SpanData process = span("process batch");
    List<LinkData> links = process.getLinks();
    assertEquals(2, links.size(), "links: " + links);
    assertEquals(TRACE_ID, links.get(0).getSpanContext().getTraceId());
    assertEquals(PARENT_ID, links.get(0).getSpanContext().getSpanId());
    assertTrue(links.get(0).getSpanContext().isRemote());
    assertEquals(otherTrace, links.get(1).getSpanContext().getTraceId());
    assertEquals(otherSpan, links.get(1).getSpanContext().getSpanId());
    assertFalse(process.getParentSpanContext().isValid(), "a link is not a parent");
    assertNotEquals(TRACE_ID, process.getTraceId());
  }

  // For code that traces by hand (the application's OpenTelemetry API): events, status, links by
  // ids, baggage and propagation through the configured propagators.

  @Test
  void eventsAndStatusGoToTheSpanOfTheHandle() {
    Object handle = start(SpanStart.begin(SCOPE, SpanStart.Kind.INTERNAL, "checkout"));
    backend.addEvent(handle, "priced", Map.of(DESTINATION, "eu", BODY_SIZE, 3L), 0);
    backend.addEvent(handle, "paid", Map.of(), 1_700_000_000_000_000_000L);
    backend.setStatus(handle, "ERROR", "card declined");
    backend.end(handle, null);

    SpanData checkout = span("checkout");
    List<EventData> events = checkout.getEvents();
    assertEquals(List.of("priced", "paid"), events.stream().map(EventData::getName).toList());
    assertEquals("eu", events.get(0).getAttributes().get(stringKey("test.destination")));
    assertEquals(3L, events.get(0).getAttributes().get(longKey("test.body.size")));
    assertEquals(1_700_000_000_000_000_000L, events.get(1).getEpochNanos());
    assertEquals(StatusCode.ERROR, checkout.getStatus().getStatusCode());
    assertEquals("card declined", checkout.getStatus().getDescription());
    assertNull(checkout.getAttributes().get(stringKey(CommonAttributes.ERROR_TYPE.name())),
        "a status set by hand adds no error type");
  }

  @Test
  void aLinkByIdsBecomesALink() {
    backend.end(start(SpanStart.begin(SCOPE, SpanStart.Kind.INTERNAL, "batch")
        .linkTo(new TraceIds(TRACE_ID, PARENT_ID, "01"))
        .linkTo(new TraceIds("garbage", PARENT_ID, "01"))), null);

    List<LinkData> links = span("batch").getLinks();
    assertEquals(1, links.size(), "links: " + links);
    assertEquals(TRACE_ID, links.get(0).getSpanContext().getTraceId());
    assertEquals(PARENT_ID, links.get(0).getSpanContext().getSpanId());
  }

  @Test
  void aSpanKnownOnlyByItsIdsIsAParentGivenOrInAContextMadeCurrent() {
    TraceIds elsewhere = new TraceIds(TRACE_ID, PARENT_ID, "01");
    backend.end(start(SpanStart.begin(SCOPE, SpanStart.Kind.INTERNAL, "given").childOf(elsewhere)), null);
    Object scope = backend.attach(backend.contextWith(null, elsewhere));
    try {
      backend.end(start(SpanStart.begin(SCOPE, SpanStart.Kind.INTERNAL, "in context")), null);
    } finally {
      backend.detach(scope);
    }

    for (String name : List.of("given", "in context")) {
      assertEquals(TRACE_ID, span(name).getTraceId(), name);
      assertEquals(PARENT_ID, span(name).getParentSpanId(), name);
    }
  }

  @Test
  void baggageSetInAContextTravelsWithAPublishMadeInItAndIsReadBack() {
    Object withBaggage = backend.contextWithBaggage(null, Map.of("tenant", "acme"));
    Object scope = backend.attach(withBaggage);
    Map<String, Object> headers;
    try {
      headers = published();
    } finally {
      backend.detach(scope);
    }

    assertEquals("tenant=acme", headers.get("baggage"));
    Object received = backend.extract(null, headers);
    assertEquals(Map.of("tenant", "acme"), backend.baggageIn(received));
    assertEquals(span("send orders").getSpanId(), backend.idsOf(backend.spanIn(received)).spanId());
    assertNull(backend.baggageIn(backend.contextWithBaggage(withBaggage, Map.of())), "emptied");
    assertNull(backend.baggageIn(null));
  }

  @Test
  void injectWritesTheContextAsTheConfiguredPropagatorsDo() {
    Object handle = start(SpanStart.begin(SCOPE, SpanStart.Kind.INTERNAL, "checkout"));
    Map<String, Object> carrier = new HashMap<>();
    backend.inject(backend.contextWithBaggage(backend.contextWith(null, handle), Map.of("a", "b")), carrier);
    backend.end(handle, null);

    assertTraceparent(span("checkout"), carrier);
    assertEquals("a=b", carrier.get("baggage"));
    assertEquals(List.of("traceparent", "tracestate", "baggage"), List.copyOf(backend.propagationFields()));
    Map<String, Object> nothing = new HashMap<>();
    backend.inject(null, nothing);
    assertEquals(Map.of(), nothing);
  }

  @Test
  void afterCloseScopeTheSpanIsNoLongerCurrentButStillOpenUntilEnd() {
    Object handle = startCurrent(SpanStart.begin(SCOPE, SpanStart.Kind.INTERNAL, "listener"));
    String spanId = Span.current().getSpanContext().getSpanId();
    assertTrue(Span.current().getSpanContext().isValid(), "current after startCurrent");

    backend.closeScope(handle);
    assertSame(Context.root(), Context.current(), "no longer current");
    assertTrue(exporter.getFinishedSpanItems().isEmpty(), "but not ended");
    backend.closeScope(handle); // a second close is harmless
    assertSame(Context.root(), Context.current());

    backend.setAttribute(handle, RETRIED, Boolean.TRUE);
    backend.end(handle, null);

    SpanData listener = span("listener");
    assertEquals(spanId, listener.getSpanId());
    assertEquals(true, listener.getAttributes().get(booleanKey("test.retried")));
  }

  @Test
  void closeScopeOfASpanThatWasNeverCurrentIsHarmless() {
    Object handle = start(SpanStart.begin(SCOPE, SpanStart.Kind.INTERNAL, "plain"));
    backend.closeScope(handle);
    assertTrue(exporter.getFinishedSpanItems().isEmpty());
    backend.end(handle, null);
    span("plain");
  }

  @Test
  void attributesOfEveryTypeArriveWithTheirType() {
    SpanStart described =
        SpanStart.begin(SCOPE, SpanStart.Kind.INTERNAL, "typed")
            .set(DESTINATION, "orders")
            .set(BODY_SIZE, 42L)
            .set(RETRIED, true)
            .set(LABELS, List.of("eu", "priority"));
    Object handle = start(described);
    backend.setAttribute(handle, SpanAttribute.string("later.text"), "t");
    backend.setAttribute(handle, SpanAttribute.longValue("later.number"), 7L);
    backend.setAttribute(handle, SpanAttribute.flag("later.flag"), Boolean.FALSE);
    backend.setAttribute(handle, SpanAttribute.stringList("later.list"), List.of("x"));
    backend.end(handle, null);

    Attributes attributes = span("typed").getAttributes();
    assertEquals("orders", attributes.get(stringKey("test.destination")));
    assertEquals(42L, attributes.get(longKey("test.body.size")));
    assertEquals(true, attributes.get(booleanKey("test.retried")));
    assertEquals(List.of("eu", "priority"), attributes.get(stringArrayKey("test.labels")));
    assertEquals("t", attributes.get(stringKey("later.text")));
    assertEquals(7L, attributes.get(longKey("later.number")));
    assertEquals(false, attributes.get(booleanKey("later.flag")));
    assertEquals(List.of("x"), attributes.get(stringArrayKey("later.list")));

    Map<String, AttributeType> types =
        attributes.asMap().keySet().stream()
            .collect(Collectors.toMap(AttributeKey::getKey, AttributeKey::getType));
    assertEquals(
        Map.of(
            "test.destination", AttributeType.STRING,
            "test.body.size", AttributeType.LONG,
            "test.retried", AttributeType.BOOLEAN,
            "test.labels", AttributeType.STRING_ARRAY,
            "later.text", AttributeType.STRING,
            "later.number", AttributeType.LONG,
            "later.flag", AttributeType.BOOLEAN,
            "later.list", AttributeType.STRING_ARRAY),
        types);
  }

  @Test
  void recordExceptionWithoutAHandleGoesToTheCurrentSpan() {
    Object handle = startCurrent(SpanStart.begin(SCOPE, SpanStart.Kind.CONSUMER, "process orders"));
    backend.recordException(null, new IllegalArgumentException("retried"));
    backend.end(handle, null);

    SpanData process = span("process orders");
    assertEquals(1, process.getEvents().size());
    EventData event = process.getEvents().get(0);
    assertEquals("exception", event.getName());
    assertEquals("java.lang.IllegalArgumentException", event.getAttributes().get(stringKey("exception.type")));
    assertEquals("retried", event.getAttributes().get(stringKey("exception.message")));
    assertEquals(StatusCode.UNSET, process.getStatus().getStatusCode(), "recorded, not failed");
    assertNull(process.getAttributes().get(stringKey("error.type")));
  }

  @Test
  void aFailureAlreadyRecordedIsNotRecordedAgainWhenTheSpanEndsWithIt() {
    Object handle = startCurrent(SpanStart.begin(SCOPE, SpanStart.Kind.CONSUMER, "process orders"));
    IllegalStateException first = new IllegalStateException("attempt 1");
    IllegalStateException last = new IllegalStateException("attempt 2");
    backend.recordException(null, first);
    backend.recordException(null, last);
    backend.end(handle, last);

    SpanData process = span("process orders");
    assertEquals(List.of("attempt 1", "attempt 2"),
        process.getEvents().stream()
            .map(e -> e.getAttributes().get(stringKey("exception.message")))
            .collect(Collectors.toList()),
        "each failure once, the one the span ended with included");
    assertEquals(StatusCode.ERROR, process.getStatus().getStatusCode());
  }

  @Test
  void recordExceptionWithAHandleGoesToThatSpanEvenWhenItIsNotCurrent() {
    Object handle = start(SpanStart.begin(SCOPE, SpanStart.Kind.CONSUMER, "receive orders"));
    backend.recordException(handle, new IllegalArgumentException("bad message"));
    backend.end(handle, null);

    assertEquals("exception", span("receive orders").getEvents().get(0).getName());
  }

  private OtelTracingBackend backendWith(TextMapPropagator propagator) {
    return new OtelTracingBackend(
        OpenTelemetrySdk.builder()
            .setTracerProvider(tracerProvider)
            .setPropagators(ContextPropagators.create(propagator))
            .build());
  }

  /** As Tracing does: the backend is given the description, which is then cleared. */
  private Object start(SpanStart span) {
    try {
      return backend.start(span);
    } finally {
      span.clear();
    }
  }

  private Object startCurrent(SpanStart span) {
    try {
      return backend.startCurrent(span);
    } finally {
      span.clear();
    }
  }

  private static SpanStart producer(String name, Map<String, Object> carrier) {
    return SpanStart.begin(SCOPE, SpanStart.Kind.PRODUCER, name).injectInto(carrier);
  }

  private static SpanStart consumer(String name, Map<String, Object> carrier) {
    return SpanStart.begin(SCOPE, SpanStart.Kind.CONSUMER, name).parentFrom(carrier);
  }

  /** Sends a message ("send orders"); returns the headers it carried. */
  private Map<String, Object> published() {
    Map<String, Object> headers = new HashMap<>();
    backend.end(start(producer("send orders", headers)), null);
    return headers;
  }

  private SpanData span(String name) {
    List<SpanData> named =
        exporter.getFinishedSpanItems().stream()
            .filter(span -> span.getName().equals(name))
            .collect(Collectors.toList());
    assertEquals(1, named.size(), () -> "spans named " + name + " in " + exporter.getFinishedSpanItems());
    return named.get(0);
  }

  /** The carrier holds the span's context (its flags say sampled, and maybe random trace id). */
  private static void assertTraceparent(SpanData span, Map<String, Object> carrier) {
    String traceparent = String.valueOf(carrier.get("traceparent"));
    assertTrue(
        traceparent.startsWith("00-" + span.getTraceId() + "-" + span.getSpanId() + "-"),
        traceparent + " is not the context of " + span);
    assertTrue(span.getSpanContext().isSampled());
  }

  private static void assertStartsNewTrace(SpanData span) {
    assertFalse(span.getParentSpanContext().isValid(), "parent: " + span.getParentSpanContext());
    assertTrue(span.getSpanContext().isValid());
    assertNotEquals(TRACE_ID, span.getTraceId());
  }
}
