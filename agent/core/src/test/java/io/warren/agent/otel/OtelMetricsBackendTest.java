package io.warren.agent.otel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.DoubleExemplarData;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.resources.Resource;
import io.warren.agent.StandardError;
import io.warren.bootstrap.MetricAttributes;
import io.warren.bootstrap.MetricInstrument;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Warren's own aggregation, read as the SDK's readers read it: buckets, sums, series and exemplars. */
class OtelMetricsBackendTest {

  private static final MetricInstrument DURATION = MetricInstrument.histogram(
      "messaging.process.duration", "s", "Duration of processing operation.", 0.01, 0.1, 1);
  private static final MetricInstrument SENT = MetricInstrument.counter(
      "messaging.client.sent.messages", "{message}", "Number of messages producer attempted to send.");

  private static final Span SAMPLED = span("00f067aa0ba902b7", TraceFlags.getSampled());
  private static final Span NOT_SAMPLED = span("00f067aa0ba902b8", TraceFlags.getDefault());

  private final OtelMetricsBackend backend =
      new OtelMetricsBackend(2000, OtelMetricsBackend.ExemplarFilter.TRACE_BASED);

  @Test
  void aHistogramCountsEachValueInTheFirstBucketWhoseBoundaryHoldsIt() {
    MetricAttributes orders = queue("orders");
    for (double value : new double[] {0.004, 0.01, 0.05, 0.1, 0.5, 2, 7}) {
      backend.record(DURATION, orders, value, null);
    }
    HistogramPointData point = histogram("messaging.process.duration").get(0);
    assertEquals(Arrays.asList(2L, 2L, 1L, 2L), point.getCounts());
    assertEquals(Arrays.asList(0.01, 0.1, 1.0), point.getBoundaries());
    assertEquals(7, point.getCount());
    assertEquals(9.664, point.getSum(), 1e-9);
    assertEquals(0.004, point.getMin());
    assertEquals(7, point.getMax());
    assertEquals(Attributes.of(AttributeKey.stringKey("messaging.destination.name"), "orders"), point.getAttributes());
  }

  @Test
  void equalSetsMadeApartAreOneSeriesAndOthersTheirOwn() {
    backend.add(SENT, queue("orders"), 2, null);
    backend.add(SENT, queue("orders"), 3, null);
    backend.add(SENT, queue("invoices"), 1, null);
    List<LongPointData> points = counter("messaging.client.sent.messages");
    assertEquals(2, points.size());
    assertEquals(5, valueFor(points, "orders"));
    assertEquals(1, valueFor(points, "invoices"));
  }

  @Test
  void eachBucketKeepsTheLatestSampledSpanAsItsExemplar() {
    MetricAttributes orders = queue("orders");
    backend.record(DURATION, orders, 0.05, NOT_SAMPLED);
    backend.record(DURATION, orders, 0.07, SAMPLED);
    backend.record(DURATION, orders, 0.005, NOT_SAMPLED);
    List<DoubleExemplarData> exemplars = histogram("messaging.process.duration").get(0).getExemplars();
    assertEquals(1, exemplars.size(), exemplars.toString());
    assertEquals(0.07, exemplars.get(0).getValue());
    assertEquals(SAMPLED.getSpanContext(), exemplars.get(0).getSpanContext());
    // kept for the next reader too: a scrape between two messages still finds the trace
    assertEquals(1, histogram("messaging.process.duration").get(0).getExemplars().size());
  }

  @Test
  void aBusyBucketKeepsOneOfItsLatestMeasurementsAsItsExemplar() {
    MetricAttributes orders = queue("orders");
    for (int i = 1; i <= 100; i++) {
      backend.record(DURATION, orders, 0.05, span(String.format("%016x", i), TraceFlags.getSampled()));
      backend.add(SENT, orders, 1, span(String.format("%016x", i), TraceFlags.getSampled()));
    }
    long histogramExemplar = Long.parseLong(histogram("messaging.process.duration").get(0)
        .getExemplars().get(0).getSpanContext().getSpanId(), 16);
    long counterExemplar = Long.parseLong(counter("messaging.client.sent.messages").get(0)
        .getExemplars().get(0).getSpanContext().getSpanId(), 16);
    assertTrue(histogramExemplar > 100 - Cell.EXEMPLAR_EVERY, "exemplar of measurement " + histogramExemplar);
    assertTrue(counterExemplar > 100 - Cell.EXEMPLAR_EVERY, "exemplar of measurement " + counterExemplar);
  }

