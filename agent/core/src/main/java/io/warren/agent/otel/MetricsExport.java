package io.warren.agent.otel;

import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporterBuilder;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.metrics.ConfigurableMetricExporterProvider;
import io.opentelemetry.sdk.metrics.SdkMeterProviderBuilder;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.warren.agent.api.Settings;
import io.warren.agent.config.OtlpSettings;
import io.warren.agent.export.ExportOutage;
import io.warren.agent.export.Secrets;
import io.warren.agent.metrics.PrometheusReader;
import io.warren.bootstrap.AgentThreads;
import io.warren.bootstrap.MetricsBackend;
import io.warren.bootstrap.WarrenLog;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The readers of {@code otel.metrics.exporter}: {@code otlp} (a periodic export over HTTP on the
 * agent's own threads, reporting outages as the span exporters do), {@code prometheus} (Warren's
 * own scrape endpoint), both, or none (the default: no reader, no thread, no port, and no
 * metrics backend). The SDK's autoconfiguration is told to build none itself.
 */
final class MetricsExport {

  static final String EXPORTERS = "otel.metrics.exporter";
  static final String INTERVAL = "otel.metric.export.interval";
  static final String EXEMPLAR_FILTER = "otel.metrics.exemplar.filter";
  static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(60);
  static final int DEFAULT_SERIES_LIMIT = 2000;

  private volatile Set<String> names = Collections.emptySet();
  private volatile int readers;
  private volatile OtelMetricsBackend backend;
  private final int seriesLimit = seriesLimit();

  /** A properties customizer, after validation: remembers the exporters, tells the SDK none. */
  Map<String, String> takeOver(ConfigProperties config) {
    names = ExportPipelines.exportersIn(config, EXPORTERS, "none");
    return Collections.singletonMap(EXPORTERS, "none");
  }

  /**
   * A meter provider customizer: one reader per exporter, and Warren's aggregation, which they
   * collect, when there is any reader. One that cannot be set up costs its own metrics only,
   * with one warning.
   */
  SdkMeterProviderBuilder addTo(SdkMeterProviderBuilder builder, ConfigProperties config) {
    for (String name : names) {
      try {
        if (name.equals("prometheus")) {
          PrometheusReader reader = PrometheusReader.start(config);
          if (reader != null) {
            builder.registerMetricReader(reader);
            readers++;
          }
        } else {
          builder.registerMetricReader(otlpReader(config));
          readers++;
        }
      } catch (RuntimeException | LinkageError | ServiceConfigurationError e) {
        WarrenLog.warn(EXPORTERS + ": the " + name + " exporter cannot be set up ("
            + Secrets.redact(String.valueOf(e.getMessage())) + "); metrics are not sent there");
      }
    }
    if (readers > 0) {
      backend = new OtelMetricsBackend(seriesLimit,
          OtelMetricsBackend.ExemplarFilter.of(config.getString(EXEMPLAR_FILTER)));
      builder.registerMetricProducer(backend.producer());
    }
    return builder;
  }

  /** The backend modules record into; null when no reader takes metrics (metrics are off). */
  MetricsBackend backend() {
    return backend;
  }

  private static PeriodicMetricReader otlpReader(ConfigProperties config) {
    ExportOutage outage = new ExportOutage("OTLP", OtlpSettings.metricsEndpoint(config), "metrics");
    ExecutorService senders = AgentThreadExporter.senderPool();
    OtlpHttpMetricExporterBuilder otlp =
        ((OtlpHttpMetricExporter) sdkExporter(config)).toBuilder().setExecutorService(senders);
    if (config.getBoolean(OtlpSettings.RETRY_DISABLED, false)) {
      otlp.setRetryPolicy(null); // toBuilder() brings the default retries back (as for spans)
    }
    MetricExporter exporter = new OutageReportingMetricExporter(
        DeltaMetricExporter.wrapIfDelta(otlp.build()), outage, senders);
    Duration interval = config.getDuration(INTERVAL, DEFAULT_INTERVAL);
    WarrenLog.debug("exporting metrics to " + outage.describe() + " every " + interval.toMillis()
        + " ms" + OtlpSettings.describeHeaders(config));
    return PeriodicMetricReader.builder(exporter)
        .setInterval(interval.isZero() ? DEFAULT_INTERVAL : interval)
        .setExecutor(Executors.newScheduledThreadPool(1, AgentThreads.factory("warren-metrics-export")))
        .build();
  }

  private static MetricExporter sdkExporter(ConfigProperties config) {
    for (ConfigurableMetricExporterProvider provider : ServiceLoader.load(
        ConfigurableMetricExporterProvider.class, MetricsExport.class.getClassLoader())) {
      if (provider.getName().equals("otlp")) {
        return provider.createExporter(config);
      }
    }
    throw new IllegalStateException("no OTLP metric exporter");
  }

  /** {@code warren.metrics.cardinality.limit}: a positive whole number, else one warning and the default. */
  static int seriesLimit() {
    String value = Settings.get(AggregatedInstrument.SERIES_LIMIT_SETTING);
    if (value == null || value.isEmpty()) {
      return DEFAULT_SERIES_LIMIT;
    }
    try {
      int limit = Integer.parseInt(value);
      if (limit > 0) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    WarrenLog.warn(AggregatedInstrument.SERIES_LIMIT_SETTING + "=" + value + " is invalid (not a positive whole number); using "
        + DEFAULT_SERIES_LIMIT);
    return DEFAULT_SERIES_LIMIT;
  }
}
