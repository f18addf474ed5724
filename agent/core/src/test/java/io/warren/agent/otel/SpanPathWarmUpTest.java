package io.warren.agent.otel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpanPathWarmUpTest {

  @Test
  void warmUpRecordsNothingInTheConfiguredSdkAndLeavesNoContextBehind() {
    InMemorySpanExporter exporter = InMemorySpanExporter.create();
    OpenTelemetrySdk configured =
        OpenTelemetrySdk.builder()
            .setTracerProvider(
                SdkTracerProvider.builder()
                    .addSpanProcessor(SimpleSpanProcessor.create(exporter))
                    .build())
            .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
            .build();

    SpanPathWarmUp.run(configured);

    assertEquals(List.of(), exporter.getFinishedSpanItems());
    assertEquals(Context.root(), Context.current(), "the delivery's scope was closed");
    configured.shutdown();
  }
}
