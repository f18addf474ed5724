package io.warren.agent.otel;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.warren.agent.export.ExportOutage;
import java.util.Collection;
import java.util.concurrent.ExecutorService;

/**
 * The OTLP metric exporter, its failed exports reported as an {@link ExportOutage} (one line
 * per outage), and the pool it sends from shut down with it. A failed export is dropped: the
 * next one carries the cumulative sums again, and memory stays bounded by the series limit.
 */
final class OutageReportingMetricExporter extends ForwardingMetricExporter {

  private final ExportOutage outage;
  private final ExecutorService senders;

  OutageReportingMetricExporter(MetricExporter delegate, ExportOutage outage, ExecutorService senders) {
    super(delegate);
    this.outage = outage;
    this.senders = senders;
  }

  @Override
  public CompletableResultCode export(Collection<MetricData> metrics) {
    int count = metrics.size();
    return outage.follow(delegate.export(metrics), count);
  }

  @Override
  public CompletableResultCode shutdown() {
    CompletableResultCode done = delegate.shutdown();
    senders.shutdown();
    return done;
  }

  @Override
  public String toString() {
    return outage.describe();
  }
}
