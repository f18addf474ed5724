package io.warren.smoketest;

import io.warren.smoketest.harness.AgentJvm;
import io.warren.smoketest.harness.Pause;
import io.warren.smoketest.harness.Ports;
import io.warren.smoketest.harness.PrometheusClient;
import io.warren.smoketest.harness.PrometheusServer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * The demo's metrics ({@code demo.sh --metrics}): a Prometheus of its own scrapes every service's
 * endpoint ({@code otel.metrics.exporter=prometheus} on a free port); once the consumer has
 * handled every message, the handling time's p99 is read back from Prometheus.
 */
final class DemoMetrics implements AutoCloseable {
  private static final Duration SCRAPE_DEADLINE = Duration.ofSeconds(60);
  private static final String HANDLING_TIME = "messaging_process_duration_seconds";

  private final PrometheusServer prometheus;
  private final PrometheusClient client;

  private DemoMetrics(PrometheusServer prometheus) {
    this.prometheus = prometheus;
    this.client = prometheus.client();
  }

  static DemoMetrics start(Path logs) {
    Demo.step("Starting Prometheus (scraping every second; log: "
        + logs.resolve("prometheus/prometheus.log") + ")");
    return new DemoMetrics(PrometheusServer.start(logs.resolve("prometheus")));
  }

  /** Turns on {@code service}'s Prometheus endpoint, on a free port that Prometheus scrapes. */
  AgentJvm withMetrics(AgentJvm jvm, String service) {
    int port = Ports.freePort();
    prometheus.scrape(service, port);
    return jvm.property("otel.metrics.exporter", "prometheus")
        .property("otel.exporter.prometheus.host", "127.0.0.1")
        .property("otel.exporter.prometheus.port", Integer.toString(port));
  }

  /** The p99 of the handling time of {@code service}, over the whole run. */
  static String handlingP99(String service) {
    return "histogram_quantile(0.99, sum by (le) (" + HANDLING_TIME + "_bucket{"
        + PrometheusServer.APP_LABEL + "=\"" + service + "\"}))";
  }

  /**
   * Once the lingering {@code consumer} has handled {@code messages} (it printed DONE) and
   * Prometheus has scraped them all, prints their handling time's p99 and ends the consumer's
   * input so that it exits; false if Prometheus never saw them all.
   */
  boolean printHandlingTime(AgentJvm.Running consumer, String service, int messages,
      Duration timeout) {
    consumer.awaitLine("DONE", timeout);
    String handled = "sum(" + HANDLING_TIME + "_count{" + PrometheusServer.APP_LABEL + "=\""
        + service + "\"})";
    long deadline = System.nanoTime() + SCRAPE_DEADLINE.toNanos();
    double count = client.value(handled);
    while (count != messages && System.nanoTime() < deadline) {
      Pause.millis(500);
      count = client.value(handled);
    }
    consumer.endInput();
    Demo.step("Handling time in Prometheus (" + prometheus.baseUrl() + ")");
    if (count != messages) {
      System.out.println("FAILED: Prometheus counted " + count + " of " + messages + " messages"
          + " handled by " + service + "; see " + prometheus.logFile());
      return false;
    }
    double p99 = client.value(handlingP99(service));
    System.out.println("  " + handlingP99(service) + " = "
        + String.format(Locale.ROOT, "%.1f ms", p99 * 1000) + " (" + messages + " messages)");
    return true;
  }

  /** Prometheus's graph page of {@code promql} over the last minute. */
  String graphUrl(String promql) {
    return prometheus.baseUrl() + "/graph?g0.expr="
        + URLEncoder.encode(promql, StandardCharsets.UTF_8) + "&g0.tab=0&g0.range_input=1m";
  }

  @Override
  public void close() {
    prometheus.close();
    Demo.step("Prometheus stopped.");
  }
}