  @Test
  void alwaysOffRecordsNoExemplarAlwaysOnAnyValidSpan() {
    OtelMetricsBackend off = new OtelMetricsBackend(2000, OtelMetricsBackend.ExemplarFilter.ALWAYS_OFF);
    OtelMetricsBackend on = new OtelMetricsBackend(2000, OtelMetricsBackend.ExemplarFilter.ALWAYS_ON);
    off.add(SENT, queue("orders"), 1, SAMPLED);
    on.add(SENT, queue("orders"), 1, NOT_SAMPLED);
    on.add(SENT, queue("invoices"), 1, Span.getInvalid());
    assertTrue(pointsOf(off, "messaging.client.sent.messages").get(0).getExemplars().isEmpty());
    List<LongPointData> points = pointsOf(on, "messaging.client.sent.messages");
    assertEquals(NOT_SAMPLED.getSpanContext(),
        points.stream().filter(p -> p.getAttributes().get(AttributeKey.stringKey("messaging.destination.name"))
            .equals("orders")).findFirst().get().getExemplars().get(0).getSpanContext());
    assertTrue(points.stream().filter(p -> p.getAttributes().get(AttributeKey.stringKey("messaging.destination.name"))
        .equals("invoices")).findFirst().get().getExemplars().isEmpty());
  }

  @Test
  void negativeValuesAreDroppedAsTheSdkDropsThem() {
    backend.add(SENT, queue("orders"), -1, null);
    backend.record(DURATION, queue("orders"), -0.5, null);
    backend.record(DURATION, queue("orders"), Double.NaN, null);
    assertTrue(backend.producer().produce(Resource.empty()).isEmpty());
  }

  @Test
  void pastTheLimitSetsShareTheOverflowSeriesWithOneLine() {
    OtelMetricsBackend capped = new OtelMetricsBackend(2, OtelMetricsBackend.ExemplarFilter.TRACE_BASED);
    String log = StandardError.of(() -> {
      for (int i = 0; i < 5; i++) {
        capped.add(SENT, queue("queue-" + i), 1, null);
      }
      capped.add(SENT, queue("queue-0"), 1, null);
    });
    List<LongPointData> points = pointsOf(capped, "messaging.client.sent.messages");
    assertEquals(3, points.size());
    assertEquals(2, valueFor(points, "queue-0"));
    LongPointData overflow = points.stream()
        .filter(p -> Boolean.TRUE.equals(p.getAttributes().get(AttributeKey.booleanKey("otel.metric.overflow"))))
        .findFirst().orElseThrow();
    assertEquals(3, overflow.getValue());
    assertEquals(1, log.lines().count(), log);
  }

  @Test
  void pointsAreCumulativeFromTheSeriesFirstMeasurement() {
    backend.add(SENT, queue("orders"), 1, null);
    LongPointData first = counter("messaging.client.sent.messages").get(0);
    backend.add(SENT, queue("orders"), 1, null);
    LongPointData second = counter("messaging.client.sent.messages").get(0);
    assertEquals(2, second.getValue());
    assertEquals(first.getStartEpochNanos(), second.getStartEpochNanos());
    assertTrue(second.getEpochNanos() >= first.getEpochNanos());
    MetricData metric = metric(backend, "messaging.client.sent.messages");
    assertEquals(AggregationTemporality.CUMULATIVE, metric.getLongSumData().getAggregationTemporality());
    assertTrue(metric.getLongSumData().isMonotonic());
    assertEquals("{message}", metric.getUnit());
    assertEquals("warren", metric.getInstrumentationScopeInfo().getName());
  }

  private static MetricAttributes queue(String name) {
    return MetricAttributes.of("messaging.destination.name", name);
  }

  private static long valueFor(List<LongPointData> points, String queue) {
    return points.stream()
        .filter(p -> queue.equals(p.getAttributes().get(AttributeKey.stringKey("messaging.destination.name"))))
        .findFirst().orElseThrow().getValue();
  }

  private List<HistogramPointData> histogram(String name) {
    return metric(backend, name).getHistogramData().getPoints().stream().collect(Collectors.toList());
  }

  private List<LongPointData> counter(String name) {
    return pointsOf(backend, name);
  }

  private static List<LongPointData> pointsOf(OtelMetricsBackend backend, String name) {
    return metric(backend, name).getLongSumData().getPoints().stream().collect(Collectors.toList());
  }

  private static MetricData metric(OtelMetricsBackend backend, String name) {
    return backend.producer().produce(Resource.empty()).stream()
        .filter(m -> m.getName().equals(name)).findFirst().orElseThrow();
  }

  private static Span span(String spanId, TraceFlags flags) {
    return Span.wrap(SpanContext.create("4bf92f3577b34da6a3ce929d0e0e4736", spanId, flags, TraceState.getDefault()));
  }
}
