package io.warren.agent.config;

import io.warren.agent.zipkin.ZipkinExporterProvider;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code otel.*} settings something in the agent reads: the OpenTelemetry SDK's
 * autoconfiguration, the exporters and propagators Warren ships, and Warren's own. Any other
 * {@code otel.*} name is a typo to warn about, except under {@link #OTHERS_PREFIXES}.
 */
public final class OtelSettingNames {

  /**
   * Names read by code that changes between versions (the SDK's experimental switches), by
   * another agent that may share the JVM or its environment (the OpenTelemetry Java agent), or
   * by the OpenTelemetry SDKs of other languages and exporters Warren does not ship, whose
   * variables an environment shared by several services often holds: Warren cannot tell a typo
   * there, so it says nothing about them.
   */
  public static final List<String> OTHERS_PREFIXES =
      Collections.unmodifiableList(
          Arrays.asList(
              "otel.experimental.",
              "otel.java.experimental.",
              "otel.javaagent.",
              "otel.instrumentation.",
              "otel.semconv-stability.",
              "otel.log.level",
              "otel.exporter.prometheus.",
              "otel.python.",
              "otel.node.",
              "otel.dotnet.",
              "otel.go.",
              "otel.php.",
              "otel.ruby."));

  private static final List<String> OTLP_SIGNALS = Arrays.asList("", "traces.", "metrics.", "logs.");
  private static final List<String> OTLP_FIELDS =
      Arrays.asList(
          "endpoint", "headers", "compression", "timeout", "protocol", "certificate",
          "client.key", "client.certificate");

  private static final Set<String> KNOWN = new TreeSet<String>();

  static {
    KNOWN.addAll(
        Arrays.asList(
            "otel.sdk.disabled",
            "otel.config.file",
            "otel.java.global-autoconfigure.enabled",
            WarrenDefaults.SERVICE_NAME,
            WarrenDefaults.RESOURCE_ATTRIBUTES,
            "otel.resource.disabled.keys",
            "otel.java.enabled.resource.providers",
            "otel.java.disabled.resource.providers",
            "otel.propagators",
            "otel.traces.exporter",
            "otel.metrics.exporter",
            "otel.logs.exporter",
            "otel.traces.sampler",
            "otel.traces.sampler.arg",
            "otel.bsp.schedule.delay",
            "otel.bsp.max.queue.size",
            "otel.bsp.max.export.batch.size",
            "otel.bsp.export.timeout",
            "otel.blrp.schedule.delay",
            "otel.blrp.max.queue.size",
            "otel.blrp.max.export.batch.size",
            "otel.blrp.export.timeout",
            "otel.attribute.count.limit",
            "otel.attribute.value.length.limit",
            "otel.span.attribute.count.limit",
            "otel.span.attribute.value.length.limit",
            "otel.span.event.count.limit",
            "otel.span.link.count.limit",
            "otel.metric.export.interval",
            "otel.metrics.exemplar.filter",
            "otel.java.metrics.cardinality.limit",
            "otel.java.exporter.memory_mode",
            "otel.exporter.otlp.metrics.temporality.preference",
            "otel.exporter.otlp.metrics.default.histogram.aggregation",
            OtlpSettings.RETRY_DISABLED,
            ZipkinExporterProvider.ENDPOINT,
            ZipkinExporterProvider.TIMEOUT,
            ZipkinExporterProvider.COMPRESSION));
    for (String signal : OTLP_SIGNALS) {
      for (String field : OTLP_FIELDS) {
        KNOWN.add("otel.exporter.otlp." + signal + field);
      }
    }
  }

  private OtelSettingNames() {}

  /** Every known name, sorted. */
  public static Set<String> known() {
    return Collections.unmodifiableSet(KNOWN);
  }
}
