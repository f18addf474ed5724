package io.warren.smoketest;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warren.smoketest.harness.OtlpReceiver;
import org.junit.jupiter.api.Test;

/**
 * {@code otel.metrics.exporter=otlp}: the {@link MeteredWorkload}'s metrics, as the tests' OTLP
 * receiver decodes them, agree with what {@link MetricsPrometheusIT} reads from Prometheus (the
 * same assertions), and their exemplars lead to traces Zipkin has.
 */
class MetricsOtlpIT extends SmokeTestBase {

  @Test
  void otlpReceivesTheSameCountsAsPrometheus() {
    try (OtlpReceiver otlp = OtlpReceiver.start();
        MeteredWorkload workload = new MeteredWorkload(broker, id)) {
      OtlpView view = runAndAssertCounts(otlp, workload, "cumulative");
      workload.assertExemplarLeadsToTrace(
          view.exemplarTraceIds(workload.relay, MeteredWorkload.PROCESS_DURATION), zipkinClient());
    }
  }

  /** Deltas, summed by the receiver as a backend sums them, come to the same counts. */
  @Test
  void deltaTemporalityAddsUpToTheSameCounts() {
    try (OtlpReceiver otlp = OtlpReceiver.start();
        MeteredWorkload workload = new MeteredWorkload(broker, id)) {
      runAndAssertCounts(otlp, workload, "delta");
      assertTrue(otlp.metrics().sawDelta(), "the exports were cumulative");
    }
  }

  private OtlpView runAndAssertCounts(OtlpReceiver otlp, MeteredWorkload workload, String temporality) {
    workload.run((app, service) -> withAgent(app, service)
        .property("otel.metrics.exporter", "otlp")
        .property("otel.exporter.otlp.metrics.endpoint", otlp.metricsEndpoint())
        .property("otel.exporter.otlp.metrics.temporality.preference", temporality)
        .property("otel.metric.export.interval", "1000"));
    OtlpView view = new OtlpView(otlp.metrics());
    workload.assertMetrics(view);
    return view;
  }
}
