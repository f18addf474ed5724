package io.warren.agent.otel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.warren.bootstrap.SpanStart;
import io.warren.bootstrap.testing.RecordingBackend;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SpanPathWarmUpTest {

  @Test
  void warmUpStartsAProducerAndACurrentConsumerThroughTheSameCarrierAndEndsBoth() {
    RecordingBackend backend = new RecordingBackend();

    SpanPathWarmUp.exercise(backend);

    assertEquals(List.of("start", "end", "startCurrent", "end"), backend.calls);
    RecordingBackend.Span producer = backend.started.get(0);
    RecordingBackend.Span consumer = backend.started.get(1);
    assertEquals(SpanStart.Kind.PRODUCER, producer.kind());
    assertEquals(SpanStart.Kind.CONSUMER, consumer.kind());
    assertNotNull(producer.carrier(), "the producer path injects into a carrier");
    assertEquals(producer.id(), consumer.producerId(), "the consumer reads what was sent");
    assertEquals(List.of(producer.id(), consumer.id()),
        backend.ended.stream().map(RecordingBackend.End::id).toList(), "every span it started is ended");
    assertTrue(backend.started.stream().mapToInt(span -> span.attributes().size()).sum() > 0,
        "attributes are converted too");
    for (RecordingBackend.Span span : backend.started) {
      assertEquals(0, span.description().attributeCount(), "each description was cleared");
      assertNull(span.description().name());
    }
  }

  @Test
  void warmUpRunsTheRealSpanPathEndToEnd() {
    InMemorySpanExporter exporter = InMemorySpanExporter.create();
    OpenTelemetrySdk sdk = sdk(exporter, W3CTraceContextPropagator.getInstance());

    SpanPathWarmUp.exercise(new OtelTracingBackend(sdk));

    List<SpanData> spans = exporter.getFinishedSpanItems();
    sdk.shutdown();
    assertEquals(2, spans.size(), "spans: " + spans);
    SpanData producer = spans.get(0);
    SpanData consumer = spans.get(1);
    assertEquals(SpanKind.PRODUCER, producer.getKind());
    assertEquals(SpanKind.CONSUMER, consumer.getKind());
    assertEquals(producer.getSpanId(), consumer.getParentSpanId(), "joined through the carrier");
    assertSame(Context.root(), Context.current(), "the consumer's scope was closed");
  }

  @Test
  void warmUpUsesTheConfiguredPropagatorsButRecordsNothingInTheConfiguredSdk() {
    InMemorySpanExporter exporter = InMemorySpanExporter.create();
    Counting propagator = new Counting(W3CTraceContextPropagator.getInstance());
    OpenTelemetrySdk configured = sdk(exporter, propagator);

    SpanPathWarmUp.run(configured);

    assertEquals(1, propagator.injected.get(), "the producer path ran");
    // The producer looks for a context already in its carrier (nothing is current), the
    // consumer reads its parent from it.
    assertEquals(2, propagator.extracted.get(), "the producer and the consumer path ran");
    configured.getSdkTracerProvider().forceFlush().join(5, java.util.concurrent.TimeUnit.SECONDS);
    assertEquals(List.of(), exporter.getFinishedSpanItems());
    assertSame(Context.root(), Context.current(), "the consumer's scope was closed");
    configured.shutdown();
  }

  @Test
  void aFailingWarmUpIsNotTheApplicationsProblem() throws InterruptedException {
    TextMapPropagator broken =
        new Counting(W3CTraceContextPropagator.getInstance()) {
          @Override
          public <C> void inject(Context context, C carrier, TextMapSetter<C> setter) {
            throw new IllegalStateException("broken propagator");
          }
        };
    OpenTelemetrySdk configured = sdk(InMemorySpanExporter.create(), broken);
    java.util.concurrent.atomic.AtomicReference<Throwable> thrown =
        new java.util.concurrent.atomic.AtomicReference<>();

    // On a thread of its own, as at start-up: a failed warm-up may leave that thread's state.
    Thread startUp =
        new Thread(
            () -> {
              try {
                SpanPathWarmUp.run(configured);
              } catch (Throwable t) {
                thrown.set(t);
              }
            });
    startUp.start();
    startUp.join();

    assertNull(thrown.get(), "run threw");
    configured.shutdown();
  }

  private static OpenTelemetrySdk sdk(InMemorySpanExporter exporter, TextMapPropagator propagator) {
    return OpenTelemetrySdk.builder()
        .setTracerProvider(
            SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build())
        .setPropagators(ContextPropagators.create(propagator))
        .build();
  }

  /** Counts what goes through a propagator. */
  private static class Counting implements TextMapPropagator {
    final AtomicInteger injected = new AtomicInteger();
    final AtomicInteger extracted = new AtomicInteger();
    private final TextMapPropagator delegate;

    Counting(TextMapPropagator delegate) {
      this.delegate = delegate;
    }

    @Override
    public Collection<String> fields() {
      return delegate.fields();
    }

    @Override
    public <C> void inject(Context context, C carrier, TextMapSetter<C> setter) {
      injected.incrementAndGet();
      delegate.inject(context, carrier, setter);
    }

    @Override
    public <C> Context extract(Context context, C carrier, TextMapGetter<C> getter) {
      extracted.incrementAndGet();
      return delegate.extract(context, carrier, getter);
    }
  }
}
