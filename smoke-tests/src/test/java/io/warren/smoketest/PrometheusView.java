package io.warren.smoketest;

import io.warren.smoketest.harness.PrometheusClient;
import io.warren.smoketest.harness.PrometheusServer;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The metrics as Prometheus scraped them, under the names OpenTelemetry gives them there: dots
 * become underscores, a counter ends in {@code _total}, a duration histogram in {@code _seconds}
 * (every histogram of Warren's is in seconds); the application is the {@code app} label of its
 * scrape target.
 */
final class PrometheusView implements MetricsView {
  private final PrometheusClient client;

  PrometheusView(PrometheusClient client) {
    this.client = client;
  }

  @Override
  public double counter(String app, String instrument, Map<String, String> attributes) {
    return orZero(client.value("sum(" + series(app, instrument, "_total", attributes) + ")"));
  }

  @Override
  public Histogram histogram(String app, String instrument, Map<String, String> attributes) {
    double count = client.value("sum(" + series(app, instrument, "_seconds_count", attributes) + ")");
    double sum = client.value("sum(" + series(app, instrument, "_seconds_sum", attributes) + ")");
    return new Histogram((long) orZero(count), orZero(sum));
  }

  /** The trace ids of the exemplars of a histogram's buckets. */
  List<String> exemplarTraceIds(String app, String instrument) {
    return client.exemplarTraceIds(series(app, instrument, "_seconds_bucket", Map.of()));
  }

  /** A PromQL selector, such as {@code messaging_process_duration_seconds_count{app="b"}}. */
  static String series(String app, String instrument, String suffix, Map<String, String> attributes) {
    String labels = attributes.entrySet().stream()
        .map(e -> "," + name(e.getKey()) + "=\"" + e.getValue() + "\"")
        .collect(Collectors.joining());
    return name(instrument) + suffix + "{" + PrometheusServer.APP_LABEL + "=\"" + app + "\"" + labels + "}";
  }

  private static String name(String openTelemetryName) {
    return openTelemetryName.replace('.', '_');
  }

  private static double orZero(double value) {
    return Double.isNaN(value) ? 0 : value;
  }
}
