package io.warren.agent.metrics;

import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.export.CollectionRegistration;
import io.opentelemetry.sdk.metrics.export.MetricReader;
import io.warren.bootstrap.WarrenLog;

/**
 * {@code otel.metrics.exporter=prometheus}: a reader the SDK collects from when Prometheus
 * scrapes {@link PrometheusServer}'s endpoint. Cumulative, as Prometheus expects.
 */
public final class PrometheusReader implements MetricReader {

  static final String HOST = "otel.exporter.prometheus.host";
  static final String PORT = "otel.exporter.prometheus.port";
  /** As the OpenTelemetry Java agent: every interface. */
  static final String DEFAULT_HOST = "0.0.0.0";
  static final int DEFAULT_PORT = 9464;

  private volatile CollectionRegistration registration = CollectionRegistration.noop();
  private PrometheusServer server;

  private PrometheusReader() {}

  /**
   * The reader, its endpoint listening; null, with one line, when it cannot listen (a port in use,
   * a JDK without {@code jdk.httpserver}).
   */
  public static PrometheusReader start(ConfigProperties config) {
    String host = config.getString(HOST, DEFAULT_HOST);
    int port = config.getInt(PORT, DEFAULT_PORT);
    PrometheusReader reader = new PrometheusReader();
    try {
      reader.server = PrometheusServer.start(host, port, () -> reader.registration.collectAllMetrics());
    } catch (LinkageError e) {
      WarrenLog.warn("the Prometheus endpoint needs the JDK's jdk.httpserver module, which this "
          + "JVM does not have (" + e + "); metrics are not served");
      return null;
    }
    return reader.server == null ? null : reader;
  }

  /** The port the endpoint listens on. */
  public int port() {
    return server.port();
  }

  @Override
  public void register(CollectionRegistration registration) {
    this.registration = registration;
  }

  @Override
  public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
    return AggregationTemporality.CUMULATIVE;
  }

  @Override
  public CompletableResultCode forceFlush() {
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public CompletableResultCode shutdown() {
    server.stop();
    return CompletableResultCode.ofSuccess();
  }
}
