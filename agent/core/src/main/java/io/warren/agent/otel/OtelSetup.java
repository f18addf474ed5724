package io.warren.agent.otel;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.exporter.otlp.internal.HttpExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.spi.internal.DefaultConfigProperties;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.warren.agent.api.Settings;
import io.warren.agent.config.ConfigValidator;
import io.warren.agent.config.WarrenDefaults;
import io.warren.agent.export.Secrets;
import io.warren.agent.zipkin.ZipkinExporterProvider;
import io.warren.bootstrap.MetricsBackend;
import io.warren.bootstrap.WarrenLog;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Builds the OpenTelemetry SDK from the standard {@code otel.*} system properties and
 * environment variables (the SDK's own autoconfiguration), with Warren's defaults beneath them,
 * the agent's own settings ({@link Settings#overlay()}) above them, {@link ConfigValidator}
 * replacing any value the SDK would reject, and {@link ExportPipelines} giving each exporter a
 * span processor of its own.
 */
public final class OtelSetup {

  /**
   * How long the JVM's exit may wait for the last spans to reach their backends. It waits only
   * while spans are still queued and a backend answers; an unreachable one fails fast.
   */
  private static final long EXIT_FLUSH_SECONDS = 10;

  /**
   * The batch processor logs every overflow through java.util.logging, unprefixed, into the
   * application's output; Warren counts the dropped spans and reports them once instead. Held
   * here because the logging framework keeps loggers only weakly.
   */
  private static final Logger BATCH_PROCESSOR_LOG =
      Logger.getLogger(BatchSpanProcessor.class.getName());

  /**
   * Loggers that would print into the application's output what Warren reports itself, once:
   * the batch processor's overflows, the OTLP exporter's failed exports (one per batch, with a
   * stack trace).
   */
  private static final List<Logger> QUIET_LOGS =
      Arrays.asList(BATCH_PROCESSOR_LOG, Logger.getLogger(HttpExporter.class.getName()),
          // every failed metrics export (Warren: one line per outage)
          Logger.getLogger(PeriodicMetricReader.class.getName()));

  private static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");

  private OtelSetup() {}

  /**
   * @param moduleResource resource attributes the instrumentation modules found, used where the
   *     user set none
   */
  public static OpenTelemetrySdk start(Map<String, String> moduleResource) {
    return startWithMetrics(moduleResource).sdk;
  }

  /** What {@link #startWithMetrics} started. */
  public static final class Started {
    public final OpenTelemetrySdk sdk;
    /** Null when metrics are off ({@code otel.metrics.exporter=none}, the default). */
    public final MetricsBackend metrics;
    /** The {@code service.name} of the SDK's resource, as configured or defaulted. */
    public final String serviceName;

    Started(OpenTelemetrySdk sdk, MetricsBackend metrics, String serviceName) {
      this.sdk = sdk;
      this.metrics = metrics;
      this.serviceName = serviceName;
    }
  }

  /** As {@link #start}, with the metrics backend for the readers of {@code otel.metrics.exporter}. */
  public static Started startWithMetrics(Map<String, String> moduleResource) {
    for (Logger logger : QUIET_LOGS) {
      logger.setLevel(Level.OFF);
    }
    WarrenDefaults.useModuleResource(moduleResource);
    ExportPipelines pipelines = new ExportPipelines();
    MetricsExport metrics = new MetricsExport();
    AtomicReference<String> serviceName = new AtomicReference<String>();
    OpenTelemetrySdk sdk;
    try {
      sdk =
          AutoConfiguredOpenTelemetrySdk.builder()
              .addPropertiesSupplier(WarrenDefaults::properties)
              // The agent's own settings (attach command) win over properties and environment.
              .addPropertiesCustomizer(config -> Settings.overlay())
              .addPropertiesCustomizer(new ConfigValidator(WarrenDefaults::defaultServiceName))
              .addPropertiesCustomizer(pipelines::takeOver)
              .addPropertiesCustomizer(metrics::takeOver)
              .addTracerProviderCustomizer(pipelines::addTo)
              .addMeterProviderCustomizer(metrics::addTo)
              .addResourceCustomizer((resource, config) -> {
                serviceName.set(resource.getAttribute(SERVICE_NAME));
                return resource;
              })
              .addTracerProviderCustomizer(OtTraceIds::customize)
              .setServiceClassLoader(OtelSetup.class.getClassLoader())
              .disableShutdownHook()
              .build()
              .getOpenTelemetrySdk();
    } catch (Throwable t) {
      WarrenLog.warn(
          "OpenTelemetry rejected the configuration (" + Secrets.redact(t.getMessage()) + "); "
              + "exporting to Zipkin at " + ZipkinExporterProvider.DEFAULT_ENDPOINT
              + " with default settings");
      pipelines = new ExportPipelines();
      metrics = new MetricsExport();
      sdk = fallback(pipelines);
      serviceName.set(WarrenDefaults.serviceResource().getAttribute(SERVICE_NAME));
    }
    flushOnExit(sdk, pipelines);
    return new Started(sdk, metrics.backend(), serviceName.get());
  }

  /**
   * Warns about the {@code otel.*} values among {@code settings} alone, as {@link #start} would;
   * where the default service name would replace one, it is named as such (it is the target's).
   */
  public static void checkGiven(Map<String, String> settings) {
    Map<String, String> otel = new java.util.HashMap<String, String>();
    for (Map.Entry<String, String> setting : settings.entrySet()) {
      if (setting.getKey().startsWith("otel.")) {
        otel.put(setting.getKey(), setting.getValue());
      }
    }
    new ConfigValidator(() -> "the default service name")
        .apply(DefaultConfigProperties.createFromMap(otel));
  }

  /** The SDK with every setting at its default: the last resort when configuration fails. */
  private static OpenTelemetrySdk fallback(ExportPipelines pipelines) {
    Resource resource = Resource.getDefault().merge(WarrenDefaults.serviceResource());
    SdkTracerProviderBuilder tracerProvider = SdkTracerProvider.builder().setResource(resource);
    pipelines.add(
        tracerProvider,
        ExportPipeline.zipkinDefault(DefaultConfigProperties.createFromMap(Collections.emptyMap())));
    return OpenTelemetrySdk.builder()
        .setTracerProvider(tracerProvider.build())
        .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
        .build();
  }

  /** Sends what is still queued when the JVM exits, then says once per exporter what was lost. */
  private static void flushOnExit(final OpenTelemetrySdk sdk, final ExportPipelines pipelines) {
    Thread flush =
        new Thread(
            () -> {
              sdk.shutdown().join(EXIT_FLUSH_SECONDS, TimeUnit.SECONDS);
              pipelines.reportLosses();
            },
            "warren-exit-flush");
    Runtime.getRuntime().addShutdownHook(flush);
  }
}
