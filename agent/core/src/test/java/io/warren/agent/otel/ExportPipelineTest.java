package io.warren.agent.otel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.internal.DefaultConfigProperties;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.warren.agent.ExportOnly;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import io.warren.agent.StandardError;
import org.junit.jupiter.api.Test;

class ExportPipelineTest {


  @Test
  void lostSpansAreReportedOnceWithTheirCausesAndTheExporter() {
    String log = StandardError.of(() -> ExportPipeline.reportLosses("otlp", "OTLP at http://c:4318/v1/traces", 3, 2));
    assertEquals(1, log.lines().count(), log);
    assertTrue(log.contains("5 spans were not exported by the otlp exporter"), log);
    assertTrue(log.contains("3 dropped because its export queue"), log);
    assertTrue(log.contains("2 could not be sent to OTLP at http://c:4318/v1/traces"), log);
  }

  @Test
  void nothingIsSaidWhenNothingWasLost() {
    assertEquals("", StandardError.of(() -> ExportPipeline.reportLosses("zipkin", "Zipkin at x", 0, 0)));
  }

  @Test
  void eachExporterHasItsOwnPipelineAndABrokenOneCostsOnlyItself() {
    ExportPipelines pipelines = new ExportPipelines();
    ConfigProperties config = DefaultConfigProperties.createFromMap(Map.of(
        "otel.traces.exporter", "zipkin,otlp,logging",
        "otel.exporter.otlp.certificate", "/no/such/ca.pem"));

    assertEquals(Map.of("otel.traces.exporter", "none"), pipelines.takeOver(config));
    String log = StandardError.of(() -> pipelines.addTo(SdkTracerProvider.builder(), config));

    assertEquals(List.of("zipkin", "logging"), pipelines.exporters());
    assertEquals(1, log.lines().count(), log);
    assertTrue(log.contains("the otlp exporter cannot be set up"), log);
    assertTrue(log.contains("/no/such/ca.pem"), log);
  }

  @Test
  void anExporterThatHangsNeverHoldsUpAnother() {
    InMemorySpanExporter delivered = InMemorySpanExporter.create();
    // Never completes, like a backend that never answers.
    SpanExporter hanging = ExportOnly.exporter(spans -> new CompletableResultCode());
    ConfigProperties config = DefaultConfigProperties.createFromMap(Map.of(
        "otel.bsp.schedule.delay", "10", "otel.bsp.export.timeout", "60s"));
    ExportPipeline stuck = ExportPipeline.batching("stuck", hanging, config);
    ExportPipeline healthy = ExportPipeline.batching("healthy", delivered, config);
    SdkTracerProviderBuilder builder = SdkTracerProvider.builder();
    ExportPipelines pipelines = new ExportPipelines();
    pipelines.add(builder, stuck);
    pipelines.add(builder, healthy);
    SdkTracerProvider provider = builder.build();
    try {
      Tracer tracer = provider.get("test");
      tracer.spanBuilder("first").startSpan().end();
      // The stuck pipeline's thread now waits for its export (up to 60 s); the healthy one's
      // queue is its own.
      tracer.spanBuilder("second").startSpan().end();

      assertTrue(healthy.processor().forceFlush().join(10, TimeUnit.SECONDS).isSuccess());
      assertEquals(2, delivered.getFinishedSpanItems().size());
    } finally {
      provider.shutdown();
    }
  }
}
