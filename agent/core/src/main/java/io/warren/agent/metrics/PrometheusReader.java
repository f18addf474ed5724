package io.warren.agent.metrics;

import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.common.CompletableResultCode;

/**
 * {@code otel.metrics.exporter=prometheus}: a reader the SDK collects from when Prometheus
 * scrapes {@link PrometheusServer}'s endpoint.
 */
public final class PrometheusReader extends PullReader {

  static final String HOST = "otel.exporter.prometheus.host";
  static final String PORT = "otel.exporter.prometheus.port";
  /** As the OpenTelemetry Java agent: every interface. */
  static final String DEFAULT_HOST = "0.0.0.0";
  static final int DEFAULT_PORT = 9464;

  private PrometheusServer server;

  private PrometheusReader() {}

  /** The reader, its endpoint listening; null, with one line, when it cannot listen (a port in use). */
  public static PrometheusReader start(ConfigProperties config) {
    String host = config.getString(HOST, DEFAULT_HOST);
    int port = config.getInt(PORT, DEFAULT_PORT);
    PrometheusReader reader = new PrometheusReader();
    reader.server = PrometheusServer.start(host, port, reader::collect);
    return reader.server == null ? null : reader;
  }

  @Override
  public CompletableResultCode shutdown() {
    server.stop();
    return CompletableResultCode.ofSuccess();
  }
}
