package io.warren.agent.otel;

import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.warren.agent.api.Settings;
import io.warren.agent.zipkin.ZipkinExporterProvider;
import io.warren.bootstrap.WarrenLog;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Builds the OpenTelemetry SDK from the standard {@code otel.*} system properties and
 * environment variables (the SDK's own autoconfiguration), with Warren's defaults beneath them,
 * the agent's own settings ({@link Settings#overlay()}) above them, and {@link ConfigValidator}
 * replacing any value the SDK would reject.
 */
public final class OtelSetup {

  /**
   * How long the JVM's exit may wait for the last spans to reach Zipkin. It waits only while
   * spans are still queued and Zipkin answers; an unreachable Zipkin fails fast.
   */
  private static final long EXIT_FLUSH_SECONDS = 10;

  /**
   * The batch processor logs every overflow through java.util.logging, unprefixed, into the
   * application's output; Warren counts the dropped spans and reports them once instead. Held
   * here because the logging framework keeps loggers only weakly.
   */
  private static final Logger BATCH_PROCESSOR_LOG =
      Logger.getLogger(BatchSpanProcessor.class.getName());

  private OtelSetup() {}

  /**
   * @param moduleResource resource attributes the instrumentation modules found, used where the
   *     user set none
   */
  public static OpenTelemetrySdk start(Map<String, String> moduleResource) {
    BATCH_PROCESSOR_LOG.setLevel(Level.OFF);
    WarrenDefaults.useModuleResource(moduleResource);
    SpanAccounting accounting = new SpanAccounting();
    OpenTelemetrySdk sdk;
    try {
      sdk =
          AutoConfiguredOpenTelemetrySdk.builder()
              .addPropertiesSupplier(WarrenDefaults::properties)
              // The agent's own settings (attach command) win over properties and environment.
              .addPropertiesCustomizer(config -> Settings.overlay())
              .addPropertiesCustomizer(new ConfigValidator())
              .addSpanProcessorCustomizer((processor, config) -> accounting.counting(processor))
              .addSpanExporterCustomizer((exporter, config) -> accounting.counting(exporter))
              .setServiceClassLoader(OtelSetup.class.getClassLoader())
              .disableShutdownHook()
              .build()
              .getOpenTelemetrySdk();
    } catch (Throwable t) {
      WarrenLog.warn(
          "OpenTelemetry rejected the configuration (" + t.getMessage() + "); "
              + "exporting to Zipkin at " + ZipkinExporterProvider.DEFAULT_ENDPOINT
              + " with default settings");
      sdk = fallback(accounting);
    }
    flushOnExit(sdk, accounting);
    return sdk;
  }

  /** The SDK with every setting at its default: the last resort when configuration fails. */
  private static OpenTelemetrySdk fallback(SpanAccounting accounting) {
    Resource resource = Resource.getDefault().merge(WarrenDefaults.serviceResource());
    return OpenTelemetrySdk.builder()
        .setTracerProvider(
            SdkTracerProvider.builder()
                .setResource(resource)
                .addSpanProcessor(
                    accounting.counting(
                        BatchSpanProcessor.builder(
                                accounting.counting(ZipkinExporterProvider.defaultExporter()))
                            .setMaxQueueSize(WarrenDefaults.MAX_QUEUE_SIZE)
                            .build()))
                .build())
        .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
        .build();
  }

  /** Sends what is still queued when the JVM exits, then says once what could not be sent. */
  private static void flushOnExit(final OpenTelemetrySdk sdk, final SpanAccounting accounting) {
    Thread flush =
        new Thread(
            () -> {
              sdk.shutdown().join(EXIT_FLUSH_SECONDS, TimeUnit.SECONDS);
              reportLosses(accounting.notExported(), ZipkinExporterProvider.unsentSpans());
            },
            "warren-exit-flush");
    Runtime.getRuntime().addShutdownHook(flush);
  }

  static void reportLosses(long notExported, long unsent) {
    if (notExported + unsent > 0) {
      WarrenLog.warn(
          (notExported + unsent) + " spans were not exported: "
              + notExported + " dropped because the export queue (otel.bsp.max.queue.size) "
              + "was full or still held them at exit, "
              + unsent + " could not be sent to Zipkin");
    }
  }
}
