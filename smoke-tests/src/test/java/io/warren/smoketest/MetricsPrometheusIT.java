package io.warren.smoketest;

import io.warren.smoketest.harness.Pause;
import io.warren.smoketest.harness.Ports;
import io.warren.smoketest.harness.PrometheusServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code otel.metrics.exporter=prometheus}: a real Prometheus scrapes the three services of the
 * {@link MeteredWorkload} and its HTTP API gives the counts exactly, the durations they must
 * have, and exemplars that lead to traces Zipkin has.
 */
@ExtendWith(SharedPrometheus.class)
class MetricsPrometheusIT extends SmokeTestBase {
  private static final Duration EXEMPLAR_DEADLINE = Duration.ofSeconds(30);

  @Test
  void prometheusCountsTheWorkloadAndItsExemplarsLeadToTraces() {
    PrometheusServer prometheus = SharedPrometheus.server();
    PrometheusView view = new PrometheusView(prometheus.client());
    try (MeteredWorkload workload = new MeteredWorkload(broker, id)) {
      workload.run((app, service) -> {
        int port = Ports.freePort();
        prometheus.scrape(service, port);
        return withAgent(app, service)
            .property("otel.metrics.exporter", "prometheus")
            .property("otel.exporter.prometheus.host", "127.0.0.1")
            .property("otel.exporter.prometheus.port", Integer.toString(port));
      });
      workload.assertMetrics(view);

      workload.assertExemplarLeadsToTrace(awaitExemplars(view, workload.relay), zipkinClient());
    }
  }

  private static List<String> awaitExemplars(PrometheusView view, String app) {
    long deadline = System.nanoTime() + EXEMPLAR_DEADLINE.toNanos();
    List<String> traceIds = view.exemplarTraceIds(app, MeteredWorkload.PROCESS_DURATION);
    while (traceIds.isEmpty() && System.nanoTime() < deadline) {
      Pause.millis(500);
      traceIds = view.exemplarTraceIds(app, MeteredWorkload.PROCESS_DURATION);
    }
    return traceIds;
  }
}
