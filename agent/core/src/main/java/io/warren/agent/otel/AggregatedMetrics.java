package io.warren.agent.otel;

import io.opentelemetry.sdk.common.Clock;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.MetricProducer;
import io.opentelemetry.sdk.resources.Resource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Hands the SDK's metric readers (OTLP's periodic one, the scrape endpoint's) what Warren's
 * instruments have aggregated, as cumulative points of the scope {@code warren}: registered with
 * the meter provider, it is collected with it.
 */
final class AggregatedMetrics implements MetricProducer {

  static final InstrumentationScopeInfo SCOPE = InstrumentationScopeInfo.create("warren");

  private final List<AggregatedInstrument> instruments = new CopyOnWriteArrayList<AggregatedInstrument>();
  private final Clock clock;

  AggregatedMetrics(Clock clock) {
    this.clock = clock;
  }

  void add(AggregatedInstrument instrument) {
    instruments.add(instrument);
  }

  @Override
  public Collection<MetricData> produce(Resource resource) {
    long now = clock.now();
    List<MetricData> metrics = new ArrayList<MetricData>(instruments.size());
    for (AggregatedInstrument instrument : instruments) {
      MetricData metric = instrument.collect(resource, SCOPE, now);
      if (metric != null) {
        metrics.add(metric);
      }
    }
    return metrics;
  }
}
