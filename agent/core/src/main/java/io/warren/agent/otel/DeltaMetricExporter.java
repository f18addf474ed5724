package io.warren.agent.otel;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.ExemplarData;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.MetricDataType;
import io.opentelemetry.sdk.metrics.data.PointData;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableHistogramData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableHistogramPointData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableLongPointData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableMetricData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableSumData;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Sends Warren's cumulative points as deltas to an exporter that asks for them ({@code
 * otel.exporter.otlp.metrics.temporality.preference=delta} or {@code lowmemory}): each point
 * minus the one collected before it for the same series, starting when that one ended. A series
 * with no measurement since is left out, as the SDK leaves it out; a delta histogram has no min
 * and max (Warren keeps them since the start only). Only the reader's thread calls it, one
 * collection at a time; it holds one point per series, so memory stays bounded by the series limit.
 */
final class DeltaMetricExporter extends ForwardingMetricExporter {

  private final Map<String, Map<Attributes, PointData>> previous = new HashMap<String, Map<Attributes, PointData>>();

  private DeltaMetricExporter(MetricExporter delegate) {
    super(delegate);
  }

  /** {@code exporter}, given deltas if it asks for them for counters or histograms. */
  static MetricExporter wrapIfDelta(MetricExporter exporter) {
    return wantsDelta(exporter, InstrumentType.COUNTER) || wantsDelta(exporter, InstrumentType.HISTOGRAM)
        ? new DeltaMetricExporter(exporter) : exporter;
  }

  private static boolean wantsDelta(MetricExporter exporter, InstrumentType type) {
    return exporter.getAggregationTemporality(type) == AggregationTemporality.DELTA;
  }

  @Override
  public CompletableResultCode export(Collection<MetricData> metrics) {
    List<MetricData> converted = new ArrayList<MetricData>(metrics.size());
    for (MetricData metric : metrics) {
      MetricData delta = deltaOf(metric);
      if (delta != null) {
        converted.add(delta);
      }
    }
    return delegate.export(converted);
  }

  /** The metric as the exporter wants it; null when no series changed. */
  private MetricData deltaOf(MetricData metric) {
    if (!metric.getInstrumentationScopeInfo().equals(AggregatedMetrics.SCOPE)) {
      return metric;
    }
    if (metric.getType() == MetricDataType.LONG_SUM && wantsDelta(delegate, InstrumentType.COUNTER)) {
      List<LongPointData> points = new ArrayList<LongPointData>();
      for (LongPointData point : metric.getLongSumData().getPoints()) {
        LongPointData before = (LongPointData) swap(metric.getName(), point);
        long value = point.getValue() - (before == null ? 0 : before.getValue());
        if (before == null || value != 0) {
          points.add(ImmutableLongPointData.create(startOf(point, before), point.getEpochNanos(),
              point.getAttributes(), value, since(point.getExemplars(), before)));
        }
      }
      return points.isEmpty() ? null : ImmutableMetricData.createLongSum(metric.getResource(),
          metric.getInstrumentationScopeInfo(), metric.getName(), metric.getDescription(), metric.getUnit(),
          ImmutableSumData.create(true, AggregationTemporality.DELTA, points));
    }
    if (metric.getType() == MetricDataType.HISTOGRAM && wantsDelta(delegate, InstrumentType.HISTOGRAM)) {
      List<HistogramPointData> points = new ArrayList<HistogramPointData>();
      for (HistogramPointData point : metric.getHistogramData().getPoints()) {
        HistogramPointData before = (HistogramPointData) swap(metric.getName(), point);
        if (before == null || point.getCount() != before.getCount()) {
          points.add(histogramDelta(point, before));
        }
      }
      return points.isEmpty() ? null : ImmutableMetricData.createDoubleHistogram(metric.getResource(),
          metric.getInstrumentationScopeInfo(), metric.getName(), metric.getDescription(), metric.getUnit(),
          ImmutableHistogramData.create(AggregationTemporality.DELTA, points));
    }
    return metric;
  }

  private static HistogramPointData histogramDelta(HistogramPointData point, HistogramPointData before) {
    List<Long> counts = new ArrayList<Long>(point.getCounts());
    if (before != null) {
      for (int i = 0; i < counts.size(); i++) {
        counts.set(i, counts.get(i) - before.getCounts().get(i));
      }
    }
    double sum = point.getSum() - (before == null ? 0 : before.getSum());
    return ImmutableHistogramPointData.create(startOf(point, before), point.getEpochNanos(),
        point.getAttributes(), sum, false, 0, false, 0, point.getBoundaries(), counts,
        since(point.getExemplars(), before));
  }

  /** Remembers {@code point} for its series; returns the one collected before it. */
  private PointData swap(String metric, PointData point) {
    return previous.computeIfAbsent(metric, name -> new HashMap<Attributes, PointData>())
        .put(point.getAttributes(), point);
  }

  private static long startOf(PointData point, PointData before) {
    return before == null ? point.getStartEpochNanos() : before.getEpochNanos();
  }

  /** The exemplars measured after {@code before} was collected. */
  private static <T extends ExemplarData> List<T> since(List<T> exemplars, PointData before) {
    if (before == null || exemplars.isEmpty()) {
      return exemplars;
    }
    List<T> newer = new ArrayList<T>(exemplars.size());
    for (T exemplar : exemplars) {
      if (exemplar.getEpochNanos() > before.getEpochNanos()) {
        newer.add(exemplar);
      }
    }
    return newer;
  }
}
