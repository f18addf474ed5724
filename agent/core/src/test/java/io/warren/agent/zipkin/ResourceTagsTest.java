package io.warren.agent.zipkin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.autoconfigure.spi.internal.DefaultConfigProperties;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.warren.agent.export.ExportOutage;
import java.util.Map;
import org.junit.jupiter.api.Test;
import zipkin2.Span;
import zipkin2.codec.SpanBytesDecoder;

/** What a Zipkin server receives from the exporter Warren builds: the resource's tags too. */
class ResourceTagsTest {

  @Test
  void theResourceAttributesTheUserSetReachZipkinAsTags() throws Exception {
    try (SpansReceiver zipkin = new SpansReceiver()) {
      String endpoint = zipkin.endpoint();
      SpanExporter exporter = ZipkinExporterProvider.createExporter(
          DefaultConfigProperties.createFromMap(Map.of(
              "otel.exporter.zipkin.endpoint", endpoint,
              "otel.resource.attributes", "service.name=orders,deployment.environment=staging")),
          new ExportOutage("Zipkin", endpoint));
      Resource resource = Resource.getDefault().merge(Resource.create(Attributes.of(
          AttributeKey.stringKey("service.name"), "orders",
          AttributeKey.stringKey("deployment.environment"), "staging")));
      SdkTracerProvider tracing = SdkTracerProvider.builder().setResource(resource)
          .addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();
      tracing.get("test").spanBuilder("publish").setAttribute("app.order", "42")
          .startSpan().end();
      tracing.forceFlush().join(10, java.util.concurrent.TimeUnit.SECONDS);
      tracing.shutdown();

      assertEquals(1, zipkin.requests.size());
      Span span = SpanBytesDecoder.PROTO3.decodeList(zipkin.requests.get(0).body()).get(0);
      assertEquals("orders", span.localServiceName());
      assertEquals("staging", span.tags().get("deployment.environment"), span.tags().toString());
      assertEquals("42", span.tags().get("app.order"));
      assertFalse(span.tags().containsKey("service.name"), "the service is the local endpoint");
      assertFalse(span.tags().containsKey("telemetry.sdk.name"), "only what the user set");
      assertFalse(span.tags().containsKey("otel.dropped_attributes_count"), span.tags().toString());
    }
  }
}
