package io.warren.agent.otel;

import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;
import io.warren.agent.export.Secrets;
import io.warren.bootstrap.WarrenLog;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The exporters of {@code otel.traces.exporter}, each in an {@link ExportPipeline} of its own.
 * The SDK's autoconfiguration would put all of them behind one batch processor (one queue, one
 * export thread, each batch sent to every exporter in turn), so one backend that is down would
 * hold up the others; Warren therefore takes the list from it and builds the processors itself.
 */
final class ExportPipelines {

  static final String EXPORTERS = "otel.traces.exporter";

  private volatile Set<String> names = Collections.emptySet();
  private final List<ExportPipeline> pipelines = new CopyOnWriteArrayList<ExportPipeline>();

  /**
   * A properties customizer, after validation: remembers the exporters and tells the SDK to
   * build none.
   */
  Map<String, String> takeOver(ConfigProperties config) {
    names = exportersIn(config, EXPORTERS, "zipkin");
    return Collections.singletonMap(EXPORTERS, "none");
  }

  /** The exporters a list setting names (validated before), "none" left out. */
  static Set<String> exportersIn(ConfigProperties config, String key, String fallback) {
    Set<String> configured = new LinkedHashSet<String>();
    for (String name : config.getString(key, fallback).split(",")) {
      if (!name.trim().isEmpty() && !name.trim().equals("none")) {
        configured.add(name.trim());
      }
    }
    return configured;
  }

  /**
   * A tracer provider customizer: one processor per exporter. An exporter that cannot be built
   * costs its own spans only, with one warning.
   */
  SdkTracerProviderBuilder addTo(SdkTracerProviderBuilder builder, ConfigProperties config) {
    for (String name : names) {
      try {
        add(builder, ExportPipeline.create(name, config));
      } catch (RuntimeException | LinkageError | ServiceConfigurationError e) {
        WarrenLog.warn(
            EXPORTERS + ": the " + name + " exporter cannot be set up ("
                + Secrets.redact(String.valueOf(e.getMessage())) + "); spans are not sent there");
      }
    }
    return builder;
  }

  void add(SdkTracerProviderBuilder builder, ExportPipeline pipeline) {
    builder.addSpanProcessor(pipeline.processor());
    pipelines.add(pipeline);
  }

  List<String> exporters() {
    List<String> built = new ArrayList<String>();
    for (ExportPipeline pipeline : pipelines) {
      built.add(pipeline.name());
    }
    return built;
  }

  void reportLosses() {
    for (ExportPipeline pipeline : pipelines) {
      pipeline.reportLosses();
    }
  }
}
