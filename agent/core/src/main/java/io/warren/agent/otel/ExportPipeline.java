package io.warren.agent.otel;

import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.traces.ConfigurableSpanExporterProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessorBuilder;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.warren.agent.config.OtlpSettings;
import io.warren.agent.config.WarrenDefaults;
import io.warren.agent.export.ExportOutage;
import io.warren.agent.export.OutageReportingExporter;
import io.warren.agent.export.ProbingExporter;
import io.warren.agent.zipkin.ZipkinExporterProvider;
import io.warren.bootstrap.WarrenLog;
import java.time.Duration;
import java.util.ServiceLoader;

/**
 * One exporter with a span processor of its own: its own bounded queue and export thread (the
 * {@code otel.bsp.*} settings apply to each), so a backend that is down or slow never delays or
 * drops the spans of another. It counts what it lost for the report at exit.
 */
final class ExportPipeline {

  private final String name;
  private final SpanAccounting accounting = new SpanAccounting();
  /** Null for the exporters that write to the JVM's log. */
  private final ExportOutage outage;
  private final SpanProcessor processor;

  private ExportPipeline(String name, ExportOutage outage, SpanExporter exporter, boolean batch,
      ConfigProperties config) {
    this(name, outage, exporter, batch, config, null);
  }

  /** {@code timeout}: the exporter's own, for the probe of its backend during an outage. */
  private ExportPipeline(String name, ExportOutage outage, SpanExporter exporter, boolean batch,
      ConfigProperties config, Duration timeout) {
    this.name = name;
    this.outage = outage;
    SpanExporter counted =
        accounting.counting(timeout == null ? exporter : new ProbingExporter(exporter, outage, timeout));
    this.processor =
        accounting.counting(batch ? batchProcessor(counted, config) : SimpleSpanProcessor.create(counted));
  }

  /**
   * The pipeline of one {@code otel.traces.exporter} entry. Throws when the exporter cannot be
   * built from the configuration (an unreadable certificate file, for instance).
   */
  static ExportPipeline create(String name, ConfigProperties config) {
    if (name.equals("zipkin")) {
      ExportOutage outage = ZipkinExporterProvider.outage(config);
      WarrenLog.debug("exporting spans to " + outage.describe());
      return new ExportPipeline(name, outage,
          AgentThreadExporter.of(ZipkinExporterProvider.createExporter(config, outage), false),
          true, config, ZipkinExporterProvider.timeout(config));
    }
    if (name.equals("otlp")) {
      ExportOutage outage = new ExportOutage("OTLP", OtlpSettings.endpoint(config));
      SpanExporter otlp =
          new OutageReportingExporter(
              AgentThreadExporter.of(
                  sdkExporter(name, config), config.getBoolean(OtlpSettings.RETRY_DISABLED, false)),
              outage);
      WarrenLog.debug("exporting spans to " + outage.describe() + " over "
          + OtlpSettings.PROTOCOL_HTTP + OtlpSettings.describeHeaders(config));
      return new ExportPipeline(name, outage, otlp, true, config, OtlpSettings.timeout(config));
    }
    // "logging", "console": one line per span in the JVM's log, at once, as the SDK does.
    return new ExportPipeline(name, null, sdkExporter(name, config), false, config);
  }

  /** The last resort when the configuration fails: Zipkin's default endpoint, default settings. */
  static ExportPipeline zipkinDefault(ConfigProperties defaults) {
    ExportOutage outage = new ExportOutage("Zipkin", ZipkinExporterProvider.DEFAULT_ENDPOINT);
    return new ExportPipeline("zipkin", outage,
        AgentThreadExporter.of(ZipkinExporterProvider.defaultExporter(outage), false),
        true, defaults, ZipkinExporterProvider.timeout(defaults));
  }

  /** A batching pipeline around any exporter (tests). */
  static ExportPipeline batching(String name, SpanExporter exporter, ConfigProperties config) {
    return new ExportPipeline(name, null, exporter, true, config);
  }

  SpanProcessor processor() {
    return processor;
  }

  String name() {
    return name;
  }

  /** One line, when spans were lost on their way to this exporter's backend. */
  void reportLosses() {
    reportLosses(name, outage == null ? "its log" : outage.describe(),
        accounting.notExported(), outage == null ? 0 : outage.unsent());
  }

  static void reportLosses(String exporter, String destination, long notExported, long unsent) {
    if (notExported + unsent > 0) {
      WarrenLog.warn(
          (notExported + unsent) + " spans were not exported by the " + exporter + " exporter: "
              + notExported + " dropped because its export queue (otel.bsp.max.queue.size) "
              + "was full or still held them at exit, "
              + unsent + " could not be sent to " + destination);
    }
  }

  /** The documented {@code otel.bsp.*} settings, read as the SDK reads them. */
  private static SpanProcessor batchProcessor(SpanExporter exporter, ConfigProperties config) {
    BatchSpanProcessorBuilder builder = BatchSpanProcessor.builder(exporter);
    Duration scheduleDelay = config.getDuration("otel.bsp.schedule.delay");
    if (scheduleDelay != null) {
      builder.setScheduleDelay(scheduleDelay);
    }
    Integer maxQueue = config.getInt("otel.bsp.max.queue.size");
    builder.setMaxQueueSize(maxQueue != null ? maxQueue : WarrenDefaults.MAX_QUEUE_SIZE);
    Integer maxBatch = config.getInt("otel.bsp.max.export.batch.size");
    if (maxBatch != null) {
      builder.setMaxExportBatchSize(maxBatch);
    }
    Duration timeout = config.getDuration("otel.bsp.export.timeout");
    if (timeout != null) {
      builder.setExporterTimeout(timeout);
    }
    return builder.build();
  }

  /** An exporter the SDK's own modules provide, found by its name as autoconfiguration does. */
  private static SpanExporter sdkExporter(String name, ConfigProperties config) {
    for (ConfigurableSpanExporterProvider provider :
        ServiceLoader.load(ConfigurableSpanExporterProvider.class, ExportPipeline.class.getClassLoader())) {
      if (provider.getName().equals(name)) {
        return provider.createExporter(config);
      }
    }
    throw new IllegalStateException("no exporter named " + name);
  }
}
