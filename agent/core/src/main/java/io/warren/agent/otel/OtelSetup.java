package io.warren.agent.otel;

import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.warren.agent.zipkin.ZipkinExporterProvider;
import io.warren.bootstrap.WarrenLog;
import java.util.concurrent.TimeUnit;

/**
 * Builds the OpenTelemetry SDK from the standard {@code otel.*} system properties and
 * environment variables (the SDK's own autoconfiguration), with Warren's defaults beneath them
 * and {@link ConfigValidator} replacing any value the SDK would reject.
 */
public final class OtelSetup {

  /** How long the JVM's exit may wait for the last spans to reach Zipkin. */
  private static final long EXIT_FLUSH_SECONDS = 5;

  private OtelSetup() {}

  public static OpenTelemetrySdk start() {
    OpenTelemetrySdk sdk;
    try {
      sdk =
          AutoConfiguredOpenTelemetrySdk.builder()
              .addPropertiesSupplier(WarrenDefaults::properties)
              .addPropertiesCustomizer(new ConfigValidator())
              .setServiceClassLoader(OtelSetup.class.getClassLoader())
              .disableShutdownHook()
              .build()
              .getOpenTelemetrySdk();
    } catch (Throwable t) {
      WarrenLog.warn(
          "OpenTelemetry rejected the configuration (" + t.getMessage() + "); "
              + "exporting to Zipkin at " + ZipkinExporterProvider.DEFAULT_ENDPOINT
              + " with default settings");
      sdk = fallback();
    }
    flushOnExit(sdk);
    return sdk;
  }

  /** The SDK with every setting at its default: the last resort when configuration fails. */
  private static OpenTelemetrySdk fallback() {
    Resource resource = Resource.getDefault().merge(WarrenDefaults.serviceResource());
    return OpenTelemetrySdk.builder()
        .setTracerProvider(
            SdkTracerProvider.builder()
                .setResource(resource)
                .addSpanProcessor(
                    BatchSpanProcessor.builder(ZipkinExporterProvider.defaultExporter())
                        .setMaxQueueSize(WarrenDefaults.MAX_QUEUE_SIZE)
                        .build())
                .build())
        .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
        .build();
  }

  private static void flushOnExit(final OpenTelemetrySdk sdk) {
    Thread flush =
        new Thread(
            () -> sdk.shutdown().join(EXIT_FLUSH_SECONDS, TimeUnit.SECONDS), "warren-exit-flush");
    Runtime.getRuntime().addShutdownHook(flush);
  }
}
