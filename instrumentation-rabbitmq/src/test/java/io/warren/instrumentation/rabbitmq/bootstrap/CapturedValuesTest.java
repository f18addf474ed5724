package io.warren.instrumentation.rabbitmq.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.rabbitmq.client.AMQP;
import io.warren.bootstrap.SpanStart;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CapturedValuesTest {

  @AfterEach
  void captureNothing() {
    CapturedValues.configure("");
  }

  @Test
  void headersAndPropertiesAreCapturedByName() {
    CapturedValues.configure("x-tenant, app_id,content_type, x-bytes, x-missing");
    Map<String, Object> headers = new HashMap<>();
    headers.put("x-tenant", "acme");
    headers.put("x-bytes", "raw".getBytes(StandardCharsets.UTF_8));
    AMQP.BasicProperties properties =
        new AMQP.BasicProperties.Builder().appId("billing").contentType("text/plain").build();

    SpanStart span = CapturedValues.describe(SpanStart.begin("test", SpanStart.Kind.CONSUMER, "p"), headers, properties);
    Map<String, Object> captured = new HashMap<>();
    for (int i = 0; i < span.attributeCount(); i++) {
      captured.put(span.key(i).name(), span.value(i));
    }
    span.clear();
    assertEquals(
        Map.of(
            "messaging.header.x-tenant", "acme",
            "messaging.header.x-bytes", "raw",
            "messaging.rabbitmq.message.app_id", "billing",
            "messaging.rabbitmq.message.content_type", "text/plain"),
        captured);
  }

  @Test
  void nothingConfiguredNothingCaptured() {
    SpanStart span = CapturedValues.describe(
        SpanStart.begin("test", SpanStart.Kind.CONSUMER, "p"), Map.of("x-tenant", "acme"), null);
    assertEquals(0, span.attributeCount());
    span.clear();
  }
}
