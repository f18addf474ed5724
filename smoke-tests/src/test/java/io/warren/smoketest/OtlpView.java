package io.warren.smoketest;

import io.warren.smoketest.harness.OtlpMetrics;
import java.util.List;
import java.util.Map;

/** The metrics an OTLP receiver was sent; the application is the resource's service.name. */
final class OtlpView implements MetricsView {
  private final OtlpMetrics metrics;

  OtlpView(OtlpMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public double counter(String app, String instrument, Map<String, String> attributes) {
    return metrics.total(app, instrument, attributes).value();
  }

  @Override
  public Histogram histogram(String app, String instrument, Map<String, String> attributes) {
    OtlpMetrics.Value total = metrics.total(app, instrument, attributes);
    return new Histogram(total.count(), total.sum());
  }

  /** The trace ids of a histogram's exemplars, in the last export of each series. */
  List<String> exemplarTraceIds(String app, String instrument) {
    return metrics.total(app, instrument, Map.of()).exemplarTraceIds();
  }
}
