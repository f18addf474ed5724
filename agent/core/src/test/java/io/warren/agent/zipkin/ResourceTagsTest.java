package io.warren.agent.zipkin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.autoconfigure.spi.internal.DefaultConfigProperties;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.warren.agent.export.ExportOutage;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import zipkin2.Span;
import zipkin2.codec.SpanBytesDecoder;

/** What a Zipkin server receives from the exporter Warren builds: the resource's tags too. */
class ResourceTagsTest {

  @Test
  void theResourceAttributesTheUserSetReachZipkinAsTags() throws Exception {
    List<byte[]> received = new CopyOnWriteArrayList<>();
    HttpServer zipkin = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    zipkin.createContext("/api/v2/spans", exchange -> {
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      exchange.getRequestBody().transferTo(body);
      received.add(body.toByteArray());
      exchange.sendResponseHeaders(202, -1);
      exchange.close();
    });
    zipkin.start();
    try {
      String endpoint = "http://127.0.0.1:" + zipkin.getAddress().getPort() + "/api/v2/spans";
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

      assertEquals(1, received.size());
      Span span = SpanBytesDecoder.PROTO3.decodeList(received.get(0)).get(0);
      assertEquals("orders", span.localServiceName());
      assertEquals("staging", span.tags().get("deployment.environment"), span.tags().toString());
      assertEquals("42", span.tags().get("app.order"));
      assertFalse(span.tags().containsKey("service.name"), "the service is the local endpoint");
      assertFalse(span.tags().containsKey("telemetry.sdk.name"), "only what the user set");
      assertFalse(span.tags().containsKey("otel.dropped_attributes_count"), span.tags().toString());
    } finally {
      zipkin.stop(0);
    }
  }
}
