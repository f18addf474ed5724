package io.warren.agent.otel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricExporter;
import io.warren.bootstrap.MetricAttributes;
import io.warren.bootstrap.MetricInstrument;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** otel.exporter.otlp.metrics.temporality.preference=delta: what the exporter receives from Warren's cumulative cells. */
class DeltaMetricExporterTest {

  private static final MetricInstrument DURATION = MetricInstrument.histogram(
      "messaging.process.duration", "s", "Duration of processing operation.", 0.01, 0.1);
  private static final MetricInstrument SENT = MetricInstrument.counter(
      "messaging.client.sent.messages", "{message}", "Number of messages producer attempted to send.");
  private static final MetricAttributes ORDERS = MetricAttributes.of("messaging.destination.name", "orders");

  private final OtelMetricsBackend backend =
      new OtelMetricsBackend(2000, OtelMetricsBackend.ExemplarFilter.TRACE_BASED);
  private final InMemoryMetricExporter received = InMemoryMetricExporter.create(AggregationTemporality.DELTA);
  private final MetricExporter exporter = DeltaMetricExporter.wrapIfDelta(received);

  @Test
  void eachExportCarriesWhatWasMeasuredSinceTheOneBefore() {
    backend.add(SENT, ORDERS, 2, null);
    backend.record(DURATION, ORDERS, 0.05, null);
    LongPointData first = counterPoint(export());
    assertEquals(2, first.getValue());

    backend.add(SENT, ORDERS, 3, null);
    backend.record(DURATION, ORDERS, 0.005, null);
    backend.record(DURATION, ORDERS, 0.5, null);
    List<MetricData> second = export();
    LongPointData counted = counterPoint(second);
    assertEquals(3, counted.getValue());
    assertEquals(first.getEpochNanos(), counted.getStartEpochNanos());
    HistogramPointData histogram = metric(second, DURATION.name()).getHistogramData().getPoints().iterator().next();
    assertEquals(Arrays.asList(1L, 0L, 1L), histogram.getCounts());
    assertEquals(0.505, histogram.getSum(), 1e-9);
    assertEquals(AggregationTemporality.DELTA, metric(second, DURATION.name()).getHistogramData().getAggregationTemporality());
    assertEquals(AggregationTemporality.DELTA, metric(second, SENT.name()).getLongSumData().getAggregationTemporality());

    assertTrue(export().isEmpty(), "nothing measured since: no series sent");
  }

  @Test
  void anExemplarIsSentWithTheIntervalItWasMeasuredIn() {
    Span sampled = Span.wrap(SpanContext.create("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7",
        TraceFlags.getSampled(), TraceState.getDefault()));
    backend.add(SENT, ORDERS, 1, sampled);
    assertEquals(1, counterPoint(export()).getExemplars().size());
    backend.add(SENT, ORDERS, 1, null);
    // the cell still holds the first measurement's exemplar; it belongs to the interval before
    assertTrue(counterPoint(export()).getExemplars().isEmpty());
  }

  @Test
  void aCumulativeExporterGetsThePointsAsTheyAre() {
    MetricExporter cumulative = InMemoryMetricExporter.create(AggregationTemporality.CUMULATIVE);
    assertSame(cumulative, DeltaMetricExporter.wrapIfDelta(cumulative));
    assertFalse(exporter == received);
  }

  private List<MetricData> export() {
    received.reset();
    exporter.export(backend.producer().produce(Resource.empty()));
    return received.getFinishedMetricItems();
  }

  private static LongPointData counterPoint(List<MetricData> metrics) {
    return metric(metrics, SENT.name()).getLongSumData().getPoints().iterator().next();
  }

  private static MetricData metric(List<MetricData> metrics, String name) {
    return metrics.stream().filter(m -> m.getName().equals(name)).findFirst().orElseThrow();
  }
}
