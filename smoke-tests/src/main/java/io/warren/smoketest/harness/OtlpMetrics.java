package io.warren.smoketest.harness;

import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Exemplar;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sums and histograms an {@link OtlpReceiver} was sent, one value per series (service, metric
 * name, attributes): a cumulative point replaces the series' value, a delta point adds to it.
 */
public final class OtlpMetrics {
  /** One series' value: a sum's value, or a histogram's count and sum. */
  public record Value(double value, long count, double sum, List<String> exemplarTraceIds) {
    Value plus(Value delta) {
      List<String> traceIds = new ArrayList<>(exemplarTraceIds);
      traceIds.addAll(delta.exemplarTraceIds);
      return new Value(value + delta.value, count + delta.count, sum + delta.sum, traceIds);
    }
  }

  private record Series(String service, String metric, Map<String, String> attributes) {}

  private final Map<Series, Value> values = new ConcurrentHashMap<>();
  private volatile boolean sawDelta;

  /** Whether any point came with delta temporality. */
  public boolean sawDelta() {
    return sawDelta;
  }

  void add(String service, ResourceMetrics resourceMetrics) {
    for (ScopeMetrics scope : resourceMetrics.getScopeMetricsList()) {
      for (Metric metric : scope.getMetricsList()) {
        switch (metric.getDataCase()) {
          case SUM -> metric.getSum().getDataPointsList().forEach(point -> record(
              new Series(service, metric.getName(), OtlpReceiver.attributes(point.getAttributesList())),
              metric.getSum().getAggregationTemporality(), valueOf(point)));
          case HISTOGRAM -> metric.getHistogram().getDataPointsList().forEach(point -> record(
              new Series(service, metric.getName(), OtlpReceiver.attributes(point.getAttributesList())),
              metric.getHistogram().getAggregationTemporality(), valueOf(point)));
          default -> { } // gauges and the rest: not needed by the tests
        }
      }
    }
  }

  private void record(Series series, AggregationTemporality temporality, Value value) {
    if (temporality == AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA) {
      sawDelta = true;
      values.merge(series, value, Value::plus);
    } else {
      values.put(series, value);
    }
  }

  private static Value valueOf(NumberDataPoint point) {
    double value = point.getValueCase() == NumberDataPoint.ValueCase.AS_INT
        ? point.getAsInt() : point.getAsDouble();
    return new Value(value, 0, 0, traceIds(point.getExemplarsList()));
  }

  private static Value valueOf(HistogramDataPoint point) {
    return new Value(0, point.getCount(), point.getSum(), traceIds(point.getExemplarsList()));
  }

  private static List<String> traceIds(List<Exemplar> exemplars) {
    return exemplars.stream().filter(e -> !e.getTraceId().isEmpty())
        .map(e -> HexFormat.of().formatHex(e.getTraceId().toByteArray())).toList();
  }

  /**
   * The sum of every series of {@code metric} of {@code service} whose attributes include
   * {@code attributes} (booleans and numbers as text), added up.
   */
  public Value total(String service, String metric, Map<String, String> attributes) {
    Value total = new Value(0, 0, 0, List.of());
    for (Map.Entry<Series, Value> entry : values.entrySet()) {
      Series series = entry.getKey();
      if (series.service().equals(service) && series.metric().equals(metric)
          && series.attributes().entrySet().containsAll(attributes.entrySet())) {
        total = total.plus(entry.getValue());
      }
    }
    return total;
  }
}
